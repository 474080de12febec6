// Checks shared by the escaping tests: what no output of jiaxiao may contain, whatever a submission holds.

/**
 * Characters no output may carry raw: C0 controls but the newline the renderers write, DEL, C1, bidi marks,
 * embeddings, overrides and isolates, the Unicode line separators, U+FFFE/U+FFFF and lone surrogates.
 */
export const RAW_UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|\p{Cs}/u;

/** The first problem with a text output, or undefined: raw unsafe characters, or a line CI would run. */
export function unsafeIn(text: string, { github = false } = {}): string | undefined {
  const raw = RAW_UNSAFE.exec(text);
  if (raw)
    return `raw U+${(raw[0].codePointAt(0) ?? 0).toString(16)} at ${raw.index}: ${JSON.stringify(text.slice(Math.max(0, raw.index - 40), raw.index + 10))}`;
  for (const line of text.split('\n')) {
    // The runner trims leading whitespace before looking for `::`, and finds `##[` anywhere in a line.
    if (/^\s*::/u.test(line)) {
      if (!github) return `workflow command line: ${line}`;
      // Ours: its properties hold no colon or comma of their own, so the first `::` after them ends it.
      if (!/^::(error|warning|notice) file=[^,:]*(,line=\d+)?(,col=\d+)?,title=jiaxiao [\w.]+::/.test(line))
        return `a github line not of our making: ${line}`;
    } else if (/##(vso)?\[/.test(line)) return `legacy workflow command: ${line}`;
  }
  return undefined;
}

/**
 * Why an XML document is not well-formed, or undefined: characters XML 1.0 cannot carry, a `<` or `&` that
 * starts no tag or entity, attributes not quoted, tags not nested, not exactly one root element.
 */
export function xmlProblem(xml: string): string | undefined {
  const bad = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.exec(xml);
  if (bad) return `character U+${(bad[0].codePointAt(0) ?? 0).toString(16)} at ${bad.index}`;
  const body = xml.replace(/^<\?xml [^?]*\?>\s*/, '');
  const entity = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(body);
  if (entity) return `a bare & at ${entity.index}`;
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|[^<]+|</g;
  const open: string[] = [];
  let roots = 0;
  for (const m of body.matchAll(token)) {
    const [all, close, name, , selfClosing] = m;
    if (all === '<') return `a < that starts no tag at ${m.index}`;
    if (name === undefined) {
      if (open.length === 0 && all.trim() !== '') return `text outside the root at ${m.index}`;
      continue;
    }
    if (close) {
      if (open.pop() !== name) return `</${name}> closes nothing open at ${m.index}`;
    } else {
      if (open.length === 0) roots++;
      if (!selfClosing) open.push(name);
    }
  }
  if (open.length > 0) return `unclosed <${open.join('>, <')}>`;
  return roots === 1 ? undefined : `${roots} root elements`;
}

/** A Markdown table row's cells: pipes not escaped by a backslash separate them. */
export const markdownCells = (row: string): string[] => row.replace(/\\./g, '').split('|').slice(1, -1);
