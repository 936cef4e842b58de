// A small DOM builder. Text always goes in as text nodes (never innerHTML), so nothing a
// repository name, tag, label or policy holds can become markup.

/**
 * h('a', {href: '#/x', class: 'btn', onclick: fn}, 'text', childNode, [more, children])
 * Attributes that are functions become event listeners; false/null/undefined ones are skipped.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === false || v === null || v === undefined) continue;
      if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
      else if (k === 'value') el.value = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** SVG elements (charts). */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  append(el, children);
  return el;
}

/** A button that copies text to the clipboard and says so. */
export function copyButton(text, label = 'Copy') {
  const b = h('button', { type: 'button', class: 'copy', 'aria-label': `${label}: ${text}` }, label);
  b.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      b.textContent = 'Copied';
    } catch {
      // No clipboard outside secure contexts: select the text so Ctrl+C works.
      const code = b.previousElementSibling;
      if (code) getSelection().selectAllChildren(code);
      b.textContent = 'Press Ctrl+C';
    }
    setTimeout(() => { b.textContent = label; }, 1500);
  });
  return b;
}

/** A value with its copy button. */
export function copyable(text, className = 'mono') {
  return h('span', { class: 'copyable' }, h('code', { class: className }, text), copyButton(text));
}

/** A table: columns [{label, cell: row => node|string, class?}], rows. */
export function table(columns, rows, caption, empty = 'Nothing here yet.') {
  if (!rows.length) return h('p', { class: 'empty' }, empty);
  return h('div', { class: 'table-wrap' }, h('table', null,
    caption ? h('caption', null, caption) : null,
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label)))),
    h('tbody', null, rows.map((r) => h('tr', null, columns.map((c) => h('td', { class: c.class, 'data-label': c.label }, c.cell(r))))))));
}

/** A labelled form field. */
export function field(label, input, help) {
  const id = input.id || (input.id = 'f-' + Math.random().toString(36).slice(2, 9));
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, help ? h('p', { class: 'help' }, help) : null);
}

/**
 * What went wrong, in the API's words. A policy denial says "Not authorized" and names the
 * action, so a user knows what to ask for instead of facing an empty page.
 */
export function problem(e) {
  if (e && e.notAuthorized) {
    return h('div', { class: 'alert denied', role: 'alert' },
      h('strong', null, `Not authorized: ${e.action}`),
      h('p', null, `Your policies do not allow ${e.action}. Ask an administrator for this permission.`),
      h('p', { class: 'detail' }, `${e.code}: ${e.message}`));
  }
  return h('div', { class: 'alert error', role: 'alert' },
    h('strong', null, e && e.code ? `${e.code}${e.action ? ` (${e.action})` : ''}` : 'Error'),
    h('p', { class: 'detail' }, e ? e.message : 'Unknown error'));
}

/** Runs an async action from a button, showing its error (or nothing) in the given slot. */
export async function attempt(slot, fn) {
  slot.replaceChildren();
  try {
    return await fn();
  } catch (e) {
    slot.replaceChildren(problem(e));
    return undefined;
  }
}
