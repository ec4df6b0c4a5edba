import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export interface ProxyProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Resident set size of the proxy process, in bytes (from /proc). */
  rss(): number;
  stop(): Promise<void>;
}

/**
 * The real proxy (`proxy/src/server.ts`, run by Node with tsx's loader, as
 * `npm start` runs the built copy) in a process of its own, so the
 * benchmark's clients and fakes neither share its CPU time slice accounting
 * nor its memory. `nodeFlags` e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/x'].
 */
export async function startProxyProcess(
  env: Record<string, string>,
  options: { nodeFlags?: string[] } = {},
): Promise<ProxyProcess> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aisle-bench-proxy-'));
  const child = spawn(
    process.execPath,
    [...(options.nodeFlags ?? []), '--import', 'tsx', path.join(ROOT, 'proxy/src/server.ts')],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/root',
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        PORT: '0',
        HOST: '127.0.0.1',
        AISLE_DATA_DIR: dataDir,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // Never leave a proxy behind when the benchmark stops early.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const match = /"port":(\d+)/.exec(out);
      if (match) {
        child.stdout!.off('data', onData);
        child.stdout!.resume(); // keep draining later log lines
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`proxy exited with ${code}: ${stderr || out}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    child,
    rss() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb * 1024;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
