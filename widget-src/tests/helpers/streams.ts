/** Test helpers: byte streams and fake fetch Responses. */
import type { ProductCard } from '../../../proxy/src/contract/events';

export const encoder = new TextEncoder();

export function streamOf(chunks: Array<Uint8Array | string>): ReadableStream<Uint8Array> {
  const queue = chunks.map((c) => (typeof c === 'string' ? encoder.encode(c) : c));
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = queue.shift();
      if (next) {
        controller.enqueue(next);
      } else {
        controller.close();
      }
    },
  });
}

/** A stream that sends `chunks`, then stays open until the signal aborts. */
export function hangingStreamOf(chunks: string[], signal?: AbortSignal | null): ReadableStream<Uint8Array> {
  const queue = [...chunks];
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = queue.shift();
      if (next !== undefined) {
        controller.enqueue(encoder.encode(next));
        return;
      }
      return new Promise<void>((_, reject) => {
        const fail = () => {
          const error = Object.assign(new Error('aborted'), { name: 'AbortError' });
          controller.error(error);
          reject(error);
        };
        if (signal?.aborted) {
          fail();
        } else {
          signal?.addEventListener('abort', fail);
        }
      });
    },
  });
}

export function sse(events: unknown[]): string {
  return events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('');
}

export interface FakeResponseInit {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  body?: ReadableStream<Uint8Array> | null;
}

/** Enough of a fetch Response for the widget's clients. */
export function fakeResponse(init: FakeResponseInit): Response {
  const status = init.status ?? 200;
  const headers = new Headers(init.headers ?? {});
  return {
    ok: status >= 200 && status < 300,
    status,
    headers,
    body: init.body ?? null,
    json: async () => {
      if (init.json === undefined) throw new SyntaxError('not json');
      return init.json;
    },
  } as unknown as Response;
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) {
    out.push(item);
  }
  return out;
}

export function product(overrides: Partial<ProductCard> = {}): ProductCard {
  return {
    id: 39,
    name: 'מזון יבש לכלבים בוגרים &#8211; עוף ואורז 12 ק&#8221;ג',
    permalink: 'https://store.example/product/adult-dog-food/',
    image: { src: 'https://store.example/img/dog-food.jpg', alt: 'Dog food bag' },
    price: '199.90',
    regular_price: '199.90',
    sale_price: '',
    on_sale: false,
    currency: 'ILS',
    price_html: '₪199.90',
    stock_status: 'instock',
    stock_quantity: 20,
    type: 'simple',
    variations: [],
    ...overrides,
  };
}
