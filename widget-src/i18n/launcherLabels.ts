/**
 * The launcher's two labels in every shipped language, so the loader can name its button before
 * (and without) fetching a language's whole translation file, which comes with the panel.
 * `tests/translations.test.ts` keeps them equal to the JSON files.
 */
import type { ShippedLocale } from './locales';

export type LauncherLabel = 'Open chat' | 'Close chat';

export const LAUNCHER_LABELS: Readonly<Record<ShippedLocale, Readonly<Record<LauncherLabel, string>>>> = {
  ar: { 'Open chat': 'فتح المحادثة', 'Close chat': 'إغلاق المحادثة' },
  de_DE: { 'Open chat': 'Chat öffnen', 'Close chat': 'Chat schließen' },
  es_ES: { 'Open chat': 'Abrir el chat', 'Close chat': 'Cerrar el chat' },
  fr_FR: { 'Open chat': 'Ouvrir le chat', 'Close chat': 'Fermer le chat' },
  he_IL: { 'Open chat': "פתיחת הצ'אט", 'Close chat': "סגירת הצ'אט" },
  ru_RU: { 'Open chat': 'Открыть чат', 'Close chat': 'Закрыть чат' },
};
