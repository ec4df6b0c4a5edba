import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { streamTimed, typesOf, waitFor } from './sse';
import { fakeOpenAIKey } from '../helpers/keys';

/**
 * SIGTERM on the real server process: it stops accepting, lets a running answer
 * finish, interrupts one that would outlast the grace period with `error` and
 * `done`, and exits 0.
 */
const KEY = fakeOpenAIKey('shutdown');
const ROOT = path.resolve(__dirname, '..', '..');
const GRACE_MS = 2000;
/** Until AISLE_SHUTDOWN_GRACE_MS is in the config schema the server uses its 10 s default. */
const EFFECTIVE_GRACE_MAX_MS = 10_000;

let openai: FakeOpenAI;
let child: ChildProcess | null = null;
let dataDir: string;
beforeAll(async () => {
  openai = await startFakeOpenAI({ apiKey: KEY, tokenDelayMs: 100 });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'aisle-shutdown-'));
});
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await openai?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function startServer(): Promise<{ url: string; exited: Promise<number | null>; output: () => string }> {
  child = spawn(process.execPath, ['--import', 'tsx', 'proxy/src/server.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: openai.baseURL,
      AISLE_DEMO: 'on',
      AISLE_DATA_DIR: dataDir,
      AISLE_SHUTDOWN_GRACE_MS: String(GRACE_MS),
      AISLE_HEARTBEAT_MS: '60000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 20_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const port = /"port":(\d+)/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${port}`, exited, output: () => output });
      }
    };
    child!.stdout!.on('data', onData);
    child!.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  });
}

test('SIGTERM: running answers finish, late ones get error + done, new ones are refused, exit 0', async () => {
  const server = await startServer();
  // A short answer (about a second of deltas) and one that would hang for a minute.
  openai.enqueue({ kind: 'text', text: 'one two three four five six seven eight nine ten' }, { kind: 'hang', ms: 60_000 });
  const short = streamTimed(server.url, { message: 'short', thread_id: null });
  expect(await waitFor(() => openai.openStreams() === 1, 5000)).toBe(true);
  const long = streamTimed(server.url, { message: 'long', thread_id: null });
  expect(await waitFor(() => openai.openStreams() === 2, 5000)).toBe(true);

  const signalledAt = Date.now();
  child!.kill('SIGTERM');
  // New connections are refused once the listener is closed.
  expect(
    await waitFor(() => false, 300).then(() =>
      fetch(`${server.url}/api/health`).then(
        () => 'accepted',
        () => 'refused',
      ),
    ),
  ).toBe('refused');

  const [finished, interrupted] = await Promise.all([short, long]);
  expect(typesOf(finished.events).at(-1)).toBe('done');
  expect(typesOf(finished.events)).not.toContain('error');
  expect(typesOf(interrupted.events).slice(-2)).toEqual(['error', 'done']);
  expect(interrupted.events.at(-2)!.event).toMatchObject({ type: 'error', retryable: true });

  const code = await server.exited;
  expect(code).toBe(0);
  expect(Date.now() - signalledAt).toBeLessThan(EFFECTIVE_GRACE_MAX_MS + 3000);
  expect(server.output()).toContain('shutting down');
  // The interrupted answer's upstream request was aborted too.
  expect(await waitFor(() => openai.openStreams() === 0, 2000)).toBe(true);
}, 40_000);
