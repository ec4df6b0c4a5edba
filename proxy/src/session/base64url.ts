/**
 * Strict base64url helpers. Node's `Buffer.from(s, 'base64url')` silently skips
 * characters outside the alphabet, so untrusted input is checked first: a token
 * with stray characters is malformed, not "the same token".
 */
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function isBase64Url(value: string): boolean {
  return BASE64URL.test(value) && value.length % 4 !== 1;
}

export function decodeBase64Url(value: string): Buffer | null {
  return isBase64Url(value) ? Buffer.from(value, 'base64url') : null;
}

export function encodeBase64Url(value: Buffer | string): string {
  return Buffer.from(value).toString('base64url');
}
