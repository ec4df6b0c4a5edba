import { DEFAULT_INSTRUCTIONS } from '../../proxy/src/chat/instructions';
import { normalizeSiteId } from '../../proxy/src/session/secrets';
import { runPhp } from './php-cli';

describe('what the plugin and the proxy must agree on', () => {
  it('the settings screen shows the same built-in instructions the proxy uses', async () => {
    const { instructions } = await runPhp<{ instructions: string }>({ cmd: 'instructions' });
    expect(instructions).toBe(DEFAULT_INSTRUCTIONS);
  });

  it.each([
    'https://Shop.Example/',
    'https://shop.example:443',
    'http://shop.example:80/',
    'http://127.0.0.1:8080/fr/',
    'https://shop.example/he/store',
  ])('site IDs are computed the same way: %s', async (url) => {
    const { site } = await runPhp<{ site: string }>({ cmd: 'site_id', url });
    expect(site).not.toBe('');
    expect(normalizeSiteId(site)).toBe(site);
    expect(normalizeSiteId(url)).toBe(site);
  });
});
