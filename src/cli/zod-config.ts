// Imported first: zod decides once, at its first schema, whether to compile fast paths with `new Function`.
// A run that parses a few files never earns that compilation back.
import * as z from 'zod';

z.config({ jitless: true });
