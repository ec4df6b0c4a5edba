import { bearerToken } from '../../proxy/src/session/token';
import { createSecretForSite, hasAnySecret, normalizeSiteId, siteSecretsSchema } from '../../proxy/src/session/secrets';

const A = 'a'.repeat(43);
const B = 'b'.repeat(43);

describe('connection secrets', () => {
  it('one secret serves any site unless pinned', () => {
    expect(createSecretForSite({ connectionSecret: A })('whatever.example')).toBe(A);
    const pinned = createSecretForSite({ connectionSecret: A, siteId: 'https://Shop.Example/' });
    expect(pinned('shop.example')).toBe(A);
    expect(pinned('other.example')).toBeNull();
  });

  it('per-site secrets win and unknown sites get none', () => {
    const secretFor = createSecretForSite({ connectionSecret: A, siteId: 'main.example', siteSecrets: { 'Two.Example': B } });
    expect(secretFor('two.example')).toBe(B);
    expect(secretFor('main.example')).toBe(A);
    expect(secretFor('three.example')).toBeNull();
    expect(createSecretForSite({})('main.example')).toBeNull();
    expect(hasAnySecret({})).toBe(false);
    expect(hasAnySecret({ siteSecrets: { x: B } })).toBe(true);
  });

  it('AISLE_SITE_SECRETS is validated JSON with long-enough secrets', () => {
    expect(siteSecretsSchema.parse(`{"Shop.Example":"${A}"}`)).toEqual({ 'shop.example': A });
    expect(siteSecretsSchema.safeParse('{not json').success).toBe(false);
    expect(siteSecretsSchema.safeParse('{"shop.example":"short"}').success).toBe(false);
    expect(siteSecretsSchema.safeParse('["shop.example"]').success).toBe(false);
  });

  it('normalizes site IDs like the plugin', () => {
    expect(normalizeSiteId('https://Shop.Example:443/fr/')).toBe('shop.example/fr');
    expect(normalizeSiteId('127.0.0.1:8080')).toBe('127.0.0.1:8080');
  });

  it('reads bearer tokens', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer   abc.def ')).toBe('abc.def');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
