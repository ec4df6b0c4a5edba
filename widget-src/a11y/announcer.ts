/**
 * What the live region says while an answer streams: whole sentences as they complete (and the
 * rest when the answer ends), as plain text. Screen readers restart on every change of a live
 * region, so announcing each token would read nothing useful; markdown symbols (`**`, `-`, `#`)
 * would be read aloud.
 */
import { Lexer, type Token } from 'marked';

const BLOCKS = new Set(['paragraph', 'heading', 'list_item', 'blockquote', 'code', 'table']);

function tokensText(tokens: readonly Token[]): string {
  let out = '';
  for (const token of tokens) {
    if (token.type === 'list') {
      out += tokensText((token as { items: Token[] }).items);
    } else if (token.type === 'html' || token.type === 'hr') {
      continue;
    } else if (token.type === 'br' || token.type === 'space') {
      out += '\n';
    } else if ('tokens' in token && Array.isArray(token.tokens) && token.type !== 'code') {
      out += tokensText(token.tokens);
    } else if ('text' in token && typeof token.text === 'string') {
      out += token.text;
    }
    if (BLOCKS.has(token.type)) {
      out += '\n';
    }
  }
  return out;
}

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** Markdown → the words a listener should hear: no emphasis marks, list bullets, headings' `#` or link URLs. */
export function markdownToPlainText(markdown: string): string {
  const text = tokensText(new Lexer().lex(markdown));
  return text
    .replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/** Sentences of a plain text, with `Intl.Segmenter` where the browser has it (it knows ؟ and 。). */
export function splitSentences(text: string, locale: string): string[] {
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  const pieces = Segmenter
    ? Array.from(new Segmenter(locale.replace('_', '-'), { granularity: 'sentence' }).segment(text), (s) => s.segment)
    : text.split(/(?<=[.!?؟。…]\s)|(?<=\n)/u);
  return pieces.map((s) => s.trim()).filter((s) => s !== '');
}

/** A sentence is finished when terminal punctuation (or a line break) follows it in the raw text. */
function endsSentence(text: string): boolean {
  return /(?:[.!?؟。…:;]["'”»)]*\s|\n)$/u.test(text);
}

export interface Announcer {
  /**
   * Feeds the whole answer so far; returns what to announce now (new finished sentences, or on
   * `finished` everything not yet said), or null when nothing new is ready.
   */
  update(markdown: string, finished: boolean): string | null;
}

export function createAnnouncer(locale: string): Announcer {
  let said = 0;
  return {
    update(markdown, finished) {
      const plain = markdownToPlainText(markdown);
      const sentences = splitSentences(plain, locale);
      // While streaming the last sentence may still grow, unless the raw text already closed it.
      const ready = finished || endsSentence(markdown) ? sentences.length : sentences.length - 1;
      if (ready <= said) {
        return null;
      }
      const fresh = sentences.slice(said, ready).join(' ');
      said = ready;
      return fresh;
    },
  };
}
