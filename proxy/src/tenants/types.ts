/** What a store pushes to the proxy on Connect, and what chat and sync read back. */
export interface TenantSettings {
  /** The store's address, e.g. `https://shop.example`. */
  storeUrl?: string;
  wooConsumerKey?: string;
  wooConsumerSecret?: string;
  openaiApiKey?: string;
  model?: string;
  instructions?: string;
}

export const TENANT_SETTING_KEYS = [
  'storeUrl',
  'wooConsumerKey',
  'wooConsumerSecret',
  'openaiApiKey',
  'model',
  'instructions',
] as const satisfies readonly (keyof TenantSettings)[];

export type TenantSettingKey = (typeof TENANT_SETTING_KEYS)[number];

/** Settings never shown back in full. */
export const SECRET_SETTING_KEYS: readonly TenantSettingKey[] = ['wooConsumerKey', 'wooConsumerSecret', 'openaiApiKey'];

export interface StoredTenant extends TenantSettings {
  site: string;
  /** ISO time of the last push. */
  updatedAt: string;
}

export interface ResolvedTenant {
  site: string;
  /** Stored settings with the environment's on top. */
  settings: TenantSettings;
  /** Settings that came from the environment (they win over what WordPress pushed). */
  overriddenByEnv: TenantSettingKey[];
  /** Null when nothing was pushed (environment-only configuration). */
  stored: StoredTenant | null;
}

export type TenantErrorCode = 'no_encryption_key' | 'undecryptable';

export class TenantError extends Error {
  constructor(
    readonly code: TenantErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TenantError';
  }
}
