// Repositories: list with search, sizes and settings; create; delete (with force).
import { ecr, ecrAll } from '../api.js';
import { h, field, attempt } from '../dom.js';
import { bytes, time } from '../format.js';

export const repoHref = (name) => `#/repositories/${encodeURIComponent(name)}`;

/** Image count and total size of a repository (DescribeImages, every page). */
export async function usage(name) {
  const images = await ecrAll('DescribeImages', { repositoryName: name, maxResults: 1000 }, 'imageDetails');
  return { count: images.length, size: images.reduce((n, i) => n + (i.imageSizeInBytes || 0), 0), images };
}

/** Runs fn over items, at most `width` at a time. */
export async function pool(items, width, fn) {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(width, queue.length) }, async () => {
    while (queue.length) await fn(queue.shift());
  }));
}

export async function render() {
  const repos = await ecrAll('DescribeRepositories', { maxResults: 1000 }, 'repositories');
  repos.sort((a, b) => a.repositoryName.localeCompare(b.repositoryName));
  const search = h('input', { type: 'search', id: 'repo-search', placeholder: 'Filter by name', 'aria-controls': 'repo-table' });
  const rows = new Map();
  const tbody = h('tbody');
  for (const r of repos) {
    const tags = h('td', { 'data-label': 'Latest tags' }, '…');
    const count = h('td', { 'data-label': 'Images', class: 'num' }, '…');
    const size = h('td', { 'data-label': 'Total size', class: 'num' }, '…');
    const tr = h('tr', { 'data-repository': r.repositoryName },
      h('td', { 'data-label': 'Name' }, h('a', { href: repoHref(r.repositoryName) }, r.repositoryName)),
      tags, count, size,
      h('td', { 'data-label': 'Created' }, time(r.createdAt)),
      h('td', { 'data-label': 'Tag mutability' }, mutability(r)),
      h('td', { 'data-label': 'Scan on push' }, r.imageScanningConfiguration && r.imageScanningConfiguration.scanOnPush ? 'Yes' : 'No'),
      h('td', { 'data-label': 'Actions' }, deleteButton(r.repositoryName)));
    rows.set(r.repositoryName, { tr, tags, count, size });
    tbody.append(tr);
  }
  search.addEventListener('input', () => {
    const q = search.value.trim().toLowerCase();
    let shown = 0;
    for (const [name, { tr }] of rows) {
      tr.hidden = Boolean(q) && !name.toLowerCase().includes(q);
      if (!tr.hidden) shown++;
    }
    status.textContent = `${shown} of ${repos.length} repositories`;
  });
  const status = h('p', { class: 'muted', role: 'status' }, `${repos.length} repositories`);
  pool(repos, 4, async (r) => {
    const cells = rows.get(r.repositoryName);
    try {
      const u = await usage(r.repositoryName);
      cells.count.textContent = String(u.count);
      cells.size.textContent = bytes(u.size);
      cells.tags.replaceChildren(latestTags(r.repositoryName, u.images));
    } catch (e) {
      cells.tags.textContent = '';
      cells.count.textContent = '?';
      cells.size.textContent = e.notAuthorized ? 'not authorized' : '?';
      cells.size.title = e.message;
    }
  });
  return h('div', null,
    h('div', { class: 'page-head' }, h('h1', null, 'Repositories'), createForm()),
    h('div', { class: 'toolbar' }, field('Search repositories', search), status),
    repos.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'repo-table' },
      h('thead', null, h('tr', null, ['Name', 'Latest tags', 'Images', 'Total size', 'Created', 'Tag mutability', 'Scan on push', 'Actions']
        .map((c) => h('th', { scope: 'col', class: c === 'Images' || c === 'Total size' ? 'num' : null }, c)))),
      tbody))
      : h('p', { class: 'empty' }, 'No repositories yet. Create one, then push with docker, podman or skopeo.'));
}

/** The tags of the most recently pushed images, newest first: what the repository holds at a glance. */
function latestTags(name, images) {
  const tagged = images.filter((i) => i.imageTags && i.imageTags.length)
    .sort((a, b) => (b.imagePushedAt || 0) - (a.imagePushedAt || 0));
  const all = tagged.flatMap((i) => i.imageTags.map((tag) => ({ tag, digest: i.imageDigest })));
  if (!all.length) return h('span', { class: 'muted' }, 'none');
  const shown = all.slice(0, 4);
  return h('span', null, shown.map((t) => h('a', { class: 'tag', href: `${repoHref(name)}/images/${encodeURIComponent(t.digest)}` }, t.tag)),
    all.length > shown.length ? h('span', { class: 'muted' }, `+${all.length - shown.length} more`) : null);
}

export function mutability(r) {
  const ex = r.imageTagMutabilityExclusionFilters || [];
  return r.imageTagMutability + (ex.length ? ` (except ${ex.map((f) => f.filter).join(', ')})` : '');
}

function createForm() {
  const name = h('input', { id: 'new-repo-name', type: 'text', autocomplete: 'off', spellcheck: 'false', required: true });
  const mut = h('select', { id: 'new-repo-mutability' },
    ['MUTABLE', 'IMMUTABLE', 'MUTABLE_WITH_EXCLUSION', 'IMMUTABLE_WITH_EXCLUSION'].map((m) => h('option', { value: m }, m)));
  const scan = h('input', { id: 'new-repo-scan', type: 'checkbox' });
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'inline-form', id: 'create-repository' },
    field('Repository name', name, 'Lowercase letters, digits and . _ - /, for example team-a/web-app.'),
    field('Tag mutability', mut),
    h('div', { class: 'field check' }, scan, h('label', { for: 'new-repo-scan' }, 'Scan on push')),
    h('button', { type: 'submit', class: 'primary' }, 'Create repository'), out);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    // No checks of our own: the API's validation messages are the ones shown.
    const created = await attempt(out, () => ecr('CreateRepository', {
      repositoryName: name.value, imageTagMutability: mut.value,
      imageScanningConfiguration: { scanOnPush: scan.checked },
    }));
    if (created) location.hash = repoHref(created.repository.repositoryName);
  });
  return h('details', { class: 'create' }, h('summary', null, 'Create repository'), form);
}

function deleteButton(name) {
  const b = h('button', { type: 'button', class: 'danger small', 'aria-label': `Delete ${name}` }, 'Delete');
  b.addEventListener('click', () => confirmDelete(name, b));
  return b;
}

/** Deletes a repository; one that still holds images needs a second, explicit "delete with its images". */
function confirmDelete(name, anchor) {
  const out = h('div', { 'aria-live': 'polite' });
  const force = h('input', { type: 'checkbox', id: 'force-delete' });
  const typed = h('input', { type: 'text', id: 'confirm-name', autocomplete: 'off', spellcheck: 'false' });
  const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title' },
    h('h2', { id: 'confirm-title' }, `Delete ${name}?`),
    h('p', null, 'A repository that holds images is deleted only with "also delete its images" (DeleteRepository with force).'),
    h('div', { class: 'field check' }, force, h('label', { for: 'force-delete' }, 'Also delete its images (force)')),
    field(`Type ${name} to confirm`, typed),
    out,
    h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'danger', onclick: async () => {
        if (typed.value !== name) {
          out.replaceChildren(h('p', { class: 'alert error', role: 'alert' }, 'The name does not match.'));
          return;
        }
        const done = await attempt(out, () => ecr('DeleteRepository', { repositoryName: name, force: force.checked }));
        if (done) {
          dialog.close();
          dialog.remove();
          window.dispatchEvent(new HashChangeEvent('hashchange'));
        }
      } }, 'Delete'),
      h('button', { type: 'button', onclick: () => { dialog.close(); dialog.remove(); anchor.focus(); } }, 'Cancel')));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  typed.focus();
}

