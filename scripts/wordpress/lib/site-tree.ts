import { execFile } from 'node:child_process';
import { copyFile, cp, mkdir, readdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const PHP_SCRIPTS_DIR = path.resolve(__dirname, '../php');

export interface SiteTreeOptions {
  /** Debian's read-only WordPress, normally /usr/share/wordpress. */
  source: string;
  /** Where the copy goes (an empty directory). */
  wpDir: string;
  /** Each entry of this directory is copied into wp-content/plugins. */
  pluginsDir?: string;
}

/**
 * Core files (wp-admin, wp-includes, the root's PHP files) are hard links: WordPress
 * never writes them here (updates are off), and linking 3,000 files takes a tenth of the
 * time of copying them. Symlinks would not do: PHP resolves them in __DIR__, and
 * wp-admin would then load /usr/share/wordpress/wp-config.php, Debian's. Across
 * filesystems, where hard links can't exist, the files are copied.
 */
async function linkOrCopy(sources: string[], destination: string): Promise<void> {
  if (sources.length === 0) return;
  try {
    await execFileAsync('cp', ['-al', ...sources, destination]);
  } catch {
    await execFileAsync('cp', ['-a', ...sources, destination]);
  }
}

/**
 * A private WordPress tree from Debian's package. Debian's own wp-config.php reads
 * /etc/wordpress/config-<host>.php and points wp-content at /var/lib/wordpress; ours
 * replaces it, and wp-content holds real, writable copies so wp-admin can install
 * plugins (FS_METHOD direct) and edit them without touching the system's files.
 */
export async function createSiteTree(options: SiteTreeOptions): Promise<void> {
  const { source, wpDir } = options;
  const core = (await readdir(source)).filter((entry) => entry !== 'wp-config.php' && entry !== 'wp-content');
  await linkOrCopy(
    core.map((entry) => path.join(source, entry)),
    wpDir,
  );

  const sourceContent = path.join(source, 'wp-content');
  const content = path.join(wpDir, 'wp-content');
  await mkdir(content);
  await Promise.all([
    cp(path.join(sourceContent, 'plugins'), path.join(content, 'plugins'), { recursive: true, verbatimSymlinks: true }),
    cp(path.join(sourceContent, 'themes'), path.join(content, 'themes'), { recursive: true, verbatimSymlinks: true }),
    // 31 MB of read-only translations (he_IL among them): shared, not copied.
    symlink(path.join(sourceContent, 'languages'), path.join(content, 'languages')),
    ...['uploads', 'upgrade', 'mu-plugins'].map((dir) => mkdir(path.join(content, dir))),
  ]);
  await copyFile(path.join(PHP_SCRIPTS_DIR, 'wp-config.php'), path.join(wpDir, 'wp-config.php'));
  await copyFile(path.join(PHP_SCRIPTS_DIR, 'mu-harness.php'), path.join(content, 'mu-plugins', 'aisle-harness.php'));

  if (options.pluginsDir) {
    for (const entry of await readdir(options.pluginsDir)) {
      await cp(path.join(options.pluginsDir, entry), path.join(content, 'plugins', entry), { recursive: true });
    }
  }
}
