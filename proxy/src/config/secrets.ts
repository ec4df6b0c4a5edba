import type { AisleConfig } from './schema';

/**
 * Every secret value in the configuration: what must never appear in a log line or a response.
 * The logger scrubs these, and the tests' suite-wide scan searches for them.
 */
export function configSecrets(config: AisleConfig): string[] {
  return [
    config.OPENAI_API_KEY,
    config.WOO_CONSUMER_KEY,
    config.WOO_CONSUMER_SECRET,
    config.AISLE_CONNECTION_SECRET,
    config.AISLE_ENCRYPTION_KEY,
    config.AISLE_SYNC_SECRET,
    config.WOO_WEBHOOK_SECRET,
    config.AISLE_METRICS_SECRET,
    ...Object.values(config.AISLE_SITE_SECRETS ?? {}),
  ].filter((value): value is string => typeof value === 'string' && value !== '');
}
