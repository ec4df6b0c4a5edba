import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { HarnessError, liveProcessesInGroup } from '../../scripts/wordpress/lib/managed-process';
import { startMariaDb, type MariaDbServer } from '../../scripts/wordpress/lib/mariadb';
import { startPhpServer, type PhpServer } from '../../scripts/wordpress/lib/php-server';
import { createSiteTree, PHP_SCRIPTS_DIR } from '../../scripts/wordpress/lib/site-tree';
import { findSnapshot, saveSnapshot, type Snapshot } from '../../scripts/wordpress/lib/snapshot';
import { ARCHIVES, hashFiles, languagesDir, unpacked } from '../../scripts/wordpress/lib/sources';

export { HarnessError } from '../../scripts/wordpress/lib/managed-process';

/** startWordPress gave up; by then it has stopped what it started and removed `baseDir`. */
export class WordPressStartError extends HarnessError {
  override readonly name = 'WordPressStartError';
  constructor(
    message: string,
    /** The temp dir it had made (gone by the time this is thrown). */
    readonly baseDir: string,
    /** Process groups it had started (none alive by the time this is thrown). */
    readonly processGroups: number[],
  ) {
    super(message);
  }
}

const execFileAsync = promisify(execFile);

/** A fixture product as store-setup.php made it (prices as WooCommerce stores them, e.g. "59.90"). */
export interface FixtureProduct {
  id: number;
  name: string;
  slug: string;
  type: 'simple' | 'variable';
  status: string;
  visibility: string;
  price: string;
  regular_price: string;
  sale_price: string;
  stock_status: string;
  /** Relative, e.g. /product/adult-dog-food/ (each run has its own port). */
  path: string;
  /** Variable product only: variation ID and price per size. */
  variations?: Record<'S' | 'M' | 'L', { id: number; price: string }>;
}

/** The Hebrew store of scripts/wordpress/php/store-setup.php. */
export interface FixtureStore {
  products: Record<'simple' | 'sale' | 'outofstock' | 'variable' | 'draft' | 'hidden', FixtureProduct>;
  /** Relative paths of WooCommerce's pages. */
  pages: Record<'shop' | 'cart' | 'checkout' | 'myaccount', string>;
  /** The variation attribute's key as WooCommerce stores it (sanitize_title('מידה')). */
  attributeKey: string;
}

export interface StartWordPressOptions {
  /** Only '7.0.4' (../shared/wordpress/); the option names what the tests rely on. */
  version?: '7.0.4';
  /** WooCommerce 11.0.1 active, set up, with the fixture catalog (FixtureStore). Default false. */
  woocommerce?: boolean;
  /** 'block': Twenty Twenty-Five, WordPress's default; 'classic': Twenty Twenty-One. Default 'block'. */
  theme?: 'block' | 'classic';
  /** A folder of plugin folders (like wp-content/plugins); each entry is copied in, not activated. */
  pluginsDir?: string;
  /** Plugin files to activate right after install, e.g. ['aisle/aisle.php']. */
  activatePlugins?: string[];
  /** Site title; any UTF-8 (Hebrew included: the database is utf8mb4). */
  siteTitle?: string;
  /** WPLANG, e.g. 'he_IL' (core translations from Debian's wordpress-l10n). Default: '' (English). */
  locale?: string;
  /**
   * Let wp_safe_remote_*() reach any port on 127.0.0.1/localhost (servers under test bind
   * random ports; WordPress alone allows 80, 443 and 8080). Default true.
   */
  allowLoopbackPorts?: boolean;
  /**
   * Everything must be up within this long. Default 30 s, plus 150 s when the site's snapshot
   * is not cached yet and must be installed first.
   */
  timeoutMs?: number;
  /** An unpacked WordPress to use instead of the cached 7.0.4 (the harness's own failure tests). */
  wordpressSource?: string;
}

export interface WordPressSite {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  adminUser: string;
  adminPassword: string;
  adminEmail: string;
  /** The WordPress root (ABSPATH) of this run's private copy. */
  wpDir: string;
  /** wp-content/plugins of this run. */
  pluginsPath: string;
  dbName: string;
  /** The fixture store (with `woocommerce: true`), else null. */
  store: FixtureStore | null;
  /** How long each start-up step took (ms); `install` is 0 when the snapshot was cached. */
  startupMs: Record<'sources' | 'siteTree' | 'mariadb' | 'phpServer' | 'install' | 'httpCheck' | 'total', number>;
  /** True when this start installed the site and saved its snapshot (a cold cache). */
  builtSnapshot: boolean;
  /** Process group ids of php -S and mariadbd (for checks that nothing is left after stop()). */
  processGroups: number[];
  /**
   * Runs PHP code inside WordPress (after wp-load.php and wp-admin/includes/plugin.php) and
   * resolves with what it printed, e.g. php("echo get_option('blogname');").
   * Rejects with a HarnessError carrying stderr when the code fails.
   */
  php(code: string): Promise<string>;
  /** Runs SQL on the site's database through the mariadb client; resolves with its tab-separated output. */
  sql(query: string): Promise<string>;
  /** The ends of the MariaDB, php -S and WordPress debug logs, for failure messages. */
  logs(): Promise<string>;
  /** Stops php -S and MariaDB, checks no process of theirs is left, removes the temp dir. Idempotent. */
  stop(): Promise<void>;
}

/** php.ini settings for both the server and the CLI scripts. */
const PHP_INI: Record<string, string> = {
  memory_limit: '512M',
  // A plugin zip with a built widget easily passes PHP's 2 MB default.
  upload_max_filesize: '64M',
  post_max_size: '64M',
  max_execution_time: '120',
  // opcache makes wp-admin pages several times faster; revalidate at once so files a test writes are seen.
  'opcache.enable_cli': '1',
  'opcache.validate_timestamps': '1',
  'opcache.revalidate_freq': '0',
};

const iniArgs = Object.entries(PHP_INI).flatMap(([name, value]) => ['-d', `${name}=${value}`]);
const secret = (bytes: number) => randomBytes(bytes).toString('base64url');
const SALT_NAMES = [
  'AUTH_KEY',
  'SECURE_AUTH_KEY',
  'LOGGED_IN_KEY',
  'NONCE_KEY',
  'AUTH_SALT',
  'SECURE_AUTH_SALT',
  'LOGGED_IN_SALT',
  'NONCE_SALT',
];

async function tail(file: string, maxChars = 3000, keepLine: (line: string) => boolean = () => true): Promise<string> {
  try {
    const text = (await readFile(file, 'utf8')).split('\n').filter(keepLine).join('\n');
    return text.length > maxChars ? `…${text.slice(-maxChars)}` : text;
  } catch {
    return '(none)';
  }
}

async function runPhpScript(script: string, args: string[], timeoutMs: number, signal?: AbortSignal): Promise<string> {
  try {
    const { stdout } = await execFileAsync('php', [...iniArgs, path.join(PHP_SCRIPTS_DIR, script), ...args], {
      timeout: timeoutMs,
      signal,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number | string; killed?: boolean; signal?: string };
    const why = e.killed ? `timed out after ${timeoutMs} ms` : `exit ${e.code ?? e.signal}`;
    throw new HarnessError(`php ${script} failed (${why})\nstderr:\n${e.stderr ?? ''}\nstdout:\n${e.stdout ?? ''}`);
  }
}

async function expectHttpOk(url: string, timeoutMs: number): Promise<void> {
  const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  if (response.status !== 200) {
    throw new HarnessError(`GET ${url} answered ${response.status}:\n${(await response.text()).slice(0, 2000)}`);
  }
}

/** Like withDeadline, with a deadline that may grow while the work runs (a cold snapshot cache). */
function withDeadlineOf<T>(work: Promise<T>, timeoutMs: () => number, what: string): Promise<T> {
  const startedAt = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    const check = () => {
      const left = timeoutMs() - (Date.now() - startedAt);
      if (left <= 0) reject(new HarnessError(`${what} took longer than ${timeoutMs()} ms`));
      else timer = setTimeout(check, Math.min(left, 1000));
    };
    timer = setTimeout(check, Math.min(timeoutMs(), 1000));
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function withDeadline<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HarnessError(`${what} took longer than ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const SNAPSHOT_TITLE = 'Aisle Test Store';
const SNAPSHOT_SCRIPTS = ['cli-bootstrap.php', 'install.php', 'store-setup.php', 'mu-harness.php', 'wp-config.php', 'router.php'];

interface Sources {
  wordpress: string;
  woocommerce: string | null;
  classicTheme: string | null;
  key: string;
}

/** The unpacked archives this site needs, and the key of its database snapshot. */
async function resolveSources(options: StartWordPressOptions): Promise<Sources> {
  const woocommerce = options.woocommerce ?? false;
  const theme = options.theme ?? 'block';
  const [wordpress, woo, classic] = await Promise.all([
    options.wordpressSource ?? unpacked(ARCHIVES.wordpress),
    woocommerce ? unpacked(ARCHIVES.woocommerce) : null,
    theme === 'classic' ? unpacked(ARCHIVES.classicTheme) : null,
  ]);
  if (options.locale && !languagesDir()) {
    throw new HarnessError(
      `no WordPress translations for ${options.locale}: run scripts/wordpress/install-deps.sh (wordpress-l10n)`,
    );
  }
  const mariadbd = await stat('/usr/sbin/mariadbd').catch(() => null);
  const key = await hashFiles(SNAPSHOT_SCRIPTS.map((script) => path.join(PHP_SCRIPTS_DIR, script)));
  const shaped = JSON.stringify({
    scripts: key,
    wordpress: options.wordpressSource ?? ARCHIVES.wordpress.sha256,
    woocommerce: woocommerce ? ARCHIVES.woocommerce.sha256 : null,
    theme: theme === 'classic' ? ARCHIVES.classicTheme.sha256 : 'block',
    locale: options.locale ?? '',
    mariadbd: mariadbd ? `${mariadbd.size}:${mariadbd.mtimeMs}` : null,
  });
  return {
    wordpress,
    woocommerce: woo,
    classicTheme: classic,
    key: createHash('sha256').update(shaped).digest('hex'),
  };
}

/** A string as a SQL literal that survives any bytes (Hebrew, quotes). */
const sqlString = (text: string) => `CONVERT(X'${Buffer.from(text, 'utf8').toString('hex')}' USING utf8mb4)`;

/**
 * A real WordPress 7.0.4 (and, with `woocommerce: true`, WooCommerce 11.0.1 with a small Hebrew
 * store) on its own MariaDB and `php -S`, installed and ready to log into. The archives are
 * unpacked once into ~/.cache/aisle-wp/; the installed database is saved there too, once per
 * shape of site, so later starts copy it instead of installing. Everything of this run lives in
 * one temp dir that stop() removes.
 */
export async function startWordPress(options: StartWordPressOptions = {}): Promise<WordPressSite> {
  const startedAt = Date.now();
  let timeoutMs = options.timeoutMs ?? 30_000;
  // Short path: the MariaDB socket lives here and unix socket paths are limited to 107 bytes.
  const baseDir = await mkdtemp(path.join(os.tmpdir(), 'aisle-wp-'));
  const wpDir = path.join(baseDir, 'wordpress');
  const configFile = path.join(baseDir, 'aisle-harness.json');
  const debugLog = path.join(baseDir, 'wp-debug.log');
  const phpLog = path.join(baseDir, 'php-server.log');
  const dbName = 'wordpress';
  const dbUser = 'wordpress';
  const dbPassword = secret(18).replace(/[^A-Za-z0-9]/g, 'x');
  const adminUser = 'admin';
  const adminEmail = 'admin@example.com';
  const theme = options.theme ?? 'block';

  const startupMs: WordPressSite['startupMs'] = {
    sources: 0,
    siteTree: 0,
    mariadb: 0,
    phpServer: 0,
    install: 0,
    httpCheck: 0,
    total: 0,
  };
  let db: MariaDbServer | undefined;
  let server: PhpServer | undefined;
  let stopped = false;

  const logs = async (): Promise<string> =>
    [
      `--- MariaDB error log (${baseDir}/mariadb/mariadb.log)`,
      await tail(path.join(baseDir, 'mariadb', 'mariadb.log')),
      `--- php -S log (${phpLog}), connection lines left out`,
      await tail(phpLog, 3000, (line) => !/ (Accepted|Closing)$/.test(line)),
      `--- WordPress debug log (${debugLog})`,
      await tail(debugLog),
    ].join('\n');

  let stopping: Promise<void> | undefined;
  const stopServers = async (): Promise<void> => {
    stopped = true;
    const results = await Promise.allSettled([server?.stop(), db?.stop()]);
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
    if (failures.length > 0) throw new HarnessError(`WordPress harness did not stop cleanly:\n${failures.join('\n')}`);
  };
  const stop = (): Promise<void> => (stopping ??= stopServers().finally(() => rm(baseDir, { recursive: true, force: true })));

  // Every process group started, for the failure report; and the stops of servers that
  // came up only after a timeout had already stopped the others (they must not outlive it).
  const startedGroups: number[] = [];
  const lateStops: Promise<void>[] = [];
  const adoptUnlessStopped = <T extends { stop(): Promise<void>; process: { pid: number } }>(started: T): T => {
    startedGroups.push(started.process.pid);
    if (stopped) {
      lateStops.push(started.stop().catch(() => undefined));
      throw new HarnessError('WordPress harness was stopped while starting');
    }
    return started;
  };

  // Cancels the steps still under way when the deadline passes or one of them fails.
  const abort = new AbortController();
  const mariadbOptions = () => ({
    baseDir: path.join(baseDir, 'mariadb'),
    dbName,
    user: dbUser,
    password: dbPassword,
    timeoutMs: stepTimeout(),
    signal: abort.signal,
  });
  const stepTimeout = () => Math.max(1000, timeoutMs - (Date.now() - startedAt));
  // Times a step; its failure cancels the steps running beside it.
  const timed = async <T>(step: keyof WordPressSite['startupMs'], work: Promise<T>): Promise<T> => {
    const begin = Date.now();
    try {
      return await work;
    } catch (error) {
      abort.abort();
      throw error;
    } finally {
      startupMs[step] += Date.now() - begin;
    }
  };
  const sql = async (query: string): Promise<string> => {
    if (!db) throw new HarnessError('MariaDB is not running');
    const args = ['--no-defaults', `--socket=${db.socket}`, `--user=${dbUser}`, `--password=${dbPassword}`];
    try {
      const { stdout } = await execFileAsync(
        'mariadb',
        [...args, '--batch', '--skip-column-names', `--execute=${query}`, dbName],
        {
          timeout: 30_000,
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      return stdout;
    } catch (error) {
      throw new HarnessError(`SQL failed: ${query}\n${(error as { stderr?: string }).stderr ?? String(error)}`);
    }
  };
  const php = (code: string) => runPhpScript('eval.php', [wpDir, code], 60_000);

  const boot = async (): Promise<{ snapshot: Snapshot<FixtureStore>; built: boolean }> => {
    const sources = await timed('sources', resolveSources(options));
    let snapshot = await findSnapshot<FixtureStore>(sources.key);
    const built = snapshot === null;
    // Installing WordPress and WooCommerce with its catalog takes a while, once per machine.
    if (built && options.timeoutMs === undefined) timeoutMs += 150_000;

    // The tree, MariaDB and php -S don't depend on each other: start them together, and let
    // all three settle before going on, so a failure never races the cleanup.
    const [tree, startedDb, startedServer] = await Promise.allSettled([
      timed(
        'siteTree',
        createSiteTree({
          source: sources.wordpress,
          wpDir,
          cachedPlugins: sources.woocommerce ? [sources.woocommerce] : [],
          cachedThemes: sources.classicTheme ? [sources.classicTheme] : [],
          pluginsDir: options.pluginsDir,
          languagesDir: options.locale ? languagesDir() : undefined,
          uploadsFrom: snapshot?.uploadsDir,
        }),
      ),
      timed('mariadb', startMariaDb({ ...mariadbOptions(), seedDataDir: snapshot?.dataDir })).then(
        (started) => (db = adoptUnlessStopped(started)),
      ),
      timed(
        'phpServer',
        startPhpServer({
          docRoot: wpDir,
          routerScript: path.join(PHP_SCRIPTS_DIR, 'router.php'),
          logFile: phpLog,
          ini: PHP_INI,
          // A page that calls the proxy, which reads this store's REST API meanwhile, holds one
          // worker while the reads need others; the browser loads a page's assets in parallel.
          workers: 6,
          timeoutMs: stepTimeout(),
          signal: abort.signal,
        }),
      ).then((started) => (server = adoptUnlessStopped(started))),
    ]);
    if (tree.status === 'rejected') throw tree.reason;
    if (startedDb.status === 'rejected') throw startedDb.reason;
    if (startedServer.status === 'rejected') throw startedServer.reason;
    const phpServer = startedServer.value;

    await writeFile(
      configFile,
      JSON.stringify({
        url: phpServer.url,
        dbName,
        dbUser,
        dbPassword,
        dbSocket: startedDb.value.socket,
        debugLog,
        allowLoopbackPorts: options.allowLoopbackPorts ?? true,
        salts: Object.fromEntries(SALT_NAMES.map((name) => [name, secret(48)])),
      }),
    );

    if (!snapshot) {
      const buildStarted = Date.now();
      const adminPassword = `pw-${secret(12)}`;
      await timed(
        'install',
        runPhpScript(
          'install.php',
          [
            wpDir,
            JSON.stringify({
              title: SNAPSHOT_TITLE,
              adminUser,
              adminPassword,
              adminEmail,
              locale: options.locale ?? '',
              theme: theme === 'classic' ? 'twentytwentyone' : '',
              activatePlugins: sources.woocommerce ? ['woocommerce/woocommerce.php'] : [],
            }),
          ],
          stepTimeout(),
          abort.signal,
        ),
      );
      const store = sources.woocommerce
        ? (JSON.parse(
            await timed(
              'install',
              runPhpScript('store-setup.php', [wpDir, JSON.stringify({ theme })], stepTimeout(), abort.signal),
            ),
          ) as FixtureStore)
        : null;
      // Saved from a cleanly stopped server, then this run goes on with the same datadir.
      await timed(
        'install',
        (async () => {
          await db!.stop();
          snapshot = await saveSnapshot<FixtureStore>(
            sources.key,
            { dataDir: db!.dataDir, uploadsDir: path.join(wpDir, 'wp-content', 'uploads') },
            { adminPassword, store, createdAt: new Date().toISOString(), buildMs: Date.now() - buildStarted },
          );
          db = adoptUnlessStopped(await startMariaDb({ ...mariadbOptions(), keepDataDir: true }));
        })(),
      );
    }

    // What differs from the snapshot: the title (a plain option), and plugins to activate.
    const title = options.siteTitle ?? SNAPSHOT_TITLE;
    if (title !== SNAPSHOT_TITLE) {
      await timed('install', sql(`UPDATE wp_options SET option_value = ${sqlString(title)} WHERE option_name = 'blogname'`));
    }
    if ((options.activatePlugins ?? []).length > 0) {
      const list = JSON.stringify(options.activatePlugins);
      await timed(
        'install',
        php(
          `foreach (json_decode(${JSON.stringify(list)}, true) as $p) { $r = activate_plugin($p); if (is_wp_error($r)) { throw new RuntimeException("activate_plugin($p): " . $r->get_error_message()); } }`,
        ),
      );
    }

    // Through the router: a real PHP page, and a pretty-permalink route.
    await timed(
      'httpCheck',
      Promise.all([
        expectHttpOk(`${phpServer.url}/wp-login.php`, stepTimeout()),
        expectHttpOk(`${phpServer.url}/wp-json/`, stepTimeout()),
      ]),
    );
    return { snapshot: snapshot!, built };
  };

  // php -S needs its document root to exist; the tree is copied into it meanwhile.
  await mkdir(wpDir);
  const booting = boot();
  try {
    const { snapshot, built } = await withDeadlineOf(booting, () => timeoutMs, 'starting WordPress');
    startupMs.total = Date.now() - startedAt;
    return {
      url: server!.url,
      adminUser,
      adminPassword: snapshot.meta.adminPassword,
      adminEmail,
      wpDir,
      pluginsPath: path.join(wpDir, 'wp-content', 'plugins'),
      dbName,
      store: snapshot.meta.store,
      startupMs,
      builtSnapshot: built,
      processGroups: [server!.process.pid, db!.process.pid],
      php,
      sql,
      logs,
      stop,
    };
  } catch (error) {
    const message = `startWordPress failed: ${(error as Error).message}\n${await logs()}`;
    // Cancel and stop first: whatever boot() still waits on then fails fast. Only once it has
    // settled is the temp dir removed, so no late step writes into it again.
    abort.abort();
    await stopServers().catch(() => undefined);
    await withDeadline(booting, 10_000, 'winding down the failed start').catch(() => undefined);
    await Promise.all(lateStops);
    await stop().catch(() => undefined);
    throw new WordPressStartError(message, baseDir, startedGroups);
  }
}

/** Pids still alive from a site's php -S and MariaDB process groups (empty after stop()). */
export function leftoverProcesses(site: Pick<WordPressSite, 'processGroups'>): number[] {
  return site.processGroups.flatMap((pgid) => liveProcessesInGroup(pgid));
}
