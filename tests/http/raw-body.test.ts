/**
 * The app's JSON parser keeps the exact request bytes (`req.rawBody`) only for the signed admin API,
 * which verifies its signature over them; any other request (a chat stream holds its request for
 * minutes) keeps only the parsed body.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router } from 'express';
import pino from 'pino';
import { SIGNED_API_PATH } from '../../proxy/src/admin/auth-middleware';
import { createApp } from '../../proxy/src/http/app';
import { createApiDocs } from '../../proxy/src/http/openapi';

let server: Server;
let base: string;

beforeAll(async () => {
  const router = Router();
  router.post(/.*/, (req, res) => {
    const raw = (req as { rawBody?: unknown }).rawBody;
    res.json({ raw: Buffer.isBuffer(raw) ? raw.toString('utf8') : null, parsed: req.body as unknown });
  });
  const app = createApp({
    logger: pino({ level: 'silent' }),
    docs: createApiDocs({ version: 'test', maxMessageChars: 2000 }),
    maxBodyBytes: 64 * 1024,
    routers: [router],
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function post(path: string, body: string): Promise<{ raw: string | null; parsed: unknown }> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return (await res.json()) as { raw: string | null; parsed: unknown };
}

test('the signed admin API gets the exact bytes it was sent', async () => {
  const body = '{ "openai_api_key" :"x",\n"store_url": "https://shop.example" }';
  const answer = await post(`${SIGNED_API_PATH}/config`, body);
  expect(answer.raw).toBe(body);
  expect(answer.parsed).toEqual({ openai_api_key: 'x', store_url: 'https://shop.example' });
  // Express routes `/API/Admin/…` there too (case-insensitive): the signature still has its bytes.
  expect((await post('/API/Admin/config?x=1', body)).raw).toBe(body);
});

test('other requests keep only the parsed body', async () => {
  for (const path of ['/api/chat/stream', '/api/chat', '/api/administrator']) {
    const answer = await post(path, '{"message":"שלום","thread_id":null}');
    expect(answer.raw).toBeNull();
    expect(answer.parsed).toEqual({ message: 'שלום', thread_id: null });
  }
});
