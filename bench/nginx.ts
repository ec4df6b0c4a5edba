/**
 * Streaming through nginx (npx tsx bench/nginx.ts): runs Debian's nginx on
 * loopback with docs/deploy/nginx-aisle.conf (its listen moved to a free
 * loopback port, one upstream) in front of the proxy process, and checks that text events arrive
 * spread out as the upstream sends them (not buffered to the end), with the
 * config as written and with `proxy_buffering on` (then the proxy's
 * `X-Accel-Buffering: no` header must still keep the stream unbuffered).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { machineLine } from './lib/machine';
import { writeSection } from './lib/report';
import { chatStream } from './lib/sse-client';
import { sleep, table } from './lib/stats';
import { startBenchWorld } from './lib/world';

const DELTA_MS = 200;
const DELTAS = 10;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

type Variant = 'off' | 'on' | 'control';

function nginxConfig(site: string, dir: string, port: number, proxyPort: number, variant: Variant): string {
  // control: buffering on and the proxy's X-Accel-Buffering ignored, to show the check can see buffering.
  const buffering = variant === 'control' ? 'on;\n        proxy_ignore_headers X-Accel-Buffering' : variant;
  const server = site
    .replace(/listen 8080;/, `listen 127.0.0.1:${port};`)
    .replace(/^\s*server 127\.0\.0\.1:8001;\n/m, '')
    .replace(/server 127\.0\.0\.1:8000;/, `server 127.0.0.1:${proxyPort};`)
    .replace(/proxy_buffering off;/, `proxy_buffering ${buffering};`);
  return `worker_processes 1;
daemon off;
user root;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${server}
}
`;
}

async function startNginx(config: string, dir: string, port: number): Promise<ChildProcess> {
  const file = path.join(dir, 'nginx.conf');
  writeFileSync(file, config);
  const child = spawn('nginx', ['-c', file, '-p', dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  process.once('exit', () => child.kill('SIGKILL'));
  for (let i = 0; i < 50; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (up) return child;
    await sleep(100);
  }
  throw new Error('nginx did not start');
}

async function stopNginx(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGQUIT');
  await exited;
}

async function measure(url: string, enqueue: () => void) {
  enqueue();
  const result = await chatStream(url, { message: 'hello', thread_id: null });
  const texts = result.events.filter((e) => e.event.type === 'text');
  const first = texts[0]!.at;
  const last = texts.at(-1)!.at;
  return {
    status: result.status,
    texts: texts.length,
    spreadMs: last - first,
    firstMs: first - result.started,
    done: result.events.at(-1)?.event.type === 'done',
  };
}

async function main() {
  const site = readFileSync(path.resolve(__dirname, '..', 'docs', 'deploy', 'nginx-aisle.conf'), 'utf8');
  const world = await startBenchWorld({ openai: { firstTokenDelayMs: 0, tokenDelayMs: DELTA_MS } });
  const chunks = Array.from({ length: DELTAS }, (_v, i) => `n${i} `);
  const enqueue = () => world.openai.enqueue({ kind: 'text', text: chunks.join(''), chunks });
  const proxyPort = Number(new URL(world.proxy.url).port);
  const rows: Array<Array<string | number>> = [];
  const expected = (DELTAS - 1) * DELTA_MS;
  try {
    const direct = await measure(world.proxy.url, enqueue);
    rows.push([
      'proxy directly',
      direct.status,
      direct.texts,
      `${direct.firstMs.toFixed(0)} ms`,
      `${direct.spreadMs.toFixed(0)} ms`,
      direct.spreadMs > expected * 0.8 ? 'yes' : 'NO',
    ]);
    const labels: Record<Variant, string> = {
      off: 'nginx, `proxy_buffering off` (as in the config)',
      on: "nginx, `proxy_buffering on`: only the proxy's `X-Accel-Buffering: no` keeps it unbuffered",
      control: 'nginx, `proxy_buffering on` + `proxy_ignore_headers X-Accel-Buffering` (header ignored)',
    };
    for (const variant of ['off', 'on', 'control'] as const) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'aisle-nginx-'));
      const port = await freePort();
      const nginx = await startNginx(nginxConfig(site, dir, port, proxyPort, variant), dir, port);
      try {
        const r = await measure(`http://127.0.0.1:${port}`, enqueue);
        rows.push([
          labels[variant],
          r.status,
          r.texts,
          `${r.firstMs.toFixed(0)} ms`,
          `${r.spreadMs.toFixed(0)} ms`,
          r.spreadMs > expected * 0.8 && r.done ? 'yes' : 'NO',
        ]);
      } finally {
        await stopNginx(nginx);
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const version = await new Promise<string>((resolve) => {
      const child = spawn('nginx', ['-v']);
      let out = '';
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', () => resolve(out.trim()));
    });
    writeSection(
      'Streaming through nginx',
      [
        `\`npx tsx bench/nginx.ts\`: ${version} (Debian package) on loopback with [docs/deploy/nginx-aisle.conf](deploy/nginx-aisle.conf) (its \`listen\` moved to a free loopback port, one upstream), in front of the proxy process. The fake OpenAI sends ${DELTAS} text deltas ${DELTA_MS} ms apart; a buffered stream would deliver them all at once at the end (spread ≈ 0), an unbuffered one spreads them over ≈ ${expected} ms.`,
        '',
        `- Machine: ${machineLine()}`,
        '',
        table(['path', 'status', 'text events', 'first text after', 'first → last text', 'unbuffered'], rows),
      ].join('\n'),
    );
  } finally {
    await world.close();
  }
}

void main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
