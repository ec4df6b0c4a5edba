import { createHmac, timingSafeEqual } from 'node:crypto';
import { decodeBase64Url } from './base64url';
import type { SecretForSite } from './secrets';

/**
 * Shopper session tokens, issued by the WordPress plugin (`Aisle\Session\SessionToken`,
 * route `POST /wp-json/aisle/v1/session`) and checked here on chat requests.
 *
 * Format: `base64url(JSON payload) "." base64url(HMAC-SHA256(secret, base64url(JSON payload)))`
 * with the payload `{"v":1,"site":"shop.example","sid":"a:…","iat":1764000000,"exp":1764003600}`.
 * `sid` is `a:<random>` for an anonymous shopper (a cookie) or `c:<opaque>` for a
 * signed-in customer, who also carries `uid`, their WordPress user ID (absent for guests).
 * The HMAC covers the exact payload bytes, so the JSON never
 * needs to be re-serialised the same way in both languages.
 */

export const SESSION_TOKEN_VERSION = 1;
/** Tokens live at most an hour: a leaked token is worth little. */
export const MAX_SESSION_LIFETIME_S = 3600;
/** Clocks of WordPress and the proxy may differ a little. */
export const CLOCK_SKEW_S = 60;
const MAX_TOKEN_LENGTH = 2048;
const SESSION_ID = /^[a-z]:[A-Za-z0-9_-]{8,128}$/;

export interface SessionClaims {
  site: string;
  sessionId: string;
  /** The signed-in customer's WordPress user ID; absent for a guest. */
  userId?: number;
  /** Unix seconds. */
  iat: number;
  /** Unix seconds. */
  exp: number;
}

export type SessionTokenErrorCode =
  'malformed' | 'unknown_site' | 'wrong_site' | 'bad_signature' | 'expired' | 'not_yet_valid' | 'lifetime_too_long';

export class SessionTokenError extends Error {
  constructor(
    readonly code: SessionTokenErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SessionTokenError';
  }
}

export type SessionTokenResult = { ok: true; session: SessionClaims } | { ok: false; error: SessionTokenError };

export interface VerifySessionOptions {
  secretForSite: SecretForSite;
  /** When set, a token naming any other site is refused (one proxy, one store). */
  expectedSite?: string;
  /** Unix seconds; defaults to the clock. */
  now?: number;
}

const fail = (code: SessionTokenErrorCode, message: string): SessionTokenResult => ({
  ok: false,
  error: new SessionTokenError(code, message),
});

export function signSessionPayload(payloadSegment: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(payloadSegment, 'utf8').digest();
}

function parsePayload(segment: string): SessionClaims | null {
  const bytes = decodeBase64Url(segment);
  if (!bytes) return null;
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { v, site, sid, iat, exp, uid } = value as Record<string, unknown>;
  if (v !== SESSION_TOKEN_VERSION) return null;
  if (typeof site !== 'string' || site === '' || site.length > 255) return null;
  if (typeof sid !== 'string' || !SESSION_ID.test(sid)) return null;
  if (!Number.isSafeInteger(iat) || !Number.isSafeInteger(exp)) return null;
  if (uid !== undefined && (!Number.isSafeInteger(uid) || (uid as number) <= 0)) return null;
  return {
    site,
    sessionId: sid,
    ...(uid !== undefined ? { userId: uid as number } : {}),
    iat: iat as number,
    exp: exp as number,
  };
}

export function verifySessionToken(token: string, options: VerifySessionOptions): SessionTokenResult {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return fail('malformed', 'The session token is malformed.');
  const parts = token.split('.');
  if (parts.length !== 2) return fail('malformed', 'The session token is malformed.');
  const [payloadSegment, signatureSegment] = parts as [string, string];
  const claims = parsePayload(payloadSegment);
  const signature = decodeBase64Url(signatureSegment);
  if (!claims || !signature) return fail('malformed', 'The session token is malformed.');

  const secret = options.secretForSite(claims.site);
  if (!secret) return fail('unknown_site', 'The session token names a store this proxy does not serve.');
  const expected = signSessionPayload(payloadSegment, secret);
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
    return fail('bad_signature', 'The session token signature is not valid.');
  }
  // Checked after the signature so an attacker learns nothing from a forged token.
  if (options.expectedSite !== undefined && options.expectedSite !== claims.site) {
    return fail('wrong_site', 'The session token was issued for another store.');
  }

  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (claims.iat > now + CLOCK_SKEW_S) return fail('not_yet_valid', 'The session token is dated in the future.');
  if (claims.exp <= claims.iat || claims.exp - claims.iat > MAX_SESSION_LIFETIME_S) {
    return fail('lifetime_too_long', 'The session token lives longer than an hour.');
  }
  if (claims.exp + CLOCK_SKEW_S <= now) return fail('expired', 'The session token has expired.');
  return { ok: true, session: claims };
}

/** The token from an `Authorization: Bearer <token>` header (see SESSION_HEADER in the contract). */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}
