import { htmlToPlain, isShopperVisible, safeStoreUrl, toCard } from '../../proxy/src/catalog/cards';
import { validateProductIds } from '../../proxy/src/catalog/products';
import { buildCatalog } from '../fakes/woo/catalog';

describe('product cards', () => {
  test('price_html becomes the visible text only: entities decoded, screen-reader copies dropped', () => {
    const html =
      '<span class="woocommerce-Price-amount amount"><bdi>25.65&nbsp;<span class="woocommerce-Price-currencySymbol">&#8362;</span></bdi></span> &ndash; <span class="woocommerce-Price-amount amount"><bdi>82.08&nbsp;<span class="woocommerce-Price-currencySymbol">&#8362;</span></bdi></span><span class="screen-reader-text">Price range: 25.65 &#8362; through 82.08 &#8362;</span>';
    expect(htmlToPlain(html)).toBe('25.65 ₪ – 82.08 ₪');
    expect(htmlToPlain('<del>100</del> <ins>80</ins><script>alert(1)</script>')).not.toMatch(/[<>]/);
  });

  test('links only to the store: other hosts and javascript: are dropped', () => {
    const hosts = new Set(['shop.example']);
    expect(safeStoreUrl('https://shop.example/product/a/', hosts)).toBe('https://shop.example/product/a/');
    expect(safeStoreUrl('https://evil.example/product/a/', hosts)).toBeNull();
    expect(safeStoreUrl('javascript:alert(1)', hosts)).toBeNull();
    expect(safeStoreUrl('//evil.example/x', hosts)).toBeNull();
    expect(safeStoreUrl(undefined, hosts)).toBeNull();
  });

  test('only published, not hidden, not password-protected products are shopper-visible', () => {
    const { products } = buildCatalog(200, { baseUrl: 'https://shop.example' });
    for (const p of products) {
      const expected = p.status === 'publish' && p.catalog_visibility !== 'hidden' && !p.post_password;
      expect(isShopperVisible(p)).toBe(expected);
    }
    expect(products.some((p) => !isShopperVisible(p))).toBe(true);
  });

  test('a variable product lists only in-stock purchasable variations', () => {
    const { products, variations } = buildCatalog(100, { baseUrl: 'https://shop.example' });
    const variable = products.find(
      (p) => p.type === 'variable' && (variations[p.id] ?? []).some((v) => v.stock_status === 'outofstock'),
    );
    const chosen = variable ?? products.find((p) => p.type === 'variable')!;
    const card = toCard(chosen, variations[chosen.id] ?? [], { currency: 'ILS', allowedHosts: new Set(['shop.example']) });
    expect(card.variations.length).toBeGreaterThan(0);
    expect(card.variations.every((v) => v.stock_status !== 'outofstock')).toBe(true);
    expect(card.permalink).toBe(chosen.permalink);
  });

  test('model-supplied IDs: integers only, deduplicated, capped', () => {
    expect(validateProductIds({ product_ids: [3, 3, '4', 5.5, -1, 0, 2 ** 40, 7] }, 12)).toEqual({
      ids: [3, 7],
      problems: ['5 entries were not valid product IDs'],
    });
    expect(validateProductIds({ product_ids: Array.from({ length: 20 }, (_, i) => i + 1) }, 12).ids).toHaveLength(12);
    expect(validateProductIds({ ids: [1] }, 12).ids).toEqual([]);
    expect(validateProductIds(null, 12).problems[0]).toMatch(/array/);
  });
});
