import type { SearchHit } from './catalog-search';

export type ReplyLanguage = 'he' | 'en';

const MAX_ECHO_LENGTH = 60;
// The reply is rendered as markdown by the widget; echoing the shopper's words
// must not turn into links, emphasis or HTML.
const MARKUP_CHARACTERS = /[<>[\]()*_`#|\\]/g;
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The shopper's words, safe to quote back: plain, one line, short. */
export function quoteForReply(query: string): string {
  const plain = query.replace(CONTROL_CHARACTERS, ' ').replace(MARKUP_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
  return plain.length > MAX_ECHO_LENGTH ? `${plain.slice(0, MAX_ECHO_LENGTH - 1).trimEnd()}…` : plain;
}

const TEXT = {
  en: {
    mode: "I'm in offline catalog mode right now, so I can't chat as usual",
    empty: '. Tell me what you\'re looking for, for example "dog food" or "cat toys", and I\'ll search the catalog.',
    found: (q: string, n: number) =>
      `, but I searched the store's catalog for "${q}". ${n === 1 ? 'Here is the closest match:' : `Here are the ${n} closest matches:`}`,
    none: (q: string) =>
      `. I searched the catalog for "${q}" and found no matching products. Try a product type or an animal, for example "dog food" or "cat toys".`,
  },
  he: {
    mode: 'אני במצב קטלוג לא מקוון כרגע, ולכן לא אוכל לנהל שיחה כרגיל',
    empty: '. כתבו לי מה אתם מחפשים, למשל "מזון לכלבים" או "צעצועים לחתולים", ואחפש בקטלוג.',
    found: (q: string, n: number) =>
      `, אבל חיפשתי בקטלוג החנות את "${q}". ${n === 1 ? 'הנה המוצר המתאים ביותר:' : `הנה ${n} המוצרים המתאימים ביותר:`}`,
    none: (q: string) =>
      `. חיפשתי בקטלוג את "${q}" ולא מצאתי מוצרים מתאימים. נסו לכתוב סוג מוצר או בעל חיים, למשל "מזון לכלבים" או "צעצועים לחתולים".`,
  },
} as const;

/**
 * The plain-language answer of offline catalog mode (no OpenAI key, or OpenAI
 * unreachable). Says so plainly, then introduces the product cards that follow
 * in the `products` event, or says nothing matched.
 */
export function offlineReply(query: string, hits: readonly SearchHit[], lang: ReplyLanguage): string {
  const text = TEXT[lang];
  const quoted = quoteForReply(query);
  if (!quoted) return text.mode + text.empty;
  if (hits.length === 0) return text.mode + text.none(quoted);
  return text.mode + text.found(quoted, hits.length);
}
