import { signAdminRequest } from '../../proxy/src/admin/signature';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of several shapes, checked by matchers.
export type Json = Record<string, any>;

export type SignedRequest = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: Json }>;

/**
 * Requests to the proxy's admin API signed as the WordPress plugin signs them (site, timestamp,
 * a fresh nonce, HMAC over method, path and body). `baseUrl` is read per request, so a test may
 * restart its proxy.
 */
export function signedAdminClient(options: { baseUrl: () => string; site: string; secret: string }): SignedRequest {
  let counter = 0;
  return async (method, path, body) => {
    const raw = body === undefined ? '' : JSON.stringify(body);
    const timestamp = Math.floor(Date.now() / 1000);
    const nonce = `signed-${Date.now()}-${++counter}`.padEnd(20, 'x');
    const headers: Record<string, string> = {
      'x-aisle-site': options.site,
      'x-aisle-timestamp': String(timestamp),
      'x-aisle-nonce': nonce,
      'x-aisle-signature': signAdminRequest({ method, path, timestamp, nonce, site: options.site, body: raw }, options.secret),
    };
    if (raw) headers['content-type'] = 'application/json';
    const response = await fetch(`${options.baseUrl()}${path}`, { method, headers, body: raw || undefined });
    return { status: response.status, body: (await response.json()) as Json };
  };
}

/** Polls `probe` every 100 ms until it gives a truthy value; throws after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
