/**
 * A deliberately small English stemmer: plural -s/-es/-ies only. Catalog words
 * are mostly nouns ("toys", "leashes", "puppies"), and a heavier stemmer
 * (Porter) merges words shoppers mean differently ("bedding" → "bed").
 */
export function stemEnglish(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ss|us|is)$/.test(word)) return word;
  if (/(?:sh|ch|x|ss|zz)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}
