// AWS Signature Version 4 for the console's calls: every request is signed in the browser with
// the STS session credentials (and carries X-Amz-Security-Token), exactly as the AWS SDKs sign.
import { sha256 as jsSha256, hmacSha256 as jsHmac } from './sha256.js';

const encoder = new TextEncoder();
/** WebCrypto exists only in secure contexts (https, localhost, 127.0.0.1); elsewhere the JavaScript fallback signs. */
export const nativeCrypto = Boolean(globalThis.crypto && globalThis.crypto.subtle);

async function sha256(bytes) {
  if (nativeCrypto) return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return jsSha256(bytes);
}

async function hmac(key, text) {
  const message = encoder.encode(text);
  if (nativeCrypto) {
    const k = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return new Uint8Array(await crypto.subtle.sign('HMAC', k, message));
  }
  return jsHmac(key, message);
}

export function hex(bytes) {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** 20260101T120000Z */
function amzDate(date) {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * Signs a POST to "/" of this origin. Returns the headers to send (the signed ones and
 * Authorization); the browser adds Host itself, and it is signed as location.host.
 * @param {{service:string, region:string, headers:Object, body:string,
 *          credentials:{accessKeyId:string, temporarySecret?:string, longTermSecret?:string, sessionToken?:string},
 *          now:Date}} r
 */
export async function sign(r) {
  const stamp = amzDate(r.now);
  const day = stamp.slice(0, 8);
  const headers = { ...r.headers, 'x-amz-date': stamp };
  if (r.credentials.sessionToken) headers['x-amz-security-token'] = r.credentials.sessionToken;
  const all = { ...headers, host: location.host };
  const names = Object.keys(all).map((n) => n.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(all).map(([k, v]) => [k.toLowerCase(), String(v).trim().replace(/\s+/g, ' ')]));
  const canonicalHeaders = names.map((n) => `${n}:${lower[n]}\n`).join('');
  const signedHeaders = names.join(';');
  const payloadHash = hex(await sha256(encoder.encode(r.body)));
  const canonical = ['POST', '/', '', canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const scope = `${day}/${r.region}/${r.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', stamp, scope, hex(await sha256(encoder.encode(canonical)))].join('\n');
  // The long-term secret signs only GetSessionToken; every other call uses the session's temporary one.
  let key = encoder.encode('AWS4' + (r.credentials.temporarySecret || r.credentials.longTermSecret));
  for (const part of [day, r.region, r.service, 'aws4_request']) key = await hmac(key, part);
  const signature = hex(await hmac(key, toSign));
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${r.credentials.accessKeyId}/${scope}, `
    + `SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}
