// docs/rubric-language.md: the hand-written frame (language-doc.md) with each rule kind's own documentation
// (its `doc`, beside its evaluation) in between. `npm run docs` writes it; a test keeps it in step.
import { RULE_KINDS } from '../engine/rules/index.js';
import type { RuleDoc } from '../engine/types.js';
import frame from './language-doc.md?raw';

const MARK = '<!-- rule kinds: generated from src/engine/rules/*.ts -->\n\n';

export function rubricLanguageMarkdown(): string {
  // Kinds that share one documentation (anyOf, allOf, atLeast) share one section.
  const sections = new Map<RuleDoc, string[]>();
  for (const kind of Object.values(RULE_KINDS)) sections.set(kind.doc, [...(sections.get(kind.doc) ?? []), kind.kind]);
  const body = [...sections]
    .map(
      ([doc, kinds]) =>
        `### ${kinds.map((k) => `\`${k}\``).join(' · ')} — ${doc.title.zh} · ${doc.title.en}\n\n` +
        `\`\`\`yaml\n${doc.example}\`\`\`\n${doc.text.zh}\n\n${doc.text.en}\n\n`,
    )
    .join('');
  const banner =
    '<!-- 由 `npm run docs` 从 src/rubric/language-doc.md 与 src/engine/rules/*.ts 生成，请勿直接编辑。 -->\n';
  return banner + frame.replace(MARK, body);
}
