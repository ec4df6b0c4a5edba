import path from 'node:path';
import express, { Router } from 'express';

/** `/docs` (Swagger UI) and `/redoc` (ReDoc), both served from local packages: no CDN. */
export function createDocsRouter(): Router {
  const router = Router();
  const swaggerDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  const redocBundle = require.resolve('redoc/bundles/redoc.standalone.js');

  router.use('/docs/assets', express.static(swaggerDir, { index: false, maxAge: '1d' }));
  router.get('/docs', (_req, res) => {
    res.type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Aisle proxy API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(`window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui' });`);
  });
  router.get('/redoc/redoc.standalone.js', (_req, res) => res.sendFile(redocBundle));
  router.get('/redoc', (_req, res) => {
    res.type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Aisle proxy API (ReDoc)</title></head>
<body><redoc spec-url="/openapi.json"></redoc>
<script src="/redoc/redoc.standalone.js"></script></body></html>`);
  });
  return router;
}
