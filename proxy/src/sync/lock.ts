/**
 * One sync at a time, across processes: a lock key in the shared store with a
 * TTL. The holder refreshes it while working, so the TTL only bounds how long a
 * crashed process blocks the next sync; release deletes it only if still ours.
 */
import { randomUUID } from 'node:crypto';
import type { KeyValueStore } from '../store/types';
import { SYNC_KEYS } from './state';

export interface SyncLock {
  token: string;
  release(): Promise<void>;
}

export async function tryAcquireSyncLock(
  store: KeyValueStore,
  ttlMs: number,
  token: string = randomUUID(),
): Promise<SyncLock | null> {
  const acquired = await store.setIfAbsent(SYNC_KEYS.lock, token, ttlMs);
  if (!acquired) return null;
  return { token, release: async () => void (await store.deleteIfEquals(SYNC_KEYS.lock, token)) };
}

export async function isLockHeld(store: KeyValueStore): Promise<boolean> {
  return (await store.get(SYNC_KEYS.lock)) !== null;
}

/** Keep the lock alive while `work` runs; `lost()` turns true if another holder took over (our TTL ran out). */
export function keepLockAlive(store: KeyValueStore, token: string, ttlMs: number): { stop(): void; lost(): boolean } {
  let lost = false;
  const timer = setInterval(
    () => {
      void (async () => {
        const holder = await store.get(SYNC_KEYS.lock);
        if (holder !== token) {
          lost = true;
          return;
        }
        await store.set(SYNC_KEYS.lock, token, { ttlMs });
      })().catch(() => undefined);
    },
    Math.max(1000, Math.floor(ttlMs / 3)),
  );
  timer.unref();
  return { stop: () => clearInterval(timer), lost: () => lost };
}

export async function releaseSyncLock(store: KeyValueStore, token: string): Promise<void> {
  await store.deleteIfEquals(SYNC_KEYS.lock, token);
}
