/** Prices as the store writes them (WooCommerce's format) or, without one, as the shopper's locale does. */
import { toLanguageTag } from '../config/locale';
import type { PriceFormat } from '../config/types';

let storeFormat: PriceFormat | null = null;

/** The store's own price format, from the page's config; set once when the panel mounts. */
export function setStorePriceFormat(format: PriceFormat | null): void {
  storeFormat = format;
}

/** `"1234.5"` in `{ symbol: '₪', position: 'right_space', decimals: 2, '.', ',' }` → `1,234.50 ₪`, as WooCommerce's wc_price() writes it. */
export function formatWithStoreFormat(value: number, format: PriceFormat): string {
  const [whole = '0', fraction = ''] = Math.abs(value).toFixed(format.decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, format.thousandSeparator);
  const number = `${value < 0 ? '-' : ''}${grouped}${format.decimals > 0 ? `${format.decimalSeparator}${fraction}` : ''}`;
  switch (format.position) {
    case 'left':
      return `${format.symbol}${number}`;
    case 'left_space':
      return `${format.symbol}\u00a0${number}`;
    case 'right':
      return `${number}${format.symbol}`;
    case 'right_space':
      return `${number}\u00a0${format.symbol}`;
  }
}

/** `"129.9"`, `"ILS"`, `he_IL` → `‏129.90 ‏₪`; falls back to `fallback` when it cannot. */
export function formatPrice(amount: string, currency: string, locale: string, fallback = amount): string {
  const value = Number(amount);
  if (amount.trim() === '' || !Number.isFinite(value)) {
    return fallback;
  }
  if (storeFormat) return formatWithStoreFormat(value, storeFormat);
  try {
    return new Intl.NumberFormat(toLanguageTag(locale), currency ? { style: 'currency', currency } : {}).format(value);
  } catch {
    // Unknown currency code or locale.
    return fallback;
  }
}
