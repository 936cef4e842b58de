// The console's shell: sign-in, navigation, and a hash router (#/...) over the views.
import { signIn, signOut, onSessionChange, currentSession, startExpiryTimer } from './api.js';
import { nativeCrypto } from './sigv4.js';
import { h, problem } from './dom.js';
import * as repositories from './views/repositories.js';
import * as repository from './views/repository.js';
import * as image from './views/image.js';
import * as permissions from './views/permissions.js';
import * as lifecycle from './views/lifecycle.js';
import * as iamViews from './views/iam.js';
import * as insights from './views/insights.js';

/** Routes: a pattern over the hash's path segments (each decoded), and its view. */
const ROUTES = [
  [['repositories'], () => repositories.render()],
  [['repositories', '*'], (p) => repository.render(p[0])],
  [['repositories', '*', 'images', '*'], (p) => image.render(p[0], p[1])],
  [['repositories', '*', 'permissions'], (p) => permissions.render(p[0])],
  [['repositories', '*', 'lifecycle'], (p) => lifecycle.render(p[0])],
  [['iam'], () => iamViews.render('users')],
  [['iam', '*'], (p) => iamViews.render(p[0])],
  [['iam', '*', '*'], (p) => iamViews.renderOne(p[0], p[1])],
  [['insights'], () => insights.render()],
];

const $ = (id) => document.getElementById(id);
let renderCount = 0;
let lastPath = null;

function match(segments) {
  for (const [pattern, view] of ROUTES) {
    if (pattern.length !== segments.length) continue;
    const params = [];
    if (pattern.every((p, i) => (p === '*' ? params.push(segments[i]) : p === segments[i]))) return () => view(params);
  }
  return null;
}

async function route() {
  const session = currentSession();
  $('signin').hidden = Boolean(session);
  $('shell').hidden = !session;
  if (!session) {
    lastPath = null;
    $('view').replaceChildren();
    $('akid').focus();
    return;
  }
  const path = location.hash.replace(/^#\/?/, '');
  const segments = path ? path.split('/').map(decodeURIComponent) : [];
  if (!segments.length) {
    location.replace('#/repositories');
    return;
  }
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.getAttribute('href') === `#/${segments[0]}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const view = match(segments);
  const mine = ++renderCount;
  const target = $('view');
  target.setAttribute('aria-busy', 'true');
  target.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  let node;
  try {
    node = view ? await view() : h('div', null, h('h1', null, 'Not found'), h('p', null, 'No page here. ', h('a', { href: '#/repositories' }, 'Repositories')));
  } catch (e) {
    node = h('div', null, problem(e));
  }
  if (mine !== renderCount) return; // a newer navigation won
  target.replaceChildren(node);
  target.removeAttribute('aria-busy');
  const heading = target.querySelector('h1');
  document.title = heading ? `${heading.textContent} · Wharf` : 'Wharf console';
  // After a move to another page (not a refresh of this one), keyboard and screen-reader users start at its heading.
  if (heading && path !== lastPath) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
  lastPath = path;
}

function showWho(session) {
  $('who-arn').textContent = session ? session.arn : '';
  $('who-arn').title = session ? `Session until ${new Date(session.expiration).toISOString()}` : '';
}

function init() {
  if (!nativeCrypto) {
    $('banner').replaceChildren(h('p', { class: 'alert warn' },
      'This page is not a secure context (plain http from another host): requests are signed in JavaScript and travel unencrypted. Serve Wharf over https for anything but a trusted network.'));
  }
  $('signin-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const akid = $('akid');
    const secret = $('secret');
    const button = $('signin-button');
    $('signin-error').replaceChildren();
    button.disabled = true;
    try {
      await signIn(akid.value, secret.value);
      secret.value = '';
    } catch (e) {
      secret.value = '';
      $('signin-error').replaceChildren(problem(e));
      secret.focus();
    } finally {
      button.disabled = false;
    }
  });
  $('signout').addEventListener('click', () => signOut('user'));
  onSessionChange((session, reason) => {
    showWho(session);
    if (!session && reason === 'expired') {
      $('signin-error').replaceChildren(h('p', { class: 'alert warn', role: 'status' }, 'Your session expired. Sign in again.'));
    }
    if (!session) location.hash = '';
    route();
  });
  window.addEventListener('hashchange', route);
  showWho(currentSession());
  startExpiryTimer();
  route();
}

init();
