/**
 * How a request proves who we are, following WC_REST_Authentication:
 * - over HTTPS WooCommerce reads HTTP Basic (consumer key as user, secret as
 *   password), or `consumer_key`/`consumer_secret` query parameters when the
 *   server strips the Authorization header;
 * - over plain HTTP it ignores both and only accepts OAuth 1.0a "one-legged"
 *   signatures (HMAC-SHA1 or HMAC-SHA256, no token, 15-minute timestamp window,
 *   single-use nonces). We send the oauth_* parameters in the query string, as
 *   WooCommerce's documentation recommends, because many hosts drop the
 *   Authorization header.
 */
import { createHmac } from 'node:crypto';
import OAuth from 'oauth-1.0a';

export type WooAuthMode = 'basic' | 'oauth' | 'query';

export interface WooCredentials {
  consumerKey: string;
  consumerSecret: string;
}

/** 'auto' picks Basic on https: URLs and OAuth 1.0a on http: ones, as WooCommerce requires. */
export function resolveAuthMode(requested: WooAuthMode | 'auto' | undefined, baseUrl: string): WooAuthMode {
  if (requested && requested !== 'auto') return requested;
  return new URL(baseUrl).protocol === 'https:' ? 'basic' : 'oauth';
}

/** RFC 3986 encoding, the same as PHP's rawurlencode that WooCommerce uses to rebuild the signature. */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function toQueryString(params: ReadonlyArray<readonly [string, string]>): string {
  return params.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
}

export interface SignedRequest {
  url: string;
  headers: Record<string, string>;
}

export interface SignOptions {
  /** Override the OAuth timestamp (seconds); tests use it to check replay protection. */
  timestampSeconds?: number;
  signatureMethod?: 'HMAC-SHA256' | 'HMAC-SHA1';
}

/**
 * Add credentials to a request for `endpoint` (absolute URL without a query)
 * with the given query parameters.
 */
export function signRequest(
  method: string,
  endpoint: string,
  params: ReadonlyArray<readonly [string, string]>,
  credentials: WooCredentials,
  mode: WooAuthMode,
  options: SignOptions = {},
): SignedRequest {
  if (mode === 'basic') {
    const token = Buffer.from(`${credentials.consumerKey}:${credentials.consumerSecret}`).toString('base64');
    return { url: withQuery(endpoint, params), headers: { authorization: `Basic ${token}` } };
  }
  if (mode === 'query') {
    const all = [...params, ['consumer_key', credentials.consumerKey], ['consumer_secret', credentials.consumerSecret]] as const;
    return { url: withQuery(endpoint, all), headers: {} };
  }
  const signatureMethod = options.signatureMethod ?? 'HMAC-SHA256';
  const algorithm = signatureMethod === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  const oauth = new OAuth({
    consumer: { key: credentials.consumerKey, secret: credentials.consumerSecret },
    signature_method: signatureMethod,
    hash_function: (base, key) => createHmac(algorithm, key).update(base).digest('base64'),
  });
  if (options.timestampSeconds !== undefined) {
    const fixed = options.timestampSeconds;
    oauth.getTimeStamp = () => fixed;
  }
  // Parameters go in `data` (decoded) rather than in the URL so the library never re-parses our encoding.
  const data: Record<string, string> = {};
  for (const [k, v] of params) data[k] = v;
  const authorization = oauth.authorize({ url: endpoint, method: method.toUpperCase(), data });
  // authorize() merges the request data into what it returns; keep only the oauth_* parameters.
  const oauthParams = Object.entries(authorization)
    .filter(([k]) => k.startsWith('oauth_'))
    .map(([k, v]) => [k, String(v)] as const);
  return { url: withQuery(endpoint, [...params, ...oauthParams]), headers: {} };
}

function withQuery(endpoint: string, params: ReadonlyArray<readonly [string, string]>): string {
  return params.length === 0 ? endpoint : `${endpoint}?${toQueryString(params)}`;
}
