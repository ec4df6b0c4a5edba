/**
 * The HTTP transport of the OpenAI client (`new OpenAI({ fetch })`): undici's dispatcher API
 * (`request()`) on one keep-alive pool, behind the `fetch` signature the SDK expects.
 *
 * Why not Node's built-in `fetch`: for every open streamed answer it keeps a WHATWG Request with
 * the whole JSON body, five header lists, a fetch controller and three web-stream layers
 * (byte stream, tee, transfer state) for as long as the answer streams. With thousands of
 * answers open at once, that was the largest part of a stream's memory (docs/benchmarks.md,
 * "Open streams"). A 2xx `text/event-stream` answer is handed over as a `StreamedResponse`:
 * a real `Response` without a WHATWG body, whose bytes stay undici's Node stream
 * (`chunks`), read by `readResponseEvents`. Every other answer is an ordinary (short-lived)
 * `Response`, so the SDK's JSON parsing and error mapping see what they expect. Requests the
 * pool cannot send as they are (multipart uploads, `data:` probes, `Request` objects, a body
 * on GET) and redirects go to the built-in `fetch`.
 */
import type { Readable } from 'node:stream';
import { Agent, interceptors, request, type Dispatcher } from 'undici';

type Fetch = typeof fetch;

/** A streamed (SSE) answer whose body is read as Node chunks, not as a WHATWG stream. */
export class StreamedResponse extends Response {
  constructor(
    /** The answer's bytes; ending the iteration early closes the upstream connection. */
    readonly chunks: AsyncIterable<Uint8Array>,
    init: ResponseInit,
  ) {
    super(null, init);
  }
}

/** The bytes of an answer, whichever transport produced it. */
export function responseChunks(response: Response): AsyncIterable<Uint8Array> | null {
  if (response instanceof StreamedResponse) return response.chunks;
  // Node's ReadableStream is async-iterable (the DOM typing says otherwise); ending the loop early cancels it.
  return response.body as unknown as AsyncIterable<Uint8Array> | null;
}

/** Statuses whose Response may not have a body (the Fetch standard's "null body status"). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface OpenAITransportOptions {
  /** The pool to send on; by default one keep-alive Agent for this transport. */
  dispatcher?: Dispatcher;
  /** Used for what the pool does not send (multipart uploads, `data:` URLs, redirects); the built-in `fetch` by default. */
  fallback?: Fetch;
  /** The SDK's request timeout (OPENAI_TIMEOUT_MS): the pool waits for headers at least this long. */
  timeoutMs?: number;
}

export interface OpenAITransport {
  fetch: Fetch;
  /** Closes the pool's connections (on shutdown). */
  close(): Promise<void>;
}

export function createOpenAITransport(options: OpenAITransportOptions = {}): OpenAITransport {
  // HTTP/1.1 as Node's fetch speaks it (undici 8 would otherwise negotiate HTTP/2 over TLS): that is
  // the protocol the tests and benchmarks cover, and one connection per open answer.
  // No Accept-Encoding is sent, so OpenAI answers uncompressed (a compressed SSE answer would need a
  // zlib window per open stream); the interceptor still decodes a server or gateway that compresses anyway.
  const dispatcher =
    options.dispatcher ??
    new Agent({ allowH2: false, headersTimeout: headersTimeoutFor(options.timeoutMs) }).compose(
      interceptors.decompress(),
      releaseRawHeaders,
    );
  const fallback = options.fallback ?? fetch;

  const leanFetch: Fetch = async (input, init = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : null;
    const body = init.body ?? undefined;
    const method = (init.method ?? 'GET').toUpperCase();
    const sendable =
      body === undefined || ((typeof body === 'string' || body instanceof Uint8Array) && method !== 'GET' && method !== 'HEAD');
    if (!url || !/^https?:/i.test(url) || !sendable) return fallback(input, init);
    const signal = init.signal ?? undefined;
    let answer: Dispatcher.ResponseData;
    try {
      answer = await request(url, {
        dispatcher,
        method: method as Dispatcher.HttpMethod,
        headers: plainHeaders(init.headers, body),
        // undici sends iterables (its own check: "a Readable stream, an iterable, or an async iterable"); its typings omit them.
        body: body === undefined ? undefined : (releasedOnceSent(body) as unknown as Readable),
        signal,
      });
    } catch (error) {
      throw asFetchError(error, signal);
    }
    if (REDIRECT_STATUSES.has(answer.statusCode) && answer.headers.location && init.redirect !== 'manual') {
      // A gateway at OPENAI_BASE_URL that redirects: fetch follows it (the body is still the caller's string).
      await answer.body.dump().catch(() => undefined);
      return fallback(input, init);
    }
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(answer.headers)) {
        if (Array.isArray(value)) for (const one of value) headers.append(name, one);
        else if (value !== undefined) headers.append(name, value);
      }
      const responseInit: ResponseInit = { status: answer.statusCode, statusText: answer.statusText ?? '', headers };
      const ok = answer.statusCode >= 200 && answer.statusCode < 300;
      if (ok && headers.get('content-type')?.includes('text/event-stream'))
        return new StreamedResponse(answer.body, responseInit);
      // JSON and errors: a short-lived WHATWG body over the same bytes, read by the SDK as from fetch
      // (a connection cut mid-body fails the read, and the SDK does not resend the request).
      const bytes = NULL_BODY_STATUSES.has(answer.statusCode) ? null : (answer.body as unknown as BodyInit);
      if (!bytes) answer.body.dump().catch(() => undefined);
      return new Response(bytes, responseInit);
    } catch (error) {
      // E.g. a status outside 200–599, which a Response cannot carry: free the connection.
      answer.body.dump().catch(() => undefined);
      throw new TypeError('fetch failed', { cause: error });
    }
  };

  return { fetch: leanFetch, close: () => dispatcher.close() };
}

/** Wait for headers at least as long as the SDK does, so its own timeout (with its clear error) comes first. */
function headersTimeoutFor(timeoutMs: number | undefined): number {
  return Math.max(300_000, (timeoutMs ?? 0) + 5_000);
}

/**
 * Errors as the built-in fetch raises them, which is what the SDK classifies: an abort is the
 * signal's reason (an `AbortError`), anything else a `TypeError('fetch failed')` with the
 * network error as its cause (the SDK reads timeouts from the cause).
 */
function asFetchError(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof Error) return reason;
    // A reason from another realm (Node's own DOMException inside a test VM) is not `instanceof Error`
    // here, and the SDK would flatten it and lose its name; keep the name the SDK reads.
    return Object.assign(new Error('This operation was aborted', { cause: reason }), { name: 'AbortError' });
  }
  return new TypeError('fetch failed', { cause: error });
}

function plainHeaders(headers: HeadersInit | undefined, body: string | Uint8Array | undefined): Record<string, string> {
  const plain: Record<string, string> = {};
  new Headers(headers).forEach((value, name) => (plain[name] = value));
  if (body !== undefined) plain['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  return plain;
}

/**
 * The request body as a one-shot iterable that lets go of its bytes once they are written.
 * undici keeps the body it is given (the string, and a pooled Buffer copy that pins an 8 KB
 * slab) until the answer ends, which for a streamed answer is minutes, and the body of a turn
 * repeats the instructions and tools. The length is sent as Content-Length, not chunked.
 */
function releasedOnceSent(body: string | Uint8Array): AsyncIterable<Uint8Array> {
  let pending: Uint8Array | null = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return {
    async *[Symbol.asyncIterator]() {
      const bytes = pending;
      pending = null;
      if (bytes) yield bytes;
    },
  };
}

/**
 * An interceptor that drops the raw header list once the response has started. undici keeps
 * `rawHeaders` on the request's controller until the answer ends, as slices of the socket chunk
 * the headers came in; that chunk usually also carries the first events, so each open stream
 * pinned ~9 KB. The parsed headers (strings) are what the response keeps.
 */
export const releaseRawHeaders: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (opts, handler) =>
  dispatch(opts, {
    onRequestStart: (controller, context) => handler.onRequestStart?.(controller, context),
    onRequestUpgrade: (controller, statusCode, headers, socket) =>
      handler.onRequestUpgrade?.(controller, statusCode, headers, socket),
    onResponseStart(controller, statusCode, headers, statusMessage) {
      handler.onResponseStart?.(controller, statusCode, headers, statusMessage);
      if (statusCode >= 200) controller.rawHeaders = null;
    },
    onResponseData: (controller, chunk) => handler.onResponseData?.(controller, chunk),
    onResponseEnd: (controller, trailers) => handler.onResponseEnd?.(controller, trailers),
    onResponseError: (controller, error) => handler.onResponseError?.(controller, error),
    onResponseStarted: () => handler.onResponseStarted?.(),
    onBodySent: (chunk) => handler.onBodySent?.(chunk),
    onRequestSent: () => handler.onRequestSent?.(),
  });
