/**
 * A store (or a proxy in front of it) that sends the headers and then stalls is cut off after
 * `idleTimeoutMs` of silence with the client's typed timeout error, however long `timeoutMs` is;
 * a slow body that keeps coming is not.
 */
import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals';
import { buildCatalog, startFakeWoo, type FakeWoo } from '../fakes/woo';
import { isWooError } from '../../proxy/src/woo';
import { clientFor } from './helpers';

const catalog = buildCatalog(30, { seed: 4 });
let fake: FakeWoo;

beforeAll(async () => {
  fake = await startFakeWoo({ products: catalog.products, variations: catalog.variations });
});
afterAll(() => fake.close());
afterEach(() => {
  fake.clearFaults();
  fake.requests.length = 0;
});

test('headers, then silence: a timeout error within the idle timeout + 1 s', async () => {
  const client = clientFor(fake, { timeoutMs: 60_000, idleTimeoutMs: 700, retries: 0 });
  fake.failNext({ type: 'stall-body' });
  const started = Date.now();
  const error = await client.listProducts({ page: 1, perPage: 10 }).catch((e: unknown) => e);
  const took = Date.now() - started;
  expect(isWooError(error) && error.kind).toBe('timeout');
  expect((error as Error).message).toMatch(/sent the headers, then nothing for 700 ms/);
  expect(isWooError(error) && error.retryable).toBe(true);
  expect(took).toBeGreaterThanOrEqual(650);
  expect(took).toBeLessThan(1700);
  await client.close();
});

test('a stalled body is retried like any timeout, and the retry succeeds', async () => {
  const client = clientFor(fake, { timeoutMs: 60_000, idleTimeoutMs: 300, retries: 1 });
  fake.failNext({ type: 'stall-body' });
  const page = await client.listProducts({ page: 1, perPage: 10 });
  expect(page.products).toHaveLength(10);
  expect(fake.requests.map((r) => r.fault)).toEqual(['stall-body', null]);
  await client.close();
});

test('a slow body that keeps coming is read whole: the idle timeout is not a total timeout', async () => {
  const client = clientFor(fake, { timeoutMs: 60_000, idleTimeoutMs: 600, retries: 0 });
  // Five parts 300 ms apart: 1.5 s in all, never 600 ms of silence.
  fake.failNext({ type: 'trickle', delayMs: 300 });
  const started = Date.now();
  const page = await client.listProducts({ page: 1, perPage: 10 });
  expect(page.products).toHaveLength(10);
  expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
  await client.close();
});
