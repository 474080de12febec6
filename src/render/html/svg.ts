// Inline SVG charts drawn from numbers we computed: horizontal bars (attainment per 二级指标, counties) and
// a histogram (折算分). Coordinates are rounded to tenths, so the same numbers give the same bytes; labels
// pass through the one template (markup.ts) like every other string. Grey fills with dark outlines print
// the same in colour and in black and white, and need no background printing.
import { width } from '../text.js';
import { type Html, html } from './markup.js';

/** A coordinate in tenths: no float noise (0.30000000000000004) in the file. */
export const n1 = (x: number): string => String(Math.round(x * 10) / 10);

const WIDTH = 680;
const FILLS = ['#555555', '#bbbbbb'];
const STROKE = '#222222';

/** A label cut to at most `units` columns (a CJK character takes two), with … when cut; the tables beside hold the whole. */
export function fitLabel(label: string, units: number): string {
  if (width(label) <= units) return label;
  let out = '';
  for (const ch of label) {
    if (width(out + ch) > units - 1) break;
    out += ch;
  }
  return `${out}…`;
}

export interface BarRow {
  label: string;
  /** Per series: a fraction of the full bar (0…1), with the text shown after it; null where it does not apply. */
  values: ({ fraction: number; text: string } | null)[];
}

export interface BarChart {
  /** For screen readers and the tooltip: what the chart shows. */
  title: string;
  /** Series names (a legend when more than one). */
  series: string[];
  rows: BarRow[];
  /** Shown where a value does not apply. */
  none: string;
  /** Tick labels under the axis, at 0, ¼, ½, ¾ and the full bar. */
  ticks: [string, string, string, string, string];
}

/** Horizontal bars, one group per row: label on the left, bars from a common axis, values after them. */
export function barChart(chart: BarChart): Html {
  const labelW = 170;
  const left = labelW + 6;
  const right = WIDTH - 100;
  const span = right - left;
  const bar = chart.series.length > 1 ? 9 : 12;
  const rowH = chart.series.length * (bar + 2) + 8;
  const top = chart.series.length > 1 ? 26 : 8;
  const height = top + chart.rows.length * rowH + 22;
  const legend =
    chart.series.length > 1
      ? chart.series.map((name, k) => {
          const x = left + k * 140;
          return html`<rect x="${n1(x)}" y="6" width="12" height="10" fill="${FILLS[k % FILLS.length]}" stroke="${STROKE}" stroke-width="0.5"/><text x="${n1(x + 16)}" y="15" class="svg-small">${name}</text>`;
        })
      : [];
  const grid = chart.ticks.map((tick, k) => {
    const x = left + (span * k) / 4;
    const bottom = top + chart.rows.length * rowH;
    return html`<line x1="${n1(x)}" y1="${n1(top - 2)}" x2="${n1(x)}" y2="${n1(bottom)}" stroke="#999999" stroke-width="0.5"${k === 0 ? '' : html` stroke-dasharray="2 2"`}/><text x="${n1(x)}" y="${n1(bottom + 14)}" text-anchor="middle" class="svg-small">${tick}</text>`;
  });
  const rows = chart.rows.map((row, i) => {
    const y = top + i * rowH + 4;
    const labelY = y + (chart.series.length * (bar + 2)) / 2 + 4;
    const bars = row.values.map((v, k) => {
      const by = y + k * (bar + 2);
      if (v === null)
        return html`<text x="${n1(left + 4)}" y="${n1(by + bar - 2)}" class="svg-small">${chart.none}</text>`;
      const w = span * Math.max(0, Math.min(1, v.fraction));
      return html`<rect x="${n1(left)}" y="${n1(by)}" width="${n1(w)}" height="${bar}" fill="${FILLS[k % FILLS.length]}" stroke="${STROKE}" stroke-width="0.5"/><text x="${n1(left + w + 4)}" y="${n1(by + bar - 2)}" class="svg-small">${v.text}</text>`;
    });
    return html`<text x="${labelW}" y="${n1(labelY)}" text-anchor="end" class="svg-label">${fitLabel(row.label, 26)}</text>${bars}`;
  });
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 ${WIDTH} ${n1(height)}" width="${WIDTH}" height="${n1(height)}" aria-label="${chart.title}"><title>${chart.title}</title>${legend}${grid}${rows}</svg>`;
}

export interface Histogram {
  title: string;
  /** One bar per bin, left to right. */
  bins: { label: string; count: number }[];
  /** The y axis' name. */
  unit: string;
}

/** Vertical bars: a count per bin, the count above each bar, the bin under it. */
export function histogram(h: Histogram): Html {
  const left = 44;
  const right = WIDTH - 10;
  const top = 16;
  const plotH = 160;
  const bottom = top + plotH;
  const most = Math.max(1, ...h.bins.map((b) => b.count));
  const step = Math.max(1, Math.ceil(most / 5));
  const ceiling = step * Math.ceil(most / step);
  const slot = (right - left) / Math.max(1, h.bins.length);
  const ticks = [];
  for (let v = 0; v <= ceiling; v += step) {
    const y = bottom - (plotH * v) / ceiling;
    ticks.push(
      html`<line x1="${left}" y1="${n1(y)}" x2="${right}" y2="${n1(y)}" stroke="#999999" stroke-width="0.5"${v === 0 ? '' : html` stroke-dasharray="2 2"`}/><text x="${left - 6}" y="${n1(y + 4)}" text-anchor="end" class="svg-small">${v}</text>`,
    );
  }
  const bars = h.bins.map((b, i) => {
    const x = left + i * slot + 4;
    const barH = (plotH * b.count) / ceiling;
    const w = slot - 8;
    const cx = x + w / 2;
    return html`<rect x="${n1(x)}" y="${n1(bottom - barH)}" width="${n1(w)}" height="${n1(barH)}" fill="${FILLS[0]}" stroke="${STROKE}" stroke-width="0.5"/>${b.count > 0 ? html`<text x="${n1(cx)}" y="${n1(bottom - barH - 4)}" text-anchor="middle" class="svg-small">${b.count}</text>` : ''}<text x="${n1(cx)}" y="${n1(bottom + 14)}" text-anchor="middle" class="svg-small">${b.label}</text>`;
  });
  const height = bottom + 22;
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" aria-label="${h.title}"><title>${h.title}</title><text x="4" y="10" class="svg-small">${h.unit}</text>${ticks}${bars}</svg>`;
}
