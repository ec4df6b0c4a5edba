import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** Something in the harness did not start, answer or stop in time; the message carries the logs. */
export class HarnessError extends Error {
  override readonly name: string = 'HarnessError';
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A server process the harness owns: its own process group, output in a log file. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Settles when the process has exited (never rejects). */
  readonly exited: Promise<ExitInfo>;
  isRunning(): boolean;
  /** The log's last `maxChars` characters ('' when there is none yet). */
  logTail(maxChars?: number): Promise<string>;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves once no process of the group is left. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartProcessOptions {
  name: string;
  command: string;
  args: string[];
  logFile: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Process groups still running, killed on exit so a crashed or interrupted test leaves nothing behind. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
  });
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * Pids of the processes in a process group that are still alive (zombies don't count: an
 * orphaned worker that exited may wait a while for a reaper, but it runs nothing).
 */
export function liveProcessesInGroup(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // "pid (comm) state ppid pgrp ..." where comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    const pgrp = Number(fields[2]);
    if (pgrp === pgid && state !== 'Z' && state !== 'X') pids.push(Number(entry));
  }
  return pids;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startProcess(options: StartProcessOptions): ManagedProcess {
  installExitHook();
  // The child writes straight into the log file: nothing to drain, and the log survives for diagnostics.
  const logFd = openSync(options.logFile, 'a');
  const child = (() => {
    try {
      return spawn(options.command, options.args, {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: ['ignore', logFd, logFd],
        // Own process group, so stop() also reaches the workers `php -S` forks.
        detached: true,
      });
    } finally {
      closeSync(logFd);
    }
  })();

  let exitInfo: ExitInfo | null = null;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve(exitInfo);
    });
    child.once('error', () => {
      exitInfo = { code: -1, signal: null };
      resolve(exitInfo);
    });
  });

  // Don't let a forgotten stop() keep the test runner alive: the exit hook kills the group then.
  child.unref();
  const pid = child.pid;
  if (pid === undefined) {
    throw new HarnessError(
      `${options.name}: could not start ${options.command} in ${options.cwd ?? process.cwd()} (is it installed? does the directory exist?)`,
    );
  }
  liveGroups.add(pid);

  const logTail = async (maxChars = 4000): Promise<string> => {
    try {
      const text = await readFile(options.logFile, 'utf8');
      return text.length > maxChars ? `…${text.slice(-maxChars)}` : text;
    } catch {
      return '';
    }
  };

  const stop = async (graceMs = 5000): Promise<void> => {
    killGroup(pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline && (exitInfo === null || liveProcessesInGroup(pid).length > 0)) {
      await sleep(50);
    }
    if (exitInfo === null || liveProcessesInGroup(pid).length > 0) {
      killGroup(pid, 'SIGKILL');
      await Promise.race([exited, sleep(2000)]);
      const stillAlive = liveProcessesInGroup(pid);
      if (stillAlive.length > 0) {
        throw new HarnessError(`${options.name}: processes ${stillAlive.join(', ')} survived SIGKILL`);
      }
    }
    liveGroups.delete(pid);
  };

  return {
    name: options.name,
    pid,
    logFile: options.logFile,
    exited,
    isRunning: () => exitInfo === null,
    logTail,
    stop,
  };
}

/** Waits until `ready()` is true, failing early (with the log) if the process exits first or `signal` aborts. */
export async function waitUntil(
  proc: ManagedProcess,
  what: string,
  ready: () => Promise<boolean>,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (signal?.aborted) throw new HarnessError(`${proc.name}: cancelled while waiting for ${what}`);
    if (await ready()) return;
    if (!proc.isRunning()) {
      const info = await proc.exited;
      throw new HarnessError(
        `${proc.name} exited (code ${info.code}, signal ${info.signal}) before ${what}. Log ${proc.logFile}:\n${await proc.logTail()}`,
      );
    }
    if (Date.now() > deadline) {
      throw new HarnessError(`${proc.name}: no ${what} within ${timeoutMs} ms. Log ${proc.logFile}:\n${await proc.logTail()}`);
    }
    await sleep(50);
  }
}

/**
 * Runs a command to completion in its own process group (so a shell script's children go
 * too when it is cut short); rejects with its output on failure, timeout or abort.
 */
export async function runToCompletion(options: StartProcessOptions & { timeoutMs: number; signal?: AbortSignal }): Promise<void> {
  const proc = startProcess(options);
  try {
    await waitUntil(proc, 'its exit', async () => !proc.isRunning(), options.timeoutMs, options.signal);
  } catch (error) {
    await proc.stop();
    throw error;
  }
  // The group may still hold children of the finished command; none may outlive it.
  await proc.stop();
  const info = await proc.exited;
  if (info.code !== 0) {
    throw new HarnessError(`${options.name} failed (code ${info.code}, signal ${info.signal}):\n${await proc.logTail()}`);
  }
}
