// Pictures: storage by repository now; images pushed and pulled over time once the audit trail
// (CloudTrail LookupEvents) exists.
import { ecrAll } from '../api.js';
import { h } from '../dom.js';
import { bytes } from '../format.js';
import { bars } from '../charts.js';
import { usage, pool, repoHref } from './repositories.js';

export async function render() {
  const repos = await ecrAll('DescribeRepositories', { maxResults: 1000 }, 'repositories');
  const items = [];
  const denied = [];
  await pool(repos, 4, async (r) => {
    try {
      const u = await usage(r.repositoryName);
      items.push({ label: r.repositoryName, value: u.size, count: u.count, href: repoHref(r.repositoryName) });
    } catch (e) {
      denied.push(`${r.repositoryName}: ${e.message}`);
    }
  });
  const total = items.reduce((n, i) => n + i.value, 0);
  return h('div', null,
    h('h1', null, 'Insights'),
    h('section', { 'aria-labelledby': 'storage-title' },
      h('h2', { id: 'storage-title' }, 'Storage by repository'),
      h('p', null, `${items.length} repositories, ${bytes(total)} in all (the sum of image sizes; layers shared between images count in each).`),
      items.length ? bars(items, { caption: 'Total image size by repository', format: bytes }) : h('p', { class: 'empty' }, 'No repositories.'),
      denied.length ? h('details', null, h('summary', null, `${denied.length} repositories could not be read`), h('ul', null, denied.map((d) => h('li', null, d)))) : null),
    h('section', { 'aria-labelledby': 'activity-title', class: 'placeholder' },
      h('h2', { id: 'activity-title' }, 'Images pushed and pulled over time'),
      h('p', null, 'Not available yet: this picture will be drawn from the audit trail (CloudTrail LookupEvents) once Wharf records it. No numbers are shown rather than invented ones.')));
}
