// One escaping function per output kind (src/base/escape.ts): fixed cases, then any string at all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeGithubData,
  escapeGithubProperty,
  escapeMarkdown,
  escapeText,
  escapeXml,
  jsonText,
  jsonTextPieces,
  markdownLines,
  textLine,
  textLines,
  xmlLines,
} from '../src/base/escape.js';
import { firstUnsafeChar } from '../src/base/unsafe-chars.js';
import { markdownCells, RAW_UNSAFE, unsafeIn, xmlProblem } from './safe-output.js';

const ESC = '\u001b';

describe('terminal and plain text', () => {
  it.each([
    [`${ESC}[2J${ESC}]0;pwned\u0007`, '\\e[2J\\e]0;pwned\\x07'],
    ['x\n::warning::y\rz\t', 'x\\n::warning::y\\rz\\t'],
    ['\u0000\u007f\u0085\u009b', '\\x00\\x7f\\x85\\x9b'],
    ['abc\u202egnp.exe \u2066x\u2069 \u200e\u200f\u061c', 'abc\\u202Egnp.exe \\u2066x\\u2069 \\u200E\\u200F\\u061C'],
    ['\u2028\u2029 \ufffe\uffff \ud800 \udc00', '\\u2028\\u2029 \\uFFFE\\uFFFF \\uD800 \\uDC00'],
    // Ordinary text, a literal backslash and a real surrogate pair stay as written.
    ['利通区第一小学 a\\b 😀 ｜全角｜', '利通区第一小学 a\\b 😀 ｜全角｜'],
  ])('%j is shown as %j', (value, shown) => {
    expect(escapeText(value)).toBe(shown);
  });

  it('a line that would be a workflow command is not one any more', () => {
    expect(textLine('::warning file=a::x')).toBe('\\x3a:warning file=a::x');
    expect(textLine(' \u3000\t::error::x')).toBe(' \u3000\t\\x3a:error::x');
    expect(textLine(`${ESC}[1m::error::x`)).toBe(`${ESC}[1m\\x3a:error::x`);
    expect(textLine('a ##[error]x ###[warning]y ##vso[task.setvariable]z')).toBe(
      'a \\x23#[error]x #\\x23#[warning]y \\x23#vso[task.setvariable]z',
    );
    // Colons and hashes elsewhere are left alone.
    expect(textLine('时间 10:30 a::b #1 ## [x]')).toBe('时间 10:30 a::b #1 ## [x]');
    expect(textLines(['ok', '::x::y\n  ::z::w'])).toBe('ok\n\\x3a:x::y\n  \\x3a:z::w');
  });

  it('no string makes an unsafe line or a second line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const line = textLine(escapeText(a + b));
        expect(line).not.toContain('\n');
        expect(unsafeIn(line)).toBeUndefined();
      }),
      { numRuns: 1000, seed: 20261129 },
    );
  });
});

describe('GitHub workflow commands', () => {
  it('percent-encode the data and properties after escaping controls', () => {
    expect(escapeGithubData(`50% x\ny ${ESC}[1m`)).toBe('50%25 x\\ny \\e[1m');
    expect(escapeGithubProperty('a:b,c%\r')).toBe('a%3Ab%2Cc%25\\r');
  });
  it('no string ends the command or adds a line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const line = `::error file=${escapeGithubProperty(s)},title=jiaxiao x::${escapeGithubData(s)}`;
        expect(line).not.toMatch(RAW_UNSAFE);
        expect(line).not.toMatch(/[\n\r]/);
        // The command's own `::` is the first after its start: a property holds no colon or comma.
        expect(escapeGithubProperty(s)).not.toMatch(/[:,]/);
      }),
      { numRuns: 1000, seed: 20261129 },
    );
  });
});

describe('JUnit XML', () => {
  it('escapes the five special characters and shows the characters XML cannot carry', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('x\uFFFE\u0001\ud800')).toBe('x\\uFFFE\\x01\\uD800');
    // A CI runner reading the report in a log finds no command; an XML reader gets the very same text.
    expect(xmlLines(['<a>', '::warning::x ##[error]y</a>'])).toBe('<a>\n&#58;:warning::x &#35;#[error]y</a>');
  });
  it('any string in an attribute and in text keeps the document well-formed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const doc = xmlLines(['<?xml version="1.0"?>', `<a b="${escapeXml(s)}">`, `${escapeXml(s)}<c/></a>`]);
        expect(xmlProblem(doc)).toBeUndefined();
        expect(unsafeIn(doc)).toBeUndefined();
      }),
      { numRuns: 1000, seed: 20261129 },
    );
  });
  it('the checker itself refuses broken documents', () => {
    for (const doc of ['<a>x\uFFFE</a>', '<a>&x</a>', '<a><b></a>', '<a>1 < 2</a>', '<a/><b/>', '<a b=c/>']) {
      expect(xmlProblem(doc), doc).toBeDefined();
    }
  });
});

describe('Markdown', () => {
  it('shows HTML, emphasis, links, pipes and line breaks as written', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)> | *a* _b_ [l](u) `c` ~d~ $e$ \\ &amp;\r\n')).toBe(
      '&lt;img src=x onerror=alert(1)&gt; \\| \\*a\\* \\_b\\_ \\[l\\](u) \\`c\\` \\~d\\~ \\$e\\$ \\\\ &amp;amp;\\\\r\\\\n',
    );
    expect(markdownLines(['| a ##[error]b |', '::x::y'])).toBe('| a &#35;#[error]b |\n&#58;:x::y');
  });
  it('no string adds a cell, a row or raw HTML', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const row = markdownLines([`| ${escapeMarkdown(s)} | 1:1 | 错误 | ${escapeMarkdown(s)} |`]);
        expect(row).not.toMatch(/[<\n\r]/);
        expect(unsafeIn(row)).toBeUndefined();
        expect(markdownCells(row)).toHaveLength(4);
      }),
      { numRuns: 1000, seed: 20261129 },
    );
  });
});

describe('JSON', () => {
  it('writes ##[ inside strings as \\u0023#[', () => {
    expect(jsonText({ a: '##[error]x ##vso[y]' })).toBe('{\n  "a": "\\u0023#[error]x \\u0023#vso[y]"\n}\n');
  });
  it('reads back the very same value, with no unsafe character raw (lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const value = { a, list: [b, `${a}\ud800`] };
        const text = jsonText(value);
        expect(JSON.parse(text)).toEqual(value);
        expect(unsafeIn(text)).toBeUndefined();
        expect(text.endsWith('}\n')).toBe(true);
      }),
      { numRuns: 1000, seed: 20261129 },
    );
  });
  it('in pieces (a summary written school by school) joins to the very same text', () => {
    const item = fc.record({ name: fc.string({ unit: 'binary' }), n: fc.double(), more: fc.array(fc.jsonValue()) });
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.array(item, { maxLength: 8 }), (a, items) => {
        const value = { a, ranking: [] as unknown[], b: [a, { c: a }] };
        const pieces = [...jsonTextPieces(value, 'ranking', items, (x) => ({ ...x, tag: '##[x' }))];
        const whole = jsonText({ ...value, ranking: items.map((x) => ({ ...x, tag: '##[x' })) });
        expect(pieces.join('')).toBe(whole);
      }),
      { numRuns: 500, seed: 20261207 },
    );
    // Past the items made at once (64): where one array's text ends and the next begins.
    fc.assert(
      fc.property(fc.array(item, { minLength: 60, maxLength: 200 }), (items) => {
        const pieces = [...jsonTextPieces({ ranking: [] as unknown[] }, 'ranking', items, (x) => ({ ...x, tag: '#' }))];
        expect(pieces.join('')).toBe(jsonText({ ranking: items.map((x) => ({ ...x, tag: '#' })) }));
      }),
      { numRuns: 40, seed: 20261208 },
    );
  });
  it('a long list comes in several pieces, none of them the whole', () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({ school: `示例学校${i}`, file: `县/school-${i}.yaml` }));
    const pieces = [...jsonTextPieces({ ranking: [], after: 1 }, 'ranking', items, (x) => x)];
    expect(pieces.length).toBeGreaterThan(3);
    const whole = jsonText({ ranking: items, after: 1 });
    expect(pieces.join('')).toBe(whole);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(whole.length / 3);
  });
});

describe('the evidence check', () => {
  it('names the first control character and where it is, allowing what a note may hold', () => {
    expect(firstUnsafeChar('学校名称')).toBeUndefined();
    expect(firstUnsafeChar(`😀a${ESC}[2J`)).toEqual({ char: 'U+001B', index: 3 });
    expect(firstUnsafeChar('line\nline\r', '\n\t')).toEqual({ char: 'U+000D', index: 10 });
    expect(firstUnsafeChar('x\ud800')).toEqual({ char: 'U+D800', index: 2 });
    expect(firstUnsafeChar('利通区\u202e')).toEqual({ char: 'U+202E', index: 4 });
  });
});
