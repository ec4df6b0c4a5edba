import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { HarnessError, liveProcessesInGroup } from '../../scripts/wordpress/lib/managed-process';
import { startMariaDb, type MariaDbServer } from '../../scripts/wordpress/lib/mariadb';
import { startPhpServer, type PhpServer } from '../../scripts/wordpress/lib/php-server';
import { createSiteTree, PHP_SCRIPTS_DIR } from '../../scripts/wordpress/lib/site-tree';

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

export interface StartWordPressOptions {
  /** A folder of plugin folders (like wp-content/plugins); each entry is copied in, not activated. */
  pluginsDir?: string;
  /** Plugin files to activate right after install, e.g. ['aisle/aisle.php']. */
  activatePlugins?: string[];
  /** Site title; any UTF-8 (Hebrew included: the database is utf8mb4). */
  siteTitle?: string;
  /** WPLANG, e.g. 'he_IL' (Debian's wordpress-l10n ships it). Default: '' (English). */
  locale?: string;
  /**
   * Let wp_safe_remote_*() reach any port on 127.0.0.1/localhost (servers under test bind
   * random ports; WordPress alone allows 80, 443 and 8080). Default true.
   */
  allowLoopbackPorts?: boolean;
  /** Everything must be up within this long (default 30 s). */
  timeoutMs?: number;
  /** The WordPress tree to copy (default Debian's /usr/share/wordpress). */
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
  /** How long each start-up step took (ms), to keep an eye on the 30 s budget. */
  startupMs: Record<'siteTree' | 'mariadb' | 'phpServer' | 'install' | 'httpCheck' | 'total', number>;
  /** Process group ids of php -S and mariadbd (for checks that nothing is left after stop()). */
  processGroups: number[];
  /**
   * Runs PHP code inside WordPress (after wp-load.php and wp-admin/includes/plugin.php) and
   * resolves with what it printed, e.g. php("echo get_option('blogname');").
   * Rejects with a HarnessError carrying stderr when the code fails.
   */
  php(code: string): Promise<string>;
  /** The ends of the MariaDB, php -S and WordPress debug logs, for failure messages. */
  logs(): Promise<string>;
  /** Stops php -S and MariaDB, checks no process of theirs is left, removes the temp dir. Idempotent. */
  stop(): Promise<void>;
}

const DEFAULT_SOURCE = '/usr/share/wordpress';

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

function withDeadline<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HarnessError(`${what} took longer than ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A real WordPress (Debian's package, 6.1) on its own MariaDB and `php -S`, installed and
 * ready to log into. Everything lives in one temp dir that stop() removes.
 */
export async function startWordPress(options: StartWordPressOptions = {}): Promise<WordPressSite> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const startedAt = Date.now();
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
  const adminPassword = `pw-${secret(12)}`;
  const adminEmail = 'admin@example.com';

  const startupMs: WordPressSite['startupMs'] = { siteTree: 0, mariadb: 0, phpServer: 0, install: 0, httpCheck: 0, total: 0 };
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

  const boot = async (): Promise<WordPressSite> => {
    const stepTimeout = () => Math.max(1000, timeoutMs - (Date.now() - startedAt));
    // The tree copy, MariaDB and php -S don't depend on each other: start them together,
    // and let all three settle before going on, so a failure never races the cleanup.
    // Times a step; its failure cancels the steps running beside it.
    const timed = async <T>(step: keyof WordPressSite['startupMs'], work: Promise<T>): Promise<T> => {
      const begin = Date.now();
      try {
        return await work;
      } catch (error) {
        abort.abort();
        throw error;
      } finally {
        startupMs[step] = Date.now() - begin;
      }
    };
    const [tree, startedDb, startedServer] = await Promise.allSettled([
      timed(
        'siteTree',
        createSiteTree({ source: options.wordpressSource ?? DEFAULT_SOURCE, wpDir, pluginsDir: options.pluginsDir }),
      ),
      timed(
        'mariadb',
        startMariaDb({
          baseDir: path.join(baseDir, 'mariadb'),
          dbName,
          user: dbUser,
          password: dbPassword,
          timeoutMs: stepTimeout(),
          signal: abort.signal,
        }),
      ).then((started) => (db = adoptUnlessStopped(started))),
      timed(
        'phpServer',
        startPhpServer({
          docRoot: wpDir,
          routerScript: path.join(PHP_SCRIPTS_DIR, 'router.php'),
          logFile: phpLog,
          ini: PHP_INI,
          workers: 4,
          timeoutMs: stepTimeout(),
          signal: abort.signal,
        }),
      ).then((started) => (server = adoptUnlessStopped(started))),
    ]);
    if (tree.status === 'rejected') throw tree.reason;
    if (startedDb.status === 'rejected') throw startedDb.reason;
    if (startedServer.status === 'rejected') throw startedServer.reason;
    const dbServer = startedDb.value;
    const phpServer = startedServer.value;

    await writeFile(
      configFile,
      JSON.stringify({
        url: phpServer.url,
        dbName,
        dbUser,
        dbPassword,
        dbSocket: dbServer.socket,
        debugLog,
        allowLoopbackPorts: options.allowLoopbackPorts ?? true,
        salts: Object.fromEntries(SALT_NAMES.map((name) => [name, secret(48)])),
      }),
    );

    await timed(
      'install',
      runPhpScript(
        'install.php',
        [
          wpDir,
          JSON.stringify({
            title: options.siteTitle ?? 'Aisle Test Store',
            adminUser,
            adminPassword,
            adminEmail,
            locale: options.locale ?? '',
            activatePlugins: options.activatePlugins ?? [],
          }),
        ],
        stepTimeout(),
        abort.signal,
      ),
    );

    // Through the router: a real PHP page, and a pretty-permalink route.
    await timed(
      'httpCheck',
      Promise.all([
        expectHttpOk(`${phpServer.url}/wp-login.php`, stepTimeout()),
        expectHttpOk(`${phpServer.url}/wp-json/`, stepTimeout()),
      ]),
    );
    startupMs.total = Date.now() - startedAt;

    return {
      url: phpServer.url,
      adminUser,
      adminPassword,
      adminEmail,
      wpDir,
      pluginsPath: path.join(wpDir, 'wp-content', 'plugins'),
      dbName,
      startupMs,
      processGroups: [phpServer.process.pid, dbServer.process.pid],
      php: (code: string) => runPhpScript('eval.php', [wpDir, code], 60_000),
      logs,
      stop,
    };
  };

  // php -S needs its document root to exist; the tree is copied into it meanwhile.
  await mkdir(wpDir);
  const booting = boot();
  try {
    return await withDeadline(booting, timeoutMs, 'starting WordPress');
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
