import { z } from 'zod';

/**
 * Where the proxy finds a store's connection secret (the one the WordPress plugin
 * generates and signs shopper tokens and admin requests with).
 *
 * - `AISLE_CONNECTION_SECRET`: one store. The secret serves whichever site name the
 *   plugin reports, unless `AISLE_SITE_ID` pins it to one site.
 * - `AISLE_SITE_SECRETS`: a JSON object `{"shop.example": "secret", …}` for several
 *   stores on one proxy. A site listed there always uses its own secret.
 *
 * Without either, there is no secret: the admin API refuses everything and chat
 * stays open (development and demo), which health reports.
 */

/** The plugin generates 32 random bytes (43 base64url characters); shorter secrets are refused. */
export const MIN_SECRET_LENGTH = 32;

export const connectionSecretSchema = z
  .string()
  .trim()
  .min(MIN_SECRET_LENGTH, { message: `must be at least ${MIN_SECRET_LENGTH} characters` });

/** Zod schema for `AISLE_SITE_SECRETS` (a JSON string), usable in the proxy's config schema. */
export const siteSecretsSchema = z
  .string()
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object {"site": "secret"}' });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string().min(1), connectionSecretSchema))
  .transform((map) => {
    const normalized: Record<string, string> = {};
    for (const [site, secret] of Object.entries(map)) normalized[normalizeSiteId(site)] = secret;
    return normalized;
  });

/**
 * A store's site ID, as the plugin computes it from `home_url()`: lower-case host,
 * the port when not the default, and the path without a trailing slash, e.g.
 * `shop.example`, `shop.example/fr`, `127.0.0.1:8080`. The scheme is left out so an
 * http → https move keeps the same ID.
 */
export function normalizeSiteId(input: string): string {
  const trimmed = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  if (!URL.canParse(withScheme)) return trimmed.toLowerCase().replace(/\/+$/, '');
  const url = new URL(withScheme);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.host.toLowerCase()}${path}`;
}

export interface ConnectionSecretsConfig {
  /** `AISLE_CONNECTION_SECRET` */
  connectionSecret?: string;
  /** `AISLE_SITE_ID`: pins the single secret to one site. */
  siteId?: string;
  /** `AISLE_SITE_SECRETS`, already parsed. */
  siteSecrets?: Record<string, string>;
}

export type SecretForSite = (site: string) => string | null;

export function createSecretForSite(config: ConnectionSecretsConfig): SecretForSite {
  const perSite = new Map<string, string>();
  for (const [site, secret] of Object.entries(config.siteSecrets ?? {})) perSite.set(normalizeSiteId(site), secret);
  const pinned = config.siteId ? normalizeSiteId(config.siteId) : null;
  const single = config.connectionSecret?.trim() || null;
  return (site) => {
    const id = normalizeSiteId(site);
    const own = perSite.get(id);
    if (own) return own;
    if (!single) return null;
    return pinned === null || pinned === id ? single : null;
  };
}

/** True when at least one secret is configured (chat then requires session tokens). */
export function hasAnySecret(config: ConnectionSecretsConfig): boolean {
  return Boolean(config.connectionSecret?.trim()) || Object.keys(config.siteSecrets ?? {}).length > 0;
}
