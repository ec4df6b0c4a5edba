import OpenAI from 'openai';
import type { Logger } from '../logging/logger';

export interface ModelStatus {
  configured: string;
  /** The model chat uses now: the configured one, or the fallback when it is gone. */
  active: string;
  /** Null until checked. */
  available: boolean | null;
  checked_at: string | null;
  message?: string;
}

/**
 * Models retire fast. The configured model is checked with `models.retrieve`
 * (free) at start and every few hours. When it is gone, chat switches to the
 * current default and health says so loudly: a store never breaks silently.
 */
export function createModelGuard(deps: {
  openai: OpenAI;
  configured: string;
  fallback: string;
  logger: Logger;
  recheckMs?: number;
}) {
  const recheckMs = deps.recheckMs ?? 6 * 3600_000;
  const status: ModelStatus = { configured: deps.configured, active: deps.configured, available: null, checked_at: null };
  let running: Promise<void> | null = null;
  let checkedAt = 0;

  async function exists(model: string): Promise<boolean> {
    try {
      await deps.openai.models.retrieve(model, { maxRetries: 0, timeout: 5000 });
      return true;
    } catch (error) {
      if (error instanceof OpenAI.NotFoundError) return false;
      throw error;
    }
  }

  function markGone(message: string) {
    status.available = false;
    status.active = deps.fallback;
    status.message = message;
    deps.logger.error({ model: deps.configured, fallback: deps.fallback }, message);
  }

  async function check() {
    try {
      if (await exists(deps.configured)) {
        Object.assign(status, { available: true, active: deps.configured, message: undefined });
      } else {
        markGone(
          `The model "${deps.configured}" is not available (retired or misspelled); chat uses "${deps.fallback}" until the setting is changed.`,
        );
      }
      checkedAt = Date.now();
      status.checked_at = new Date(checkedAt).toISOString();
    } catch (error) {
      // OpenAI unreachable: keep the last verdict and try again on the next call.
      deps.logger.warn({ err: error }, 'model check failed');
    }
  }

  return {
    status: (): ModelStatus => ({ ...status }),
    /** The model to use now. Checks in the background when the last check is old. */
    async activeModel(): Promise<string> {
      if (Date.now() - checkedAt > recheckMs && !running) {
        running = check().finally(() => {
          running = null;
        });
        // The very first check is awaited briefly so a retired model is caught before the first turn.
        if (status.available === null) await Promise.race([running, new Promise((r) => setTimeout(r, 3000))]);
      }
      return status.active;
    },
    /** Called when a turn was refused because the model does not exist. */
    reportMissing(model: string) {
      if (model === deps.configured && status.available !== false) {
        markGone(`The model "${model}" was refused by OpenAI; chat uses "${deps.fallback}" from now on.`);
      }
    },
  };
}

export type ModelGuard = ReturnType<typeof createModelGuard>;
