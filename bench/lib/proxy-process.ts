import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export interface ProxyProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Resident set size of the proxy process, in bytes (from /proc). */
  rss(): number;
  /**
   * CPU time (user + system) the proxy process has used so far, in ms (from /proc). Per turn,
   * it depends much less than latency on what else the machine runs, so it compares tunings.
   */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** `getconf CLK_TCK`: 100 on Linux. */
const CLOCK_TICKS_PER_S = 100;

/** How the proxy is started: the production command, described for reports. */
export const PROXY_COMMAND =
  '`bash scripts/start.sh` (what `npm start` runs: `node proxy/dist/server.js`, built by `tsc`, with its Node flags)';

/** Newest modification time of any file under `dir` (ms). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Build the proxy first when proxy/dist is older than proxy/src (start.sh's own check), so the
 * build does not run under the benchmark's NODE_OPTIONS (a `--cpu-prof` would profile tsc too).
 */
function buildIfStale(root: string): void {
  const server = path.join(root, 'proxy/dist/server.js');
  if (existsSync(server) && statSync(server).mtimeMs >= newestMtime(path.join(root, 'proxy/src'))) return;
  execFileSync('npm', ['run', '--silent', 'build:proxy'], { cwd: root, stdio: 'inherit' });
}

/**
 * The real proxy in a process of its own, started exactly as `npm start` starts
 * it (`scripts/start.sh`: build what is stale, then `exec node … proxy/dist/server.js`
 * with the production Node flags and environment), so the benchmark measures
 * the compiled JavaScript and the tuning that ships, not tsx's loader. Because
 * start.sh `exec`s Node, the child's PID is the proxy's own (RSS is read from it).
 * The benchmark's clients and fakes neither share its CPU time nor its memory.
 * `nodeFlags` are added through NODE_OPTIONS (so only flags Node allows there,
 * e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/x'] or '--heapsnapshot-signal=SIGUSR2').
 */
export async function startProxyProcess(
  env: Record<string, string>,
  options: { nodeFlags?: string[]; root?: string } = {},
): Promise<ProxyProcess> {
  // `root`: another checkout (e.g. a `git archive` of an earlier commit), for a before/after in one run.
  const root = options.root ?? ROOT;
  buildIfStale(root);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aisle-bench-proxy-'));
  const child = spawn('bash', [path.join(root, 'scripts/start.sh')], {
    cwd: root,
    env: {
      // The Node running the benchmark comes first, so start.sh picks the same one.
      PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
      HOME: process.env.HOME ?? '/root',
      ...(options.nodeFlags?.length ? { NODE_OPTIONS: options.nodeFlags.join(' ') } : {}),
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      PORT: '0',
      HOST: '127.0.0.1',
      AISLE_DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Never leave a proxy behind when the benchmark stops early.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  // BENCH_PROXY_LOG=<file>: keep the proxy's output (logs, --trace-gc lines) for diagnosis.
  if (process.env.BENCH_PROXY_LOG) {
    const log = createWriteStream(process.env.BENCH_PROXY_LOG);
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
  }
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
    cpuMs() {
      // Fields 14 and 15 of /proc/<pid>/stat (utime, stime) in clock ticks; the name field may hold spaces.
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
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
