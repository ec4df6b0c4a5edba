import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../../tests/helpers/ports';
import { HarnessError, runToCompletion, startProcess, waitUntil, type ManagedProcess } from './managed-process';

export interface MariaDbOptions {
  /** Empty directory that will hold the datadir, socket and logs. Keep it short: sockets paths are limited to 107 bytes. */
  baseDir: string;
  dbName: string;
  user: string;
  password: string;
  timeoutMs: number;
  /** Aborting stops whatever is running (installer or server) and rejects. */
  signal?: AbortSignal;
  /**
   * A datadir saved from a cleanly stopped server (a snapshot of an installed site): copied
   * in instead of running mariadb-install-db. The user's password is set anew at start.
   */
  seedDataDir?: string;
  /** Start on the datadir a previous server in `baseDir` left (stopped cleanly), as it is. */
  keepDataDir?: boolean;
}

export interface MariaDbServer {
  socket: string;
  dataDir: string;
  port: number;
  process: ManagedProcess;
  stop(): Promise<void>;
}

const execFileAsync = promisify(execFile);

function findExecutable(candidates: string[]): string {
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  throw new HarnessError(`none of ${candidates.join(', ')} exists: run scripts/wordpress/install-deps.sh (needs mariadb-server)`);
}

/** SQL identifiers and strings here come from the harness itself, never from a test's input; still refuse odd ones. */
function assertPlainName(kind: string, value: string): void {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) throw new HarnessError(`MariaDB ${kind} must be [A-Za-z0-9_-]+, got ${value}`);
}

/**
 * A private MariaDB server: its own datadir, unix socket and loopback port, ignoring
 * /etc/mysql (--no-defaults), so a system MariaDB, running or not, is never touched.
 * Runs as root, as CI does.
 */
export async function startMariaDb(options: MariaDbOptions): Promise<MariaDbServer> {
  assertPlainName('database name', options.dbName);
  assertPlainName('user', options.user);
  assertPlainName('password', options.password);

  const mariadbd = findExecutable(['/usr/sbin/mariadbd', '/usr/sbin/mysqld']);
  const installDb = findExecutable(['/usr/bin/mariadb-install-db', '/usr/bin/mysql_install_db']);
  const dataDir = path.join(options.baseDir, 'data');
  const socket = path.join(options.baseDir, 'mysql.sock');
  const errorLog = path.join(options.baseDir, 'mariadb.log');
  await mkdir(dataDir, { recursive: true });

  if (options.keepDataDir) {
    // Restarting on our own datadir: nothing to prepare.
  } else if (options.seedDataDir) {
    await execFileAsync('cp', ['-a', `${options.seedDataDir}/.`, dataDir]);
  } else {
    // A shell script that runs `mariadbd --bootstrap`: run as a process group, so a timeout
    // doesn't leave the bootstrap server writing into a datadir that is being removed.
    await runToCompletion({
      name: 'mariadb-install-db',
      command: installDb,
      args: [
        '--no-defaults',
        `--datadir=${dataDir}`,
        '--user=root',
        '--auth-root-authentication-method=socket',
        '--skip-test-db',
        '--skip-name-resolve',
        // Passed on to the bootstrap server: a 16 MB redo log from the start (the 96 MB default takes longer to write).
        '--innodb-log-file-size=16M',
      ],
      logFile: path.join(options.baseDir, 'install-db.log'),
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
  }

  // Runs at server start: the WordPress database and a password user reachable on the socket and on TCP.
  const initFile = path.join(options.baseDir, 'init.sql');
  const { dbName, user, password } = options;
  await writeFile(
    initFile,
    [
      `CREATE DATABASE IF NOT EXISTS \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;`,
      `CREATE USER IF NOT EXISTS '${user}'@'localhost' IDENTIFIED BY '${password}';`,
      `CREATE USER IF NOT EXISTS '${user}'@'127.0.0.1' IDENTIFIED BY '${password}';`,
      // A seeded datadir already has the user, with an older password.
      `ALTER USER '${user}'@'localhost' IDENTIFIED BY '${password}';`,
      `ALTER USER '${user}'@'127.0.0.1' IDENTIFIED BY '${password}';`,
      `GRANT ALL PRIVILEGES ON \`${dbName}\`.* TO '${user}'@'localhost';`,
      `GRANT ALL PRIVILEGES ON \`${dbName}\`.* TO '${user}'@'127.0.0.1';`,
      '',
    ].join('\n'),
  );

  const deadline = Date.now() + options.timeoutMs;
  // A free port can be taken between our probe and mariadbd's bind; try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    // A restart appends to the log of the server before it: only what this one writes counts.
    const logStart = (await readFile(errorLog, 'utf8').catch(() => '')).length;
    const proc = startProcess({
      name: 'mariadbd',
      command: mariadbd,
      args: [
        '--no-defaults',
        `--datadir=${dataDir}`,
        '--user=root',
        `--socket=${socket}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        `--pid-file=${path.join(options.baseDir, 'mariadbd.pid')}`,
        `--log-error=${errorLog}`,
        `--init-file=${initFile}`,
        '--skip-name-resolve',
        '--skip-log-bin',
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_520_ci',
        // Small and unsafe on purpose: a throwaway test database on a 2-core machine.
        '--innodb-buffer-pool-size=64M',
        '--innodb-log-file-size=16M',
        '--innodb-flush-log-at-trx-commit=0',
        '--innodb-doublewrite=0',
        '--performance-schema=OFF',
      ],
      // mariadbd writes to --log-error; this file only catches what it prints before that opens.
      logFile: path.join(options.baseDir, 'mariadbd.stdout.log'),
    });
    const errorLogText = async () => (await readFile(errorLog, 'utf8').catch(() => '')).slice(logStart);
    try {
      await waitUntil(
        proc,
        'ready for connections',
        async () => existsSync(socket) && (await errorLogText()).includes('ready for connections'),
        Math.max(1000, deadline - Date.now()),
        options.signal,
      );
      return { socket, dataDir, port, process: proc, stop: () => proc.stop() };
    } catch (error) {
      await proc.stop().catch(() => undefined);
      const log = await errorLogText();
      const portTaken = /Bind on TCP\/IP port|Address already in use/i.test(log);
      if (portTaken && attempt < 3 && Date.now() < deadline && !options.signal?.aborted) continue;
      throw new HarnessError(`${(error as Error).message}\nMariaDB error log ${errorLog}:\n${log.slice(-4000)}`);
    }
  }
}
