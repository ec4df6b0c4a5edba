import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** JSON answers load nothing: the strictest policy. */
const API_CSP = { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } };

/** Swagger UI and ReDoc load their own local scripts; both inject styles, ReDoc runs a search worker from a blob. */
const DOCS_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    workerSrc: ["'self'", 'blob:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
  },
};

const isStream = (path: string) => path === '/api/chat/stream';
const isDocs = (path: string) => path === '/docs' || path.startsWith('/docs/') || path === '/redoc' || path.startsWith('/redoc/');
const isApi = (path: string) => path.startsWith('/api/') || path === '/openapi.json' || path === '/metrics';

/**
 * helmet on every route but the SSE stream (whose headers are set by the stream
 * itself). The widget bundle and demo images are loaded by store pages on other
 * origins, so resources are `cross-origin`; the demo page and static files keep
 * helmet's other headers without a CSP (the widget injects its own styles).
 */
export function securityHeaders(): RequestHandler {
  const common = { crossOriginResourcePolicy: { policy: 'cross-origin' as const } };
  const api = helmet({ ...common, contentSecurityPolicy: API_CSP });
  const docs = helmet({ ...common, contentSecurityPolicy: DOCS_CSP });
  const pages = helmet({ ...common, contentSecurityPolicy: false });
  return (req, res, next) => {
    if (isStream(req.path)) return next();
    if (isDocs(req.path)) return docs(req, res, next);
    if (isApi(req.path)) return api(req, res, next);
    return pages(req, res, next);
  };
}
