// The closed set of rule kinds. Adding one: its own file, and one line here.
import type { RuleKind } from '../types.js';
import { byLevel } from './by-level.js';
import { allOf, anyOf, atLeast } from './combine.js';
import { count } from './count.js';
import { coverage } from './coverage.js';
import { flag } from './flag.js';
import { ratio } from './ratio.js';
import { recent } from './recent.js';
import { share } from './share.js';
import { threshold } from './threshold.js';
import { tiers } from './tiers.js';
import { trend } from './trend.js';

export const RULE_KINDS: Record<string, RuleKind<never>> = Object.fromEntries(
  [flag, threshold, ratio, count, coverage, share, trend, recent, anyOf, allOf, atLeast, tiers, byLevel].map((k) => [
    k.kind,
    k as RuleKind<never>,
  ]),
);
