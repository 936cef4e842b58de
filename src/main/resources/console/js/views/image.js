// One image: its manifest and config rendered readably (layers, history, environment,
// entrypoint, labels), a picture of its layer sizes, and the raw JSON one click away.
import { ecr, ecrAll } from '../api.js';
import { h, copyable, table, problem } from '../dom.js';
import { bytes, time, registryHost, shortDigest } from '../format.js';
import { breadcrumb, manifest, imageHref, platformName, kind } from './repository.js';
import { repoHref } from './repositories.js';
import { bars } from '../charts.js';

const CONFIG_TYPES = ['application/vnd.oci.image.config.v1+json', 'application/vnd.docker.container.image.v1+json'];

export async function render(repo, digest) {
  const [m, described] = await Promise.all([
    manifest(repo, digest),
    ecr('DescribeImages', { repositoryName: repo, imageIds: [{ imageDigest: digest }] }).catch(() => ({ imageDetails: [] })),
  ]);
  const detail = (described.imageDetails || [])[0] || {};
  const tags = detail.imageTags || [];
  const title = tags.length ? `${repo}:${tags[0]}` : `${repo}@${shortDigest(digest)}`;
  const parts = [
    breadcrumb(h('a', { href: repoHref(repo) }, repo), h('span', null, tags[0] || shortDigest(digest))),
    h('h1', null, title),
    h('dl', { class: 'facts' },
      h('dt', null, 'Digest'), h('dd', null, copyable(digest, 'mono digest')),
      h('dt', null, 'Tags'), h('dd', null, tags.length ? tags.join(', ') : 'untagged'),
      h('dt', null, 'Media type'), h('dd', { class: 'mono' }, m.mediaType),
      h('dt', null, 'Type'), h('dd', null, detail.imageDigest ? kind(detail) : '—'),
      h('dt', null, 'Size'), h('dd', null, bytes(detail.imageSizeInBytes)),
      h('dt', null, 'Pushed'), h('dd', null, time(detail.imagePushedAt)),
      h('dt', null, 'Last pulled'), h('dd', null, detail.lastRecordedPullTime ? time(detail.lastRecordedPullTime) : 'never'),
      detail.subjectManifestDigest ? [h('dt', null, 'Refers to'),
        h('dd', null, h('a', { href: imageHref(repo, detail.subjectManifestDigest) }, detail.subjectManifestDigest))] : null,
      h('dt', null, 'Pull'), h('dd', null, copyable(`docker pull ${registryHost()}/${repo}@${digest}`))),
  ];
  if (m.json.manifests) {
    parts.push(h('h2', null, 'Platforms'), table([
      { label: 'Platform', cell: (x) => h('a', { href: imageHref(repo, x.digest) }, platformName(x.platform)) },
      { label: 'Digest', cell: (x) => h('code', { class: 'mono' }, x.digest) },
      { label: 'Size', class: 'num', cell: (x) => bytes(x.size) },
    ], m.json.manifests));
  } else {
    parts.push(...await imageParts(repo, m.json));
  }
  parts.push(await referrers(repo, digest));
  parts.push(h('details', { class: 'raw', id: 'raw-manifest' }, h('summary', null, 'Raw manifest JSON'),
    h('pre', { class: 'json' }, pretty(m.raw))));
  return h('div', null, parts);
}

async function imageParts(repo, mf) {
  const layers = mf.layers || [];
  const out = [h('h2', null, `Layers (${layers.length})`),
    layers.length > 1 ? bars(layers.map((l, i) => ({ label: `${i + 1}. ${shortDigest(l.digest)}`, value: l.size })),
      { caption: 'Layer sizes', format: bytes }) : null,
    table([
      { label: '#', class: 'num', cell: (l) => String(layers.indexOf(l) + 1) },
      { label: 'Digest', cell: (l) => copyable(l.digest, 'mono digest') },
      { label: 'Media type', cell: (l) => h('span', { class: 'mono small' }, l.mediaType) },
      { label: 'Size', class: 'num', cell: (l) => bytes(l.size) },
    ], layers, null, 'No layers.')];
  if (mf.annotations) out.push(h('h2', null, 'Annotations'), keyValues(mf.annotations));
  const cfg = mf.config;
  if (!cfg || !CONFIG_TYPES.includes(cfg.mediaType)) {
    if (cfg) out.push(h('p', { class: 'muted' }, `Artifact config: ${cfg.mediaType} (${bytes(cfg.size)}).`));
    return out;
  }
  try {
    const raw = await blob(repo, cfg.digest);
    const config = JSON.parse(raw);
    const c = config.config || {};
    out.push(h('h2', null, 'Configuration'),
      h('dl', { class: 'facts' },
        h('dt', null, 'Platform'), h('dd', null, platformName(config)),
        h('dt', null, 'Created'), h('dd', null, time(config.created)),
        h('dt', null, 'Entrypoint'), h('dd', { class: 'mono' }, c.Entrypoint ? JSON.stringify(c.Entrypoint) : '—'),
        h('dt', null, 'Command'), h('dd', { class: 'mono' }, c.Cmd ? JSON.stringify(c.Cmd) : '—'),
        h('dt', null, 'Working directory'), h('dd', { class: 'mono' }, c.WorkingDir || '—'),
        h('dt', null, 'User'), h('dd', { class: 'mono' }, c.User || '—'),
        h('dt', null, 'Exposed ports'), h('dd', { class: 'mono' }, c.ExposedPorts ? Object.keys(c.ExposedPorts).join(', ') : '—')),
      h('h3', null, 'Environment'),
      c.Env && c.Env.length ? h('ul', { class: 'mono env' }, c.Env.map((e) => h('li', null, e))) : h('p', { class: 'empty' }, 'None.'),
      h('h3', null, 'Labels'), keyValues(c.Labels || {}),
      h('h3', null, 'History'),
      table([
        { label: 'Created', cell: (x) => time(x.created) },
        { label: 'Step', cell: (x) => h('code', { class: 'mono small' }, x.created_by || '') },
        { label: 'Layer', cell: (x) => (x.empty_layer ? 'none' : 'yes') },
      ], config.history || [], null, 'No history recorded.'),
      h('details', { class: 'raw', id: 'raw-config' }, h('summary', null, 'Raw config JSON'), h('pre', { class: 'json' }, pretty(raw))));
  } catch (e) {
    out.push(h('h2', null, 'Configuration'), problem(e));
  }
  return out;
}

/** Signatures, SBOMs and attestations that refer to this image (ListImageReferrers). */
async function referrers(repo, digest) {
  const section = h('section', { 'aria-labelledby': 'referrers-title' }, h('h2', { id: 'referrers-title' }, 'Referrers'));
  try {
    const list = await ecrAll('ListImageReferrers', { repositoryName: repo, subjectId: { imageDigest: digest } }, 'referrers');
    section.append(table([
      { label: 'Artifact type', cell: (r) => h('a', { href: imageHref(repo, r.digest) }, r.artifactType || r.mediaType) },
      { label: 'Digest', cell: (r) => h('code', { class: 'mono' }, shortDigest(r.digest)) },
      { label: 'Size', class: 'num', cell: (r) => bytes(r.size) },
    ], list, null, 'No signature, SBOM or attestation refers to this image.'));
  } catch (e) {
    section.append(problem(e));
  }
  return section;
}

function keyValues(obj) {
  const entries = Object.entries(obj);
  if (!entries.length) return h('p', { class: 'empty' }, 'None.');
  return h('dl', { class: 'facts' }, entries.map(([k, v]) => [h('dt', { class: 'mono' }, k), h('dd', { class: 'mono' }, v)]));
}

/**
 * A blob of the repository through the public API: GetDownloadUrlForLayer gives a short-lived
 * URL (the URL is the credential). It is fetched from this origin, which serves that path.
 */
async function blob(repo, digest) {
  const { downloadUrl } = await ecr('GetDownloadUrlForLayer', { repositoryName: repo, layerDigest: digest });
  const u = new URL(downloadUrl, location.href);
  const response = await fetch(u.pathname + u.search, { credentials: 'omit', cache: 'no-store' });
  if (!response.ok) throw new Error(`The config blob could not be read (HTTP ${response.status})`);
  return response.text();
}

function pretty(raw) {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}
