/**
 * `npm start` runs `node proxy/dist/server.js`: start the built server the way it runs in
 * production, with no keys at all (the embedded demo), and with invalid settings.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseSseBody } from '../helpers/proxy';

const SERVER = path.resolve(__dirname, '../../proxy/dist/server.js');

function run(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const child = spawn(process.execPath, [SERVER], {
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForPort(output: () => string, timeoutMs = 15_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /listening on http:\/\/localhost:(\d+)/.exec(output());
    if (match) return Number(match[1]);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server did not start:\n${output()}`);
}

beforeAll(() => {
  if (!existsSync(SERVER)) throw new Error('proxy/dist/server.js is missing: run `npm run build` first (npm test does).');
});

test('with no keys and no store, the demo runs: a Hebrew product page, the widget, and offline catalog answers', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aisle-start-'));
  const server = run({ PORT: '0', HOST: '127.0.0.1', AISLE_DATA_DIR: dataDir });
  try {
    const port = await waitForPort(server.output);
    const base = `http://127.0.0.1:${port}`;
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<html lang="he" dir="rtl">/);
    expect(html).toContain('/widget.js');
    const english = await (await fetch(`${base}/?lang=en`)).text();
    expect(english).toMatch(/<html lang="en" dir="ltr">/);
    const widget = await fetch(`${base}/widget.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toMatch(/javascript/);

    const health = (await (await fetch(`${base}/api/health`)).json()) as { missing_vars: string[]; mode: string };
    expect(health.missing_vars).toContain('OPENAI_API_KEY');
    expect(health.mode).toBe('demo');

    const res = await fetch(`${base}/api/chat/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'מזון לכלבים', thread_id: null }),
    });
    const events = parseSseBody(await res.text());
    expect(events.map((e) => e.type)).toEqual(['thread_id', 'status', 'text', 'products', 'done']);
    const text = events.find((e) => e.type === 'text') as { content: string };
    expect(text.content).toMatch(/לא מקוון/);
    const cards = events.find((e) => e.type === 'products') as { data: Array<{ name: string }> };
    expect(cards.data.length).toBeGreaterThan(0);
    expect(cards.data.every((c) => /כלב/.test(c.name))).toBe(true);
    expect(server.output()).toMatch(/No AISLE_CONNECTION_SECRET/);
  } finally {
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('an invalid setting stops the start with one readable line per problem', async () => {
  const server = run({ PORT: 'http', REDIS_URL: 'localhost:6379', OPENAI_REASONING_EFFORT: 'max' });
  expect(await server.exited).toBe(1);
  const lines = server.output().trim().split('\n');
  expect(lines[0]).toMatch(/^Aisle cannot start\. Invalid configuration:/);
  expect(lines.filter((l) => l.startsWith('  - '))).toHaveLength(3);
  expect(server.output()).toMatch(/PORT must be a whole number/);
  expect(server.output()).toMatch(/REDIS_URL must be a redis:\/\//);
});

describe('scripts/start.sh (what `npm start` runs)', () => {
  const ROOT = path.resolve(__dirname, '../..');

  /** The proxy's own command line and environment, read from /proc (start.sh `exec`s node, so the PID is the proxy's). */
  async function startedBy(env: Record<string, string>): Promise<{ argv: string[]; environ: string[] }> {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aisle-start-sh-'));
    let output = '';
    const child = spawn('bash', [path.join(ROOT, 'scripts/start.sh')], {
      cwd: ROOT,
      env: {
        PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
        HOME: os.tmpdir(),
        PORT: '0',
        HOST: '127.0.0.1',
        AISLE_DATA_DIR: dataDir,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await waitForPort(() => output, 120_000);
      const split = (file: string) => readFileSync(`/proc/${child.pid}/${file}`, 'utf8').split('\0').filter(Boolean);
      return { argv: split('cmdline'), environ: split('environ') };
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  test('runs the built server with the young generation capped and two malloc arenas', async () => {
    const { argv, environ } = await startedBy({});
    expect(argv.slice(-2)).toEqual(['--max-semi-space-size=32', 'proxy/dist/server.js']);
    expect(path.basename(argv[0]!)).toBe('node');
    expect(environ).toContain('MALLOC_ARENA_MAX=2');
  }, 150_000);

  test("an operator's NODE_OPTIONS and MALLOC_ARENA_MAX win", async () => {
    const { argv, environ } = await startedBy({ NODE_OPTIONS: '--max-semi-space-size=64', MALLOC_ARENA_MAX: '4' });
    expect(argv.some((a) => a.startsWith('--max-semi-space-size'))).toBe(false);
    expect(environ).toContain('NODE_OPTIONS=--max-semi-space-size=64');
    expect(environ).toContain('MALLOC_ARENA_MAX=4');
  }, 150_000);
});
