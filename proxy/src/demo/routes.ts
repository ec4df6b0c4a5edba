import express, { Router } from 'express';
import type { ProductSource } from '../catalog/types';
import {
  createDemoProductSource,
  demoHomeProduct,
  demoImagesDir,
  findDemoProductBySlug,
  loadDemoCatalog,
  type DemoCatalog,
} from './catalog';
import { renderDemoPage } from './page';
import { parseDemoLang } from './page-text';

export interface DemoSetup {
  catalog: DemoCatalog;
  source: ProductSource;
}

export function loadDemo(publicUrl: string): DemoSetup {
  const catalog = loadDemoCatalog({ baseUrl: publicUrl });
  return { catalog, source: createDemoProductSource(catalog) };
}

/** The demo store: a product page at `/`, other products at `/demo/product/<slug>/`, and their images. */
export function createDemoRouter(demo: DemoSetup): Router {
  const router = Router();
  const page = (slug: string | null, lang: unknown) => {
    const product = slug ? findDemoProductBySlug(demo.catalog, slug) : demoHomeProduct(demo.catalog);
    // No proxy URL: the widget talks to the server its script came from.
    return product ? renderDemoPage(product, { lang: parseDemoLang(lang), catalog: demo.catalog }) : null;
  };
  router.get('/', (req, res) => {
    res.type('html').send(page(null, req.query.lang));
  });
  router.get(['/demo/product/:slug', '/demo/product/:slug/'], (req, res) => {
    const html = page(String(req.params.slug), req.query.lang);
    if (!html) {
      res.status(404).type('html').send('<!doctype html><title>Not found</title><p>No such product.</p>');
      return;
    }
    res.type('html').send(html);
  });
  router.use('/demo/images', express.static(demoImagesDir(), { maxAge: '1d', index: false }));
  return router;
}
