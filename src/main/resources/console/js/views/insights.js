// Pictures: storage by repository now, and images pushed and pulled per day from the audit trail
// (CloudTrail LookupEvents: skopeo's pushes are PutImage events, its pulls BatchGetImage).
import { ecrAll, cloudtrail } from '../api.js';
import { h, problem } from '../dom.js';
import { bytes } from '../format.js';
import { bars, columns } from '../charts.js';
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
    h('section', { 'aria-labelledby': 'activity-title' },
      h('h2', { id: 'activity-title' }, 'Images pushed and pulled over time'),
      await activity()));
}

const DAYS = 14;
/** Pages of LookupEvents read per event name at most: a busy registry's older days are then undercounted, and the page says so. */
const MAX_PAGES = 20;

/** Pushes and pulls per local day over the last DAYS days, or the API's refusal in the panel's place. */
async function activity() {
  const start = new Date();
  start.setHours(0, 0, 0, 0);
  start.setDate(start.getDate() - (DAYS - 1));
  const days = [];
  for (let i = 0; i < DAYS; i++) {
    const d = new Date(start);
    d.setDate(start.getDate() + i);
    days.push(dayKey(d));
  }
  let counts;
  try {
    counts = await Promise.all(['PutImage', 'BatchGetImage'].map((name) => perDay(name, start)));
  } catch (e) {
    return problem(e);
  }
  const periods = days.map((label) => ({ label, values: counts.map((c) => c.days.get(label) || 0) }));
  const cut = counts.some((c) => c.truncated)
    ? h('p', { class: 'muted' }, `Only the newest ${MAX_PAGES * 50} events of each kind were read: the oldest days shown may be undercounted.`)
    : null;
  return h('div', null,
    columns(periods, { caption: `Images pushed and pulled per day, last ${DAYS} days`,
      series: [{ name: 'pushed', class: 'pushes' }, { name: 'pulled', class: 'pulls' }] }),
    cut);
}

/** Events named eventName since start, counted by local day (newest first, so a cut loses the oldest). */
async function perDay(eventName, start) {
  const input = {
    LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: eventName }],
    StartTime: Math.floor(start.getTime() / 1000),
    MaxResults: 50,
  };
  const days = new Map();
  let nextToken;
  let pages = 0;
  do {
    const page = await cloudtrail('LookupEvents', nextToken ? { ...input, NextToken: nextToken } : input);
    for (const e of page.Events || []) {
      const key = dayKey(new Date(e.EventTime * 1000));
      days.set(key, (days.get(key) || 0) + 1);
    }
    nextToken = page.NextToken;
    pages++;
  } while (nextToken && pages < MAX_PAGES);
  return { days, truncated: Boolean(nextToken) };
}

/** YYYY-MM-DD in the browser's time zone: a user's "today". */
function dayKey(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
