import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEmbeddedStore } from '../../proxy/src/store/embedded';
import type { KeyValueStore } from '../../proxy/src/store/types';
import { createProgressReporter, readProgress } from '../../proxy/src/sync/progress';

let dir: string;
let store: KeyValueStore & { close?: () => unknown };
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'aisle-progress-'));
  store = createEmbeddedStore({ dataDir: dir });
});
afterEach(async () => {
  await store.close?.();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a throttled update still reaches the store once the interval has passed', async () => {
  const progress = createProgressReporter({ store, syncId: 's1', mode: 'full', trigger: 'test', throttleMs: 100 });
  progress.update({ phase: 'reading', pages_read: 1 });
  progress.update({ pages_read: 2 }); // within the interval: not written yet
  await sleep(20);
  expect((await readProgress(store))?.pages_read).toBe(1);
  // Nothing else happens (the next page is slow): the newest count must land anyway.
  await sleep(150);
  expect((await readProgress(store))?.pages_read).toBe(2);
});

test('updates closer together than the interval are written at most once per interval', async () => {
  const writes: string[] = [];
  const counting: KeyValueStore = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'set')
        return (key: string, value: string, options?: unknown) => {
          writes.push(value);
          return target.set(key, value, options as never);
        };
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  const progress = createProgressReporter({ store: counting, syncId: 's2', mode: 'full', trigger: 'test', throttleMs: 100 });
  for (let page = 1; page <= 20; page++) progress.update({ pages_read: page });
  await sleep(150);
  expect(writes.length).toBe(2); // the first at once, the newest after the interval
  expect((JSON.parse(writes[1]!) as { pages_read: number }).pages_read).toBe(20);
});
