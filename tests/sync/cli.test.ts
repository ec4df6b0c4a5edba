import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai';
import { startFakeWoo, buildCatalog, type FakeWoo } from '../fakes/woo';

let woo: FakeWoo;
let openai: FakeOpenAI;
let dataDir: string;
beforeAll(async () => {
  const catalog = buildCatalog(150);
  woo = await startFakeWoo({ products: catalog.products, variations: catalog.variations });
  openai = await startFakeOpenAI({ pollAfterMs: 1 });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'aisle-cli-'));
});
afterAll(async () => {
  await woo.close();
  await openai.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function runCli(extraEnv: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'scripts/sync-cli.ts'], {
      cwd: path.resolve(__dirname, '../..'),
      env: {
        PATH: process.env.PATH ?? '',
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: openai.baseURL,
        WOO_BASE_URL: woo.url,
        WOO_CONSUMER_KEY: woo.consumerKey,
        WOO_CONSUMER_SECRET: woo.consumerSecret,
        AISLE_DATA_DIR: dataDir,
        AISLE_SYNC_SHARD_SIZE: '100',
        ...extraEnv,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

test('npm run sync: syncs with a summary, then skips; a WooCommerce failure exits 1 with a clear message', async () => {
  const first = await runCli();
  expect(first.stderr).not.toContain('Sync failed');
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/Catalog synced successfully: \d+ products, \d+ shard\(s\) uploaded/);
  const second = await runCli();
  expect(second.code).toBe(0);
  expect(second.stdout).toContain('Catalog unchanged since last sync');

  woo.failNext({ type: 'status', status: 401 });
  const failed = await runCli();
  expect(failed.code).toBe(1);
  expect(failed.stderr).toMatch(/Sync failed: Reading the catalog from WooCommerce failed: .*previous catalog is still live/s);
}, 60_000);
