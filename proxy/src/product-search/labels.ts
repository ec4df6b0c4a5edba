import { normalizeText, tokenize, wordForms } from '../search';

/** A label (category, attribute name or value) as its normalized text and the forms of its words. */
export interface LabelKey {
  text: string;
  words: Array<Set<string>>;
}

export function labelKey(label: string): LabelKey {
  const words = tokenize(label.replace(/[-_]/g, ' ')).map((t) => new Set(wordForms(t.text)));
  return {
    text: normalizeText(label)
      .replace(/[-_\s]+/g, ' ')
      .trim(),
    words,
  };
}

/**
 * Whether a shopper's label names a store label: the same text once normalized
 * ("Dog-Food" = "dog food", ק"ג = ק״ג), or every word of it meeting a word of
 * the store's label in some Hebrew or English form ("כלב" meets "כלבים",
 * "toy" meets "Toys", "food" meets "Dog food").
 */
export function labelMatches(wanted: LabelKey, label: LabelKey): boolean {
  if (wanted.text === label.text) return true;
  if (wanted.words.length === 0) return false;
  return wanted.words.every((forms) => label.words.some((other) => [...forms].some((f) => other.has(f))));
}

/** Up to `max` labels for an error text, so the model can retry with a real one. */
export function listForModel(labels: Iterable<string>, max = 40): string {
  const all = [...new Set(labels)];
  const shown = all.slice(0, max).join(', ');
  return all.length > max ? `${shown} (and ${all.length - max} more)` : shown;
}
