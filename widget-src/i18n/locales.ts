/**
 * The languages the widget ships, by WordPress locale (the file name in this folder). A page in
 * `es-MX` gets `es_ES`: the language decides, the region only picks among files of one language.
 */
import { languageOf, normalizeLocale } from '../config/locale';

export const SHIPPED_LOCALES = ['ar', 'de_DE', 'es_ES', 'fr_FR', 'he_IL', 'ru_RU'] as const;
export type ShippedLocale = (typeof SHIPPED_LOCALES)[number];

/** The shipped translation for a page locale, or null for English (the source strings). */
export function shippedLocaleFor(locale: string): ShippedLocale | null {
  const normalized = normalizeLocale(locale);
  const exact = SHIPPED_LOCALES.find((l) => l === normalized);
  if (exact) {
    return exact;
  }
  const language = languageOf(normalized);
  return SHIPPED_LOCALES.find((l) => languageOf(l) === language) ?? null;
}
