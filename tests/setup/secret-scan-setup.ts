/** Jest globalSetup (proxy project): the folder every started proxy records into; see tests/helpers/suite-scan.ts. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCAN_DIR_ENV, scanPointerFile } from '../helpers/suite-scan';

export default function secretScanSetup(): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aisle-secret-scan-'));
  // For the teardown, in this process, and for the workers (this process's children) through the pointer file.
  process.env[SCAN_DIR_ENV] = dir;
  writeFileSync(scanPointerFile(process.pid), dir);
}
