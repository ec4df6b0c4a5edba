import type { Metrics, WooOperation } from './registry';

type Fetch = typeof fetch;

const FIRST_TOKEN_MARKER = 'response.output_text.delta';

/**
 * A `fetch` for the OpenAI SDK (`new OpenAI({ fetch })`) that times every call:
 * JSON answers to their headers, streamed responses to the first text delta
 * and to the end of the body.
 * Only the first chunks are decoded (until the marker is seen); later chunks
 * pass through untouched.
 */
export function instrumentOpenAIFetch(metrics: Metrics, inner: Fetch = fetch): Fetch {
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
    const streamed = response.headers.get('content-type')?.includes('text/event-stream') ?? false;
    if (!response.body || !streamed) {
      // JSON answers are small: time to headers is their duration, and the SDK gets the original response.
      metrics.openaiResponseDuration(seconds(), outcome);
      return response;
    }
    const decoder = new TextDecoder();
    let waitingForToken = true;
    let tail = '';
    let done = false;
    const finish = (result: 'ok' | 'error') => {
      if (done) return;
      done = true;
      metrics.openaiResponseDuration(seconds(), result);
    };
    // `cancel` (the SDK aborting a stream) is called by Node's TransformStream but is missing from older typings.
    const transformer: Transformer<Uint8Array, Uint8Array> & { cancel: () => void } = {
      transform(chunk, controller) {
        if (waitingForToken) {
          // Keep a short tail so a marker split across two chunks is still found.
          const text = tail + decoder.decode(chunk, { stream: true });
          if (text.includes(FIRST_TOKEN_MARKER)) {
            waitingForToken = false;
            metrics.openaiTimeToFirstToken(seconds());
          } else tail = text.slice(-FIRST_TOKEN_MARKER.length);
        }
        controller.enqueue(chunk);
      },
      flush: () => finish(outcome),
      cancel: () => finish('error'),
    };
    const timed = response.body.pipeThrough(new TransformStream(transformer));
    return new Response(timed, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

type WooLike = Record<WooOperation, (...args: never[]) => Promise<unknown>>;

const WOO_OPERATIONS: readonly WooOperation[] = ['listProducts', 'getProductsByIds', 'listVariations', 'getProduct'];

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
