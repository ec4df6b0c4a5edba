import type { GuardSettings, Guards } from '../../proxy/src/guard';
import type { ConversationIndex } from '../../proxy/src/maintenance/conversation-index';
import type { ComposeOverrides } from '../../proxy/src/app/compose';
import { startProxy, type RunningProxy } from '../helpers/proxy';

export interface GuardedProxy {
  url: string;
  base: RunningProxy;
  guards: Guards;
  close(): Promise<void>;
}

/** The environment variables that set each guard, so the proxy under test is composed exactly as `npm start` composes it. */
function guardEnv(settings: Omit<GuardSettings, 'threadTtlDays'>, limits: GuardedOptions['limits']): Record<string, string> {
  const env: Record<string, string> = {};
  const rate = settings.ratePerMinute ?? {};
  if (rate.session !== undefined) env.AISLE_RATE_SESSION_PER_MIN = String(rate.session);
  if (rate.ip !== undefined) env.AISLE_RATE_IP_PER_MIN = String(rate.ip);
  if (rate.store !== undefined) env.AISLE_RATE_STORE_PER_MIN = String(rate.store);
  if (settings.trustedProxies !== undefined) env.AISLE_TRUSTED_PROXIES = settings.trustedProxies;
  env.AISLE_DAILY_TOKEN_CAP = String(settings.dailyTokenCap ?? 0);
  env.AISLE_MODERATION = settings.moderation ? 'on' : 'off';
  if (limits?.maxTurnsPerThread !== undefined) env.AISLE_MAX_TURNS_PER_THREAD = String(limits.maxTurnsPerThread);
  if (limits?.maxStreamsPerSession !== undefined) env.AISLE_MAX_STREAMS_PER_SESSION = String(limits.maxStreamsPerSession);
  return env;
}

export interface GuardedOptions {
  limits?: { maxTurnsPerThread?: number; maxStreamsPerSession?: number };
  service?: { conversationIndex?: ConversationIndex };
  overrides?: ComposeOverrides;
}

/**
 * The composed proxy with its guards set through their environment variables, as
 * an operator would set them; `env` wins over the guard settings.
 */
export async function startGuardedProxy(
  env: Record<string, string | undefined>,
  settings: Omit<GuardSettings, 'threadTtlDays'>,
  options: GuardedOptions = {},
): Promise<GuardedProxy> {
  const base = await startProxy(
    { AISLE_RETENTION_INTERVAL_MIN: '0', ...guardEnv(settings, options.limits), ...env },
    {
      ...options.overrides,
      ...(options.service?.conversationIndex ? { conversationIndex: options.service.conversationIndex } : {}),
    },
  );
  return { url: base.url, base, guards: base.aisle.guards, close: () => base.close() };
}
