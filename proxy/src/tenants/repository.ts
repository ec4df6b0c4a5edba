import type { KeyValueStore } from '../store/types';
import type { SecretForSite } from '../session/secrets';
import { normalizeSiteId } from '../session/secrets';
import { openTenantRecord, sealTenantRecord, type SealedRecord } from './encryption';
import {
  TENANT_SETTING_KEYS,
  TenantError,
  type ResolvedTenant,
  type StoredTenant,
  type TenantSettingKey,
  type TenantSettings,
} from './types';

/**
 * Per-store configuration pushed by the WordPress plugin, one encrypted record per
 * site under `aisle:tenant:<site>`. Environment variables still win: `resolve`
 * lays `envOverrides` over the stored record.
 */
export interface TenantRepository {
  get(site: string): Promise<StoredTenant | null>;
  /** Replaces the stored record (a Connect pushes everything it has; empty fields are dropped). */
  put(site: string, settings: TenantSettings): Promise<StoredTenant>;
  delete(site: string): Promise<void>;
  /** Stored settings with the environment's on top; null when neither has anything. */
  resolve(site: string): Promise<ResolvedTenant | null>;
}

export interface TenantRepositoryOptions {
  store: KeyValueStore;
  /**
   * `AISLE_ENCRYPTION_KEY` (≥ 32 characters). Recommended: records survive a
   * rotation of the connection secret. Without it each record is sealed with its
   * store's connection secret, so rotating that secret means pressing Connect again.
   */
  encryptionKey?: string | null;
  /** Needed when no `encryptionKey` is given. */
  secretForSite?: SecretForSite;
  /** Settings from the proxy's environment; only the ones explicitly set. */
  envOverrides?: TenantSettings;
  now?: () => Date;
}

export const tenantStoreKey = (site: string) => `aisle:tenant:${normalizeSiteId(site)}`;

function definedOnly(settings: TenantSettings): TenantSettings {
  const out: TenantSettings = {};
  for (const key of TENANT_SETTING_KEYS) {
    const value = settings[key];
    if (typeof value === 'string' && value !== '') out[key] = value;
  }
  if (settings.format) out.format = settings.format;
  if (settings.controls && Object.keys(settings.controls).length) out.controls = settings.controls;
  if (settings.handoff) out.handoff = settings.handoff;
  return out;
}

/** The sites that pressed Connect (for jobs that visit every store; not for hot paths). */
export async function listConnectedSites(store: KeyValueStore): Promise<string[]> {
  const prefix = tenantStoreKey('');
  return (await store.keys(prefix)).map((key) => key.slice(prefix.length)).filter(Boolean);
}

export function createTenantRepository(options: TenantRepositoryOptions): TenantRepository {
  const { store } = options;
  const env = definedOnly(options.envOverrides ?? {});
  const now = options.now ?? (() => new Date());

  function keyMaterial(site: string): { material: string; key: SealedRecord['key'] } {
    if (options.encryptionKey) return { material: options.encryptionKey, key: 'operator' };
    const secret = options.secretForSite?.(site);
    if (secret) return { material: secret, key: 'connection-secret' };
    throw new TenantError('no_encryption_key', 'No AISLE_ENCRYPTION_KEY and no connection secret for this store.');
  }

  async function get(rawSite: string): Promise<StoredTenant | null> {
    const site = normalizeSiteId(rawSite);
    const raw = await store.get(tenantStoreKey(site));
    if (raw === null) return null;
    let record: SealedRecord;
    try {
      record = JSON.parse(raw) as SealedRecord;
    } catch {
      throw new TenantError('undecryptable', 'The stored store settings are damaged. Press Connect in WordPress again.');
    }
    const plaintext = openTenantRecord(record, site, keyMaterial(site).material);
    return JSON.parse(plaintext) as StoredTenant;
  }

  async function put(rawSite: string, settings: TenantSettings): Promise<StoredTenant> {
    const site = normalizeSiteId(rawSite);
    const next: StoredTenant = { ...definedOnly(settings), site, updatedAt: now().toISOString() };
    const { material, key } = keyMaterial(site);
    await store.set(tenantStoreKey(site), JSON.stringify(sealTenantRecord(JSON.stringify(next), site, material, key)));
    return next;
  }

  async function remove(site: string): Promise<void> {
    await store.del(tenantStoreKey(site));
  }

  async function resolve(rawSite: string): Promise<ResolvedTenant | null> {
    const site = normalizeSiteId(rawSite);
    const stored = await get(site);
    const overriddenByEnv = Object.keys(env) as TenantSettingKey[];
    if (!stored && overriddenByEnv.length === 0) return null;
    const { site: _site, updatedAt: _updatedAt, ...storedSettings } = stored ?? { site, updatedAt: '' };
    return { site, settings: { ...definedOnly(storedSettings), ...env }, overriddenByEnv, stored };
  }

  return { get, put, delete: remove, resolve };
}
