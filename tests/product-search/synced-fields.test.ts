import { buildCatalog } from '../fakes/woo';
import { buildCatalogItem, type SyncedProduct } from '../../proxy/src/sync/document';
import { labelsFor } from '../../proxy/src/sync/labels';
import { wooProductSchema } from '../../proxy/src/woo/schemas';

const catalog = buildCatalog(20);
const simple = catalog.products.find((p) => p.type === 'simple')!;

test('WooCommerce popularity and rating fields are read, in either of the types stores send', () => {
  expect(wooProductSchema.parse({ ...simple, total_sales: 42, average_rating: '4.50', rating_count: 8 })).toMatchObject({
    total_sales: 42,
    average_rating: '4.50',
    rating_count: 8,
  });
  // Older WooCommerce sends total_sales as a string; some plugins drop the fields.
  expect(wooProductSchema.parse({ ...simple, total_sales: '17' }).total_sales).toBe(17);
  const { total_sales: _sales, average_rating: _avg, rating_count: _count, ...bare } = simple;
  expect(wooProductSchema.parse(bare)).toMatchObject({ total_sales: 0, average_rating: '', rating_count: 0 });
});

test('the sync keeps total_sales with the product for search_products, but out of the entry text', () => {
  const build = (sales: number) =>
    buildCatalogItem(wooProductSchema.parse({ ...simple, total_sales: sales }), [], { labels: labelsFor('he') });
  const sold = build(42);
  expect((JSON.parse(sold.product) as SyncedProduct).total_sales).toBe(42);
  expect((JSON.parse(build(0).product) as SyncedProduct).total_sales).toBeUndefined();
  expect(build(7).text).toBe(sold.text);
  expect(sold.text).not.toContain('42');
});
