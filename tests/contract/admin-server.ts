import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createAdminRouter, type AdminRouterDeps } from '../../proxy/src/admin/routes';
import type { AdminSyncStatus } from '../../proxy/src/admin/types';
import { createSecretForSite } from '../../proxy/src/session/secrets';
import { createEmbeddedStore } from '../../proxy/src/store/embedded';
import type { KeyValueStore } from '../../proxy/src/store/types';
import { createTenantRepository, type TenantRepository } from '../../proxy/src/tenants/repository';

export const SECRET = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const SITE = 'shop.example';

export interface AdminTestServer {
  baseUrl: string;
  store: KeyValueStore;
  tenants: TenantRepository;
  syncStarts: string[];
  close(): Promise<void>;
}

/** The admin router in a real Express app on 127.0.0.1:0, with an in-memory store. */
export async function startAdminServer(overrides: Partial<AdminRouterDeps> = {}): Promise<AdminTestServer> {
  const store = createEmbeddedStore({ dataDir: ':memory:' });
  const secretForSite = createSecretForSite({ siteSecrets: { [SITE]: SECRET } });
  const tenants = createTenantRepository({ store, encryptionKey: 'operator-key-0123456789-0123456789-abcdef' });
  const syncStarts: string[] = [];
  let sync: AdminSyncStatus = { state: 'idle', progress: null, last: null };
  const app = express();
  app.use(
    createAdminRouter({
      store,
      tenants,
      secretForSite,
      getSyncStatus: async () => sync,
      startSync: async (site) => {
        syncStarts.push(site);
        sync = { state: 'running', progress: { done: 0, total: 10 }, last: null };
        return { started: true, status: sync };
      },
      ...overrides,
    }),
  );
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    store,
    tenants,
    syncStarts,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
