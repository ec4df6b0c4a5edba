/**
 * `npm run plugin-zip`, as an owner's download would be built, once at a time: the e2e files may
 * run in parallel Jest workers, and the script replaces dist/aisle.zip in place. Each caller gets
 * its own copy of the zip, made while it holds the lock.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
export const ROOT = path.resolve(__dirname, '../../..');
const LOCK = path.join(ROOT, 'dist', '.plugin-zip.lock');

async function withLock<T>(work: () => Promise<T>, timeoutMs: number): Promise<T> {
  await mkdir(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      // A lock left by a test process that was killed mid-build: no build takes five minutes.
      const held = await stat(LOCK).catch(() => null);
      if (held && Date.now() - held.mtimeMs > 5 * 60_000) await rmdir(LOCK).catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`${LOCK} held for more than ${timeoutMs} ms (remove it if no test runs)`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    await rmdir(LOCK).catch(() => undefined);
  }
}

/** Builds dist/aisle.zip (the widget first, when plugin/build is missing) and copies it to `destination`. */
export async function buildPluginZip(destination: string): Promise<string> {
  const env = { ...process.env, PATH: `/root/.cache/aisle-node/node_modules/.bin:${process.env.PATH ?? ''}` };
  return withLock(async () => {
    if (!existsSync(path.join(ROOT, 'plugin/build/index.asset.php'))) {
      await execFileAsync('npm', ['run', 'build:widget'], { cwd: ROOT, env, timeout: 170_000 });
    }
    await execFileAsync('npm', ['run', 'plugin-zip'], { cwd: ROOT, env, timeout: 30_000 });
    await copyFile(path.join(ROOT, 'dist', 'aisle.zip'), destination);
    return destination;
  }, 200_000);
}
