import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { composeAisle, listen, type Aisle, type ComposeOverrides } from '../../proxy/src/app/compose';
import { loadConfig } from '../../proxy/src/config/load';
import type { ChatEvent } from '../../proxy/src/contract/events';
import { scanFolder, startRecording } from './suite-scan';

export interface RunningProxy {
  url: string;
  aisle: Aisle;
  server: Server;
  close(): Promise<void>;
}

/** The real proxy, in this process, on 127.0.0.1 port 0, with a fresh embedded store unless REDIS_URL is given. */
export async function startProxy(
  env: Record<string, string | undefined> = {},
  overrides: ComposeOverrides = {},
): Promise<RunningProxy> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aisle-proxy-'));
  // Recorded for the suite-wide secret scan unless the test brings its own logger or log level.
  const scanDir = !overrides.logger && env.LOG_LEVEL === undefined ? scanFolder() : null;
  // Tests fire many requests from 127.0.0.1 in a burst: the per-minute limits are off unless a test
  // turns them on (tests/resilience/rate-limit.test.ts does).
  const config = loadConfig({
    // Under the suite-wide secret scan, log everything (into the scan folder, not the console).
    LOG_LEVEL: scanDir ? 'debug' : 'silent',
    NODE_ENV: 'test',
    AISLE_DATA_DIR: dataDir,
    AISLE_RATE_SESSION_PER_MIN: '0',
    AISLE_RATE_IP_PER_MIN: '0',
    AISLE_RATE_STORE_PER_MIN: '0',
    ...env,
  });
  const recording = scanDir ? startRecording(scanDir, config) : null;
  const aisle = await composeAisle(config, recording ? { ...overrides, logDestination: recording.logs } : overrides);
  const server = await listen(aisle, 0, '127.0.0.1');
  recording?.recordResponses(server);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    aisle,
    server,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await aisle.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Parse an SSE body strictly as the proxy promises to write it: blocks separated
 * by a blank line, each either a `: comment` heartbeat or exactly one `data: <json>` line.
 */
export function parseSseBody(body: string): ChatEvent[] {
  const events: ChatEvent[] = [];
  for (const block of body.split('\n\n')) {
    if (!block) continue;
    if (block.startsWith(':')) continue;
    const lines = block.split('\n');
    if (lines.length !== 1 || !lines[0]!.startsWith('data: ')) throw new Error(`malformed SSE block: ${JSON.stringify(block)}`);
    events.push(JSON.parse(lines[0]!.slice(6)) as ChatEvent);
  }
  return events;
}

export async function streamChat(
  url: string,
  body: unknown,
  init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<{ status: number; headers: Headers; events: ChatEvent[]; raw: string }> {
  const res = await fetch(`${url}/api/chat/stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: init.signal,
  });
  const raw = await res.text();
  const events = res.headers.get('content-type')?.startsWith('text/event-stream') ? parseSseBody(raw) : [];
  return { status: res.status, headers: res.headers, events, raw };
}

export const textOf = (events: ChatEvent[]) =>
  events
    .filter((e): e is Extract<ChatEvent, { type: 'text' }> => e.type === 'text')
    .map((e) => e.content)
    .join('');
