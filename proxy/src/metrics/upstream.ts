import { StreamedResponse, responseChunks } from '../openai/transport';
import type { Metrics, WooOperation } from './registry';

type Fetch = typeof fetch;

const FIRST_TOKEN_MARKER_BYTES = Buffer.from('response.output_text.delta');

/**
 * A `fetch` for the OpenAI SDK (`new OpenAI({ fetch })`) that times every call:
 * JSON answers to their headers, streamed answers to the first text delta and to the
 * end of the body. A streamed answer comes back as a `StreamedResponse` whose chunks
 * pass through a small generator (a TransformStream and a new WHATWG body per open
 * answer cost several KB each); only the first chunks are decoded, until the marker is seen.
 * Streamed answers are therefore read with `readResponseEvents`, not the SDK's own stream.
 */
export function instrumentOpenAIFetch(metrics: Metrics, inner: Fetch): Fetch {
  return async (input, init) => {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    let response: Response;
    try {
      response = await inner(input, init);
    } catch (error) {
      metrics.openaiResponseDuration(seconds(), 'error');
      throw error;
    }
    const outcome = response.ok ? 'ok' : 'error';
    const streamed = response.ok && (response.headers.get('content-type')?.includes('text/event-stream') ?? false);
    const chunks = streamed ? responseChunks(response) : null;
    if (!chunks) {
      // JSON answers and errors (whatever their type) are small: time to headers is their duration, and the
      // SDK gets the original response, body included (it reads the error's code from it).
      metrics.openaiResponseDuration(seconds(), outcome);
      return response;
    }
    async function* timed(): AsyncGenerator<Uint8Array> {
      // Dropped once the marker is seen, with what it decoded.
      let sawFirstToken: ((chunk: Uint8Array) => boolean) | null = firstTokenScanner();
      let result: 'ok' | 'error' = 'error';
      try {
        for await (const chunk of chunks!) {
          if (sawFirstToken?.(chunk)) {
            sawFirstToken = null;
            metrics.openaiTimeToFirstToken(seconds());
          }
          yield chunk;
        }
        result = outcome;
      } finally {
        // Also when the reader stops early (the shopper left): that answer did not finish.
        metrics.openaiResponseDuration(seconds(), result);
      }
    }
    return new StreamedResponse(timed(), { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/**
 * Whether the bytes so far contain the first-token marker (ASCII, so a byte search is exact).
 * A short tail is kept so a marker split across two chunks is still found; nothing else of a
 * chunk is kept (the first chunks repeat the whole request, several KB, for as long as the
 * answer streams).
 */
function firstTokenScanner(): (chunk: Uint8Array) => boolean {
  let tail = new Uint8Array(0);
  return (chunk) => {
    const window = Buffer.concat([tail, chunk]);
    if (window.includes(FIRST_TOKEN_MARKER_BYTES)) return true;
    // Uint8Array#slice copies into a buffer of its own: a Buffer view (`subarray`) would keep the whole
    // chunk alive, and a small `Buffer.from` copy would pin an 8 KB pool slab.
    tail = Uint8Array.prototype.slice.call(window, -FIRST_TOKEN_MARKER_BYTES.length);
    return false;
  };
}

type WooLike = Record<WooOperation, (...args: never[]) => Promise<unknown>>;

const WOO_OPERATIONS: readonly WooOperation[] = [
  'listProducts',
  'getProductsByIds',
  'listVariations',
  'getProduct',
  'listCustomerOrders',
  'getOrder',
];

/** The same WooCommerce client, with every call timed into `aisle_woocommerce_request_duration_seconds`. */
export function instrumentWoo<T extends WooLike>(client: T, metrics: Metrics): T {
  const timed = { ...client } as Record<string, unknown>;
  for (const operation of WOO_OPERATIONS) {
    const call = client[operation].bind(client) as (...args: unknown[]) => Promise<unknown>;
    timed[operation] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        const result = await call(...args);
        metrics.wooRequest(operation, (performance.now() - started) / 1000, 'ok');
        return result;
      } catch (error) {
        metrics.wooRequest(operation, (performance.now() - started) / 1000, 'error');
        throw error;
      }
    };
  }
  return timed as T;
}
