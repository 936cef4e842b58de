// One repository: its images with tags, digests, sizes and times; indexes open to their
// platforms; referrers (signatures, SBOMs, attestations) under their subject; pull commands.
import { ecr, ecrAll, ApiError } from '../api.js';
import { h, copyable, problem } from '../dom.js';
import { bytes, time, ago, registryHost, shortDigest } from '../format.js';
import { repoHref, mutability } from './repositories.js';

const INDEX_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'];
export const ACCEPT = [...INDEX_TYPES, 'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json', 'application/vnd.docker.distribution.manifest.v1+json'];

export const imageHref = (repo, digest) => `${repoHref(repo)}/images/${encodeURIComponent(digest)}`;

/** The tabs of a repository's pages. */
export function tabs(name, current) {
  const tab = (label, href) => h('a', { href, 'aria-current': label === current ? 'page' : null }, label);
  return h('nav', { class: 'tabs', 'aria-label': 'Repository' },
    tab('Images', repoHref(name)), tab('Permissions', `${repoHref(name)}/permissions`), tab('Lifecycle', `${repoHref(name)}/lifecycle`));
}

export function breadcrumb(...parts) {
  return h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' },
    h('a', { href: '#/repositories' }, 'Repositories'), parts.map((p) => [' / ', p]));
}

export async function render(name) {
  const [{ repositories: [repo] }] = await Promise.all([ecr('DescribeRepositories', { repositoryNames: [name] })]);
  const filter = h('select', { id: 'tag-status' },
    h('option', { value: 'ANY' }, 'All images'), h('option', { value: 'TAGGED' }, 'Tagged'), h('option', { value: 'UNTAGGED' }, 'Untagged'));
  const list = h('div', { id: 'images' });
  const load = async () => {
    list.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
    try {
      const images = await ecrAll('DescribeImages', { repositoryName: name, filter: { tagStatus: filter.value }, maxResults: 1000 }, 'imageDetails');
      list.replaceChildren(imagesTable(name, images));
    } catch (e) {
      list.replaceChildren(problem(e));
    }
  };
  filter.addEventListener('change', load);
  await load();
  return h('div', null,
    breadcrumb(h('span', null, name)),
    h('h1', null, name),
    tabs(name, 'Images'),
    h('dl', { class: 'facts' },
      h('dt', null, 'URI'), h('dd', null, copyable(`${registryHost()}/${name}`)),
      h('dt', null, 'Created'), h('dd', null, time(repo.createdAt)),
      h('dt', null, 'Tag mutability'), h('dd', null, mutability(repo)),
      h('dt', null, 'Scan on push'), h('dd', null, repo.imageScanningConfiguration?.scanOnPush ? 'Yes' : 'No'),
      h('dt', null, 'Encryption'), h('dd', null, repo.encryptionConfiguration?.encryptionType || '—')),
    h('div', { class: 'toolbar' }, h('div', { class: 'field' }, h('label', { for: 'tag-status' }, 'Tag status'), filter)),
    list);
}

function imagesTable(repo, images) {
  if (!images.length) {
    return h('p', { class: 'empty' }, 'No images. Push one: ', h('code', null, `docker push ${registryHost()}/${repo}:latest`));
  }
  const byDigest = new Map(images.map((i) => [i.imageDigest, i]));
  const referrers = new Map();
  const top = [];
  for (const i of images) {
    if (i.subjectManifestDigest && byDigest.has(i.subjectManifestDigest)) {
      if (!referrers.has(i.subjectManifestDigest)) referrers.set(i.subjectManifestDigest, []);
      referrers.get(i.subjectManifestDigest).push(i);
    } else {
      top.push(i);
    }
  }
  top.sort((a, b) => (b.imagePushedAt || 0) - (a.imagePushedAt || 0));
  const head = h('thead', null, h('tr', null, ['Tags', 'Digest', 'Size', 'Pushed', 'Last pulled', 'Type']
    .map((c) => h('th', { scope: 'col', class: c === 'Size' ? 'num' : null }, c))));
  const body = h('tbody');
  for (const img of top) {
    body.append(row(repo, img, 0));
    for (const r of referrers.get(img.imageDigest) || []) body.append(row(repo, r, 1));
  }
  return h('div', { class: 'table-wrap' }, h('table', { class: 'images' }, head, body));
}

function row(repo, img, depth) {
  const tags = img.imageTags || [];
  const isIndex = INDEX_TYPES.includes(img.imageManifestMediaType);
  const ref = tags.length ? `${repo}:${tags[0]}` : `${repo}@${img.imageDigest}`;
  const cells = h('td', { 'data-label': 'Tags', class: depth ? 'referrer' : null },
    depth ? h('span', { class: 'badge' }, 'referrer') : null,
    tags.length ? tags.map((t) => h('a', { class: 'tag', href: imageHref(repo, img.imageDigest) }, t))
      : h('a', { href: imageHref(repo, img.imageDigest), class: 'untagged' }, 'untagged'),
    pullCommands(ref),
    isIndex ? platforms(repo, img.imageDigest) : null);
  return h('tr', { 'data-digest': img.imageDigest },
    cells,
    h('td', { 'data-label': 'Digest' }, copyable(img.imageDigest, 'mono digest')),
    h('td', { 'data-label': 'Size', class: 'num' }, bytes(img.imageSizeInBytes)),
    h('td', { 'data-label': 'Pushed', title: time(img.imagePushedAt) }, ago(img.imagePushedAt)),
    h('td', { 'data-label': 'Last pulled', title: time(img.lastRecordedPullTime) }, img.lastRecordedPullTime ? ago(img.lastRecordedPullTime) : 'never'),
    h('td', { 'data-label': 'Type' }, kind(img)));
}

/** What the image is, in words: the artifact type for referrers and artifacts, else image or index. */
export function kind(img) {
  const t = img.artifactMediaType || '';
  if (INDEX_TYPES.includes(img.imageManifestMediaType)) return 'multi-platform index';
  if (/image\.config|container\.image/.test(t)) return 'image';
  return t || img.imageManifestMediaType;
}

function pullCommands(ref) {
  const host = registryHost();
  const docker = `docker pull ${host}/${ref}`;
  const skopeo = `skopeo copy docker://${host}/${ref} oci:./${ref.replace(/[/:@]/g, '_')}`;
  return h('details', { class: 'pull' }, h('summary', null, 'Pull commands'),
    h('div', null, copyable(docker)), h('div', null, copyable(skopeo)));
}

/** An index's platforms, fetched when opened (BatchGetImage of the index). */
function platforms(repo, digest) {
  const box = h('div');
  const d = h('details', { class: 'platforms' }, h('summary', null, 'Platforms'), box);
  let loaded = false;
  d.addEventListener('toggle', async () => {
    if (!d.open || loaded) return;
    loaded = true;
    box.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
    try {
      const index = await manifest(repo, digest);
      box.replaceChildren(h('ul', null, (index.json.manifests || []).map((m) => h('li', null,
        h('a', { href: imageHref(repo, m.digest) }, platformName(m.platform)), ' ',
        h('span', { class: 'muted mono' }, shortDigest(m.digest)), ' ', bytes(m.size)))));
    } catch (e) {
      box.replaceChildren(problem(e));
    }
  });
  return d;
}

export function platformName(p) {
  if (!p) return 'unknown platform';
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/** A manifest by digest (BatchGetImage): its JSON and media type. */
export async function manifest(repo, digest) {
  const r = await ecr('BatchGetImage', { repositoryName: repo, imageIds: [{ imageDigest: digest }], acceptedMediaTypes: ACCEPT });
  if (!r.images || !r.images.length) {
    const f = (r.failures || [])[0] || { failureCode: 'ImageNotFound', failureReason: 'The image is not in the repository' };
    throw new ApiError('ecr:BatchGetImage', f.failureCode, f.failureReason, 200);
  }
  const img = r.images[0];
  return { raw: img.imageManifest, json: JSON.parse(img.imageManifest), mediaType: img.imageManifestMediaType };
}
