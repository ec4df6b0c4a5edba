/**
 * Translations are kept in WordPress's JSON translation format (what `wp i18n make-json`
 * writes and `wp_set_script_translations()` reads): `{ locale_data: { messages: {…} } }`.
 */
import type { LocaleData } from '@wordpress/i18n';

export interface JedTranslationFile {
  domain?: string;
  locale_data: Record<string, LocaleData>;
}

/** The file's messages, ready for `setLocaleData(data, 'aisle')`. */
export function localeDataOf(file: JedTranslationFile): LocaleData {
  return file.locale_data.messages ?? Object.values(file.locale_data)[0] ?? {};
}
