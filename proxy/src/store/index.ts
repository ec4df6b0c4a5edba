import { createEmbeddedStore } from './embedded';
import { createRedisStore } from './redis';
import type { KeyValueStore } from './types';

export type { KeyValueStore } from './types';
export { getJson, setJson } from './types';

/** Redis when a URL is configured, otherwise the embedded file store. */
export function createStore(options: { redisUrl?: string; dataDir: string }): KeyValueStore {
  return options.redisUrl ? createRedisStore({ url: options.redisUrl }) : createEmbeddedStore({ dataDir: options.dataDir });
}
