/** Prices as the shopper's locale writes them, from the card's decimal strings. */
import { toLanguageTag } from '../config/locale';

/** `"129.9"`, `"ILS"`, `he_IL` → `‏129.90 ‏₪`; falls back to `fallback` when it cannot. */
export function formatPrice(amount: string, currency: string, locale: string, fallback = amount): string {
  const value = Number(amount);
  if (amount.trim() === '' || !Number.isFinite(value)) {
    return fallback;
  }
  try {
    return new Intl.NumberFormat(toLanguageTag(locale), currency ? { style: 'currency', currency } : {}).format(value);
  } catch {
    // Unknown currency code or locale.
    return fallback;
  }
}
