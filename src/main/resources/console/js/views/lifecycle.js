// A repository's lifecycle policy: an editor validated by the API, and the preview of what the
// rules would expire now (StartLifecyclePolicyPreview / GetLifecyclePolicyPreview).
import { ecr } from '../api.js';
import { h, table, attempt, problem } from '../dom.js';
import { time, shortDigest } from '../format.js';
import { breadcrumb, tabs, imageHref } from './repository.js';
import { repoHref } from './repositories.js';
import { editor } from './permissions.js';

const EXAMPLE = JSON.stringify({
  rules: [{
    rulePriority: 1, description: 'Keep the 10 newest images',
    selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 10 },
    action: { type: 'expire' },
  }],
}, null, 2);

export async function render(name) {
  let current = '';
  let failure = null;
  try {
    current = (await ecr('GetLifecyclePolicy', { repositoryName: name })).lifecyclePolicyText || '';
  } catch (e) {
    if (e.code !== 'LifecyclePolicyNotFoundException') failure = e;
  }
  const previewOut = h('div', { id: 'preview-result', 'aria-live': 'polite' });
  const preview = h('button', { type: 'button', id: 'lifecycle-preview' }, 'Preview');
  const example = h('button', { type: 'button' }, 'Insert example');
  const ed = editor({
    id: 'lifecycle-text', label: 'Lifecycle policy (JSON)', value: current || '', saveLabel: 'Save lifecycle policy',
    onSave: (text) => ecr('PutLifecyclePolicy', { repositoryName: name, lifecyclePolicyText: text }),
    onDelete: () => ecr('DeleteLifecyclePolicy', { repositoryName: name }),
    extra: [preview, example],
  });
  const area = ed.querySelector('textarea');
  example.addEventListener('click', () => { area.value = EXAMPLE; area.focus(); });
  preview.addEventListener('click', () => attempt(previewOut, async () => {
    previewOut.replaceChildren(h('p', { class: 'loading' }, 'Evaluating…'));
    const text = area.value.trim();
    await ecr('StartLifecyclePolicyPreview', text ? { repositoryName: name, lifecyclePolicyText: text } : { repositoryName: name });
    let result;
    for (let i = 0; i < 30; i++) {
      result = await ecr('GetLifecyclePolicyPreview', { repositoryName: name });
      if (result.status !== 'IN_PROGRESS') break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const rows = [...(result.previewResults || [])];
    let token = result.nextToken;
    while (token) {
      const more = await ecr('GetLifecyclePolicyPreview', { repositoryName: name, nextToken: token });
      rows.push(...(more.previewResults || []));
      token = more.nextToken;
    }
    previewOut.replaceChildren(
      h('p', { role: 'status', class: rows.length ? 'alert warn' : 'alert ok' }, rows.length
        ? `${rows.length} image${rows.length === 1 ? '' : 's'} would expire (status ${result.status}).`
        : `No image would expire (status ${result.status}).`),
      table([
        { label: 'Tags', cell: (r) => (r.imageTags || []).join(', ') || 'untagged' },
        { label: 'Digest', cell: (r) => h('a', { href: imageHref(name, r.imageDigest), class: 'mono' }, shortDigest(r.imageDigest)) },
        { label: 'Pushed', cell: (r) => time(r.imagePushedAt) },
        { label: 'Rule', class: 'num', cell: (r) => String(r.appliedRulePriority) },
        { label: 'Action', cell: (r) => (r.action && r.action.type) || 'EXPIRE' },
      ], rows, 'Images the rules would expire', ''));
  }));
  return h('div', null,
    breadcrumb(h('a', { href: repoHref(name) }, name), h('span', null, 'Lifecycle')),
    h('h1', null, `${name}: lifecycle`),
    tabs(name, 'Lifecycle'),
    h('p', { class: 'help' }, 'Rules that expire images by age or count. Preview evaluates the text in the editor (saved or not) against the images now in the repository; nothing is deleted by a preview.'),
    failure ? problem(failure) : null,
    ed,
    h('h2', null, 'Preview'),
    previewOut);
}


