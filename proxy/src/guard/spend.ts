import type { KeyValueStore } from '../store/types';

/** Tokens one response used (input + output), as the Responses API reports them. */
export interface TokenUsage {
  input: number;
  output: number;
}

export interface SpendStatus {
  /** The UTC day being counted, YYYY-MM-DD. */
  day: string;
  tokens_used: number;
  /** Null when no cap is configured. */
  daily_cap: number | null;
  exhausted: boolean;
  /** When the count starts again (next UTC midnight). */
  resets_at: string;
}

export interface SpendGuard {
  /** Add one response's tokens to the store's count for today. */
  record(tenant: string, usage: TokenUsage): Promise<void>;
  /** True once today's count reached the cap. Fails open (false) when the store cannot answer. */
  exhausted(tenant: string): Promise<boolean>;
  /** For health and the admin status. */
  spendStatus(tenant: string): Promise<SpendStatus>;
}

const DAY_MS = 86_400_000;

/**
 * A daily token budget per store, counted in the shared store (so several
 * instances add to one number). The count key lives two days, so yesterday's
 * number is still there for an operator who looks right after midnight.
 */
export function createSpendGuard(deps: {
  store: KeyValueStore;
  dailyTokenCap: number;
  /** A store's own cap (its owner's budget); the operator's `dailyTokenCap` when absent. 0 = no cap. */
  capFor?: (tenant: string) => Promise<number>;
  now?: () => number;
}): SpendGuard {
  const now = deps.now ?? Date.now;
  const capOf = async (tenant: string): Promise<number | null> => {
    const value = deps.capFor ? await deps.capFor(tenant).catch(() => deps.dailyTokenCap) : deps.dailyTokenCap;
    return value > 0 ? value : null;
  };
  const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const key = (tenant: string, day: string) => `spend:${tenant}:${day}`;

  async function used(tenant: string, day: string): Promise<number> {
    const raw = await deps.store.get(key(tenant, day));
    const n = raw === null ? 0 : Number(raw);
    return Number.isFinite(n) ? n : 0;
  }

  return {
    async record(tenant, usage) {
      const tokens = Math.max(0, Math.round((usage.input || 0) + (usage.output || 0)));
      if (!tokens) return;
      await deps.store.incrBy(key(tenant, dayOf(now())), tokens, 2 * DAY_MS);
    },
    async exhausted(tenant) {
      const cap = await capOf(tenant);
      if (cap === null) return false;
      try {
        return (await used(tenant, dayOf(now()))) >= cap;
      } catch {
        return false;
      }
    },
    async spendStatus(tenant) {
      const t = now();
      const day = dayOf(t);
      const tokens = await used(tenant, day).catch(() => 0);
      const cap = await capOf(tenant);
      return {
        day,
        tokens_used: tokens,
        daily_cap: cap,
        exhausted: cap !== null && tokens >= cap,
        resets_at: new Date(Math.floor(t / DAY_MS) * DAY_MS + DAY_MS).toISOString(),
      };
    },
  };
}
