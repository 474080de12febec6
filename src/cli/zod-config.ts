// Imported first: zod decides at each schema's construction whether to compile its checks with `new Function`,
// and the evidence schema is built when its module loads. Compiling costs a run of one file a few milliseconds and,
// measured on a 1,000-school batch, gains nothing; so never.
import * as z from 'zod';

z.config({ jitless: true });
