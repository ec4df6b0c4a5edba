import { stemEnglish, hebrewWordForms, tokenize } from '../search';
import { isHebrewWord } from '../search/normalize';
import { STOP_WORDS } from './stop-words';

/** Longer tokens are codes, hashes or pasted junk, not what a shopper asks about. */
const MAX_TERM_CHARS = 24;
/** Order numbers, phone numbers and postcodes carry digits: a run this long is never counted. */
const LONG_DIGITS = /\d{4,}/;

/**
 * The countable words of a shopper's message, in order, normalized (the search module's
 * Hebrew-aware form: no niqqud, no final letters, Latin lower case). Stop words, single
 * letters, long numbers and over-long tokens are left out, so neither the message nor
 * anything that identifies a person is kept; `null` marks where a word was left out, so
 * a phrase never bridges a gap.
 */
export function questionWords(message: string): Array<string | null> {
  const words: Array<string | null> = [];
  for (const token of tokenize(message)) {
    const word = token.text;
    const countable =
      word.length >= 2 &&
      word.length <= MAX_TERM_CHARS &&
      !STOP_WORDS.has(word) &&
      !LONG_DIGITS.test(word) &&
      !/^\d+$/.test(word);
    if (countable) words.push(word);
    else if (words.length > 0 && words[words.length - 1] !== null) words.push(null);
  }
  return words;
}

/** Terms and two-word phrases of a message, each counted once per message. */
export function questionTerms(message: string): { terms: string[]; phrases: string[] } {
  const words = questionWords(message);
  const terms = new Set<string>();
  const phrases = new Set<string>();
  words.forEach((word, i) => {
    if (word === null) return;
    terms.add(word);
    const next = words[i + 1];
    if (next) phrases.add(`${word} ${next}`);
  });
  return { terms: [...terms], phrases: [...phrases] };
}

/** The forms a counted word may stand for: Hebrew prefixes and plural endings, English plurals. */
function formsOf(word: string): string[] {
  if (isHebrewWord(word)) return hebrewWordForms(word);
  const stem = stemEnglish(word);
  return stem === word ? [word] : [word, stem];
}

/**
 * Merges counted words that are forms of one another (לכלבים, כלבים and הכלב into כלב; toys into
 * toy). Done when reading, over the words actually counted, so a prefix is only taken off when the
 * remaining word was itself asked about: "שמלה" stays whole unless shoppers also wrote "מלה".
 * Returns the canonical word of every counted word.
 */
export function mergeMap(counts: ReadonlyMap<string, number>): Map<string, string> {
  const target = new Map<string, string>();
  for (const word of counts.keys()) {
    const candidates = formsOf(word).filter((f) => f !== word && counts.has(f));
    candidates.sort((a, b) => a.length - b.length || (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || (a < b ? -1 : 1));
    target.set(word, candidates[0] ?? word);
  }
  // Follow chains (לכלבימ → כלבימ → כלב) to their end; forms only get shorter, so this stops.
  const resolve = (word: string): string => {
    let current = word;
    for (let i = 0; i < 8; i += 1) {
      const next = target.get(current) ?? current;
      if (next === current) break;
      current = next;
    }
    return current;
  };
  return new Map([...counts.keys()].map((w) => [w, resolve(w)]));
}

const FINAL_LETTERS: Readonly<Record<string, string>> = { כ: 'ך', מ: 'ם', נ: 'ן', פ: 'ף', צ: 'ץ' };

/** A normalized word as a person writes it: Hebrew final letters back at the end (מזונ → מזון). */
export function displayWord(word: string): string {
  const last = word.slice(-1);
  return word.length > 1 && FINAL_LETTERS[last] && isHebrewWord(word) ? `${word.slice(0, -1)}${FINAL_LETTERS[last]}` : word;
}

export interface RankedTerm {
  term: string;
  count: number;
}

/** Sums counted words and phrases into their merged forms, highest first, `limit` of each. */
export function rankTerms(
  terms: ReadonlyMap<string, number>,
  phrases: ReadonlyMap<string, number>,
  limits: { terms: number; phrases: number },
): { terms: RankedTerm[]; phrases: RankedTerm[] } {
  const merge = mergeMap(terms);
  const canonical = (w: string) => merge.get(w) ?? w;
  const sum = (entries: Iterable<[string, number]>, key: (s: string) => string) => {
    const out = new Map<string, number>();
    for (const [k, n] of entries) out.set(key(k), (out.get(key(k)) ?? 0) + n);
    return out;
  };
  const rank = (m: Map<string, number>, limit: number, show: (s: string) => string) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit)
      .map(([term, count]) => ({ term: show(term), count }));
  const mergedTerms = sum(terms.entries(), canonical);
  const mergedPhrases = sum(phrases.entries(), (p) => p.split(' ').map(canonical).join(' '));
  return {
    terms: rank(mergedTerms, limits.terms, displayWord),
    phrases: rank(mergedPhrases, limits.phrases, (p) => p.split(' ').map(displayWord).join(' ')),
  };
}
