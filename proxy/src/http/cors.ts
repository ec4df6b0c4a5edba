import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * Which browser origins may call the proxy. Listed origins when configured; the
 * configured sites' own origins when sessions are required; any origin (never
 * with credentials) when the proxy is open for the demo or local development.
 */
export function createCors(options: {
  allowedOrigins: string[];
  siteIds: string[];
  open: boolean;
  /** Stores that pressed Connect may call the proxy from their own origin. */
  isConnectedSite?: (host: string) => Promise<boolean>;
}): RequestHandler {
  const allowed = new Set(options.allowedOrigins.map((o) => o.trim().replace(/\/+$/, '').toLowerCase()).filter(Boolean));
  for (const site of options.siteIds) {
    const host = site
      .replace(/^https?:\/\//, '')
      .replace(/\/.*$/, '')
      .toLowerCase();
    if (!host) continue;
    for (const h of [host, host.startsWith('www.') ? host.slice(4) : `www.${host}`]) {
      allowed.add(`https://${h}`);
      allowed.add(`http://${h}`);
    }
  }
  const anyOrigin = allowed.size === 0 && options.open;
  const corsHandler = cors({
    origin: (origin, callback) => {
      if (!origin) return callback(null, false);
      if (anyOrigin || allowed.has(origin.toLowerCase())) return callback(null, true);
      if (!options.isConnectedSite || !URL.canParse(origin)) return callback(null, false);
      options.isConnectedSite(new URL(origin).host.toLowerCase()).then(
        (ok) => callback(null, ok),
        () => callback(null, false),
      );
    },
    credentials: false,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['content-type', 'authorization', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  });
  // A preflight from an origin that is not allowed, or an OPTIONS without one, falls through the
  // cors handler; Express would then answer it with a text/plain list of methods. Every API door
  // answers OPTIONS the same way instead: 204, and CORS headers only for allowed origins.
  return (req, res, next) =>
    corsHandler(req, res, (error?: unknown) => {
      if (error || req.method !== 'OPTIONS' || !req.path.startsWith('/api/')) return next(error);
      res.setHeader('Vary', 'Origin');
      res.status(204).end();
    });
}
