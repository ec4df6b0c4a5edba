/** The proxy's signed admin API, called the way the plugin calls it, to read what the proxy says about a store. */
import { randomBytes } from 'node:crypto';
import { signAdminRequest } from '../../../proxy/src/admin/signature';

export interface AdminClient {
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
}

export function adminClient(proxyUrl: string, site: string, secret: string): AdminClient {
  return {
    async call(method, path, body) {
      const raw = body === undefined ? '' : JSON.stringify(body);
      const timestamp = Math.floor(Date.now() / 1000);
      const nonce = randomBytes(18).toString('base64url');
      const headers: Record<string, string> = {
        'x-aisle-site': site,
        'x-aisle-timestamp': String(timestamp),
        'x-aisle-nonce': nonce,
        'x-aisle-signature': signAdminRequest({ method, path, timestamp, nonce, site, body: raw }, secret),
      };
      if (raw) headers['content-type'] = 'application/json';
      const response = await fetch(`${proxyUrl}${path}`, { method, headers, body: raw || undefined });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
  };
}
