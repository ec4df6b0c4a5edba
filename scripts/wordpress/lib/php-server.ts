import net from 'node:net';
import { freePort } from '../../../tests/helpers/ports';
import { HarnessError, startProcess, waitUntil, type ManagedProcess } from './managed-process';

export interface PhpServerOptions {
  docRoot: string;
  routerScript: string;
  logFile: string;
  /** Extra php.ini settings, passed as -d name=value. */
  ini: Record<string, string>;
  /**
   * Worker processes. php -S answers one request at a time per worker: with one, a page that
   * calls back into its own site (REST from PHP, the browser's parallel assets) would queue.
   */
  workers: number;
  timeoutMs: number;
  /** Aborting stops the server if it is still starting, and rejects. */
  signal?: AbortSignal;
}

export interface PhpServer {
  url: string;
  port: number;
  process: ManagedProcess;
  stop(): Promise<void>;
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** PHP's built-in web server on a free 127.0.0.1 port. */
export async function startPhpServer(options: PhpServerOptions): Promise<PhpServer> {
  const deadline = Date.now() + options.timeoutMs;
  const iniArgs = Object.entries(options.ini).flatMap(([name, value]) => ['-d', `${name}=${value}`]);
  // A free port can be taken between our probe and php's bind; try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const proc = startProcess({
      name: 'php -S',
      command: 'php',
      args: [...iniArgs, '-S', `127.0.0.1:${port}`, '-t', options.docRoot, options.routerScript],
      cwd: options.docRoot,
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: String(options.workers) },
      logFile: options.logFile,
    });
    try {
      await waitUntil(
        proc,
        `a listening port ${port}`,
        () => portAccepts(port),
        Math.max(1000, deadline - Date.now()),
        options.signal,
      );
      return { url: `http://127.0.0.1:${port}`, port, process: proc, stop: () => proc.stop() };
    } catch (error) {
      await proc.stop().catch(() => undefined);
      const portTaken = /Address already in use|Failed to listen/i.test(await proc.logTail());
      if (portTaken && attempt < 3 && Date.now() < deadline && !options.signal?.aborted) continue;
      throw error instanceof HarnessError ? error : new HarnessError(String(error));
    }
  }
}
