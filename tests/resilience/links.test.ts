import { createLinkFilter } from '../../proxy/src/guard/link-filter';
import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { startProxy, streamChat, textOf, type RunningProxy } from '../helpers/proxy';
import { fakeOpenAIKey } from '../helpers/keys';

/** A prompt-injected URL never reaches the shopper as a link; the store's own links do. */
const HOSTS = new Set(['shop.example', 'www.shop.example']);
const CASES: Array<[string, string]> = [
  ['See [this deal](https://evil.example/buy?x=1) now.', 'See this deal now.'],
  ['Ours: [food](https://shop.example/product/food/).', 'Ours: [food](https://shop.example/product/food/).'],
  [
    'Go to https://evil.example/a, or www.evil.example. Or https://www.shop.example/b.',
    'Go to , or . Or https://www.shop.example/b.',
  ],
  ['![pixel](https://evil.example/t.png) <https://evil.example/x> <b>1 < 2</b>', 'pixel  <b>1 < 2</b>'],
  ['[https://evil.example](https://evil.example)', ''],
  ['[x](javascript:alert(1)) //evil.example/a [rel](/cart/) ok', 'x)  [rel](/cart/) ok'],
  ['Lookalike https://shop.example.evil.example/x end', 'Lookalike  end'],
  ['[brackets] and a path/like/this and h w www done', '[brackets] and a path/like/this and h w www done'],
  ['קישור: https://evil.example/x וגם [מוצר](https://shop.example/p/1)', 'קישור:  וגם [מוצר](https://shop.example/p/1)'],
];

/** A seeded PRNG (mulberry32) so every split is reproducible. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test.each(CASES)('%s', (input, expected) => {
  const random = prng(input.length);
  // Whole, one character at a time, and 50 random splits: always the same safe text.
  const splits = [
    [input],
    input.split(''),
    ...Array.from({ length: 50 }, () => {
      const parts: string[] = [];
      let rest = input;
      while (rest) {
        const n = 1 + Math.floor(random() * 8);
        parts.push(rest.slice(0, n));
        rest = rest.slice(n);
      }
      return parts;
    }),
  ];
  for (const parts of splits) {
    const filter = createLinkFilter(HOSTS);
    const out = parts.map((p) => filter.push(p)).join('') + filter.flush();
    expect(out).toBe(expected);
  }
});

describe('in a streamed answer', () => {
  const KEY = fakeOpenAIKey('links');
  let openai: FakeOpenAI;
  let proxy: RunningProxy;
  beforeAll(async () => {
    openai = await startFakeOpenAI({ apiKey: KEY });
    proxy = await startProxy({
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: openai.baseURL,
      WOO_BASE_URL: 'https://shop.example',
      WOO_CONSUMER_KEY: 'ck_x',
      WOO_CONSUMER_SECRET: 'cs_x',
    });
  });
  afterAll(async () => {
    await proxy?.close();
    await openai?.close();
  });

  test('an injected link is dropped from the deltas; the store link stays', async () => {
    const text =
      'Try [a great deal](https://evil.example/phish) or https://evil.example/x - or [our food](https://shop.example/p/food/) today.';
    openai.enqueue({ kind: 'text', text, chunks: text.match(/.{1,3}/gs)! });
    const { events } = await streamChat(proxy.url, { message: 'hello', thread_id: null });
    const shown = textOf(events);
    expect(shown).not.toContain('evil.example');
    expect(shown).toContain('a great deal');
    expect(shown).toContain('[our food](https://shop.example/p/food/)');
    expect(events.filter((e) => e.type === 'text').length).toBeGreaterThan(5);
    expect(events.at(-1)?.type).toBe('done');
  });
});
