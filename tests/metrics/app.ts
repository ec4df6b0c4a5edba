import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router, type RequestHandler } from 'express';
import pino from 'pino';
import { createApp } from '../../proxy/src/http/app';
import { createApiDocs } from '../../proxy/src/http/openapi';

/** The proxy's real Express shell (request IDs, JSON limit, error handler) around the given routers, on 127.0.0.1:0. */
export async function startApp(
  routers: Router[],
  before: RequestHandler[] = [],
): Promise<{ url: string; close(): Promise<void> }> {
  const docs = createApiDocs({ version: 'test', maxMessageChars: 2000 });
  const app = createApp({ logger: pino({ level: 'silent' }), docs, maxBodyBytes: 64 * 1024, routers, before });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The value of one sample in Prometheus text, e.g. `aisle_chats_finished_total{outcome="ok"}`; null when absent. */
export function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}
