import { stemEnglish } from './english-forms';
import { hebrewWordForms } from './hebrew-forms';
import { isHebrewWord, tokenize } from './normalize';

/**
 * Words that carry no product meaning in a shopper's request. Only the query
 * is filtered: in product text they are harmless (BM25 gives them little
 * weight). Written in normalized form (no final letters).
 */
const STOPWORDS: ReadonlySet<string> = new Set([
  // Hebrew
  'של',
  'עמ',
  'את',
  'על',
  'או',
  'גמ',
  'יש',
  'לי',
  'אני',
  'מה',
  'רוצה',
  'מחפש',
  'מחפשת',
  'מחפשימ',
  'צריכ',
  'צריכה',
  'בשביל',
  'עבור',
  'הכי',
  'איזה',
  'איזו',
  'אפשר',
  'תמליצ',
  'ממליצ',
  'תראה',
  'תראי',
  'לקנות',
  'קצת',
  'משהו',
  'שלי',
  'זה',
  'זו',
  'כמה',
  'האמ',
  'בבקשה',
  'טוב',
  'טובה',
  'הצעה',
  'אולי',
  // English
  'a',
  'an',
  'the',
  'for',
  'with',
  'and',
  'or',
  'of',
  'to',
  'in',
  'on',
  'my',
  'i',
  'me',
  'want',
  'need',
  'looking',
  'some',
  'any',
  'do',
  'you',
  'have',
  'is',
  'are',
  'show',
  'please',
  'good',
  'best',
  'find',
  'buy',
  'what',
  'which',
]);

/**
 * Shopper words that mean a catalog word. Small and general on purpose: the
 * store's own names carry the rest. Keys and values are normalized forms.
 */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  אוכל: ['מזונ'],
  אוכלי: ['מזונ'],
  כלבלב: ['גור', 'כלב'],
  חתלתול: ['גור', 'חתול'],
};

/** One candidate term for the index, with how much a match on it is worth. */
export interface TermVariant {
  term: string;
  weight: number;
}

/** A word of the shopper's query and every form that may stand for it. */
export interface QueryWord {
  word: string;
  variants: TermVariant[];
}

const SURFACE_WEIGHT = 1;
const STEM_WEIGHT = 0.8;
const SYNONYM_WEIGHT = 0.6;
const COMPOUND_PART_WEIGHT = 0.4;

/** Forms of one word for the index and the query: Hebrew prefixes/suffixes, English plurals. */
export function wordForms(word: string): string[] {
  if (isHebrewWord(word)) return hebrewWordForms(word);
  const stem = stemEnglish(word);
  return stem === word ? [word] : [word, stem];
}

/** Every index term for a piece of text: each word's forms, and compound parts. */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    terms.push(...wordForms(token.text));
    for (const part of token.parts) terms.push(...wordForms(part));
  }
  return terms;
}

function addVariant(variants: Map<string, number>, term: string, weight: number): void {
  if (!term) return;
  variants.set(term, Math.max(variants.get(term) ?? 0, weight));
}

/** The shopper's query as words, each with weighted variants; stopwords dropped unless nothing else is left. */
export function parseQuery(query: string): QueryWord[] {
  const tokens = tokenize(query);
  const meaningful = tokens.filter((t) => !STOPWORDS.has(t.text));
  const words = meaningful.length > 0 ? meaningful : tokens;
  const seen = new Set<string>();
  const parsed: QueryWord[] = [];
  for (const token of words) {
    if (seen.has(token.text)) continue;
    seen.add(token.text);
    const variants = new Map<string, number>();
    const [surface, ...stems] = wordForms(token.text);
    if (surface) addVariant(variants, surface, SURFACE_WEIGHT);
    for (const stem of stems) addVariant(variants, stem, STEM_WEIGHT);
    for (const form of [token.text, ...stems]) {
      for (const synonym of SYNONYMS[form] ?? []) addVariant(variants, synonym, SYNONYM_WEIGHT);
    }
    for (const part of token.parts) {
      for (const form of wordForms(part)) addVariant(variants, form, COMPOUND_PART_WEIGHT);
    }
    parsed.push({ word: token.text, variants: [...variants].map(([term, weight]) => ({ term, weight })) });
  }
  return parsed;
}
