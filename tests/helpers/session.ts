import { createHmac } from 'node:crypto';

/** A shopper session token in the plugin's format (v1: base64url(JSON) "." base64url(HMAC-SHA256)). */
export function mintSessionToken(secret: string, site: string, sid: string, lifetimeS = 900, userId?: number): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = { v: 1, site, sid, iat: now, exp: now + lifetimeS, ...(userId ? { uid: userId } : {}) };
  const segment = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${segment}.${createHmac('sha256', secret).update(segment).digest('base64url')}`;
}
