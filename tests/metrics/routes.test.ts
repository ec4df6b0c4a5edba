import { Router } from 'express';
import {
  createMetrics,
  createMetricsRouter,
  createWidgetEventsRouter,
  describeMetricsRoutes,
  httpMetricsMiddleware,
} from '../../proxy/src/metrics';
import { createApiDocs } from '../../proxy/src/http/openapi';
import { sample, startApp } from './app';

const SECRET = 'metrics-secret-0123456789';

describe('GET /metrics', () => {
  test('open when no secret is configured, in the Prometheus text format with process metrics', async () => {
    const metrics = createMetrics();
    const app = await startApp([createMetricsRouter({ metrics })]);
    try {
      const res = await fetch(`${app.url}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      expect(text).toContain('# TYPE aisle_chats_started_total counter');
      expect(text).toContain('# TYPE aisle_openai_time_to_first_token_seconds histogram');
      expect(sample(text, 'aisle_sse_streams_open')).toBe(0);
      expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  test('protected by a Bearer secret when one is configured', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const app = await startApp([createMetricsRouter({ metrics, secret: SECRET })]);
    try {
      const none = await fetch(`${app.url}/metrics`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      const wrong = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${SECRET}x` } });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${SECRET}` } });
      expect(right.status).toBe(200);
      expect(await right.text()).toContain('aisle_chats_started_total 0');
    } finally {
      await app.close();
    }
  });
});

describe('POST /api/events', () => {
  const post = (url: string, body: unknown) =>
    fetch(`${url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  test('counts valid widget events by type and answers 204', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const app = await startApp([createWidgetEventsRouter({ metrics }), createMetricsRouter({ metrics })]);
    try {
      for (const body of [
        { type: 'add_to_cart', product_id: 39 },
        { type: 'add_to_cart', product_id: 40 },
        { type: 'card_click', product_id: 39 },
        { type: 'open' },
      ]) {
        const res = await post(app.url, body);
        expect(res.status).toBe(204);
        expect(await res.text()).toBe('');
      }
      const text = await (await fetch(`${app.url}/metrics`)).text();
      expect(sample(text, 'aisle_widget_events_total{type="add_to_cart"}')).toBe(2);
      expect(sample(text, 'aisle_widget_events_total{type="card_click"}')).toBe(1);
      expect(sample(text, 'aisle_widget_events_total{type="open"}')).toBe(1);
    } finally {
      await app.close();
    }
  });

  test.each([
    ['an unknown type', { type: 'purchase' }],
    ['a string product id', { type: 'add_to_cart', product_id: '39' }],
    ['a negative product id', { type: 'add_to_cart', product_id: -1 }],
    ['an extra field', { type: 'open', email: 'a@b.c' }],
    ['an array', [{ type: 'open' }]],
    ['invalid JSON', '{"type":'],
  ])('400 for %s, nothing counted', async (_name, body) => {
    const metrics = createMetrics({ defaultMetrics: false });
    const app = await startApp([createWidgetEventsRouter({ metrics }), createMetricsRouter({ metrics })]);
    try {
      const res = await post(app.url, body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(/bad_request|invalid_json/);
      const text = await (await fetch(`${app.url}/metrics`)).text();
      for (const type of ['add_to_cart', 'card_click', 'open'])
        expect(sample(text, `aisle_widget_events_total{type="${type}"}`)).toBe(0);
    } finally {
      await app.close();
    }
  });
});

test('429 answers count as rate-limit rejections and 5xx as errors', async () => {
  const metrics = createMetrics({ defaultMetrics: false });
  const limited = Router();
  limited.post(
    '/api/chat/stream',
    (_req, res) => void res.status(429).json({ error: { code: 'rate_limited', message: 'slow down' } }),
  );
  limited.get('/api/boom', () => {
    throw new Error('boom');
  });
  const app = await startApp([limited, createMetricsRouter({ metrics })], [httpMetricsMiddleware(metrics)]);
  try {
    expect((await fetch(`${app.url}/api/chat/stream`, { method: 'POST' })).status).toBe(429);
    expect((await fetch(`${app.url}/api/chat/stream`, { method: 'POST' })).status).toBe(429);
    expect((await fetch(`${app.url}/api/boom`)).status).toBe(500);
    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(sample(text, 'aisle_rate_limit_rejections_total{scope="chat"}')).toBe(2);
    expect(sample(text, 'aisle_errors_total{type="http_5xx"}')).toBe(1);
    // The two refused streams opened and closed the gauge.
    expect(sample(text, 'aisle_sse_streams_open')).toBe(0);
  } finally {
    await app.close();
  }
});

test('describeMetricsRoutes documents both routes', () => {
  const docs = createApiDocs({ version: 'test', maxMessageChars: 2000 });
  describeMetricsRoutes(docs);
  const paths = (docs.document() as { paths: Record<string, Record<string, unknown>> }).paths;
  expect(Object.keys(paths['/metrics'] ?? {})).toEqual(['get']);
  expect(Object.keys(paths['/api/events'] ?? {})).toEqual(['post']);
});
