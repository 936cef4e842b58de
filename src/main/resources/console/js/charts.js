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
