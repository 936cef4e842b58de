// IAM: users, groups and roles of the account, their policies (managed and inline) and access keys.
import { iam, iamAll, text, members } from '../api.js';
import { h, field, table, attempt, copyable, problem } from '../dom.js';
import { time } from '../format.js';
import { editor } from './permissions.js';

const KINDS = {
  users: { word: 'User', title: 'Users', list: 'ListUsers', listTag: 'Users', name: 'UserName' },
  groups: { word: 'Group', title: 'Groups', list: 'ListGroups', listTag: 'Groups', name: 'GroupName' },
  roles: { word: 'Role', title: 'Roles', list: 'ListRoles', listTag: 'Roles', name: 'RoleName' },
};

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::ACCOUNT:root' }, Action: 'sts:AssumeRole' }],
}, null, 2);

const href = (kind, name) => `#/iam/${kind}/${encodeURIComponent(name)}`;

function iamTabs(current) {
  return h('nav', { class: 'tabs', 'aria-label': 'IAM' }, Object.entries(KINDS).map(([k, v]) =>
    h('a', { href: `#/iam/${k}`, 'aria-current': k === current ? 'page' : null }, v.title)));
}

export async function render(kind) {
  const k = KINDS[kind];
  if (!k) return h('p', null, 'No such page.');
  const items = await iamAll(k.list, {}, k.listTag);
  return h('div', null,
    h('h1', null, `IAM ${k.title.toLowerCase()}`),
    iamTabs(kind),
    createForm(kind),
    table([
      { label: 'Name', cell: (m) => h('a', { href: href(kind, text(m, k.name)) }, text(m, k.name)) },
      { label: 'ARN', cell: (m) => h('span', { class: 'mono small' }, text(m, 'Arn')) },
      { label: 'Created', cell: (m) => time(text(m, 'CreateDate')) },
    ], items, null, `No ${k.title.toLowerCase()} yet.`));
}

function createForm(kind) {
  const k = KINDS[kind];
  const name = h('input', { type: 'text', id: `new-${kind}`, autocomplete: 'off', spellcheck: 'false', required: true });
  const trust = kind === 'roles' ? h('textarea', { id: 'new-role-trust', rows: 8, class: 'mono', spellcheck: 'false' }) : null;
  if (trust) trust.value = TRUST;
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'inline-form' }, field(`${k.word} name`, name),
    trust ? field('Trust policy (who may assume the role)', trust) : null,
    h('button', { type: 'submit', class: 'primary' }, `Create ${k.word.toLowerCase()}`), out);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const params = { [k.name]: name.value };
    if (trust) params.AssumeRolePolicyDocument = trust.value;
    if (await attempt(out, () => iam(`Create${k.word}`, params)) !== undefined) location.hash = href(kind, name.value);
  });
  return h('details', { class: 'create' }, h('summary', null, `Create ${k.word.toLowerCase()}`), form);
}

export async function renderOne(kind, name) {
  const k = KINDS[kind];
  if (!k) return h('p', null, 'No such page.');
  const got = await iam(`Get${k.word}`, { [k.name]: name });
  const arn = text(got, 'Arn');
  const parts = [
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: `#/iam/${kind}` }, `IAM ${k.title.toLowerCase()}`), ' / ', h('span', null, name)),
    h('h1', null, `${k.word} ${name}`),
    h('dl', { class: 'facts' }, h('dt', null, 'ARN'), h('dd', null, copyable(arn)),
      h('dt', null, 'Created'), h('dd', null, time(text(got, 'CreateDate')))),
  ];
  if (kind === 'users') parts.push(await accessKeys(name), await userGroups(name));
  if (kind === 'groups') {
    parts.push(h('h2', null, 'Members'), table([
      { label: 'User', cell: (m) => h('a', { href: href('users', text(m, 'UserName')) }, text(m, 'UserName')) },
    ], members(got, 'Users'), null, 'No members.'));
  }
  if (kind === 'roles') {
    const doc = decodeURIComponent(text(got, 'AssumeRolePolicyDocument'));
    parts.push(h('h2', null, 'Trust policy'), editor({
      id: 'trust-policy', label: 'Who may assume this role', value: pretty(doc), saveLabel: 'Save trust policy',
      onSave: (t) => iam('UpdateAssumeRolePolicy', { RoleName: name, PolicyDocument: t }),
    }));
  }
  parts.push(await managedPolicies(k, name), await inlinePolicies(k, name), deleteSection(kind, name));
  return h('div', null, parts);
}

function pretty(doc) {
  try {
    return JSON.stringify(JSON.parse(doc), null, 2);
  } catch {
    return doc;
  }
}

async function accessKeys(user) {
  const section = h('section', { 'aria-labelledby': 'keys-title' });
  const out = h('div', { 'aria-live': 'polite' });
  const draw = async () => {
    const keys = await iamAll('ListAccessKeys', { UserName: user }, 'AccessKeyMetadata');
    const create = h('button', { type: 'button', class: 'primary' }, 'Create access key');
    create.addEventListener('click', async () => {
      const xml = await attempt(out, () => iam('CreateAccessKey', { UserName: user }));
      if (!xml) return;
      await draw();
      // The secret is shown once, here, and kept nowhere by the console.
      out.replaceChildren(h('div', { class: 'alert ok', role: 'status' },
        h('strong', null, 'New access key. Copy the secret now: it is shown only once.'),
        h('p', null, 'Access key ID: ', copyable(text(xml, 'AccessKeyId'))),
        h('p', null, 'Secret access key: ', copyable(text(xml, 'SecretAccessKey')))));
    });
    section.replaceChildren(h('h2', { id: 'keys-title' }, 'Access keys'), create,
      table([
        { label: 'Access key ID', cell: (m) => h('code', { class: 'mono' }, text(m, 'AccessKeyId')) },
        { label: 'Status', cell: (m) => text(m, 'Status') },
        { label: 'Created', cell: (m) => time(text(m, 'CreateDate')) },
        { label: 'Actions', cell: (m) => {
          const id = text(m, 'AccessKeyId');
          const active = text(m, 'Status') === 'Active';
          const toggle = h('button', { type: 'button', class: 'small' }, active ? 'Deactivate' : 'Activate');
          toggle.addEventListener('click', async () => {
            if (await attempt(out, () => iam('UpdateAccessKey', { UserName: user, AccessKeyId: id, Status: active ? 'Inactive' : 'Active' })) !== undefined) draw();
          });
          const del = h('button', { type: 'button', class: 'small danger' }, 'Delete');
          del.addEventListener('click', async () => {
            if (!window.confirm(`Delete access key ${id}? Programs using it stop working at once.`)) return;
            if (await attempt(out, () => iam('DeleteAccessKey', { UserName: user, AccessKeyId: id })) !== undefined) draw();
          });
          return h('span', { class: 'buttons' }, toggle, del);
        } },
      ], keys, null, 'No access keys.'), out);
  };
  try {
    await draw();
  } catch (e) {
    section.replaceChildren(h('h2', { id: 'keys-title' }, 'Access keys'), problem(e));
  }
  return section;
}

async function userGroups(user) {
  const section = h('section', null, h('h2', null, 'Groups'));
  try {
    const groups = await iamAll('ListGroupsForUser', { UserName: user }, 'Groups');
    const all = await iamAll('ListGroups', {}, 'Groups');
    const out = h('div', { 'aria-live': 'polite' });
    const pick = h('select', { id: 'add-to-group' }, all.map((g) => h('option', { value: text(g, 'GroupName') }, text(g, 'GroupName'))));
    const add = h('button', { type: 'button' }, 'Add to group');
    add.addEventListener('click', async () => {
      if (await attempt(out, () => iam('AddUserToGroup', { UserName: user, GroupName: pick.value })) !== undefined) reload();
    });
    section.append(table([
      { label: 'Group', cell: (g) => h('a', { href: href('groups', text(g, 'GroupName')) }, text(g, 'GroupName')) },
      { label: 'Actions', cell: (g) => h('button', { type: 'button', class: 'small', onclick: async () => {
        if (await attempt(out, () => iam('RemoveUserFromGroup', { UserName: user, GroupName: text(g, 'GroupName') })) !== undefined) reload();
      } }, 'Remove') },
    ], groups, null, 'In no group.'), h('div', { class: 'toolbar' }, all.length ? [field('Group', pick), add] : null), out);
  } catch (e) {
    section.append(problem(e));
  }
  return section;
}

async function managedPolicies(k, name) {
  const section = h('section', null, h('h2', null, 'Managed policies'));
  try {
    const attached = await iamAll(`ListAttached${k.word}Policies`, { [k.name]: name }, 'AttachedPolicies');
    const available = await iamAll('ListPolicies', {}, 'Policies');
    const out = h('div', { 'aria-live': 'polite' });
    const pick = h('select', { id: 'attach-policy' }, available.map((p) => h('option', { value: text(p, 'Arn') }, text(p, 'PolicyName'))));
    const attach = h('button', { type: 'button' }, 'Attach');
    attach.addEventListener('click', async () => {
      if (await attempt(out, () => iam(`Attach${k.word}Policy`, { [k.name]: name, PolicyArn: pick.value })) !== undefined) reload();
    });
    section.append(table([
      { label: 'Policy', cell: (p) => text(p, 'PolicyName') },
      { label: 'ARN', cell: (p) => h('span', { class: 'mono small' }, text(p, 'PolicyArn')) },
      { label: 'Actions', cell: (p) => h('button', { type: 'button', class: 'small', onclick: async () => {
        if (await attempt(out, () => iam(`Detach${k.word}Policy`, { [k.name]: name, PolicyArn: text(p, 'PolicyArn') })) !== undefined) reload();
      } }, 'Detach') },
    ], attached, null, 'No managed policy attached.'), h('div', { class: 'toolbar' }, field('Policy', pick), attach), out);
  } catch (e) {
    section.append(problem(e));
  }
  return section;
}

async function inlinePolicies(k, name) {
  const section = h('section', null, h('h2', null, 'Inline policies'));
  try {
    const names = (await iamAll(`List${k.word}Policies`, { [k.name]: name }, 'PolicyNames')).map((m) => m.textContent);
    for (const policyName of names) {
      const doc = decodeURIComponent(text(await iam(`Get${k.word}Policy`, { [k.name]: name, PolicyName: policyName }), 'PolicyDocument'));
      section.append(h('h3', null, policyName), editor({
        id: `inline-${policyName}`, label: `Policy ${policyName}`, value: pretty(doc),
        onSave: (t) => iam(`Put${k.word}Policy`, { [k.name]: name, PolicyName: policyName, PolicyDocument: t }),
        onDelete: () => iam(`Delete${k.word}Policy`, { [k.name]: name, PolicyName: policyName }),
      }));
    }
    const newName = h('input', { type: 'text', id: 'new-inline-name', autocomplete: 'off' });
    const wrap = h('div', null, field('New inline policy name', newName));
    wrap.append(editor({
      id: 'new-inline', label: 'New inline policy (JSON)', value: '', saveLabel: 'Add inline policy',
      onSave: async (t) => {
        const r = await iam(`Put${k.word}Policy`, { [k.name]: name, PolicyName: newName.value, PolicyDocument: t });
        reload();
        return r;
      },
    }));
    section.append(h('details', null, h('summary', null, 'Add an inline policy'), wrap));
  } catch (e) {
    section.append(problem(e));
  }
  return section;
}

function deleteSection(kind, name) {
  const k = KINDS[kind];
  const out = h('div', { 'aria-live': 'polite' });
  const b = h('button', { type: 'button', class: 'danger' }, `Delete ${k.word.toLowerCase()} ${name}`);
  b.addEventListener('click', async () => {
    if (!window.confirm(`Delete ${k.word.toLowerCase()} ${name}? IAM refuses while it still has keys, policies or members.`)) return;
    if (await attempt(out, () => iam(`Delete${k.word}`, { [k.name]: name })) !== undefined) location.hash = `#/iam/${kind}`;
  });
  return h('section', null, h('h2', null, 'Delete'), b, out);
}

function reload() {
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
