import { randomUUID } from 'node:crypto';
import express, { type Express, type RequestHandler, type Router } from 'express';
import { pinoHttp } from 'pino-http';
import { isSignedApiUrl } from '../admin/auth-middleware';
import { securityHeaders } from '../guard/security-headers';
import type { Logger } from '../logging/logger';
import { errorMiddleware, notFound } from './errors';
import type { ApiDocs } from './openapi';
import { createDocsRouter } from './docs';
import { boundedDrain } from './drain';

export interface AppDeps {
  logger: Logger;
  docs: ApiDocs;
  maxBodyBytes: number;
  /** Routes allowed a larger JSON body than `maxBodyBytes` (a shopper's photo on the chat routes). */
  largeBodies?: { paths: readonly string[]; maxBytes: number };
  /** Feature routers, mounted in order. */
  routers: Router[];
  /** Middleware that runs before the routers (CORS, security headers, rate limits…). */
  before?: RequestHandler[];
}

/** The Express app: request IDs and logs, JSON bodies with a size limit, features, docs, one error handler. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(boundedDrain());
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
      autoLogging: { ignore: (req) => req.url === '/api/health' },
    }),
  );
  app.use(securityHeaders());
  for (const middleware of deps.before ?? []) app.use(middleware);
  const jsonBodies = (limit: number) =>
    express.json({
      limit,
      strict: false,
      type: ['application/json', 'application/*+json'],
      // The signed admin API is verified over the exact bytes received (webhooks are read raw before
      // this parser). No other request keeps them: an answer stream holds its request for minutes, and
      // a small Buffer can pin a whole shared allocation (up to 64 KB) behind it.
      verify: (req, _res, buf) => {
        if (isSignedApiUrl(req.url)) (req as { rawBody?: Buffer }).rawBody = buf;
      },
    });
  const smallBodies = jsonBodies(deps.maxBodyBytes);
  const large = deps.largeBodies && deps.largeBodies.maxBytes > deps.maxBodyBytes ? deps.largeBodies : null;
  if (large) {
    // Only the named routes take the larger body; every other route keeps the small limit.
    const largeBodies = jsonBodies(large.maxBytes);
    const largePaths = new Set(large.paths);
    app.use((req, res, next) =>
      req.method === 'POST' && largePaths.has(req.path) ? largeBodies(req, res, next) : smallBodies(req, res, next),
    );
  } else {
    app.use(smallBodies);
  }
  for (const router of deps.routers) app.use(router);
  app.get('/openapi.json', (_req, res) => res.json(deps.docs.document()));
  app.use(createDocsRouter());
  app.use((_req, _res, next) => next(notFound('No such endpoint.')));
  app.use(errorMiddleware(deps.logger));
  return app;
}
