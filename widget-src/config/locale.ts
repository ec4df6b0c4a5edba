/** Locale and direction detection: the page knows best, the store's config overrides it. */
import type { Direction } from './types';

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'dv', 'ckb', 'ug']);

/** `he-IL`, `he_il`, `he` → `he_IL`, `he_IL`, `he`. */
export function normalizeLocale(value: string | null | undefined): string {
  const raw = (value ?? '').trim();
  if (!raw) {
    return 'en_US';
  }
  const [language = 'en', region] = raw.replace('-', '_').split('_');
  return region ? `${language.toLowerCase()}_${region.toUpperCase()}` : language.toLowerCase();
}

export function languageOf(locale: string): string {
  return locale.split('_')[0] ?? locale;
}

export function isRtlLocale(locale: string): boolean {
  return RTL_LANGUAGES.has(languageOf(locale));
}

/** BCP 47 tag for Intl and `lang` attributes: `he_IL` → `he-IL`. */
export function toLanguageTag(locale: string): string {
  return locale.replace('_', '-');
}

/** The page's direction: explicit `dir` on <html> or <body>, else the computed one, else the locale's. */
export function detectPageDirection(doc: Document, locale: string): Direction {
  for (const el of [doc.documentElement, doc.body]) {
    const dir = el?.getAttribute('dir')?.toLowerCase();
    if (dir === 'rtl' || dir === 'ltr') {
      return dir;
    }
  }
  const computed = doc.body ? doc.defaultView?.getComputedStyle(doc.body).direction : undefined;
  if (computed === 'rtl' || computed === 'ltr') {
    return computed;
  }
  return isRtlLocale(locale) ? 'rtl' : 'ltr';
}
