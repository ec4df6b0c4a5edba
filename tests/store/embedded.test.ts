import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEmbeddedStore } from '../../proxy/src/store/embedded';
import { storeContract } from './contract';

const dir = mkdtempSync(path.join(os.tmpdir(), 'aisle-store-'));
storeContract(
  'embedded',
  async () => createEmbeddedStore({ dataDir: dir }),
  async () => rmSync(dir, { recursive: true, force: true }),
);

test('the embedded store keeps its data across a restart', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aisle-restart-'));
  try {
    const first = createEmbeddedStore({ dataDir });
    await first.set('thread:abc', '{"conversation":"conv_1"}');
    await first.set('short', 'x', { ttlMs: 1 });
    await first.close();
    await new Promise((r) => setTimeout(r, 5));
    const second = createEmbeddedStore({ dataDir });
    expect(await second.get('thread:abc')).toBe('{"conversation":"conv_1"}');
    expect(await second.get('short')).toBeNull();
    await second.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
