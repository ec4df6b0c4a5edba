import { createHash } from 'node:crypto';

/**
 * Personal data in shopper messages: email addresses are found (to index a conversation by
 * the hash of the address, so a data-subject request finds it) and, with phone numbers,
 * masked when an owner reads a transcript. Plain addresses are never stored here.
 */

const EMAIL = /[A-Za-z0-9_%+][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}/g;

/**
 * A phone number: an optional `+` (or `00`), then digit groups joined by one space, dash, dot,
 * slash or parentheses: `050-123-4567`, `+972 (0)50 123 4567`, `+1 (415) 555-2671`,
 * `+44 20 7946 0958`. What matched counts as a phone only with 9 to 15 digits, so prices,
 * dates, sizes and years stay readable.
 */
const PHONE = /(?<![\w+])(?:\+\s?|\(\+?)?\d(?:[\d]|[ .\-/\u2010-\u2013]\(?|\)\s?|\(){5,26}\d(?![\w])/g;
const MIN_PHONE_DIGITS = 9;
const MAX_PHONE_DIGITS = 15;

/** sha256 (hex) of the lower-cased, trimmed address: the same in the proxy and in WordPress. */
export function hashEmail(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

export const EMAIL_HASH_PATTERN = /^[0-9a-f]{64}$/;

/** The hashes of the distinct addresses in `text`. */
export function emailHashesIn(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(EMAIL)) found.add(hashEmail(match[0]));
  return [...found];
}

const digitCount = (text: string) => text.replace(/\D/g, '').length;

/** `text` with every email address and phone number replaced by a placeholder. */
export function maskPersonalData(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, (match) => {
    const digits = digitCount(match);
    return digits >= MIN_PHONE_DIGITS && digits <= MAX_PHONE_DIGITS ? '[phone]' : match;
  });
}
