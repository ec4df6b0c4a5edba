/**
 * The suite-wide secret scan: every proxy a test starts with `startProxy` writes its log
 * lines and its response bytes (headers and bodies) to files in `AISLE_TEST_SCAN_DIR`, with the
 * secret values of its config beside them. After the whole run, tests/setup/secret-scan-teardown.ts
 * searches all of it, so a secret leaked by any test's traffic fails the run.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AisleConfig } from '../../proxy/src/config/schema';
import { configSecrets } from '../../proxy/src/config/secrets';

export const SCAN_DIR_ENV = 'AISLE_TEST_SCAN_DIR';

/**
 * Where globalSetup leaves the scan folder's path for the run whose main process has `pid`: Jest's
 * workers may start before globalSetup changes the environment, but they are children of that process.
 */
export const scanPointerFile = (pid: number) => path.join(os.tmpdir(), `aisle-secret-scan-run-${pid}`);

/** This run's scan folder, or null when there is none (a file run outside Jest's globalSetup). */
export function scanFolder(): string | null {
  const pointer = [process.ppid, process.pid].map(scanPointerFile).find((file) => existsSync(file));
  const dir = process.env[SCAN_DIR_ENV] ?? (pointer ? readFileSync(pointer, 'utf8').trim() : null);
  return dir && existsSync(dir) ? dir : null;
}

/** Appends synchronously: a line logged while a proxy shuts down still lands, and nothing needs closing. */
function appender(file: string) {
  return {
    write(chunk: string | Uint8Array): boolean {
      appendFileSync(file, chunk);
      return true;
    },
  };
}

export interface ProxyRecording {
  /** Receives the proxy's log lines (already through the logger's own redaction). */
  logs: { write(chunk: string): boolean };
  /** Taps every response of `server` into the recording. */
  recordResponses(server: Server): void;
}

function tapResponse(res: ServerResponse, sink: ReturnType<typeof appender>): void {
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const record = (chunk: unknown) => {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) sink.write(chunk);
  };
  res.write = ((...args: unknown[]) => {
    record(args[0]);
    return write(...args);
  }) as typeof res.write;
  res.end = ((...args: unknown[]) => {
    if (typeof args[0] !== 'function') record(args[0]);
    return end(...args);
  }) as typeof res.end;
  // The status line and headers as sent (`_header` is the serialized block Node wrote).
  res.once('finish', () => sink.write(`\n${String((res as unknown as { _header?: string })._header ?? '')}\n`));
}

/** A recording for one proxy, in the scan folder `dir` (see scanFolder). */
export function startRecording(dir: string, config: AisleConfig): ProxyRecording {
  // Unique per proxy: Jest reloads this module for every test file, so a module counter alone repeats.
  const base = path.join(dir, `${process.pid}-${randomUUID()}`);
  // Short values would match ordinary text; real keys and secrets are long (the logger's scrubber agrees).
  writeFileSync(`${base}.secrets.json`, JSON.stringify(configSecrets(config).filter((s) => s.length >= 8)));
  const responses = appender(`${base}.responses`);
  return {
    logs: appender(`${base}.log`),
    recordResponses(server) {
      server.prependListener('request', (_req, res: ServerResponse) => tapResponse(res, responses));
    },
  };
}
