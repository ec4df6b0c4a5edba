/**
 * Text normalization shared by the index and the query side, so both meet on
 * the same form: Unicode compatibility forms folded, Hebrew niqqud and
 * cantillation stripped, final letters mapped to their regular forms, geresh
 * and gershayim removed inside words (ק"ג → קג), Latin lower-cased without
 * accents.
 */

// Cantillation U+0591–U+05AF, niqqud U+05B0–U+05BD, rafe U+05BF, shin/sin dots
// U+05C1–U+05C2, upper/lower dots U+05C4–U+05C5, qamats qatan U+05C7, and Latin
// combining accents (after NFKD).
const COMBINING_MARKS = /[\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7\u0300-\u036F]/g;

const FINAL_FORMS: Readonly<Record<string, string>> = {
  ך: 'כ',
  ם: 'מ',
  ן: 'נ',
  ף: 'פ',
  ץ: 'צ',
};
const FINAL_FORM_PATTERN = /[ךםןףץ]/g;

// Geresh/gershayim and the ASCII and typographic quotes people type in their
// place (צ'יפס, ק"ג, ק״ג, ק”ג).
const QUOTE_MARKS = /["'\u05F3\u05F4\u2018\u2019\u201C\u201D\u0060\u00B4]/g;

// Maqaf (Hebrew hyphen), paseq and sof pasuq separate words.
const HEBREW_PUNCTUATION = /[\u05BE\u05C0\u05C3\u05C6]/g;

export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(HEBREW_PUNCTUATION, ' ')
    .replace(QUOTE_MARKS, '')
    .replace(FINAL_FORM_PATTERN, (ch) => FINAL_FORMS[ch] ?? ch)
    .toLowerCase();
}

const WORD = /[\p{L}\p{N}]+(?:[-_./][\p{L}\p{N}]+)*/gu;
const COMPOUND_SEPARATOR = /[-_./]/;

export interface Token {
  /** The normalized word, e.g. `לכלבימ`, `toys`, or a compound like `dog-food-101`. */
  text: string;
  /** For compounds (SKUs, `3-in-1`): the parts, also searchable on their own. */
  parts: string[];
}

/** Split text into normalized words; hyphen/dot/underscore compounds (SKUs) stay whole, with their parts. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of normalizeText(text).matchAll(WORD)) {
    const word = match[0];
    const parts = COMPOUND_SEPARATOR.test(word) ? word.split(COMPOUND_SEPARATOR).filter(Boolean) : [];
    tokens.push({ text: word, parts });
  }
  return tokens;
}

const HEBREW_LETTER = /[\u05D0-\u05EA]/;

export function isHebrewWord(word: string): boolean {
  return HEBREW_LETTER.test(word);
}

/** 'he' when the text has Hebrew letters, otherwise 'en'. */
export function detectLanguage(text: string): 'he' | 'en' {
  return HEBREW_LETTER.test(text) ? 'he' : 'en';
}
