// Pictures as inline SVG: horizontal bars, each labelled with its value (readable without colour,
// and by screen readers through the list of <title>s and the figure's caption).
import { h, s } from './dom.js';

/**
 * @param items   [{label, value, href?}]
 * @param options {caption, format: value => string, max?: number of bars shown}
 */
export function bars(items, { caption, format = String, max = 20 }) {
  const shown = [...items].sort((a, b) => b.value - a.value).slice(0, max);
  const top = Math.max(1, ...shown.map((i) => i.value));
  const rowH = 28;
  const width = 640;
  const labelW = 220;
  const valueW = 90;
  const barW = width - labelW - valueW;
  const svg = s('svg', { viewBox: `0 0 ${width} ${shown.length * rowH + 4}`, class: 'chart', role: 'img', 'aria-label': caption },
    shown.map((item, i) => {
      const y = i * rowH + 2;
      const w = Math.max(2, Math.round((item.value / top) * barW));
      const label = item.label.length > 30 ? `…${item.label.slice(-29)}` : item.label;
      const g = s('g', { class: 'bar' },
        s('title', null, `${item.label}: ${format(item.value)}`),
        s('text', { x: labelW - 8, y: y + rowH / 2 + 5, 'text-anchor': 'end', class: 'label' }, label),
        s('rect', { x: labelW, y: y + 4, width: w, height: rowH - 8, rx: 3 }),
        s('text', { x: labelW + w + 6, y: y + rowH / 2 + 5, class: 'value' }, format(item.value)));
      if (!item.href) return g;
      const a = s('a', { href: item.href }, g);
      return a;
    }));
  const more = items.length > shown.length ? h('p', { class: 'muted' }, `The ${max} largest of ${items.length} are shown.`) : null;
  return h('figure', { class: 'chart-figure' }, svg, h('figcaption', null, caption), more);
}

/**
 * Counts over time as grouped columns, one group per period and one column per series, with a
 * table beside it holding the same numbers (the chart's text alternative).
 * @param periods [{label, values: [number per series]}], oldest first
 * @param options {caption, series: [{name, class}]}: each series' class colours its columns (style.css)
 */
export function columns(periods, { caption, series }) {
  const top = Math.max(1, ...periods.flatMap((p) => p.values));
  const width = 640;
  const plotH = 160;
  const axisH = 36;
  const groupW = width / Math.max(1, periods.length);
  const colW = Math.max(2, (groupW - 6) / series.length);
  const svg = s('svg', { viewBox: `0 0 ${width} ${plotH + axisH}`, class: 'chart columns', role: 'img', 'aria-label': caption },
    periods.map((p, i) => s('g', { class: 'period' },
      s('title', null, `${p.label}: ${series.map((sr, j) => `${p.values[j]} ${sr.name}`).join(', ')}`),
      p.values.map((v, j) => {
        const hgt = v ? Math.max(2, Math.round((v / top) * (plotH - 18))) : 0;
        const x = i * groupW + 3 + j * colW;
        return s('rect', { x, y: plotH - hgt, width: colW - 1, height: hgt, class: series[j].class });
      }),
      s('text', { x: i * groupW + groupW / 2, y: plotH + 16, 'text-anchor': 'middle', class: 'label' }, p.label.slice(-5)))),
    s('text', { x: 4, y: 12, class: 'value' }, `max ${top}`),
    series.map((sr, j) => s('g', { class: 'legend' },
      s('rect', { x: 120 + j * 120, y: plotH + 24, width: 10, height: 10, class: sr.class }),
      s('text', { x: 136 + j * 120, y: plotH + 34, class: 'label' }, sr.name))));
  const table = h('table', { class: 'chart-table' },
    h('caption', null, caption),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Day'), series.map((sr) => h('th', { scope: 'col' }, sr.name)))),
    h('tbody', null, periods.map((p) => h('tr', null, h('th', { scope: 'row' }, p.label), p.values.map((v) => h('td', null, String(v)))))));
  return h('figure', { class: 'chart-figure' }, svg, h('figcaption', null, caption),
    h('details', null, h('summary', null, 'The numbers as a table'), h('div', { class: 'table-wrap' }, table)));
}
