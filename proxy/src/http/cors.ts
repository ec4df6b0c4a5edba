import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * Which browser origins may call the proxy. Listed origins when configured; the
 * configured sites' own origins when sessions are required; any origin (never
 * with credentials) when the proxy is open for the demo or local development.
 */
export function createCors(options: { allowedOrigins: string[]; siteIds: string[]; open: boolean }): RequestHandler {
  const allowed = new Set(options.allowedOrigins.map((o) => o.trim().replace(/\/+$/, '').toLowerCase()).filter(Boolean));
  for (const site of options.siteIds) {
    const host = site.replace(/^https?:\/\//, '').replace(/\/.*$/, '').toLowerCase();
    if (!host) continue;
    for (const h of [host, host.startsWith('www.') ? host.slice(4) : `www.${host}`]) {
      allowed.add(`https://${h}`);
      allowed.add(`http://${h}`);
    }
  }
  const anyOrigin = allowed.size === 0 && options.open;
  return cors({
    origin: (origin, callback) => {
      if (!origin) return callback(null, false);
      callback(null, anyOrigin || allowed.has(origin.toLowerCase()));
    },
    credentials: false,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['content-type', 'authorization', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  });
}
