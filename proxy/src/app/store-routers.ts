import type { Router } from 'express';
import type { ThreadRepository } from '../chat/threads';
import { describeTranscriptRoute } from '../handoff/docs';
import { createTranscriptRouter } from '../handoff/routes';
import type { ApiDocs } from '../http/openapi';
import { describeStoreFactsRoutes } from '../policies/docs';
import { createStoreFactsRouter } from '../policies/routes';
import type { SecretForSite } from '../session/secrets';
import type { KeyValueStore } from '../store/types';
import type { createCatalogSync } from './catalog-sync';
import type { RuntimeFactory } from './runtime';

/**
 * The store's signed routes that the admin router does not hold: store facts (bodies larger than
 * the JSON parser allows, so mounted before it) and conversation transcripts for the email handoff.
 */
export function createStoreRouters(deps: {
  docs: ApiDocs;
  store: KeyValueStore;
  secretForSite: SecretForSite;
  runtimes: RuntimeFactory;
  threads: ThreadRepository;
  sync: Pick<Awaited<ReturnType<typeof createCatalogSync>>, 'pushFacts'>;
}): Router[] {
  const { docs, store, secretForSite, runtimes } = deps;
  describeStoreFactsRoutes(docs);
  describeTranscriptRoute(docs);
  return [
    createStoreFactsRouter({
      store,
      secretForSite,
      onFacts: async (site, facts) => deps.sync.pushFacts(await runtimes.forTenant(site), facts),
    }),
    createTranscriptRouter({
      store,
      secretForSite,
      findThread: (threadId, owner, site) => deps.threads.find(threadId, owner, site),
      openaiFor: async (site) => (await runtimes.forTenant(site)).openai,
    }),
  ];
}
