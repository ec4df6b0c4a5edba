/**
 * A bounded-concurrency runner: at most `concurrency` tasks in flight, the rest
 * wait in FIFO order. Small enough to keep here rather than pull in an
 * ESM-only dependency that the CommonJS test build cannot load.
 */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(concurrency: number): Limiter {
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finishing task hands its slot straight to the next waiter, so `active` never overshoots.
    if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      const wake = waiting.shift();
      if (wake) wake();
      else active--;
    }
  };
}

/** Run `fn` over `items` with bounded concurrency; rejects with the first failure after in-flight work settles. */
export async function mapLimited<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let nextIndex = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (failure === null && nextIndex < items.length) {
      const index = nextIndex++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
  return results;
}

/** Wait for "something changed" (an upload slot freed, a page finished) and wake every waiter when it does. */
export function createChangeSignal(): { next(): Promise<void>; notify(): void } {
  let waiters: Array<() => void> = [];
  return {
    next: () => new Promise<void>((resolve) => waiters.push(resolve)),
    notify() {
      const wake = waiters;
      waiters = [];
      for (const resolve of wake) resolve();
    },
  };
}
