import type { Server } from 'node:http';
import { DEFAULT_TENANT } from '../../proxy/src/app/compose';
import { createChatRouter, type ChatRouteDeps } from '../../proxy/src/chat/routes';
import { createChatService, type ChatServiceDeps } from '../../proxy/src/chat/service';
import { createShopperResolver } from '../../proxy/src/chat/shopper';
import { createThreadRepository } from '../../proxy/src/chat/threads';
import { createGuards, type GuardSettings, type Guards } from '../../proxy/src/guard';
import { createHealthRouter } from '../../proxy/src/health/routes';
import { createApp } from '../../proxy/src/http/app';
import { createApiDocs } from '../../proxy/src/http/openapi';
import { createSecretForSite, hasAnySecret } from '../../proxy/src/session/secrets';
import { startProxy, type RunningProxy } from '../helpers/proxy';
import type { ComposeOverrides } from '../../proxy/src/app/compose';

export interface GuardedProxy {
  url: string;
  base: RunningProxy;
  guards: Guards;
  close(): Promise<void>;
}

/**
 * The proxy's chat and health routes wired with the guards exactly as
 * docs/resilience-wiring.md tells compose.ts to, on top of a real composed
 * proxy (its store, runtimes, logger and config). Used until the lead wires the
 * guards into compose; then startProxy alone gives the same app.
 */
export async function startGuardedProxy(
  env: Record<string, string | undefined>,
  settings: Omit<GuardSettings, 'threadTtlDays'>,
  options: { limits?: Partial<ChatRouteDeps['limits']>; service?: Partial<ChatServiceDeps>; overrides?: ComposeOverrides } = {},
): Promise<GuardedProxy> {
  const base = await startProxy(env, options.overrides);
  const { config, store, logger, runtimes } = base.aisle;
  const guards = createGuards({ ...settings, threadTtlDays: config.AISLE_THREAD_TTL_DAYS }, { store, logger });
  const secrets = {
    connectionSecret: config.AISLE_CONNECTION_SECRET,
    siteId: config.AISLE_SITE_ID,
    siteSecrets: config.AISLE_SITE_SECRETS,
  };
  const threads = createThreadRepository({ store, ttlDays: config.AISLE_THREAD_TTL_DAYS });
  const runtimeFor = (shopper: { tenant: string }) => runtimes.forTenant(shopper.tenant);
  const chat = createChatService({
    runtimeFor,
    threads,
    logger,
    spend: guards.spend,
    moderate: guards.moderate,
    conversationIndex: guards.conversationIndex,
    ...options.service,
  });
  const app = createApp({
    logger,
    docs: createApiDocs({ version: 'test', maxMessageChars: config.AISLE_MAX_MESSAGE_CHARS }),
    maxBodyBytes: config.AISLE_MAX_BODY_BYTES,
    routers: [
      createHealthRouter({
        missingVars: () => [],
        store,
        version: 'test',
        details: async () => {
          const spend = await guards.spend.spendStatus(DEFAULT_TENANT);
          return {
            spend,
            problems: spend.exhausted ? ['The daily token budget is spent; chat answers from the catalog only.'] : [],
          };
        },
      }),
      createChatRouter({
        chat,
        threads,
        runtimeFor,
        resolveShopper: createShopperResolver({ required: hasAnySecret(secrets), secretForSite: createSecretForSite(secrets) }),
        limits: { maxMessageChars: config.AISLE_MAX_MESSAGE_CHARS, ...options.limits },
        heartbeatMs: config.AISLE_HEARTBEAT_MS,
        rateLimit: guards.rateLimit,
      }),
    ],
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    base,
    guards,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await base.close();
    },
  };
}
