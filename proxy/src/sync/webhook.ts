/**
 * WooCommerce webhooks (product.created/updated/deleted/restored): verify the
 * signature over the raw body, mark the product dirty in the store, drop its
 * cached card, and debounce a burst of edits into one incremental sync.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { KeyValueStore } from '../store/types';
import { isSyncError } from './errors';
import { SYNC_KEYS } from './state';

/** X-WC-Webhook-Signature is base64(HMAC-SHA256(raw body, secret)); compared in constant time. */
export function verifyWooSignature(rawBody: Buffer, signature: string | undefined, secret: string): boolean {
  if (!signature) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  let given: Buffer;
  try {
    given = Buffer.from(signature.trim(), 'base64');
  } catch {
    return false;
  }
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The ping WooCommerce sends when a webhook is saved: a form body `webhook_id=N`, without a signature. */
export function isCreationPing(rawBody: Buffer, signature: string | undefined): boolean {
  return !signature && /^webhook_id=\d+$/.test(rawBody.toString('utf8').trim());
}

export type WebhookChange = { kind: 'changed' | 'deleted'; id: number };

/** Which product a delivery is about; null for topics that do not touch the catalog. */
export function changeFromDelivery(topic: string | undefined, body: unknown): WebhookChange | null {
  if (!topic || !topic.startsWith('product.')) return null;
  const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined;
  if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0) return null;
  return { kind: topic === 'product.deleted' ? 'deleted' : 'changed', id };
}

const MARK_TTL_MS = 7 * 86_400_000;

export async function markDirty(store: KeyValueStore, change: WebhookChange): Promise<void> {
  // A unique value, so a sync clearing an older mark (deleteIfEquals) never clears this one.
  await store.set(`${SYNC_KEYS.dirtyPrefix}${change.id}`, `${change.kind}:${Date.now()}:${randomUUID().slice(0, 8)}`, {
    ttlMs: MARK_TTL_MS,
  });
}

/** Debounce: the incremental sync starts `delayMs` after the last change; if a sync is running, it tries again later. */
export function createSyncDebouncer(options: {
  delayMs: number;
  run: () => Promise<unknown>;
  logger: Pick<Logger, 'info' | 'warn'>;
}) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const schedule = (delayMs = options.delayMs) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(fire, delayMs);
    timer.unref();
  };
  const fire = () => {
    timer = null;
    running = options
      .run()
      .then(() => undefined)
      .catch((error: unknown) => {
        if (isSyncError(error) && error.code === 'sync_busy') {
          schedule(Math.max(options.delayMs, 1000));
          return;
        }
        // The marks stay in the store; the next webhook or sync picks them up.
        options.logger.warn({ err: error }, 'webhook-triggered sync failed');
      })
      .finally(() => {
        running = null;
      });
  };
  return {
    schedule: () => schedule(),
    pending: () => timer !== null || running !== null,
    /** Wait for a sync this debouncer started (tests, shutdown). */
    idle: async () => {
      while (running) await running;
    },
    cancel: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
