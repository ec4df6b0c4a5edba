import { maskSecret } from '../tenants/mask';
import type { ResolvedTenant, TenantSettingKey } from '../tenants/types';

/** The wire names of tenant settings (snake_case, like the rest of the HTTP API). */
export const WIRE_NAMES: Record<TenantSettingKey, string> = {
  storeUrl: 'store_url',
  wooConsumerKey: 'woo_consumer_key',
  wooConsumerSecret: 'woo_consumer_secret',
  openaiApiKey: 'openai_api_key',
  model: 'model',
  instructions: 'instructions',
};

/** Without these chat cannot work; the WooCommerce keys are needed for the catalog. */
const REQUIRED: readonly TenantSettingKey[] = ['storeUrl', 'openaiApiKey', 'wooConsumerKey', 'wooConsumerSecret'];

export interface MaskedTenantView {
  site: string;
  store_url: string | null;
  model: string | null;
  instructions_chars: number;
  openai_api_key: string | null;
  woo_consumer_key: string | null;
  woo_consumer_secret: string | null;
  overridden_by_env: string[];
  missing: string[];
  updated_at: string | null;
}

/** A tenant as the admin API shows it: secrets masked, never echoed. */
export function maskedTenantView(site: string, tenant: ResolvedTenant | null): MaskedTenantView {
  const settings = tenant?.settings ?? {};
  return {
    site,
    store_url: settings.storeUrl ?? null,
    model: settings.model ?? null,
    instructions_chars: settings.instructions?.length ?? 0,
    openai_api_key: maskSecret(settings.openaiApiKey),
    woo_consumer_key: maskSecret(settings.wooConsumerKey),
    woo_consumer_secret: maskSecret(settings.wooConsumerSecret),
    overridden_by_env: (tenant?.overriddenByEnv ?? []).map((key) => WIRE_NAMES[key]),
    missing: REQUIRED.filter((key) => !settings[key]).map((key) => WIRE_NAMES[key]),
    updated_at: tenant?.stored?.updatedAt ?? null,
  };
}
