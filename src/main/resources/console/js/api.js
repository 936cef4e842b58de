// The console's only way to the server: Wharf's public APIs (ECR awsJson 1.1 with X-Amz-Target,
// IAM and STS Query), signed with SigV4 using STS session credentials. Everything the console does
// a user could do with the aws CLI, under the same policies and in the same audit trail.
import { sign } from './sigv4.js';

export const REGION = document.querySelector('meta[name="wharf-region"]')?.content || 'us-east-1';
/** sessionStorage key of the session credentials; the long-term secret is never stored anywhere. */
const STORE = 'wharf.console.session';
const ECR_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.';
const CLOUDTRAIL_PREFIX = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.';

/** A failed API call, in the API's own words. */
export class ApiError extends Error {
  constructor(action, code, message, status) {
    super(message || code);
    this.action = action;
    this.code = code;
    this.status = status;
  }

  /** Denied by policy: the console says so and names the action. */
  get notAuthorized() {
    return /^(AccessDenied|AccessDeniedException|UnauthorizedOperation)$/.test(this.code);
  }

  /** The session ended: the console signs out. */
  get sessionEnded() {
    return /^(ExpiredToken|ExpiredTokenException|InvalidClientTokenId|UnrecognizedClientException)$/.test(this.code);
  }
}

let session = load();
let clockOffset = 0;
const listeners = new Set();

function load() {
  try {
    const s = JSON.parse(sessionStorage.getItem(STORE) || 'null');
    return s && s.expiration > Date.now() ? s : null;
  } catch {
    return null;
  }
}

/** Called with the new session (or null) whenever the console signs in or out. */
export function onSessionChange(fn) {
  listeners.add(fn);
}

export function currentSession() {
  return session;
}

function setSession(s, reason) {
  session = s;
  if (s) sessionStorage.setItem(STORE, JSON.stringify(s));
  else sessionStorage.removeItem(STORE);
  for (const fn of listeners) fn(s, reason);
}

export function signOut(reason) {
  setSession(null, reason);
}

/**
 * Exchanges long-term keys for session credentials (STS GetSessionToken, the only call the
 * long-term secret ever signs; it is never sent, only used to sign), then asks who that is.
 */
export async function signIn(accessKeyId, secretAccessKey) {
  const longTerm = { accessKeyId: accessKeyId.trim(), temporarySecret: null, longTermSecret: secretAccessKey.trim() };
  const xml = await query('sts', 'GetSessionToken', { Version: '2011-06-15' }, longTerm, 'us-east-1');
  const c = xml.querySelector('Credentials');
  const creds = {
    accessKeyId: text(c, 'AccessKeyId'),
    temporarySecret: text(c, 'SecretAccessKey'),
    sessionToken: text(c, 'SessionToken'),
    expiration: Date.parse(text(c, 'Expiration')),
  };
  const who = await query('sts', 'GetCallerIdentity', { Version: '2011-06-15' }, creds, 'us-east-1');
  setSession({ ...creds, arn: text(who, 'Arn'), account: text(who, 'Account') });
}

async function send(service, action, region, headers, body, credentials, retried) {
  const signed = await sign({ service, region, headers, body, credentials, now: new Date(Date.now() + clockOffset) });
  let response;
  try {
    response = await fetch('/', { method: 'POST', headers: signed, body, credentials: 'omit', cache: 'no-store', redirect: 'error' });
  } catch (e) {
    throw new ApiError(action, 'NetworkError', `Wharf did not answer (${e.message})`, 0);
  }
  if (!retried && response.status >= 400) {
    // A browser clock far from the server's fails the signature's time check: sign again with the server's clock.
    const date = Date.parse(response.headers.get('Date') || '');
    const skew = Number.isNaN(date) ? 0 : date - Date.now();
    if (Math.abs(skew) > 60_000 && Math.abs(skew - clockOffset) > 60_000) {
      clockOffset = skew;
      return send(service, action, region, headers, body, credentials, true);
    }
  }
  return response;
}

function requireSession(action) {
  if (!session) throw new ApiError(action, 'NotSignedIn', 'Sign in first', 0);
  if (session.expiration <= Date.now()) {
    signOut('expired');
    throw new ApiError(action, 'ExpiredToken', 'Your session has expired; sign in again', 0);
  }
  return session;
}

function failed(e) {
  if (e.sessionEnded && session) signOut('expired');
  throw e;
}

/** One ECR operation, e.g. ecr('DescribeRepositories', {}) → the parsed JSON answer. */
export async function ecr(operation, input = {}) {
  return awsJson('ecr', ECR_PREFIX, operation, input);
}

/** One CloudTrail operation (Wharf answers LookupEvents over its audit trail) → the parsed JSON answer. */
export async function cloudtrail(operation, input = {}) {
  return awsJson('cloudtrail', CLOUDTRAIL_PREFIX, operation, input);
}

async function awsJson(service, prefix, operation, input) {
  const action = `${service}:${operation}`;
  const creds = requireSession(action);
  const body = JSON.stringify(input);
  const response = await send(service, action, REGION, {
    'content-type': 'application/x-amz-json-1.1', 'x-amz-target': prefix + operation,
  }, body, creds);
  const raw = await response.text();
  let json = {};
  try {
    json = raw ? JSON.parse(raw) : {};
  } catch {
    if (!response.ok) failed(new ApiError(action, 'HttpError', `HTTP ${response.status}`, response.status));
  }
  if (!response.ok) {
    const type = String(json.__type || 'HttpError').replace(/^.*#/, '');
    failed(new ApiError(action, type, json.message || json.Message || `HTTP ${response.status}`, response.status));
  }
  return json;
}

/** One IAM action; params are the Query parameters (member lists as Name.member.N). Returns the XML document. */
export async function iam(actionName, params = {}) {
  return query('iam', actionName, { Version: '2010-05-08', ...params }, requireSession('iam:' + actionName), 'us-east-1');
}

async function query(service, actionName, params, credentials, region) {
  const action = `${service}:${actionName}`;
  const form = new URLSearchParams({ Action: actionName });
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) form.append(k, v);
  const body = form.toString();
  const response = await send(service, action, region, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body, credentials);
  const xml = new DOMParser().parseFromString(await response.text(), 'application/xml');
  if (!response.ok) {
    const code = text(xml, 'Error > Code') || 'HttpError';
    failed(new ApiError(action, code, text(xml, 'Error > Message') || `HTTP ${response.status}`, response.status));
  }
  return xml;
}

/** The text of the first element matching a CSS selector under node, or ''. */
export function text(node, selector) {
  const el = node && node.querySelector(selector);
  return el ? el.textContent : '';
}

/** The direct <member> children of the first element named listName. */
export function members(node, listName) {
  const list = node.querySelector(listName);
  return list ? [...list.children].filter((c) => c.localName === 'member') : [];
}

/** Every page of an ECR list operation, concatenated: fetchAll('DescribeImages', input, 'imageDetails'). */
export async function ecrAll(operation, input, key, limit = 10_000) {
  const out = [];
  let nextToken;
  do {
    const page = await ecr(operation, nextToken ? { ...input, nextToken } : input);
    out.push(...(page[key] || []));
    nextToken = page.nextToken;
  } while (nextToken && out.length < limit);
  return out;
}

/** Every page of an IAM list action: members of listName across Marker pages. */
export async function iamAll(actionName, params, listName) {
  const out = [];
  let marker;
  do {
    const xml = await iam(actionName, marker ? { ...params, Marker: marker } : params);
    out.push(...members(xml, listName));
    marker = text(xml, 'IsTruncated') === 'true' ? text(xml, 'Marker') : null;
  } while (marker);
  return out;
}

/** The expiry timer: the console signs out the moment the session credentials expire. */
let expiryTimer;
onSessionChange((s) => {
  clearTimeout(expiryTimer);
  if (s) expiryTimer = setTimeout(() => signOut('expired'), Math.min(s.expiration - Date.now(), 2 ** 31 - 1));
});
export function startExpiryTimer() {
  if (session) expiryTimer = setTimeout(() => signOut('expired'), Math.min(session.expiration - Date.now(), 2 ** 31 - 1));
}
