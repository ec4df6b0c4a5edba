import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { CACHE_DIR } from './sources';

const execFileAsync = promisify(execFile);

/** What a snapshot remembers besides its database: the admin's password and the fixture store it holds. */
export interface SnapshotMeta<Store> {
  adminPassword: string;
  store: Store | null;
  createdAt: string;
  /** How long building it took, ms (for the report when a cache is cold). */
  buildMs: number;
}

export interface Snapshot<Store> {
  dir: string;
  /** A cleanly stopped MariaDB datadir. */
  dataDir: string;
  /** wp-content/uploads of the site (the fixture products' images). */
  uploadsDir: string;
  meta: SnapshotMeta<Store>;
}

const snapshotDir = (key: string) => path.join(CACHE_DIR, `db-${key.slice(0, 32)}`);

/**
 * An installed site saved on disk (datadir + uploads + meta), keyed by everything that shaped
 * it: the archives, the harness's PHP scripts, the options and the MariaDB binary. Shared by
 * every test process on the machine; a missing or half-written one is simply built again.
 */
export async function findSnapshot<Store>(key: string): Promise<Snapshot<Store> | null> {
  const dir = snapshotDir(key);
  const metaFile = path.join(dir, 'meta.json');
  if (!existsSync(metaFile)) return null;
  try {
    const meta = JSON.parse(await readFile(metaFile, 'utf8')) as SnapshotMeta<Store>;
    // Marks it used, so pruneSnapshots() keeps it.
    const now = new Date();
    await utimes(metaFile, now, now).catch(() => undefined);
    return { dir, dataDir: path.join(dir, 'data'), uploadsDir: path.join(dir, 'uploads'), meta };
  } catch {
    return null;
  }
}

/**
 * Saves a stopped site's datadir and uploads under `key`: copied into a temp folder, then
 * renamed into place, so readers see a whole snapshot or none. When another process published
 * the same key meanwhile, its copy stays and ours is dropped.
 */
export async function saveSnapshot<Store>(
  key: string,
  from: { dataDir: string; uploadsDir: string },
  meta: SnapshotMeta<Store>,
): Promise<Snapshot<Store>> {
  await mkdir(CACHE_DIR, { recursive: true });
  const dir = snapshotDir(key);
  const temp = await mkdtemp(path.join(CACHE_DIR, '.snapshot-'));
  try {
    await execFileAsync('cp', ['-a', from.dataDir, path.join(temp, 'data')]);
    await execFileAsync('cp', ['-a', from.uploadsDir, path.join(temp, 'uploads')]);
    await writeFile(path.join(temp, 'meta.json'), JSON.stringify(meta));
    try {
      await rename(temp, dir);
    } catch (error) {
      if (!existsSync(path.join(dir, 'meta.json'))) throw error;
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  const saved = await findSnapshot<Store>(key);
  if (!saved) throw new Error(`snapshot ${dir} was not written`);
  await pruneSnapshots(UNUSED_FOR_MS);
  return saved;
}

/** Snapshots nobody started from for this long are deleted when a new one is saved (each is ~100 MB). */
const UNUSED_FOR_MS = 7 * 24 * 60 * 60 * 1000;

/** Deletes snapshots whose meta.json was last used more than `unusedForMs` ago (older harness scripts leave them behind). */
export async function pruneSnapshots(unusedForMs: number): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await readdir(CACHE_DIR).catch(() => [] as string[])) {
    if (!entry.startsWith('db-')) continue;
    const dir = path.join(CACHE_DIR, entry);
    const used = await stat(path.join(dir, 'meta.json')).catch(() => null);
    if (used && Date.now() - used.mtimeMs > unusedForMs) {
      await rm(dir, { recursive: true, force: true });
      removed.push(dir);
    }
  }
  return removed;
}
