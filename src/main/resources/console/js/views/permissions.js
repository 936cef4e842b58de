// A repository's permissions: its policy in an editor validated by the API itself, a "who can do
// what" panel backed by the IAM policy simulator, and tag immutability with its exclusions.
import { ecr, iam, iamAll, text, members, currentSession } from '../api.js';
import { h, field, attempt, problem } from '../dom.js';
import { breadcrumb, tabs } from './repository.js';
import { repoHref, mutability } from './repositories.js';

export const ECR_ACTIONS = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability',
  'ecr:DescribeImages', 'ecr:ListImages', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload',
  'ecr:PutImage', 'ecr:BatchDeleteImage', 'ecr:DeleteRepository', 'ecr:SetRepositoryPolicy', 'ecr:PutLifecyclePolicy'];

const TEMPLATE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'AllowPull', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' },
    Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'] }],
}, null, 2);

export async function render(name) {
  const { repositories: [repo] } = await ecr('DescribeRepositories', { repositoryNames: [name] });
  let policyText = '';
  let policyProblem = null;
  try {
    policyText = (await ecr('GetRepositoryPolicy', { repositoryName: name })).policyText || '';
  } catch (e) {
    if (e.code !== 'RepositoryPolicyNotFoundException') policyProblem = e;
  }
  return h('div', null,
    breadcrumb(h('a', { href: repoHref(name) }, name), h('span', null, 'Permissions')),
    h('h1', null, `${name}: permissions`),
    tabs(name, 'Permissions'),
    policyEditor(name, policyText, policyProblem),
    simulator(repo, () => document.getElementById('policy-text').value.trim()),
    immutability(name, repo));
}

/**
 * Where the error is, as line and column: from the API's message when it names them (Wharf's
 * policy validator does), else from the browser's JSON parser; null when neither knows.
 */
export function errorPosition(message, source) {
  const api = /line:? (\d+),? column:? (\d+)/.exec(message || '');
  if (api) return at(source, Number(api[1]), Number(api[2]));
  try {
    JSON.parse(source);
    return null;
  } catch (e) {
    const lc = /line (\d+) column (\d+)/.exec(e.message);
    if (lc) return at(source, Number(lc[1]), Number(lc[2]));
    const p = /position (\d+)/.exec(e.message);
    if (!p) return null;
    const before = source.slice(0, Number(p[1])).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1, offset: Number(p[1]) };
  }
}

function at(source, line, column) {
  return { line, column, offset: offsetOf(source, line, column) };
}

function offsetOf(source, line, column) {
  const lines = source.split('\n');
  return lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
}

/**
 * A policy editor: Save sends the text to the API (which validates exactly as for the CLI) and
 * shows its error beside the editor; for a JSON syntax error it also puts the cursor where it is.
 */
export function editor({ id, label, value, onSave, onDelete, saveLabel = 'Save policy', extra = [] }) {
  const area = h('textarea', { id, rows: 14, spellcheck: 'false', class: 'mono', 'aria-describedby': `${id}-error` }, '');
  area.value = value;
  const out = h('div', { id: `${id}-error`, 'aria-live': 'polite' });
  const saved = h('span', { class: 'muted', role: 'status' });
  const save = h('button', { type: 'button', class: 'primary', id: `${id}-save` }, saveLabel);
  save.addEventListener('click', async () => {
    saved.textContent = '';
    area.removeAttribute('aria-invalid');
    let failure;
    const ok = await attempt(out, () => onSave(area.value).catch((e) => { failure = e; throw e; }));
    if (ok === undefined) {
      area.setAttribute('aria-invalid', 'true');
      const where = errorPosition(failure && failure.message, area.value);
      if (where) {
        out.append(h('p', { class: 'where' }, `The error is at line ${where.line}, column ${where.column}.`));
        area.focus();
        area.setSelectionRange(Math.max(0, where.offset - 1), where.offset);
      }
    } else {
      saved.textContent = 'Saved.';
    }
  });
  const buttons = [save, ...extra];
  if (onDelete) {
    const del = h('button', { type: 'button', class: 'danger' }, 'Delete policy');
    del.addEventListener('click', async () => {
      if (await attempt(out, onDelete) !== undefined) {
        area.value = '';
        saved.textContent = 'Deleted.';
      }
    });
    buttons.push(del);
  }
  return h('div', { class: 'editor' }, field(label, area), h('div', { class: 'buttons' }, buttons, saved), out);
}

function policyEditor(name, value, failure) {
  const template = h('button', { type: 'button' }, 'Insert example');
  const section = h('section', { 'aria-labelledby': 'policy-title' },
    h('h2', { id: 'policy-title' }, 'Repository policy'),
    h('p', { class: 'help' }, 'Who else may use this repository (SetRepositoryPolicy). The API validates the document; its error is shown here.'),
    failure ? problem(failure) : null,
    editor({
      id: 'policy-text', label: 'Policy document (JSON)', value,
      onSave: (text) => ecr('SetRepositoryPolicy', { repositoryName: name, policyText: text }),
      onDelete: () => ecr('DeleteRepositoryPolicy', { repositoryName: name }),
      extra: [template],
    }));
  template.addEventListener('click', () => {
    const area = section.querySelector('textarea');
    const session = currentSession();
    area.value = TEMPLATE.replace('123456789012', session ? session.account : '123456789012');
    area.focus();
  });
  return section;
}

/** "Who can do what": each principal of the account, each action, on this repository, with its policy. */
function simulator(repo, policyText) {
  const principal = h('select', { id: 'sim-principal' }, h('option', { value: '' }, 'Loading principals…'));
  const out = h('div', { id: 'sim-result', 'aria-live': 'polite' });
  (async () => {
    try {
      const [users, roles, groups] = await Promise.all([
        iamAll('ListUsers', {}, 'Users'), iamAll('ListRoles', {}, 'Roles'), iamAll('ListGroups', {}, 'Groups')]);
      const opt = (kind, m, nameTag) => h('option', { value: text(m, 'Arn') }, `${kind} ${text(m, nameTag)}`);
      principal.replaceChildren(h('option', { value: '' }, 'Choose a user, role or group'),
        ...users.map((m) => opt('user', m, 'UserName')), ...roles.map((m) => opt('role', m, 'RoleName')),
        ...groups.map((m) => opt('group', m, 'GroupName')));
    } catch (e) {
      principal.replaceChildren(h('option', { value: '' }, 'Principals could not be listed'));
      out.replaceChildren(problem(e));
    }
  })();
  const run = h('button', { type: 'button', class: 'primary', id: 'sim-run' }, 'Check');
  run.addEventListener('click', () => attempt(out, async () => {
    if (!principal.value) throw Object.assign(new Error('Choose a principal first.'), { code: 'Choose a principal' });
    const params = { PolicySourceArn: principal.value, 'ResourceArns.member.1': repo.repositoryArn };
    ECR_ACTIONS.forEach((a, i) => { params[`ActionNames.member.${i + 1}`] = a; });
    const policy = policyText();
    if (policy) params.ResourcePolicy = policy;
    const xml = await iam('SimulatePrincipalPolicy', params);
    out.replaceChildren(simulationTable(xml));
  }));
  return h('section', { 'aria-labelledby': 'sim-title' },
    h('h2', { id: 'sim-title' }, 'Who can do what'),
    h('p', { class: 'help' }, 'The policy simulator (iam:SimulatePrincipalPolicy) evaluates the principal\'s identity policies together with the repository policy in the editor above, as Wharf decides every request.'),
    h('div', { class: 'toolbar' }, field('Principal', principal), run),
    out);
}

export function simulationTable(xml) {
  const rows = members(xml, 'EvaluationResults');
  return h('div', { class: 'table-wrap' }, h('table', { class: 'simulation' },
    h('thead', null, h('tr', null, ['Action', 'Decision', 'Decided by'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, rows.map((r) => {
      const decision = text(r, 'EvalDecision');
      const matched = members(r, 'MatchedStatements').map(statementName);
      return h('tr', null,
        h('td', { class: 'mono', 'data-label': 'Action' }, text(r, 'EvalActionName')),
        h('td', { 'data-label': 'Decision' }, h('span', { class: `decision ${decision === 'allowed' ? 'allowed' : 'denied'}` },
          decision === 'allowed' ? 'Allowed' : decision === 'explicitDeny' ? 'Denied (explicit deny)' : 'Denied (no allow)')),
        h('td', { 'data-label': 'Decided by' }, matched.length ? h('ul', { class: 'plain' }, matched.map((m) => h('li', null, m)))
          : decision === 'implicitDeny' ? 'no statement allows it' : 'the account root may do anything in its account'));
    }))));
}

const SOURCE_TYPES = { user: 'user policy', group: 'group policy', role: 'role policy', 'aws-managed': 'AWS managed policy',
  'user-managed': 'managed policy', resource: 'repository policy', none: 'policy' };

/** "statement 2 (Sid Pull) of user policy team" from a MatchedStatements member. */
function statementName(s) {
  const number = text(s, 'StatementNumber');
  const sid = text(s, 'Sid');
  const type = SOURCE_TYPES[text(s, 'SourcePolicyType')] || text(s, 'SourcePolicyType');
  const source = text(s, 'SourcePolicyType') === 'resource' ? 'the repository policy' : `${type} ${text(s, 'SourcePolicyId')}`;
  return `${number ? `statement ${number}` : 'a statement'}${sid ? ` (Sid ${sid})` : ''} of ${source}`;
}

function immutability(name, repo) {
  const mode = h('select', { id: 'mutability' },
    ['MUTABLE', 'IMMUTABLE', 'MUTABLE_WITH_EXCLUSION', 'IMMUTABLE_WITH_EXCLUSION'].map((m) =>
      h('option', { value: m, selected: m === repo.imageTagMutability }, m)));
  const filters = h('textarea', { id: 'mutability-exclusions', rows: 3, class: 'mono', spellcheck: 'false' });
  filters.value = (repo.imageTagMutabilityExclusionFilters || []).map((f) => f.filter).join('\n');
  const current = h('p', { role: 'status' }, `Now: ${mutability(repo)}`);
  const out = h('div', { 'aria-live': 'polite' });
  const save = h('button', { type: 'button', class: 'primary' }, 'Save tag mutability');
  save.addEventListener('click', async () => {
    const list = filters.value.split('\n').map((f) => f.trim()).filter(Boolean);
    const input = { repositoryName: name, imageTagMutability: mode.value };
    if (list.length) input.imageTagMutabilityExclusionFilters = list.map((f) => ({ filterType: 'WILDCARD', filter: f }));
    const r = await attempt(out, () => ecr('PutImageTagMutability', input));
    if (r) current.textContent = `Now: ${mutability(r)}`;
  });
  return h('section', { 'aria-labelledby': 'mut-title' },
    h('h2', { id: 'mut-title' }, 'Tag immutability'),
    h('p', { class: 'help' }, 'Immutable tags cannot be moved to another image. Exclusions are wildcard filters (one per line, for example latest or dev-*) that behave the other way.'),
    current, field('Mode', mode), field('Exclusion filters', filters), save, out);
}

