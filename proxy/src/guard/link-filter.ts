/**
 * Keeps assistant text from linking anywhere but the store. Text arrives as
 * deltas, and a link can be split across them (`[deal](https://ev` … `il.example)`),
 * so the filter holds back the tail that could still become a link, and only
 * releases text once every link in it is complete. Links to other hosts become
 * plain text: a markdown link keeps its label, a bare URL is dropped.
 */
export interface LinkFilter {
  /** Feed a delta; returns the text that is safe to send now (may be empty). */
  push(delta: string): string;
  /** The end of the answer: release what is held, filtered. */
  flush(): string;
}

/** Longest tail held back while waiting for a link to complete; past that it is released as text. */
const MAX_HOLD = 2048;

const URL_BODY = String.raw`[^\s<>()"'\]]*`;
const BARE_URL_SOURCE = String.raw`(?:\b[a-z][a-z0-9+.-]*:\/\/|(?<![\w/])\/\/(?=[a-z0-9])|\bwww\.)` + URL_BODY;
/** One pass over: a markdown link or image | an autolink | a bare URL. */
const LINK = new RegExp(
  String.raw`(!?)\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"\n]*")?\s*\)` +
    '|' +
    String.raw`<([^<>\s]+)>` +
    '|' +
    `(${BARE_URL_SOURCE})`,
  'gi',
);
const BARE_URL = new RegExp(BARE_URL_SOURCE, 'gi');
/** Characters that end a sentence and are not part of the URL before them. */
const TRAILING_PUNCT = /[.,;:!?'"»”’]+$/;

/** Where a possibly-unfinished link starts in `text`, or -1. */
function pendingLinkStart(text: string): number {
  let start = -1;
  const take = (i: number) => {
    if (i >= 0 && (start < 0 || i < start)) start = i;
  };
  // An open `[` whose link is not finished: `[label`, `[label]`, `[label](url`.
  const open = /!?\[[^\]\n]*(?:\](?:\([^)\n]*)?)?$/.exec(text);
  if (open) take(open.index);
  // An autolink still open.
  const angle = /<[^>\s]*$/.exec(text);
  if (angle) take(angle.index);
  // A URL not yet followed by whitespace, or the beginning of one (`htt`, `https:/`, `ww`, `/`).
  const url = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\/\/|\bwww\.)[^\s<>()"'\]]*$/i.exec(text);
  if (url) take(url.index);
  const prefix = /(?:\b(?:h|ht|htt|https?|https?:|https?:\/)|\b(?:w|ww|www)|\/|!)$/i.exec(text);
  if (prefix) take(prefix.index);
  return start;
}

export function createLinkFilter(allowedHosts: ReadonlySet<string>): LinkFilter {
  const hostAllowed = (raw: string): boolean => {
    const url = raw.trim();
    if (!url) return true;
    // Relative links stay on the page's own site.
    if (/^(?:\/(?!\/)|#|\?|\.\.?\/)/.test(url)) return true;
    let parsed: URL;
    try {
      parsed = new URL(/^www\./i.test(url) ? `https://${url}` : url.startsWith('//') ? `https:${url}` : url);
    } catch {
      return false;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
    const host = parsed.host.toLowerCase();
    return allowedHosts.has(host) || allowedHosts.has(parsed.hostname.toLowerCase());
  };

  const dropBareUrls = (text: string) =>
    text.replace(BARE_URL, (match: string) => {
      const trail = TRAILING_PUNCT.exec(match)?.[0] ?? '';
      const url = trail ? match.slice(0, -trail.length) : match;
      return hostAllowed(url) ? match : trail;
    });

  const rewrite = (text: string): string =>
    text.replace(
      LINK,
      (
        whole: string,
        _bang: string | undefined,
        label: string | undefined,
        target: string | undefined,
        auto: string | undefined,
        bare: string | undefined,
      ) => {
        if (label !== undefined) return hostAllowed(target ?? '') ? whole : dropBareUrls(label);
        if (auto !== undefined) return /^(?:[a-z][a-z0-9+.-]*:|\/\/|www\.)/i.test(auto) && !hostAllowed(auto) ? '' : whole;
        return dropBareUrls(bare ?? whole);
      },
    );

  let held = '';
  return {
    push(delta) {
      held += delta;
      let cut = pendingLinkStart(held);
      if (cut < 0) cut = held.length;
      if (held.length - cut > MAX_HOLD) cut = held.length;
      const ready = held.slice(0, cut);
      held = held.slice(cut);
      return ready ? rewrite(ready) : '';
    },
    flush() {
      const rest = held;
      held = '';
      return rest ? rewrite(rest) : '';
    },
  };
}

/**
 * Runs chat events through a link filter: text deltas are filtered, and held
 * text is released before any other event (and before an error propagates), so
 * the order the shopper sees is unchanged.
 */
export async function* filterTextLinks<E extends { type: string }>(
  events: AsyncIterable<E>,
  allowedHosts: ReadonlySet<string>,
  textEvent: (content: string) => E,
): AsyncGenerator<E> {
  const filter = createLinkFilter(allowedHosts);
  try {
    for await (const event of events) {
      if (event.type === 'text') {
        const safe = filter.push((event as unknown as { content: string }).content);
        if (safe) yield textEvent(safe);
        continue;
      }
      const held = filter.flush();
      if (held) yield textEvent(held);
      yield event;
    }
  } catch (error) {
    const held = filter.flush();
    if (held) yield textEvent(held);
    throw error;
  }
  const rest = filter.flush();
  if (rest) yield textEvent(rest);
}
