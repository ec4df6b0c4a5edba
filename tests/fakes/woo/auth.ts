/**
 * WooCommerce's REST authentication (WC_REST_Authentication), reimplemented
 * independently of the client so a signing bug in the client shows up here:
 * HTTP Basic or consumer_key/consumer_secret query parameters over HTTPS only,
 * OAuth 1.0a one-legged (HMAC-SHA1/SHA256, 15-minute window, single-use nonce)
 * otherwise. Only /wp-json/wc/ paths are authenticated, as in WooCommerce.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WpError } from './types';
import { wpError } from './wp-response';

export type AuthMethod = 'basic' | 'query' | 'oauth' | 'none';

export interface AuthOutcome {
  authenticated: boolean;
  /** How the client tried; 'none' when it sent nothing WooCommerce looks at. */
  method: AuthMethod;
  error: WpError | null;
}

export interface AuthRequest {
  method: string;
  https: boolean;
  /** Host header, as WordPress would have home_url(). */
  host: string;
  /** Request path as sent (still percent-encoded), without the query. */
  rawPath: string;
  /** Decoded query parameters in order; for duplicate keys PHP keeps the last. */
  query: Map<string, string>;
  authorization: string | undefined;
}

export interface KeyStore {
  consumerKey: string;
  consumerSecret: string;
  /** OAuth nonces already used, with their timestamps. */
  usedNonces: Map<string, number>;
  nowSeconds(): number;
}

/** PHP rawurlencode: RFC 3986 unreserved characters stay, everything else is %XX of its UTF-8 bytes. */
export function phpRawUrlEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** PHP rawurldecode: %XX only, '+' stays. */
function phpRawUrlDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const oauthError = (message: string): WpError => wpError('woocommerce_rest_authentication_error', message, 401);

function parseOAuthHeader(header: string): Map<string, string> {
  const params = new Map<string, string>();
  if (!header.startsWith('OAuth ')) return params;
  for (const match of header.matchAll(/(oauth_[a-z_-]*)=(?:"([^"]*)"|([^,]*))/g)) {
    const raw = match[2] ?? match[3] ?? '';
    params.set(match[1] as string, decodeURIComponent(raw.replace(/\+/g, ' ')));
  }
  return params;
}

function parseBasic(header: string | undefined): { user: string; password: string } | null {
  if (!header || !/^Basic /i.test(header)) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

const OAUTH_REQUIRED = ['oauth_consumer_key', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature', 'oauth_signature_method'];

function verifyOAuth(req: AuthRequest, keys: KeyStore): AuthOutcome | null {
  const params = new Map(req.query);
  if (req.authorization) for (const [k, v] of parseOAuthHeader(req.authorization.trim())) params.set(k, v);
  const missing = OAUTH_REQUIRED.filter((name) => !params.get(name));
  if (missing.length === OAUTH_REQUIRED.length) return null;
  if (missing.length > 0) {
    const label = missing.length === 1 ? 'Missing OAuth parameter' : 'Missing OAuth parameters';
    return {
      authenticated: false,
      method: 'oauth',
      error: wpError('woocommerce_rest_authentication_missing_parameter', `${label} ${missing.join(', ')}`, 401),
    };
  }
  if (params.get('oauth_consumer_key') !== keys.consumerKey) {
    return { authenticated: false, method: 'oauth', error: oauthError('Consumer key is invalid.') };
  }
  const baseUri = phpRawUrlEncode(`${req.https ? 'https' : 'http'}://${req.host}${req.rawPath}`);
  const consumerSignature = phpRawUrlDecode((params.get('oauth_signature') as string).replace(/ /g, '+'));
  params.delete('oauth_signature');
  // uksort( $params, 'strcmp' ): byte order of the keys.
  const sorted = [...params].sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  // normalize_parameters() encodes key and value; join_with_equals_sign() encodes "key=value" again.
  const queryString = sorted.map(([k, v]) => phpRawUrlEncode(`${phpRawUrlEncode(k)}=${phpRawUrlEncode(v)}`)).join('%26');
  const stringToSign = `${req.method.toUpperCase()}&${baseUri}&${queryString}`;
  const method = params.get('oauth_signature_method');
  if (method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256') {
    return { authenticated: false, method: 'oauth', error: oauthError('Invalid signature - signature method is invalid.') };
  }
  const expected = createHmac(method === 'HMAC-SHA1' ? 'sha1' : 'sha256', `${keys.consumerSecret}&`)
    .update(stringToSign)
    .digest('base64');
  if (!safeEqual(expected, consumerSignature)) {
    return { authenticated: false, method: 'oauth', error: oauthError('Invalid signature - provided signature does not match.') };
  }
  const timestamp = Number(params.get('oauth_timestamp'));
  const now = keys.nowSeconds();
  const window = 15 * 60;
  if (!(timestamp >= now - window && timestamp <= now + window)) {
    return { authenticated: false, method: 'oauth', error: oauthError('Invalid timestamp.') };
  }
  const nonce = params.get('oauth_nonce') as string;
  for (const [used, at] of keys.usedNonces) if (at < now - window) keys.usedNonces.delete(used);
  if (keys.usedNonces.has(nonce)) {
    return { authenticated: false, method: 'oauth', error: oauthError('Invalid nonce - nonce has already been used.') };
  }
  keys.usedNonces.set(nonce, timestamp);
  return { authenticated: true, method: 'oauth', error: null };
}

/** WC_REST_Authentication::authenticate for one request. */
export function authenticate(req: AuthRequest, keys: KeyStore): AuthOutcome {
  let outcome: AuthOutcome = { authenticated: false, method: 'none', error: null };
  if (req.https) {
    const queryKey = req.query.get('consumer_key');
    const querySecret = req.query.get('consumer_secret');
    const basic = parseBasic(req.authorization);
    let key = '';
    let secret = '';
    let method: AuthMethod = 'none';
    if (queryKey && querySecret) {
      [key, secret, method] = [queryKey, querySecret, 'query'];
    } else if (basic && basic.user && basic.password) {
      [key, secret, method] = [basic.user, basic.password, 'basic'];
    }
    if (key && secret) {
      // An unknown key is not an error here: WooCommerce falls through to OAuth, then to "cannot view".
      if (key === keys.consumerKey) {
        if (safeEqual(secret, keys.consumerSecret)) return { authenticated: true, method, error: null };
        outcome = { authenticated: false, method, error: oauthError('Consumer secret is invalid.') };
      } else {
        outcome = { authenticated: false, method, error: null };
      }
    }
  }
  const oauth = verifyOAuth(req, keys);
  if (oauth) return oauth;
  if (outcome.method === 'none' && parseBasic(req.authorization)) outcome = { ...outcome, method: 'basic' };
  return outcome;
}
