import { afterEach, describe, expect, test } from '@jest/globals';
import { resolveConfig } from '../../config/readConfig';
import { formatPrice, formatWithStoreFormat, setStorePriceFormat } from '../../format/price';

afterEach(() => setStorePriceFormat(null));

describe("the store's price format", () => {
  test.each([
    ['left', 1234.5, '$1,234.50'],
    ['left_space', 1234.5, '$\u00a01,234.50'],
    ['right', 59.9, '59.90$'],
    ['right_space', 59.9, '59.90\u00a0$'],
  ] as const)('%s: %d → %s', (position, value, expected) => {
    expect(
      formatWithStoreFormat(value, { symbol: '$', position, decimals: 2, decimalSeparator: '.', thousandSeparator: ',' }),
    ).toBe(expected);
  });

  test('European separators and no decimals, as WooCommerce writes them', () => {
    const euro = { symbol: '€', position: 'right_space', decimals: 2, decimalSeparator: ',', thousandSeparator: '.' } as const;
    expect(formatWithStoreFormat(1234567.891, euro)).toBe('1.234.567,89\u00a0€');
    expect(formatWithStoreFormat(1500, { ...euro, symbol: '¥', position: 'left', decimals: 0, thousandSeparator: ',' })).toBe(
      '¥1,500',
    );
  });

  test('wins over the shopper locale once set, and the locale decides again without it', () => {
    expect(formatPrice('59.9', 'ILS', 'en_US')).toBe('₪59.90');
    setStorePriceFormat({ symbol: '₪', position: 'right_space', decimals: 2, decimalSeparator: '.', thousandSeparator: ',' });
    expect(formatPrice('59.9', 'ILS', 'en_US')).toBe('59.90\u00a0₪');
    expect(formatPrice('', 'ILS', 'en_US', 'fallback')).toBe('fallback');
  });

  test('a malformed format from the page is ignored, never half-applied', () => {
    const withFormat = (priceFormat: unknown) =>
      resolveConfig({ proxyUrl: 'https://aisle.example', priceFormat } as never, document).priceFormat;
    const good = { symbol: '$', position: 'left', decimals: 2, decimalSeparator: '.', thousandSeparator: ',' };
    expect(withFormat({ ...good, position: 'middle' })).toBeNull();
    expect(withFormat({ ...good, decimals: 12 })).toBeNull();
    expect(withFormat('$')).toBeNull();
    expect(withFormat(good)).toEqual(good);
  });
});
