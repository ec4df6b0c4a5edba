import type { WordPressSite } from '../../helpers/wordpress';

/** A PHP expression for any string, without quoting worries (Hebrew, quotes, %s). */
export function phpString(text: string): string {
  return `json_decode(base64_decode('${Buffer.from(JSON.stringify(text)).toString('base64')}'))`;
}

/**
 * What the plugin shows for an English source string in the site's language, asked from
 * WordPress itself (the plugin must be active, so its text domain is loaded on init), with
 * `%s`/`%d`/`%1$s` placeholders filled from `args`. Rejects when the string is not
 * translated: the admin screen must not fall back to English.
 */
export async function translated(wp: Pick<WordPressSite, 'php'>, english: string, ...args: string[]): Promise<string> {
  const format = await wp.php(`echo __( ${phpString(english)}, 'aisle' );`);
  if (format === english) throw new Error(`no translation in the site's language for: ${english}`);
  let i = 0;
  return format.replace(
    /%(\d\$)?[sd]/g,
    (_m, position?: string) => (position ? args[Number.parseInt(position, 10) - 1] : args[i++]) ?? '',
  );
}

/** A translated format as a RegExp whose placeholders match anything (for values not known in advance). */
export async function translatedPattern(wp: Pick<WordPressSite, 'php'>, english: string): Promise<RegExp> {
  const hole = '\u0000';
  const format = await translated(wp, english, hole, hole, hole);
  const escaped = format.split(hole).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(escaped.join('.+?'));
}

export const HEBREW_LETTERS = /[\u05D0-\u05EA]/;
