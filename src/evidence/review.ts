// A reviewer's file (复评): beside a school's evidence file as `<stem>.review.yaml`, or given with --review.
// It sets a check's result (passed) or a 要点's score, each with a reason, and names the reviewer and the
// date. This file reads it on its own terms; what it says of a rubric and of the school's evidence is
// checked in validation/review.ts.

import * as z from 'zod';
import { once } from '../base/once.js';
import { hasErrors, type Problem } from '../base/problem.js';
import { firstUnsafeChar } from '../base/unsafe-chars.js';
import { PARSE } from '../base/zod-parse.js';
import { decodeBytes, plainLines } from '../io/decode.js';
import { type Located, parseYaml } from '../io/yaml.js';
import { issuesToProblems } from './issues.js';
import { labelled } from './labels.js';
import { isoDate } from './schema.js';

const plain = (s: string, ctx: z.core.$RefinementCtx<string>) => {
  const bad = firstUnsafeChar(s);
  if (bad) ctx.addIssue({ code: 'custom', input: s, params: { code: 'controlChar', ...bad } });
};
const text = (zh: string, en: string, hint: string) =>
  labelled(z.string().trim().min(1).superRefine(plain), zh, en, hint);

const adjustment = once(() =>
  labelled(
    z
      .strictObject({
        id: labelled(
          z.string().trim().min(1),
          '核查项或要点编号',
          'check or item id',
          '写核查项编号（如 B6.3a，配 passed）或要点编号（如 B4.1，配 score）',
        ),
        passed: labelled(
          z.boolean(),
          '复评结果（是否通过）',
          'reviewed result',
          '写 true（通过）或 false（不通过）',
        ).optional(),
        score: labelled(
          z.number().nonnegative(),
          '复评得分',
          'reviewed score',
          '写 0 到该要点分值之间的数，如 1.5',
        ).optional(),
        reason: text('复评理由', 'reason', '写明改判的依据，如 第二学期第二次讲座记录补交，已核实'),
      })
      .refine((a) => (a.passed === undefined) !== (a.score === undefined), {
        message: 'code:review.passedOrScore',
        path: ['id'],
      }),
    '复评调整',
    'adjustment',
  ),
);

/** Built on first use: a run without a review file never needs it. */
export const reviewSchema = once(() =>
  labelled(
    z.strictObject({
      school: labelled(
        z.union([z.string().superRefine(plain), z.number().int()]).transform((v) => String(v).trim()),
        '学校（标识码或名称）',
        'school (code or name)',
        '写证据文件中的学校标识码（如 "2164020003"）或学校名称',
      ),
      year: labelled(z.string().regex(/^\d{4}-\d{4}$/), '学年', 'academic year', '写成 2023-2024'),
      reviewer: text('复评人', 'reviewer', '写复评人姓名，如 张三'),
      date: isoDate('复评日期', 'review date'),
      adjustments: labelled(z.array(adjustment()).min(1), '复评调整', 'adjustments', '至少写一条，见 examples/'),
    }),
    '复评文件',
    'review file',
  ),
);

export type ReviewData = z.output<ReturnType<typeof reviewSchema>>;
export type ReviewAdjustment = ReviewData['adjustments'][number];

export interface ParsedReview {
  review?: ReviewData;
  source?: Located;
  problems: Problem[];
}

const withFile = (problems: Problem[], file?: string): Problem[] =>
  file ? problems.map((p) => ({ ...p, file })) : problems;

/** A review file's bytes → its data, or located problems. Never throws on bad input. */
export function parseReviewBytes(bytes: Uint8Array, file?: string): ParsedReview {
  const decoded = decodeBytes(bytes);
  if (decoded.text === undefined || hasErrors(decoded.problems)) return { problems: withFile(decoded.problems, file) };
  const parsed = parseReviewText(decoded.text, file);
  return { ...parsed, problems: [...withFile(decoded.problems, file), ...parsed.problems] };
}

export function parseReviewText(text: string, file?: string): ParsedReview {
  const clean = plainLines(text);
  const yaml = parseYaml(clean);
  const early = withFile(yaml.problems, file);
  if (!yaml.source || hasErrors(early)) return { problems: early };
  const value = yaml.value;
  const looksLikeReview =
    value !== null && typeof value === 'object' && !Array.isArray(value) && 'adjustments' in value;
  if (!looksLikeReview)
    return {
      problems: [
        ...early,
        ...withFile([{ severity: 'error', code: 'review.notReview', params: {}, line: 1, col: 1 }], file),
      ],
    };
  const result = reviewSchema().safeParse(value, { ...PARSE, reportInput: true });
  if (!result.success)
    return { problems: [...early, ...issuesToProblems(result.error.issues, reviewSchema(), yaml.source, file)] };
  return { review: result.data, source: yaml.source, problems: early };
}
