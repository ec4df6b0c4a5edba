import { compile } from 'html-to-text';

// Compiled once: html-to-text's convert() rebuilds its options on every call
// (~1 ms each), which made indexing a few thousand products take seconds.
const toText = compile({
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
  ],
});

/** Product HTML (names, descriptions) as plain text for indexing: tags dropped, entities decoded. */
export function plainText(html: string | undefined): string {
  if (!html) return '';
  return toText(html).replace(/\s+/g, ' ').trim();
}
