import { stemEnglish, hebrewWordForms, tokenize } from '../search';
import { isHebrewWord } from '../search/normalize';
import { STOP_WORDS } from './stop-words';

/** Longer tokens are codes, hashes or pasted junk, not what a shopper asks about. */
const MAX_TERM_CHARS = 24;
/** Order numbers, phone numbers and postcodes carry digits: a run this long is never counted. */
const LONG_DIGITS = /\d{4,}/;
/** Punctuation between clauses: a phrase never spans it ("מזון לכלבים, גדולים" has no "כלבים גדולים"). */
const CLAUSE_BREAK = /[,;:!?()\n\u060C\u05C3]|\.(?=\s|$)/;

/**
 * The countable words of a shopper's message, in order, normalized (the search module's
 * Hebrew-aware form: no niqqud, no final letters, Latin lower case). Stop words, single
 * letters, long numbers and over-long tokens are left out, so neither the message nor
 * anything that identifies a person is kept; `null` marks where a word was left out, so
 * a phrase never bridges a gap.
 */
export function questionWords(message: string): Array<string | null> {
  const words: Array<string | null> = [];
  const tokens = message.split(CLAUSE_BREAK).flatMap((clause) => [...tokenize(clause).map((t) => t.text), null]);
  for (const word of tokens) {
    if (word === null) {
      if (words.length > 0 && words[words.length - 1] !== null) words.push(null);
      continue;
    }
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
 * Groups counted words that are forms of one word (לכלבים, כלבים, לכלב and הכלב; toys and toy).
 * Done when reading, over the words actually counted: a form joins words only when the word
 * itself was asked about or at least two counted words share it, so "שמלה" keeps its first letter
 * unless shoppers also wrote "מלה". Returns each counted word's group key.
 */
export function mergeMap(counts: ReadonlyMap<string, number>): Map<string, string> {
  const forms = new Map<string, string[]>();
  const owners = new Map<string, number>();
  for (const word of counts.keys()) {
    const list = [...new Set(formsOf(word))];
    forms.set(word, list);
    for (const f of list) owners.set(f, (owners.get(f) ?? 0) + 1);
  }
  const shared = (f: string) => counts.has(f) || (owners.get(f) ?? 0) >= 2;
  const target = new Map<string, string>();
  for (const [word, list] of forms) {
    const candidates = list.filter(shared);
    candidates.sort((a, b) => a.length - b.length || (owners.get(b) ?? 0) - (owners.get(a) ?? 0) || (a < b ? -1 : 1));
    target.set(word, candidates[0] ?? word);
  }
  // A key that is itself a counted word follows that word's own key (forms only get shorter, so this stops).
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

const byCountThenWord = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);

/**
 * Sums counted words and phrases into their groups, highest first, `limit` of each. A group is
 * shown as the word shoppers wrote most often in it (a real word, not a stem).
 */
export function rankTerms(
  terms: ReadonlyMap<string, number>,
  phrases: ReadonlyMap<string, number>,
  limits: { terms: number; phrases: number },
): { terms: RankedTerm[]; phrases: RankedTerm[] } {
  const merge = mergeMap(terms);
  const groupOf = (w: string) => merge.get(w) ?? w;
  const groups = new Map<string, number>();
  const shownAs = new Map<string, [string, number]>();
  for (const [word, count] of terms) {
    const key = groupOf(word);
    groups.set(key, (groups.get(key) ?? 0) + count);
    const best = shownAs.get(key);
    if (
      !best ||
      count > best[1] ||
      (count === best[1] && (word.length < best[0].length || (word.length === best[0].length && word < best[0])))
    )
      shownAs.set(key, [word, count]);
  }
  const show = (key: string) => displayWord(shownAs.get(key)?.[0] ?? key);
  const phraseGroups = new Map<string, number>();
  for (const [phrase, count] of phrases) {
    const key = phrase.split(' ').map(groupOf).join(' ');
    phraseGroups.set(key, (phraseGroups.get(key) ?? 0) + count);
  }
  return {
    terms: [...groups.entries()]
      .sort(byCountThenWord)
      .slice(0, limits.terms)
      .map(([key, count]) => ({ term: show(key), count })),
    phrases: [...phraseGroups.entries()]
      .sort(byCountThenWord)
      .slice(0, limits.phrases)
      .map(([key, count]) => ({ term: key.split(' ').map(show).join(' '), count })),
  };
}
