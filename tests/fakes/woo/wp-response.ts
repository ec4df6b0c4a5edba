/** Response helpers that reproduce what WordPress's REST server sends (see the *.headers.txt captures). */
import type { WpError } from './types';

export interface FakeResponse {
  status: number;
  headers: Record<string, string>;
  /** Serialized body. */
  body: string;
  /** Set-Cookie lines (a header that may repeat). */
  setCookies?: string[];
}

const ESCAPES = new Map<string, string>();

function escapeChar(c: string): string {
  let escaped = ESCAPES.get(c);
  if (escaped === undefined) {
    escaped = c === '/' ? '\\/' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    ESCAPES.set(c, escaped);
  }
  return escaped;
}

/**
 * wp_json_encode without JSON_UNESCAPED_UNICODE/SLASHES: non-ASCII as \uXXXX and "/" as "\/",
 * byte for byte like the captured bodies. Both only occur inside JSON strings, so a global replace is safe.
 */
export function wpJson(value: unknown): string {
  // One pass, escapes memoized: benchmarks serialize 100,000 products, and the fake should not be the bottleneck.
  return JSON.stringify(value).replace(/[\u007f-\uffff/]/g, escapeChar);
}

export function apiRootLink(origin: string): string {
  return `<${origin}/wp-json/>; rel="https://api.w.org/"`;
}

const REST_BASE_HEADERS = {
  'content-type': 'application/json; charset=UTF-8',
  'x-robots-tag': 'noindex',
  'x-content-type-options': 'nosniff',
  'access-control-expose-headers': 'X-WP-Total, X-WP-TotalPages, Link',
  'access-control-allow-headers': 'Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type',
};

/** Headers of a wc/v3 answer that reached a route (200, 400, 404). */
export function restHeaders(origin: string, allow: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    server: 'nginx/1.22.1',
    ...REST_BASE_HEADERS,
    link: apiRootLink(origin),
    ...extra,
    allow,
    expires: 'Wed, 11 Jan 1984 05:00:00 GMT',
    'cache-control': 'no-cache, must-revalidate, max-age=0, no-store, private',
  };
}

/** Headers of an authentication failure: WordPress stops before the route, so no Allow/Expires, but Vary: Origin. */
export function authErrorHeaders(origin: string): Record<string, string> {
  return { server: 'nginx/1.22.1', ...REST_BASE_HEADERS, link: apiRootLink(origin), vary: 'Origin' };
}

export function wpError(code: string, message: string, status: number, extra: Record<string, unknown> = {}): WpError {
  return { code, message, data: { status, ...extra } };
}

export function json(status: number, headers: Record<string, string>, body: unknown): FakeResponse {
  return { status, headers, body: wpJson(body) };
}

export const ALLOW_COLLECTION = 'GET, POST';
export const ALLOW_ITEM = 'GET, POST, PUT, PATCH, DELETE';
