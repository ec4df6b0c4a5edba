/**
 * The widget's analytics events, batched: queued while consent is given, sent every few
 * seconds, when 50 are waiting, and when the page is hidden or left (`keepalive`, so the
 * request outlives the page). Without consent an event is dropped on the spot: nothing is
 * kept to send later, and no request is made. Events never carry message text.
 */
import type { WidgetEventBody } from '../../proxy/src/contract/events';
import type { ConsentGate } from './consent';

/** The proxy takes at most this many events a request. */
export const MAX_BATCH = 50;
export const DEFAULT_FLUSH_MS = 5000;

export type SendEvents = (events: WidgetEventBody[], options: { keepalive: boolean }) => Promise<void>;

export interface EventQueue {
  track(event: WidgetEventBody): void;
  /** Sends what is queued now. */
  flush(options?: { keepalive?: boolean }): void;
  /** Stops the timer and the page listeners (the queue is dropped). */
  close(): void;
}

export function createEventQueue(deps: { send: SendEvents; consent: ConsentGate; win: Window; flushMs?: number }): EventQueue {
  const { win } = deps;
  const flushMs = deps.flushMs ?? DEFAULT_FLUSH_MS;
  let queue: WidgetEventBody[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  const clearTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const flush = (options: { keepalive?: boolean } = {}) => {
    clearTimer();
    // Consent can be withdrawn between queueing and sending.
    if (!deps.consent.granted()) queue = [];
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(MAX_BATCH);
      deps.send(batch, { keepalive: options.keepalive ?? false }).catch(() => undefined);
    }
  };
  const onHidden = () => {
    if (win.document.visibilityState === 'hidden') flush({ keepalive: true });
  };
  const onPageHide = () => flush({ keepalive: true });
  win.addEventListener('pagehide', onPageHide);
  win.document.addEventListener('visibilitychange', onHidden);
  const unsubscribe = deps.consent.onChange((granted) => {
    if (!granted) {
      queue = [];
      clearTimer();
    }
  });

  return {
    track(event) {
      if (!deps.consent.granted()) return;
      queue.push(event);
      if (queue.length >= MAX_BATCH) flush();
      else timer ??= setTimeout(() => flush(), flushMs);
    },
    flush,
    close() {
      clearTimer();
      queue = [];
      unsubscribe();
      win.removeEventListener('pagehide', onPageHide);
      win.document.removeEventListener('visibilitychange', onHidden);
    },
  };
}
