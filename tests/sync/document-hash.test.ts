import { createHmac } from 'node:crypto';
import { buildCatalog } from '../fakes/woo';
import { wooProductSchema, wooVariationSchema } from '../../proxy/src/woo/schemas';
import { buildCatalogItem, stockInWords, trimText } from '../../proxy/src/sync/document';
import { labelsFor, detectLanguage } from '../../proxy/src/sync/labels';
import { ENTRY_TOKEN_BUDGET, estimateTokens } from '../../proxy/src/sync/chunking';
import { catalogHash, shardHash } from '../../proxy/src/sync/shards';
import { verifyWooSignature } from '../../proxy/src/sync/webhook';
import { isSearchable } from '../../proxy/src/sync/visibility';

const catalog = buildCatalog(200);
const he = { labels: labelsFor('he') };
const item = (raw: (typeof catalog.products)[number]) =>
  buildCatalogItem(
    wooProductSchema.parse(raw),
    (catalog.variations[raw.id] ?? []).map((v) => wooVariationSchema.parse(v)),
    he,
  );

test('the hash ignores product order and volatile fields, and changes with meaning', () => {
  const items = catalog.products.slice(0, 50).map(item);
  const h1 = shardHash(items, 'he');
  expect(shardHash([...items].reverse(), 'he')).toBe(h1);
  const volatile = catalog.products
    .slice(0, 50)
    .map((p) => item({ ...p, date_modified_gmt: '2030-01-01T00:00:00', total_sales: 999, _links: {} }));
  expect(shardHash(volatile, 'he')).toBe(h1);
  const simple = catalog.products.slice(0, 50).findIndex((p) => p.type === 'simple');
  const priced = catalog.products
    .slice(0, 50)
    .map((p, i) => item(i === simple ? { ...p, price: '1.00', regular_price: '1.00', sale_price: '', on_sale: false } : p));
  expect(shardHash(priced, 'he')).not.toBe(h1);
  expect(catalogHash({ b: { hash: 'x' }, a: { hash: 'y' } })).toBe(catalogHash({ a: { hash: 'y' }, b: { hash: 'x' } }));
});

test('every entry stays under the token budget, even with a huge HTML description and many variations', () => {
  const base = catalog.products.find((p) => p.type === 'variable')!;
  const variations = Array.from({ length: 60 }, (_, i) => ({
    ...catalog.variations[base.id]![0]!,
    id: 90_000 + i,
    attributes: [{ id: 1, name: 'מידה', slug: 'pa_size', option: `מידה ${i}` }],
  }));
  const huge = `<div>${'<p>תיאור ארוך מאוד של המוצר עם &amp; ישויות ו&nbsp;רווחים. </p>'.repeat(300)}</div>`;
  const entry = buildCatalogItem(
    wooProductSchema.parse({ ...base, description: huge }),
    variations.map((v) => wooVariationSchema.parse(v)),
    he,
  );
  expect(estimateTokens(entry.text)).toBeLessThanOrEqual(ENTRY_TOKEN_BUDGET);
  expect(entry.text).toMatch(/ועוד \d+ אפשרויות/);
  expect(entry.text).toContain(`System_ID: ${base.id}`);
  expect(entry.text).not.toMatch(/&amp;|&nbsp;|<p>/);
  expect(entry.text).toContain(base.permalink);
  for (const p of catalog.products) expect(estimateTokens(item(p).text)).toBeLessThanOrEqual(ENTRY_TOKEN_BUDGET);
});

test('stock in words, sale end date, labels and visibility', () => {
  const l = labelsFor('en');
  expect(stockInWords({ stock_status: 'instock', stock_quantity: 3, manage_stock: true, backorders: 'no' }, l, 5)).toBe(
    'low stock (only 3 left)',
  );
  expect(stockInWords({ stock_status: 'instock', stock_quantity: 30, manage_stock: true, backorders: 'no' }, l, 5)).toBe(
    'in stock (30 available)',
  );
  expect(stockInWords({ stock_status: 'onbackorder', stock_quantity: 0, manage_stock: true, backorders: 'notify' }, l, 5)).toBe(
    'available on backorder',
  );
  expect(stockInWords({ stock_status: 'outofstock', stock_quantity: null, manage_stock: false, backorders: 'no' }, l, 5)).toBe(
    'out of stock',
  );
  const onSale = catalog.products.find((p) => p.type === 'simple' && p.date_on_sale_to)!;
  expect(item(onSale).text).toContain(`המבצע בתוקף עד: ${onSale.date_on_sale_to!.slice(0, 10)}`);
  expect(detectLanguage(catalog.products.map((p) => p.name))).toBe('he');
  expect(detectLanguage(['Dog food', 'Cat toy'])).toBe('en');
  expect(isSearchable({ status: 'publish', catalog_visibility: 'search' })).toBe(true);
  expect(isSearchable({ status: 'publish', catalog_visibility: 'catalog' })).toBe(false);
  expect(isSearchable({ status: 'publish', catalog_visibility: 'visible', post_password: 'x' })).toBe(false);
  expect(isSearchable({ status: 'private', catalog_visibility: 'visible' })).toBe(false);
  expect(trimText('First sentence here. Second one is long.', 30)).toBe('First sentence here.');
  expect(trimText('One. Two three four five six.', 12)).toBe('One. Two…');
});

test('webhook signatures: base64 HMAC-SHA256 of the raw bytes', () => {
  const body = Buffer.from('{"id":5,"name":"כלב"}');
  const good = createHmac('sha256', 's3cret').update(body).digest('base64');
  expect(verifyWooSignature(body, good, 's3cret')).toBe(true);
  expect(verifyWooSignature(Buffer.from('{"id":5, "name":"כלב"}'), good, 's3cret')).toBe(false);
  expect(verifyWooSignature(body, good, 'other')).toBe(false);
  expect(verifyWooSignature(body, undefined, 's3cret')).toBe(false);
  expect(verifyWooSignature(body, 'short', 's3cret')).toBe(false);
});
