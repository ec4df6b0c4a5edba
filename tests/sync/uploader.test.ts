import { createBestEffortCalls, createShardUploader, type ShardToUpload } from '../../proxy/src/sync/uploader';

/** A promise with its resolve and reject exposed. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const shard = (n: number): ShardToUpload => ({ key: `${n * 10}-${n * 10 + 9}`, hash: `h${n}`, items: [] });
const tick = () => new Promise((r) => setImmediate(r));

test('at most `concurrency` uploads run; reading waits while more than `maxWaiting` shards wait', async () => {
  const gates = new Map<string, ReturnType<typeof deferred>>();
  let running = 0;
  let maxRunning = 0;
  let openAll = false;
  const uploader = createShardUploader({
    concurrency: 2,
    maxWaiting: 1,
    upload: async (s) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      const gate = deferred();
      gates.set(s.key, gate);
      if (!openAll) await gate.promise;
      running--;
    },
  });
  for (let n = 0; n < 3; n++) uploader.enqueue(shard(n));
  await tick();
  let roomed = false;
  const room = uploader.roomToRead().then(() => (roomed = true));
  await tick();
  expect(roomed).toBe(true); // 2 running, 1 waiting: not more than maxWaiting
  await room;

  uploader.enqueue(shard(3));
  let roomedAgain = false;
  const roomAgain = uploader.roomToRead().then(() => (roomedAgain = true));
  await tick();
  expect(roomedAgain).toBe(false); // 2 waiting > maxWaiting: reading must wait
  gates.get(shard(0).key)!.resolve();
  await roomAgain;
  expect(roomedAgain).toBe(true);

  openAll = true;
  for (const gate of gates.values()) gate.resolve();
  await uploader.drain();
  expect(maxRunning).toBe(2);
  expect(uploader.queued).toBe(4);
});

test('after a failure, waiting shards are not uploaded, reading and enqueueing throw, drain rejects', async () => {
  const uploaded: string[] = [];
  const first = deferred();
  const uploader = createShardUploader({
    concurrency: 1,
    maxWaiting: 5,
    upload: async (s) => {
      if (s.key === shard(0).key) await first.promise;
      uploaded.push(s.key);
    },
  });
  uploader.enqueue(shard(0));
  uploader.enqueue(shard(1));
  first.reject(new Error('upload failed'));
  await uploader.settle();
  expect(uploaded).toEqual([]);
  await expect(uploader.roomToRead()).rejects.toThrow('upload failed');
  expect(() => uploader.enqueue(shard(2))).toThrow('upload failed');
  await expect(uploader.drain()).rejects.toThrow('upload failed');
});

test('best-effort calls: errors go to onError, at most `limit` run at once, idle waits for all', async () => {
  const errors: unknown[] = [];
  const calls = createBestEffortCalls(2, (error) => errors.push(error));
  let running = 0;
  let maxRunning = 0;
  const task = (fail: boolean) => async () => {
    running++;
    maxRunning = Math.max(maxRunning, running);
    await tick();
    running--;
    if (fail) throw new Error('cache down');
  };
  for (let i = 0; i < 6; i++) await calls.call(task(i % 3 === 0));
  await calls.idle();
  expect(maxRunning).toBe(2);
  expect(running).toBe(0);
  expect(errors.map((e) => (e as Error).message)).toEqual(['cache down', 'cache down']);
});
