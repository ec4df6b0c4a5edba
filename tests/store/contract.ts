import type { KeyValueStore } from '../../proxy/src/store/types';

/** The one behaviour both stores must have. Each suite calls this with a factory. */
export function storeContract(name: string, make: () => Promise<KeyValueStore>, cleanup?: () => Promise<void>) {
  describe(`KeyValueStore contract: ${name}`, () => {
    let store: KeyValueStore;
    let n = 0;
    const key = (k: string) => `t${process.pid}:${++n}:${k}`;

    beforeAll(async () => {
      store = await make();
    });
    afterAll(async () => {
      await store.close();
      await cleanup?.();
    });

    test('get of a missing key is null; set then get round-trips unicode', async () => {
      const k = key('a');
      expect(await store.get(k)).toBeNull();
      await store.set(k, 'שלום 👋');
      expect(await store.get(k)).toBe('שלום 👋');
      await store.set(k, 'second');
      expect(await store.get(k)).toBe('second');
    });

    test('ttl expires values', async () => {
      const k = key('ttl');
      await store.set(k, 'x', { ttlMs: 80 });
      expect(await store.get(k)).toBe('x');
      const ttl = await store.ttl(k);
      expect(ttl).not.toBeNull();
      expect(ttl!).toBeGreaterThan(0);
      expect(ttl!).toBeLessThanOrEqual(80);
      await new Promise((r) => setTimeout(r, 150));
      expect(await store.get(k)).toBeNull();
      expect(await store.ttl(k)).toBeNull();
    });

    test('setIfAbsent is a lock: only one of many concurrent callers wins', async () => {
      const k = key('lock');
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.setIfAbsent(k, `owner${i}`, 5000)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const owner = await store.get(k);
      expect(owner).toMatch(/^owner\d+$/);
      expect(await store.deleteIfEquals(k, 'someone-else')).toBe(false);
      expect(await store.get(k)).toBe(owner);
      expect(await store.deleteIfEquals(k, owner!)).toBe(true);
      expect(await store.get(k)).toBeNull();
    });

    test('an expired lock can be taken again', async () => {
      const k = key('lock-expiry');
      expect(await store.setIfAbsent(k, 'a', 50)).toBe(true);
      expect(await store.setIfAbsent(k, 'b', 50)).toBe(false);
      await new Promise((r) => setTimeout(r, 120));
      expect(await store.setIfAbsent(k, 'c', 1000)).toBe(true);
      expect(await store.get(k)).toBe('c');
    });

    test('incrBy is atomic under concurrency and applies ttl on creation', async () => {
      const k = key('counter');
      const values = await Promise.all(Array.from({ length: 50 }, () => store.incrBy(k, 2, 10_000)));
      expect(new Set(values).size).toBe(50);
      expect(Math.max(...values)).toBe(100);
      expect(await store.get(k)).toBe('100');
      const ttl = await store.ttl(k);
      expect(ttl).not.toBeNull();
      expect(ttl!).toBeGreaterThan(5000);
    });

    test('del and keys by prefix', async () => {
      const p = key('prefix:');
      await store.set(`${p}one`, '1');
      await store.set(`${p}two`, '2');
      await store.set(`${p}gone`, '3', { ttlMs: 1 });
      await store.set(`${key('other')}`, 'x');
      await new Promise((r) => setTimeout(r, 20));
      expect((await store.keys(p)).sort()).toEqual([`${p}one`, `${p}two`]);
      await store.del(`${p}one`);
      expect(await store.keys(p)).toEqual([`${p}two`]);
    });

    test('zIncrBy adds up concurrent increments per member; zTop orders by score then member', async () => {
      const k = key('z');
      expect(await store.zTop(k)).toEqual([]);
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => store.zIncrBy(k, { כלב: 1, [`p${i % 4}`]: 2, zero: 0 }, { ttlMs: 60_000 })),
      );
      const top = await store.zTop(k);
      expect(top).toEqual([
        { member: 'כלב', score: 40 },
        { member: 'p3', score: 20 },
        { member: 'p2', score: 20 },
        { member: 'p1', score: 20 },
        { member: 'p0', score: 20 },
      ]);
      expect(await store.zTop(k, 2)).toEqual(top.slice(0, 2));
      const ttl = await store.ttl(k);
      expect(ttl).not.toBeNull();
      expect(ttl!).toBeGreaterThan(50_000);
      expect(await store.keys(k.slice(0, -1))).toEqual([k]);
      await store.del(k);
      expect(await store.zTop(k)).toEqual([]);
    });

    test('zIncrBy with keep stays bounded and keeps the highest members', async () => {
      const k = key('zkeep');
      await store.zIncrBy(k, { a: 10, b: 9, c: 8 }, { keep: 2 });
      for (let i = 0; i < 5; i += 1) await store.zIncrBy(k, { [`low${i}`]: 1 }, { keep: 2 });
      const members = await store.zTop(k);
      // Trimmed back to 2 once more than 4 were held, then growing again until the next trim.
      expect(members.length).toBeLessThanOrEqual(4);
      expect(members.slice(0, 2)).toEqual([
        { member: 'a', score: 10 },
        { member: 'b', score: 9 },
      ]);
    });

    test('a sorted set expires with its ttl', async () => {
      const k = key('zttl');
      await store.zIncrBy(k, { x: 1 }, { ttlMs: 80 });
      expect(await store.zTop(k)).toEqual([{ member: 'x', score: 1 }]);
      await new Promise((r) => setTimeout(r, 150));
      expect(await store.zTop(k)).toEqual([]);
      await store.zIncrBy(k, { x: 1 }, { ttlMs: 60_000 });
      expect(await store.zTop(k)).toEqual([{ member: 'x', score: 1 }]);
    });

    test('ping answers true', async () => {
      expect(await store.ping()).toBe(true);
    });
  });
}
