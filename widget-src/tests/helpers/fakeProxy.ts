/** A fake Aisle proxy behind a fetch function: scripted answers per endpoint, every request recorded. */
import type { FetchLike } from '../../api/chatClient';

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
  signal: AbortSignal | null;
  keepalive: boolean;
}

export type Handler = (request: RecordedRequest) => Response | Promise<Response>;

export interface FakeProxy {
  fetch: FetchLike;
  requests: RecordedRequest[];
  /** Requests whose path starts with `path`. */
  to(path: string): RecordedRequest[];
}

export const PROXY = 'https://proxy.test';

export function fakeProxy(routes: Record<string, Handler | Handler[]>): FakeProxy {
  const requests: RecordedRequest[] = [];
  const queues = new Map(Object.entries(routes).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]));
  const fetch: FetchLike = async (input, init = {}) => {
    const url = new URL(input);
    const request: RecordedRequest = {
      url: input,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : null,
      signal: init.signal ?? null,
      keepalive: init.keepalive ?? false,
    };
    requests.push(request);
    if (request.signal?.aborted) {
      // Like fetch: an already-aborted signal rejects at once.
      throw Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
    }
    const route = queues.get(`${request.method} ${url.pathname}`);
    if (!route) {
      throw new TypeError(`fake proxy: no route for ${request.method} ${url.pathname}`);
    }
    const handler = Array.isArray(route) ? (route.length > 1 ? route.shift() : route[0]) : route;
    if (!handler) {
      throw new TypeError('fake proxy: route exhausted');
    }
    return handler(request);
  };
  return {
    fetch,
    requests,
    to: (path) => requests.filter((r) => new URL(r.url).pathname.startsWith(path)),
  };
}

/** A handler that rejects like fetch does when the server is down. */
export const connectionRefused: Handler = () => Promise.reject(new TypeError('Failed to fetch'));
