/**
 * Runs the services of compose.yaml with `buildah run --isolation=chroot --network=host`, reading
 * images, commands, environment and volumes from the file, so what the smoke test runs is what is
 * shipped. The image's ENTRYPOINT and CMD come from the image itself (`buildah inspect`).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import YAML from 'yaml';

const exec = promisify(execFile);
export const ROOT = path.resolve(__dirname, '..', '..');

export interface ComposeService {
  name: string;
  image: string;
  command: string[] | null;
  environment: Record<string, string>;
  /** host:container[:mode], host made absolute. */
  volumes: string[];
}

/** `${VAR}` and `${VAR:-default}`, as compose interpolates them. */
function interpolate(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_m, name: string, fallback?: string) => {
    const set = env[name];
    return set !== undefined && set !== '' ? set : (fallback ?? '');
  });
}

export function readCompose(env: NodeJS.ProcessEnv, file = path.join(ROOT, 'compose.yaml')): ComposeService[] {
  const doc = YAML.parse(readFileSync(file, 'utf8'), { merge: true }) as {
    services: Record<string, { image: string; command?: string[]; environment?: Record<string, unknown>; volumes?: string[] }>;
  };
  return Object.entries(doc.services).map(([name, svc]) => ({
    name,
    image: svc.image,
    command: svc.command ?? null,
    environment: Object.fromEntries(Object.entries(svc.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), env)])),
    volumes: (svc.volumes ?? []).map((v) => {
      const [host, ...rest] = v.split(':');
      return [path.resolve(ROOT, host!), ...rest].join(':');
    }),
  }));
}

export interface ImageConfig {
  User?: string;
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Env?: string[];
  Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number } | null;
}

export async function imageConfig(image: string): Promise<ImageConfig> {
  const { stdout } = await exec('buildah', ['inspect', '--type', 'image', image], { maxBuffer: 64 << 20 });
  const info = JSON.parse(stdout) as { Docker?: { config?: ImageConfig }; OCIv1?: { config?: ImageConfig } };
  return info.Docker?.config ?? info.OCIv1?.config ?? {};
}

export async function imageSize(image: string): Promise<string> {
  const { stdout } = await exec('buildah', ['images', '--format', '{{.Name}}:{{.Tag}} {{.Size}}']);
  const line = stdout.split('\n').find((l) => l.startsWith(`${image} `));
  return line ? line.slice(image.length + 1).trim() : 'unknown';
}

export interface RunningService {
  service: ComposeService;
  container: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
}

/** Starts one service in its own working container; its output goes to `logFile` and memory. */
export async function startService(service: ComposeService, logFile: string): Promise<RunningService> {
  const container = `aisle-smoke-${service.name}`;
  await exec('buildah', ['rm', container]).catch(() => undefined);
  await exec('buildah', ['from', '--pull=never', '--name', container, service.image]);
  const config = await imageConfig(service.image);
  const argv = [...(config.Entrypoint ?? []), ...(service.command ?? config.Cmd ?? [])];
  const args = [
    'run',
    '--isolation=chroot',
    '--network=host',
    ...Object.entries(service.environment).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
    ...service.volumes.flatMap((v) => ['--volume', v]),
    container,
    '--',
    ...argv,
  ];
  // Its own process group, so a last-resort kill reaches everything buildah started.
  const child = spawn('buildah', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const log = createWriteStream(logFile);
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-200_000);
    log.write(chunk);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { service, container, child, exited, output: () => output };
}

/** Runs a command in a fresh container of `image` (same network namespace); resolves its exit code and output. */
export async function runOnce(
  image: string,
  env: Record<string, string>,
  argv: string[],
  timeoutMs: number,
): Promise<{ code: number; output: string }> {
  const container = `aisle-smoke-once-${process.pid}-${Date.now()}`;
  await exec('buildah', ['from', '--pull=never', '--name', container, image]);
  try {
    const args = ['run', '--isolation=chroot', '--network=host'];
    for (const [k, v] of Object.entries(env)) args.push('--env', `${k}=${v}`);
    const { stdout, stderr } = await exec('buildah', [...args, container, '--', ...argv], { timeout: timeoutMs });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  } finally {
    await exec('buildah', ['rm', container]).catch(() => undefined);
  }
}

/** PID of the process listening on a TCP port in this network namespace (the service's main process). */
export async function listenerPid(port: number): Promise<number | null> {
  const { stdout } = await exec('ss', ['-Htlnp', `sport = :${port}`]);
  const pids = [...stdout.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]));
  return pids.length ? Math.min(...pids) : null;
}

/** SIGTERM the service's main process, wait for it, then make sure nothing of it is left. */
export async function stopService(running: RunningService, pid: number | null, waitMs: number): Promise<number | null> {
  if (pid) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const code = await Promise.race([running.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), waitMs))]);
  if (code === 'timeout' || running.child.exitCode === null) {
    try {
      process.kill(-running.child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    await running.exited;
  }
  await exec('buildah', ['rm', running.container]).catch(() => undefined);
  return code === 'timeout' ? null : code;
}
