import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { KeyValueStore } from '../store/types';
import type { SecretForSite } from '../session/secrets';
import { normalizeSiteId } from '../session/secrets';

/**
 * Signed admin requests from the WordPress plugin (`Aisle\Proxy\RequestSigner`).
 *
 * Headers: `X-Aisle-Site`, `X-Aisle-Timestamp` (unix seconds), `X-Aisle-Nonce`
 * (16–64 base64url characters, fresh per request) and `X-Aisle-Signature: v1=<hex>`,
 * the HMAC-SHA256, keyed with the store's connection secret, of these lines joined by "\n":
 *
 *     AISLE-ADMIN-V1
 *     PUT                      (method, upper case)
 *     /api/admin/config        (path and query as sent, relative to the proxy's root)
 *     1764000000               (timestamp)
 *     3q2-7w…                  (nonce)
 *     shop.example             (site)
 *     e3b0c442…                (hex SHA-256 of the raw body; of "" when there is none)
 *
 * A request is accepted within ±300 s of the proxy's clock, once: its nonce is
 * remembered in the key-value store for longer than the window.
 */

export const ADMIN_SIGNATURE_VERSION = 'v1';
export const ADMIN_WINDOW_S = 300;
export const ADMIN_HEADERS = {
  site: 'x-aisle-site',
  timestamp: 'x-aisle-timestamp',
  nonce: 'x-aisle-nonce',
  signature: 'x-aisle-signature',
} as const;

const NONCE = /^[A-Za-z0-9_-]{16,64}$/;
const SIGNATURE = /^v1=([0-9a-f]{64})$/;
const TIMESTAMP = /^\d{1,12}$/;

export interface AdminRequestParts {
  method: string;
  /** Path and query string, e.g. `/api/admin/config`. */
  path: string;
  timestamp: number;
  nonce: string;
  site: string;
  body: Buffer | string;
}

export function sha256Hex(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('hex');
}

export function canonicalAdminString(parts: AdminRequestParts): string {
  return [
    'AISLE-ADMIN-V1',
    parts.method.toUpperCase(),
    parts.path,
    String(parts.timestamp),
    parts.nonce,
    parts.site,
    sha256Hex(parts.body),
  ].join('\n');
}

/** The `X-Aisle-Signature` value; the PHP signer produces the same string. */
export function signAdminRequest(parts: AdminRequestParts, secret: string): string {
  const mac = createHmac('sha256', secret).update(canonicalAdminString(parts), 'utf8').digest('hex');
  return `${ADMIN_SIGNATURE_VERSION}=${mac}`;
}

export type AdminAuthErrorCode =
  'missing_headers' | 'malformed_headers' | 'stale_request' | 'unknown_site' | 'bad_signature' | 'replayed';

export class AdminAuthError extends Error {
  readonly status = 401;
  constructor(
    readonly code: AdminAuthErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AdminAuthError';
  }
}

export type AdminAuthResult = { ok: true; site: string } | { ok: false; error: AdminAuthError };

export interface AdminRequestToVerify {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface AdminVerifierDeps {
  secretForSite: SecretForSite;
  /** Remembers nonces (setIfAbsent) so a captured request cannot be sent again. */
  store: KeyValueStore;
  /** Unix seconds; defaults to the clock. */
  now?: () => number;
  windowS?: number;
}

const header = (headers: AdminRequestToVerify['headers'], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? undefined : value;
};

const fail = (code: AdminAuthErrorCode, message: string): AdminAuthResult => ({
  ok: false,
  error: new AdminAuthError(code, message),
});

export async function verifyAdminRequest(request: AdminRequestToVerify, deps: AdminVerifierDeps): Promise<AdminAuthResult> {
  const siteHeader = header(request.headers, ADMIN_HEADERS.site);
  const timestampHeader = header(request.headers, ADMIN_HEADERS.timestamp);
  const nonce = header(request.headers, ADMIN_HEADERS.nonce);
  const signatureHeader = header(request.headers, ADMIN_HEADERS.signature);
  if (!siteHeader || !timestampHeader || !nonce || !signatureHeader) {
    return fail('missing_headers', 'This request is not signed by the WordPress plugin.');
  }
  const signature = SIGNATURE.exec(signatureHeader)?.[1];
  if (!TIMESTAMP.test(timestampHeader) || !NONCE.test(nonce) || !signature) {
    return fail('malformed_headers', 'The request signature headers are malformed.');
  }
  const timestamp = Number(timestampHeader);
  const now = (deps.now ?? (() => Math.floor(Date.now() / 1000)))();
  const windowS = deps.windowS ?? ADMIN_WINDOW_S;
  if (Math.abs(now - timestamp) > windowS) {
    return fail('stale_request', "The request is too old or too far in the future; check both servers' clocks.");
  }
  const secret = deps.secretForSite(siteHeader);
  if (!secret) return fail('unknown_site', 'This proxy has no connection secret for this store.');

  const expected = signAdminRequest(
    { method: request.method, path: request.path, timestamp, nonce, site: siteHeader, body: request.body },
    secret,
  ).slice(ADMIN_SIGNATURE_VERSION.length + 1);
  const given = Buffer.from(signature, 'hex');
  const wanted = Buffer.from(expected, 'hex');
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    return fail('bad_signature', 'The request signature is wrong: the connection secrets differ.');
  }

  // Only a correctly signed request may spend a nonce; the TTL outlives the window on both sides.
  const site = normalizeSiteId(siteHeader);
  const fresh = await deps.store.setIfAbsent(`aisle:admin-nonce:${site}:${nonce}`, String(now), (2 * windowS + 60) * 1000);
  if (!fresh) return fail('replayed', 'This request was already received once.');
  return { ok: true, site };
}
