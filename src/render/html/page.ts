// The page around a sheet or a report: a self-contained HTML document (no script, no network: the CSP says
// so to the browser), a Chinese font stack every system has without downloading, and print rules for A4.
import type { Lang } from '../../i18n/messages.js';
import { type Html, html, raw } from './markup.js';

/** Nothing loads from anywhere: inline styles and data: images only, no script at all. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

// Our own CSS, as written. Its lines must not start with `::` (a CI log would run them): pseudo-elements,
// if ever needed, follow a selector on the same line.
const CSS = `
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
html { color: #000; background: #fff; font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", SimSun, sans-serif; font-size: 10pt; line-height: 1.45; }
body { margin: 0 auto; padding: 0; max-width: 180mm; }
h1, .sheet-title { font-size: 15pt; text-align: center; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 5mm 0 2mm; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; }
p { margin: 1mm 0; }
a { color: inherit; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 1mm 0 2mm; }
th, td { border: 1px solid #000; padding: 1.2mm 1.5mm; vertical-align: top; overflow-wrap: break-word; word-break: normal; }
th { font-weight: bold; text-align: center; vertical-align: middle; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
/* A row's cells merged down hold its rows together: the 一级指标 cell would keep a whole group on one page. */
tr.group-start { break-inside: auto; page-break-inside: auto; }
.num { text-align: center; vertical-align: middle; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.num { white-space: normal; }
table.ranking { font-size: 8.5pt; }
table.ranking th, table.ranking td { padding: 1mm 0.8mm; }
table.ranking th { overflow-wrap: normal; }
table.ranking td.num { white-space: nowrap; }
.r { text-align: right; }
.group, .indicator { text-align: center; vertical-align: middle; font-size: 9pt; }
.id { display: block; font-weight: bold; }
.small { font-size: 8.5pt; }
.muted { color: #444; }
.school-info { text-align: center; margin: 0 0 3mm; }
.school-info span { display: inline-block; margin: 0 2.5mm; }
.item { margin: 0; }
.item + .item { margin-top: 1.2mm; }
.item-points { white-space: nowrap; font-variant-numeric: tabular-nums; }
.mark { display: inline-block; width: 1.2em; font-weight: bold; }
.lost .mark { color: #b00020; }
ul.reasons { list-style: none; margin: 0.5mm 0 0 1.2em; padding: 0; font-size: 8.5pt; color: #222; }
ul.reasons li { margin: 0; padding-left: 1.2em; text-indent: -1.2em; }
.cite { color: #555; }
.flag { font-weight: bold; }
tr.total th, tr.total td { font-weight: bold; }
.totals { font-size: 11pt; margin: 2mm 0; }
.totals span { display: inline-block; margin-right: 6mm; }
.sign { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 2mm 6mm; margin: 10mm 0 2mm; }
.chart { display: block; width: 100%; height: auto; max-width: 680px; margin: 1mm 0 3mm; break-inside: avoid; page-break-inside: avoid; }
svg text { font-family: inherit; fill: #000; }
.svg-label { font-size: 11px; }
.svg-small { font-size: 10px; }
.school { break-before: page; page-break-before: always; }
.keep { break-inside: avoid; page-break-inside: avoid; }
nav.toc ol { margin: 1mm 0; padding-left: 6mm; columns: 2; column-gap: 8mm; }
nav.toc li { break-inside: avoid; }
@media print {
  html { font-size: 9.5pt; }
  body { max-width: none; }
  a { text-decoration: none; }
  .lost .mark { color: #000; }
}
`;

/** The whole document around its body: the caller gives the title (escaped here like any text). */
export const page = (lang: Lang, title: string, body: Html): Html =>
  html`<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8"/>
<meta http-equiv="Content-Security-Policy" content="${CSP}"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="generator" content="jiaxiao"/>
<title>${title}</title>
<style>${raw(CSS)}</style>
</head>
<body>
${body}
</body>
</html>
`;
