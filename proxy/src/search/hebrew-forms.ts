/**
 * Rule-based Hebrew word forms. Hebrew glues one-letter prepositions and
 * conjunctions to the next word (לכלבים = "for dogs", והצעצוע = "and the toy")
 * and marks plurals with suffixes, so a shopper's word rarely equals the word in
 * the product text. Both sides are expanded to the same set of candidate stems,
 * which then meet in the index. Input must already be normalized (no final
 * forms, no niqqud).
 */

// Longest first, so "ושה" is tried before "וש" and "ו". Built from ו, then
// ש/כש/מש, then ה/ב/ל/מ/כ, which covers the combinations in everyday use.
// prettier-ignore
const PREFIXES: readonly string[] = [
  'וכשה', 'ושה', 'ושב', 'ושל', 'ושמ', 'וכש', 'לכש', 'כשה',
  'וה', 'וב', 'ול', 'ומ', 'וש', 'וכ', 'שה', 'שב', 'של', 'שמ', 'שכ', 'כש', 'מה', 'מש',
  'ה', 'ו', 'ב', 'ל', 'מ', 'ש', 'כ',
];

/** A stripped prefix must leave a word of at least this many letters. */
const MIN_STEM_AFTER_PREFIX = 3;
/** A stripped suffix must leave at least this many letters (דגימ → דג). */
const MIN_STEM_AFTER_SUFFIX = 2;

function withoutPrefixes(word: string): string[] {
  const forms: string[] = [];
  for (const prefix of PREFIXES) {
    if (word.startsWith(prefix) && word.length - prefix.length >= MIN_STEM_AFTER_PREFIX) {
      forms.push(word.slice(prefix.length));
    }
  }
  return forms;
}

/**
 * Plural and construct endings: -ים (כלבימ → כלב), -ות (רצועות → רצוע), -י of
 * the construct plural (חטיפי → חטיפ), and a final -ה or construct -ת (רצועה,
 * רצועת → רצוע) so singular feminine nouns meet their -ות plural.
 */
function withoutSuffixes(word: string): string[] {
  const forms: string[] = [];
  const strip = (suffix: string) => {
    if (word.endsWith(suffix) && word.length - suffix.length >= MIN_STEM_AFTER_SUFFIX) {
      forms.push(word.slice(0, -suffix.length));
    }
  };
  strip('ימ');
  strip('ות');
  if (word.length >= 4) strip('י');
  if (word.length >= 4) strip('ה');
  if (word.length >= 4) strip('ת');
  return forms;
}

/** The word itself first, then its candidate stems, without duplicates. */
export function hebrewWordForms(word: string): string[] {
  const forms = new Set<string>([word]);
  for (const unprefixed of [word, ...withoutPrefixes(word)]) {
    forms.add(unprefixed);
    for (const stem of withoutSuffixes(unprefixed)) forms.add(stem);
  }
  return [...forms];
}
