import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, readdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const PHP_SCRIPTS_DIR = path.resolve(__dirname, '../php');

export interface SiteTreeOptions {
  /** An unpacked WordPress (read-only, e.g. the cache's wordpress-7.0.4). */
  source: string;
  /** Where the site goes (an empty directory). */
  wpDir: string;
  /** Read-only plugin folders from the cache (WooCommerce), linked into wp-content/plugins. */
  cachedPlugins?: string[];
  /** Read-only theme folders from the cache (the classic theme), linked into wp-content/themes. */
  cachedThemes?: string[];
  /** Each entry of this directory is copied into wp-content/plugins. */
  pluginsDir?: string;
  /** A folder of translations to link as wp-content/languages (read-only, shared). */
  languagesDir?: string;
  /** wp-content/uploads to start from (a database snapshot's media); copied. */
  uploadsFrom?: string;
}

/**
 * Hard links: WordPress never writes into core, WooCommerce or the bundled themes here
 * (updates are off, and only the plugin under test is installed or deleted through wp-admin),
 * and linking thousands of files takes a fraction of copying them. Symlinks would not do: PHP
 * resolves them in __DIR__, and wp-admin would then load the cache's files with the cache's
 * paths. Across filesystems, where hard links can't exist, the files are copied.
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
 * A private WordPress tree. Core, WooCommerce and the themes are hard links into the unpacked
 * archives; wp-content's own folders (plugins, themes, uploads, upgrade, mu-plugins) are real
 * and writable, so wp-admin can install and delete the plugin under test (FS_METHOD direct)
 * without touching the cache. wp-config.php is the harness's.
 */
export async function createSiteTree(options: SiteTreeOptions): Promise<void> {
  const { source, wpDir } = options;
  if (!existsSync(path.join(source, 'wp-settings.php'))) {
    throw new Error(`${source} is not a WordPress tree (no wp-settings.php)`);
  }
  const core = (await readdir(source)).filter(
    (entry) => !['wp-config.php', 'wp-config-sample.php', 'wp-content'].includes(entry),
  );
  const content = path.join(wpDir, 'wp-content');
  const sourceThemes = path.join(source, 'wp-content', 'themes');
  const bundledThemes = (await readdir(sourceThemes)).filter((entry) => entry !== 'index.php');
  await mkdir(content);
  await Promise.all(['plugins', 'themes', 'upgrade', 'mu-plugins'].map((dir) => mkdir(path.join(content, dir))));

  await Promise.all([
    linkOrCopy(
      core.map((entry) => path.join(source, entry)),
      wpDir,
    ),
    linkOrCopy(
      [...bundledThemes.map((theme) => path.join(sourceThemes, theme)), ...(options.cachedThemes ?? [])],
      path.join(content, 'themes'),
    ),
    linkOrCopy(options.cachedPlugins ?? [], path.join(content, 'plugins')),
    options.uploadsFrom
      ? cp(options.uploadsFrom, path.join(content, 'uploads'), { recursive: true })
      : mkdir(path.join(content, 'uploads')),
    options.languagesDir && existsSync(options.languagesDir)
      ? symlink(options.languagesDir, path.join(content, 'languages'))
      : Promise.resolve(),
    copyFile(path.join(PHP_SCRIPTS_DIR, 'wp-config.php'), path.join(wpDir, 'wp-config.php')),
    copyFile(path.join(PHP_SCRIPTS_DIR, 'mu-harness.php'), path.join(content, 'mu-plugins', 'aisle-harness.php')),
  ]);

  if (options.pluginsDir) {
    for (const entry of await readdir(options.pluginsDir)) {
      await cp(path.join(options.pluginsDir, entry), path.join(content, 'plugins', entry), { recursive: true });
    }
  }
}
