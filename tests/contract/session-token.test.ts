import { createHmac } from 'node:crypto';
import { createSecretForSite } from '../../proxy/src/session/secrets';
import { verifySessionToken } from '../../proxy/src/session/token';
import { runPhp } from './php-cli';

const SECRET = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const OTHER_SECRET = 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvu';
const secretForSite = createSecretForSite({ siteSecrets: { 'shop.example': SECRET, 'other.example': OTHER_SECRET } });
const NOW = 1_764_000_000;

interface Issued {
  token: string;
  expires_at: number;
}

const issue = (overrides: Record<string, unknown> = {}) =>
  runPhp<Issued>({
    cmd: 'token',
    secret: SECRET,
    site: 'shop.example',
    sid: 'a:abcdefghijklmnopqrstuv',
    now: NOW,
    ttl: 3600,
    ...overrides,
  });

/** A token with any payload, signed like the PHP does, for cases the PHP refuses to issue. */
function forge(payload: Record<string, unknown>, secret = SECRET): string {
  const segment = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${segment}.${createHmac('sha256', secret).update(segment).digest('base64url')}`;
}

describe('session tokens: PHP issues, TypeScript verifies', () => {
  it('accepts a token issued by the plugin and reads its claims', async () => {
    const { token, expires_at } = await issue();
    const result = verifySessionToken(token, { secretForSite, now: NOW + 10 });
    expect(result).toEqual({
      ok: true,
      session: { site: 'shop.example', sessionId: 'a:abcdefghijklmnopqrstuv', iat: NOW, exp: NOW + 3600 },
    });
    expect(expires_at).toBe(NOW + 3600);
  });

  it("carries a signed-in customer's user ID, and none for a guest", async () => {
    const customer = verifySessionToken((await issue({ sid: 'c:0123456789abcdef0123456789abcdef', uid: 42 })).token, {
      secretForSite,
      now: NOW,
    });
    expect(customer.ok && customer.session.userId).toBe(42);
    const guest = verifySessionToken((await issue()).token, { secretForSite, now: NOW });
    expect(guest.ok && 'userId' in guest.session).toBe(false);
    // A user ID that is not a positive integer makes the token malformed, even when signed.
    for (const uid of [0, -3, 1.5, '42']) {
      const bad = verifySessionToken(
        forge({ v: 1, site: 'shop.example', sid: 'c:0123456789abcdef', iat: NOW, exp: NOW + 60, uid }),
        {
          secretForSite,
          now: NOW,
        },
      );
      expect(bad.ok ? 'ok' : bad.error.code).toBe('malformed');
    }
  });

  it('accepts customer session IDs and sites with a port and path', async () => {
    const { token } = await issue({ site: '127.0.0.1:8080/fr', sid: 'c:0123456789abcdef0123456789abcdef' });
    const result = verifySessionToken(token, {
      secretForSite: createSecretForSite({ connectionSecret: SECRET }),
      now: NOW,
    });
    expect(result.ok && result.session.site).toBe('127.0.0.1:8080/fr');
  });

  it('refuses a tampered payload or signature', async () => {
    const { token } = await issue();
    const [payload, signature] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const otherSession = Buffer.from(JSON.stringify({ ...claims, sid: 'a:someoneelsesessionid00' })).toString('base64url');
    const flipped = signature.slice(0, -2) + (signature.endsWith('AA') ? 'BA' : 'AA');

    for (const bad of [
      `${otherSession}.${signature}`,
      `${payload}.${flipped}`,
      `${payload}.`,
      payload,
      `${token}.x`,
      `${payload}!.${signature}`,
    ]) {
      const result = verifySessionToken(bad, { secretForSite, now: NOW });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(['bad_signature', 'malformed']).toContain(result.error.code);
    }
  });

  it('refuses an expired token', async () => {
    const { token } = await issue({ ttl: 600 });
    expect(verifySessionToken(token, { secretForSite, now: NOW + 500 }).ok).toBe(true);
    const late = verifySessionToken(token, { secretForSite, now: NOW + 600 + 61 });
    expect(!late.ok && late.error.code).toBe('expired');
  });

  it('refuses a token dated in the future', async () => {
    const { token } = await issue({ now: NOW + 3600 });
    const result = verifySessionToken(token, { secretForSite, now: NOW });
    expect(!result.ok && result.error.code).toBe('not_yet_valid');
  });

  it('refuses a token living longer than an hour, even correctly signed', () => {
    const token = forge({ v: 1, site: 'shop.example', sid: 'a:abcdefghijklmnopqrstuv', iat: NOW, exp: NOW + 3601 });
    const result = verifySessionToken(token, { secretForSite, now: NOW });
    expect(!result.ok && result.error.code).toBe('lifetime_too_long');
  });

  it("refuses a token signed with another store's secret, an unknown store, or the wrong store", async () => {
    const { token } = await issue({ secret: OTHER_SECRET });
    const wrongSecret = verifySessionToken(token, { secretForSite, now: NOW });
    expect(!wrongSecret.ok && wrongSecret.error.code).toBe('bad_signature');

    const unknown = verifySessionToken((await issue({ site: 'nobody.example' })).token, { secretForSite, now: NOW });
    expect(!unknown.ok && unknown.error.code).toBe('unknown_site');

    const pinned = verifySessionToken((await issue()).token, { secretForSite, now: NOW, expectedSite: 'other.example' });
    expect(!pinned.ok && pinned.error.code).toBe('wrong_site');
  });
});
