/**
 * What the plugin pushes on Connect is what the proxy accepts: the body is built by the
 * plugin's own PHP (ConfigBody, StoreSettings::clean) and parsed by the proxy's schema.
 */
import { adminConfigBody } from '../../proxy/src/admin/schemas';
import { fakeOpenAIKey } from '../helpers/keys';
import { runPhp } from './php-cli';

const settings = {
  proxy_url: 'https://aisle.example',
  connection_secret: 'x'.repeat(43),
  openai_api_key: fakeOpenAIKey('contract'),
  daily_token_cap: 500000,
  moderation: true,
  rate_session_per_min: 12,
  retention_days: 14,
};
const woo = { consumer_key: `ck_${'a'.repeat(40)}`, consumer_secret: `cs_${'b'.repeat(40)}` };

test.each([
  [
    'a shekel store in Hebrew',
    {
      currency: 'ILS',
      currency_symbol: '₪',
      currency_position: 'right_space',
      decimals: 2,
      decimal_separator: '.',
      thousand_separator: ',',
      language: 'he_IL',
    },
  ],
  [
    'a euro store with a formal German locale',
    {
      currency: 'EUR',
      currency_symbol: '€',
      currency_position: 'right',
      decimals: 2,
      decimal_separator: ',',
      thousand_separator: '.',
      language: 'de_DE_formal',
    },
  ],
  [
    'a yen store with no decimals',
    {
      currency: 'JPY',
      currency_symbol: '¥',
      currency_position: 'left',
      decimals: 0,
      decimal_separator: '',
      thousand_separator: '',
      language: 'ja',
    },
  ],
])('the body for %s parses, with its currency and the owner controls', async (_name, store) => {
  const body = await runPhp<Record<string, unknown>>({
    cmd: 'config_body',
    settings,
    store_url: 'https://shop.example',
    woo,
    store,
  });
  const parsed = adminConfigBody.parse(body);
  expect(parsed.store?.currency).toBe(store.currency);
  expect(parsed.store?.currency_symbol).toBe(store.currency_symbol);
  expect(parsed.controls).toEqual({
    daily_token_cap: 500000,
    moderation: true,
    rate_session_per_min: 12,
    retention_days: 14,
    order_lookup: true,
    transcript_review: false,
  });
});

test('without WooCommerce the body has no store block and still parses', async () => {
  const body = await runPhp<Record<string, unknown>>({
    cmd: 'config_body',
    settings,
    store_url: 'https://shop.example',
    woo: null,
    store: null,
  });
  expect(adminConfigBody.parse(body).store).toBeUndefined();
});
