/**
 * What survives a reload: the thread ID and whether the panel was open, nothing else
 * (messages come back from the history endpoint). Entries expire so an old conversation
 * is not resumed days later on a shared computer.
 */

export const WIDGET_STATE_KEY = 'aisle:widget';
export const WIDGET_STATE_TTL_MS = 24 * 60 * 60 * 1000;

export interface WidgetState {
  threadId: string | null;
  open: boolean;
}

interface StoredWidgetState extends WidgetState {
  expiresAt: number;
}

export interface WidgetStateStore {
  read(): WidgetState;
  /** Merges `patch` into the stored state and pushes the expiry forward. */
  write(patch: Partial<WidgetState>): void;
  clear(): void;
}

const EMPTY: WidgetState = { threadId: null, open: false };

function isStoredState(value: unknown): value is StoredWidgetState {
  const v = value as Partial<StoredWidgetState> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    (v.threadId === null || typeof v.threadId === 'string') &&
    typeof v.open === 'boolean' &&
    typeof v.expiresAt === 'number'
  );
}

/** Storage may be missing or throw (Safari private mode, blocked cookies): the widget then just forgets. */
export function createWidgetStateStore(
  storage: Storage | null,
  now: () => number = Date.now,
  ttlMs: number = WIDGET_STATE_TTL_MS,
): WidgetStateStore {
  const read = (): WidgetState => {
    try {
      const raw = storage?.getItem(WIDGET_STATE_KEY);
      const parsed: unknown = raw ? JSON.parse(raw) : null;
      if (!isStoredState(parsed)) {
        return { ...EMPTY };
      }
      if (parsed.expiresAt <= now()) {
        storage?.removeItem(WIDGET_STATE_KEY);
        return { ...EMPTY };
      }
      return { threadId: parsed.threadId, open: parsed.open };
    } catch {
      return { ...EMPTY };
    }
  };
  return {
    read,
    write(patch) {
      const next: StoredWidgetState = { ...read(), ...patch, expiresAt: now() + ttlMs };
      try {
        storage?.setItem(WIDGET_STATE_KEY, JSON.stringify(next));
      } catch {
        // Quota or privacy mode: keep working without persistence.
      }
    },
    clear() {
      try {
        storage?.removeItem(WIDGET_STATE_KEY);
      } catch {
        // See write().
      }
    },
  };
}

/** `window.localStorage`, or null where touching it throws. */
export function safeLocalStorage(win: Window): Storage | null {
  try {
    return win.localStorage;
  } catch {
    return null;
  }
}
