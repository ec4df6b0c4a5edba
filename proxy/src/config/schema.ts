import { isIP } from 'node:net';
import { z } from 'zod';
import { syncEnvSchema } from '../sync/config';

/**
 * Every setting the proxy reads, in one schema. `loadConfig` validates the
 * environment against it at start; nothing else reads `process.env`.
 * The README's configuration table is generated from `CONFIG_DOCS` below
 * (`npm run docs:config`), and a test keeps the two in step.
 */

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());

const optionalUrl = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .refine((v) => /^https?:\/\/[^\s/]+/i.test(v) && URL.canParse(v), {
      message: 'must be an http(s) URL, e.g. https://shop.example',
    })
    .optional(),
);

const intInRange = (min: number, max: number, fallback: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'must be a whole number' })
      .int({ message: 'must be a whole number' })
      .min(min, { message: `must be at least ${min}` })
      .max(max, { message: `must be at most ${max}` })
      .default(fallback),
  );

export const DEFAULT_MODEL = 'gpt-6-luna';

const baseSchema = z.object({
  PORT: intInRange(0, 65535, 8000),
  HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('production')),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),

  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: z.preprocess(emptyToUndefined, z.string().trim().min(1).default(DEFAULT_MODEL)),
  OPENAI_REASONING_EFFORT: z.preprocess(
    emptyToUndefined,
    z
      .enum(['none', 'minimal', 'low', 'medium', 'high'], { message: 'must be none, minimal, low, medium or high' })
      .default('low'),
  ),
  OPENAI_VECTOR_STORE_ID: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^vs_[A-Za-z0-9_-]+$/, { message: 'must look like vs_…' })
      .optional(),
  ),
  OPENAI_TIMEOUT_MS: intInRange(1000, 600000, 60000),

  WOO_BASE_URL: optionalUrl,
  WOO_CONSUMER_KEY: optionalString,
  WOO_CONSUMER_SECRET: optionalString,
  WOO_TIMEOUT_MS: intInRange(500, 120000, 15000),
  WOO_IDLE_TIMEOUT_MS: intInRange(500, 120000, 15000),

  REDIS_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((v) => /^rediss?:\/\//.test(v) && URL.canParse(v), { message: 'must be a redis:// or rediss:// URL' })
      .optional(),
  ),
  AISLE_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('.aisle-data')),
  AISLE_INSTRUCTIONS: optionalString,
  AISLE_DEMO: z.preprocess(emptyToUndefined, z.enum(['auto', 'on', 'off']).default('auto')),

  AISLE_PUBLIC_URL: optionalUrl,
  AISLE_CURRENCY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Z]{3}$/, { message: 'must be a 3-letter currency code' })
      .default('ILS'),
  ),
  AISLE_STORE_HOSTS: optionalString,
  AISLE_ALLOWED_ORIGINS: optionalString,

  AISLE_CONNECTION_SECRET: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .min(32, { message: 'must be at least 32 characters (copy it from the WordPress settings screen)' })
      .optional(),
  ),
  AISLE_SITE_ID: optionalString,
  AISLE_SITE_SECRETS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .transform((raw, ctx) => {
        try {
          const parsed: unknown = JSON.parse(raw);
          if (
            parsed &&
            typeof parsed === 'object' &&
            !Array.isArray(parsed) &&
            Object.values(parsed).every((v) => typeof v === 'string' && v.length >= 32)
          ) {
            return parsed as Record<string, string>;
          }
        } catch {
          /* reported below */
        }
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object {"site": "secret of at least 32 characters"}' });
        return z.NEVER;
      })
      .optional(),
  ),
  AISLE_ENCRYPTION_KEY: z.preprocess(
    emptyToUndefined,
    z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  ),

  AISLE_MAX_MESSAGE_CHARS: intInRange(1, 100000, 2000),
  AISLE_MAX_BODY_BYTES: intInRange(1024, 10485760, 32768),
  AISLE_MAX_PRODUCTS_PER_CALL: intInRange(1, 100, 12),
  AISLE_MAX_TOOL_ROUNDS: intInRange(1, 10, 3),
  AISLE_PRODUCT_CACHE_TTL_S: intInRange(0, 86400, 60),
  AISLE_THREAD_TTL_DAYS: intInRange(1, 3650, 30),
  AISLE_HEARTBEAT_MS: intInRange(100, 60000, 15000),
  AISLE_METRICS_SECRET: z.preprocess(
    emptyToUndefined,
    z.string().trim().min(16, { message: 'must be at least 16 characters' }).optional(),
  ),
  AISLE_RATE_SESSION_PER_MIN: intInRange(0, 100000, 20),
  AISLE_RATE_IP_PER_MIN: intInRange(0, 100000, 60),
  AISLE_RATE_STORE_PER_MIN: intInRange(0, 1000000, 600),
  AISLE_TRUSTED_PROXIES: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .refine(
        (v) =>
          v
            .split(',')
            .every((e) => ['loopback', 'private'].includes(e.trim().toLowerCase()) || isIP(e.trim().split('/')[0] ?? '') !== 0),
        { message: 'must be comma-separated IP addresses or CIDR ranges (or `loopback`, `private`)' },
      )
      .optional(),
  ),
  AISLE_DAILY_TOKEN_CAP: intInRange(0, 100_000_000_000, 2_000_000),
  AISLE_MAX_TURNS_PER_THREAD: intInRange(0, 10000, 100),
  AISLE_MAX_STREAMS_PER_SESSION: intInRange(0, 100, 3),
  AISLE_MODERATION: z.preprocess(emptyToUndefined, z.enum(['on', 'off']).default('off')),
  AISLE_SHUTDOWN_GRACE_MS: intInRange(0, 600000, 10000),
  AISLE_RETENTION_INTERVAL_MIN: intInRange(0, 10080, 60),
  AISLE_SAFETY_SYNC_HOURS: intInRange(0, 720, 24),
  OPENAI_IDLE_TIMEOUT_MS: intInRange(1000, 600000, 30000),
  AISLE_EVENTS_RATE_IP_PER_MIN: intInRange(0, 100000, 120),
  AISLE_RATE_NEW_SESSIONS_PER_STORE_PER_MIN: intInRange(0, 1000000, 300),
});

/** The sync module's settings are part of the one schema. */
export const configSchema = baseSchema.extend(syncEnvSchema.shape);

export type AisleConfig = z.infer<typeof configSchema>;

/** One line of the README's configuration table per variable. */
export const CONFIG_DOCS: Record<keyof AisleConfig, string> = {
  PORT: 'HTTP port of the proxy.',
  HOST: 'Interface to listen on.',
  NODE_ENV: '`production`, `development` or `test`.',
  LOG_LEVEL: 'pino log level (`fatal` … `trace`, or `silent`).',
  OPENAI_API_KEY: 'OpenAI API key. Without it the proxy runs in offline catalog mode and health lists it as missing.',
  OPENAI_BASE_URL: 'Optional OpenAI-compatible base URL passed to the SDK (tests point it at the fake).',
  OPENAI_MODEL: 'Model for chat. Checked against `/v1/models` at start; a retired model is reported in health, never silently.',
  OPENAI_REASONING_EFFORT: 'Reasoning effort for reasoning models.',
  OPENAI_VECTOR_STORE_ID:
    "Vector store holding the environment's store's catalog. Created and remembered by the first sync when unset. Stores connected from WordPress always get their own.",
  OPENAI_TIMEOUT_MS: 'Timeout for one OpenAI request, in milliseconds.',
  WOO_BASE_URL: 'Store URL, e.g. `https://shop.example` (HTTPS uses Basic auth, plain HTTP uses OAuth 1.0a).',
  WOO_CONSUMER_KEY: 'WooCommerce REST API consumer key (read access is enough).',
  WOO_CONSUMER_SECRET: 'WooCommerce REST API consumer secret.',
  WOO_TIMEOUT_MS: 'Timeout for one WooCommerce request, in milliseconds.',
  WOO_IDLE_TIMEOUT_MS:
    'Longest silence while a WooCommerce answer streams, once its headers are in (a store that stalls mid-body is cut off and retried), in milliseconds.',
  REDIS_URL: 'Redis URL. When set, conversations, rate limits, locks and caches are shared by all instances.',
  AISLE_DATA_DIR: 'Folder of the embedded store (used when `REDIS_URL` is unset).',
  AISLE_INSTRUCTIONS: 'Replaces the built-in assistant instructions.',
  AISLE_DEMO: '`auto` (demo catalog when WooCommerce is not configured), `on` or `off`.',
  AISLE_PUBLIC_URL: 'Public address of the proxy (demo links). Default `http://localhost:PORT`.',
  AISLE_CURRENCY:
    "Currency code of the environment's store, shown on cards. Stores connected from WordPress push their own from WooCommerce.",
  AISLE_STORE_HOSTS:
    'Extra hosts (comma-separated) that card links and images may point to, e.g. a CDN. The store host is always allowed.',
  AISLE_ALLOWED_ORIGINS:
    'Browser origins (comma-separated) allowed to call the proxy. Default: the configured sites; any origin while the proxy is open (no secret).',
  AISLE_CONNECTION_SECRET:
    'Connection secret shared with the WordPress plugin. When set (or `AISLE_SITE_SECRETS`), chat requires signed shopper sessions and the admin API accepts signed requests.',
  AISLE_SITE_ID: 'Pins `AISLE_CONNECTION_SECRET` to one site, e.g. `shop.example`.',
  AISLE_SITE_SECRETS: 'JSON object of site → connection secret, for several stores on one proxy.',
  AISLE_ENCRYPTION_KEY:
    "Key for per-store settings encrypted at rest (recommended; otherwise each store's connection secret is used).",
  AISLE_MAX_MESSAGE_CHARS: 'Longest shopper message accepted (HTTP 400 above).',
  AISLE_MAX_BODY_BYTES: 'Largest request body accepted (HTTP 413 above).',
  AISLE_MAX_PRODUCTS_PER_CALL: 'Most products one `show_products` call may show.',
  AISLE_MAX_TOOL_ROUNDS: 'Most tool rounds in one shopper turn.',
  AISLE_PRODUCT_CACHE_TTL_S: 'How long product cards are cached, in seconds.',
  AISLE_THREAD_TTL_DAYS:
    'Conversations older than this are forgotten. A store owner may choose fewer days on the settings screen, never more.',
  AISLE_HEARTBEAT_MS: 'SSE heartbeat interval, in milliseconds.',
  AISLE_RATE_SESSION_PER_MIN:
    'Chat turns one shopper session may start per minute (HTTP 429 `rate_limited` above; 0 turns it off). Shared through Redis when `REDIS_URL` is set. An owner may set the pace of their own store on the settings screen.',
  AISLE_RATE_IP_PER_MIN: 'Chat turns one client IP may start per minute (429 `rate_limited`; 0 = off).',
  AISLE_RATE_STORE_PER_MIN: 'Chat turns one store may start per minute, all shoppers together (429 `rate_limited`; 0 = off).',
  AISLE_TRUSTED_PROXIES:
    'Reverse proxies whose `X-Forwarded-For` is believed (comma-separated IPs/CIDRs, or `loopback`, `private`). Without it the TCP peer is the client.',
  AISLE_DAILY_TOKEN_CAP:
    'Input + output tokens one store may spend per UTC day. Past it chat answers "resting" with catalog-search results, and health/admin status say so. 0 = no cap. The default for every store; an owner sets their own budget on the settings screen.',
  AISLE_MAX_TURNS_PER_THREAD:
    'Shopper messages one conversation may hold (HTTP 409 `conversation_too_long` above; 0 = no limit).',
  AISLE_MAX_STREAMS_PER_SESSION:
    'Answers streaming at once for one shopper session, per instance (HTTP 429 `too_many_streams` above; 0 = no limit).',
  AISLE_MODERATION:
    'The default for every store (an owner may switch it on the settings screen): `on` checks each shopper message with the OpenAI moderation endpoint before answering; flagged messages get a polite refusal.',
  AISLE_SHUTDOWN_GRACE_MS: 'On SIGTERM, how long running answers may take to finish before they get an `error` and `done`.',
  AISLE_RETENTION_INTERVAL_MIN:
    'How often the retention job forgets conversations older than `AISLE_THREAD_TTL_DAYS`, here and at OpenAI (0 = never).',
  AISLE_SAFETY_SYNC_HOURS:
    "How often each store (the environment's and every one connected from WordPress) gets a full safety sync, in hours (0 = never). Product changes the plugin pushes sync within seconds.",
  AISLE_METRICS_SECRET: 'Bearer secret for `GET /metrics`. When unset, `/metrics` is open (restrict it at the reverse proxy).',
  AISLE_SYNC_SECRET: 'Bearer secret for `GET|POST /api/sync` and `/api/sync/status` (how hosted crons call it). Open when unset.',
  WOO_WEBHOOK_SECRET:
    'Secret of the WooCommerce product webhooks (`POST /api/webhooks/woocommerce`); webhooks are refused while unset.',
  AISLE_SYNC_CONCURRENCY: 'WooCommerce product pages read at the same time during a sync.',
  AISLE_SYNC_SHARD_SIZE: "Width of one shard's product-ID range (one catalog file per shard).",
  AISLE_SYNC_UPLOAD_CONCURRENCY: 'Shards uploaded to OpenAI at the same time.',
  AISLE_SYNC_DEBOUNCE_MS: 'Quiet time after the last webhook before the incremental sync starts.',
  AISLE_SYNC_LOCK_TTL_MS: 'Sync lock time-to-live (refreshed while a sync runs; matters only when a process dies).',
  AISLE_SYNC_INDEX_TIMEOUT_MS: 'Longest wait for one vector-store file to finish indexing.',
  AISLE_WEBHOOK_MAX_BYTES: 'Largest webhook body accepted (HTTP 413 above).',
  AISLE_SYNC_LABELS: 'Labels of the catalog document: `auto` (Hebrew when most names are Hebrew), `he` or `en`.',
  AISLE_SYNC_WORKER: '`inline` runs syncs in the proxy; `queue` only enqueues them on Redis (BullMQ) for `npm run sync:worker`.',
  OPENAI_IDLE_TIMEOUT_MS:
    'Longest silence from OpenAI once an answer has started, in milliseconds: then the answer ends with a retryable `upstream_timeout` error (with catalog-search cards).',
  AISLE_EVENTS_RATE_IP_PER_MIN:
    'Widget events (`POST /api/events`) one client IP may send per minute (429 `rate_limited` above; 0 = off). Bodies above 16 KB (a batch holds at most 50 events) get 413.',
  AISLE_RATE_NEW_SESSIONS_PER_STORE_PER_MIN:
    'New shopper sessions one store may start chatting per minute (sessions not seen before; 429 `rate_limited` above; 0 = off). Shared through Redis when `REDIS_URL` is set.',
};

/** Variables without which the proxy is not fully configured (reported by health). */
export const REQUIRED_VARS = ['OPENAI_API_KEY', 'WOO_BASE_URL', 'WOO_CONSUMER_KEY', 'WOO_CONSUMER_SECRET'] as const;
