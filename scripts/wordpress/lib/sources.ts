import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { HarnessError } from './managed-process';

const execFileAsync = promisify(execFile);

/** Project root (scripts/wordpress/lib → ../../..). */
const ROOT = path.resolve(__dirname, '../../..');

/**
 * The archives of real WordPress, WooCommerce and a classic theme, kept next to the project
 * (never copied into it): `../shared/wordpress/` unless AISLE_WP_ARCHIVES says otherwise.
 */
export const ARCHIVES_DIR = process.env.AISLE_WP_ARCHIVES ?? path.resolve(ROOT, '../shared/wordpress');

/** Where archives are unpacked once and database snapshots kept: outside the repository. */
export const CACHE_DIR = process.env.AISLE_WP_CACHE ?? path.join(os.homedir(), '.cache', 'aisle-wp');

/**
 * Core translations (he_IL among them) from Debian's wordpress-l10n, which WordPress 7 still reads:
 * unpacked by install-deps.sh without installing the package, or from the package when installed.
 */
export const LANGUAGES_DIRS = ['/opt/aisle-wp/wordpress-l10n/languages', '/usr/share/wordpress/wp-content/languages'];

export function languagesDir(): string | undefined {
  return LANGUAGES_DIRS.find((dir) => existsSync(path.join(dir, 'he_IL.mo')));
}

export interface Archive {
  file: string;
  /** The folder the archive unpacks to. */
  topDir: string;
  sha256: string;
}

/** The archives this harness knows, with the checksums from ../shared/wordpress/README.md. */
export const ARCHIVES = {
  wordpress: {
    file: 'wordpress-7.0.4.tar.xz',
    topDir: 'wordpress',
    sha256: 'bc1b1fd0c9b54d0a5a2b95cc3077fd3867397007dfbbd29b844c43c71bd0e5af',
  },
  woocommerce: {
    file: 'woocommerce-11.0.1.zip',
    topDir: 'woocommerce',
    sha256: '6294b4a73fd9a8de4b0a07c5b56f5b368696ff0261fbafeb128dda1cbfd54fbe',
  },
  classicTheme: {
    file: 'twentytwentyone.zip',
    topDir: 'twentytwentyone',
    sha256: '4428ce27d28e6363c5fba920f479b4f778a6c12cdfd886933de45acda8b2e178',
  },
} as const satisfies Record<string, Archive>;

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Archives already checked in this process (hashing 45 MB costs a few hundred ms). */
const verified = new Map<string, Promise<void>>();

/**
 * The unpacked folder of an archive, e.g. ~/.cache/aisle-wp/src-<sha256>/wordpress. Unpacked
 * once per machine: into a temp folder, then renamed into place, so concurrent test processes
 * never see half an archive (the loser of a rename race removes its copy and uses the winner's).
 */
export async function unpacked(archive: Archive): Promise<string> {
  const target = path.join(CACHE_DIR, `src-${archive.sha256}`);
  const dir = path.join(target, archive.topDir);
  if (existsSync(dir)) return dir;

  const file = path.join(ARCHIVES_DIR, archive.file);
  if (!existsSync(file)) {
    throw new HarnessError(`${file} is missing: the real WordPress archives are expected in ${ARCHIVES_DIR} (AISLE_WP_ARCHIVES)`);
  }
  let check = verified.get(file);
  if (!check) {
    check = sha256Of(file).then((actual) => {
      if (actual !== archive.sha256) {
        throw new HarnessError(`${file}: sha256 ${actual}, expected ${archive.sha256}`);
      }
    });
    verified.set(file, check);
  }
  await check;

  await mkdir(CACHE_DIR, { recursive: true });
  const temp = await mkdtemp(path.join(CACHE_DIR, `.unpack-${archive.sha256.slice(0, 12)}-`));
  try {
    if (archive.file.endsWith('.zip')) {
      await execFileAsync('unzip', ['-q', file, '-d', temp], { maxBuffer: 16 * 1024 * 1024 });
    } else {
      await execFileAsync('tar', ['-xf', file, '-C', temp]);
    }
    if (!(await readdir(temp)).includes(archive.topDir)) {
      throw new HarnessError(`${file} did not unpack to ${archive.topDir}/`);
    }
    try {
      await rename(temp, target);
    } catch (error) {
      // Another process got there first: its copy is as good as ours.
      if (!existsSync(dir)) throw error;
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  return dir;
}

/** sha256 over files' contents, for cache keys that must change when any of them does. */
export async function hashFiles(files: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file);
    hash.update('\0');
    hash.update(await readFile(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}
