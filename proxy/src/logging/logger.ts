import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/** Paths that may hold secrets anywhere they are logged: request headers, config, settings and SDK errors. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-aisle-signature"]',
  'req.headers["x-api-key"]',
  'req.headers["x-wc-webhook-signature"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'config.OPENAI_API_KEY',
  'config.WOO_CONSUMER_KEY',
  'config.WOO_CONSUMER_SECRET',
  'config.REDIS_URL',
  'config.AISLE_CONNECTION_SECRET',
  'config.AISLE_SITE_SECRETS',
  'config.AISLE_SYNC_SECRET',
  'config.AISLE_ENCRYPTION_KEY',
  '*.OPENAI_API_KEY',
  '*.WOO_CONSUMER_KEY',
  '*.WOO_CONSUMER_SECRET',
  '*.AISLE_CONNECTION_SECRET',
  'apiKey',
  '*.apiKey',
  '*.consumerSecret',
  '*.consumerKey',
  '*.consumer_secret',
  '*.consumer_key',
  '*.openaiApiKey',
  '*.openai_api_key',
  '*.wooConsumerKey',
  '*.wooConsumerSecret',
  '*.connectionSecret',
  '*.connection_secret',
  '*.secret',
  '*.password',
];

/**
 * Key-shaped tokens anywhere in a line: OpenAI keys (`sk-…`) and WooCommerce
 * keys (`ck_…`, `cs_…`). Upstream error messages can quote them ("Incorrect API
 * key provided: sk-…"), and a message is not a path redaction can name.
 */
const KEY_SHAPES = /\b(sk-|ck_|cs_)[A-Za-z0-9_-]{8,}/g;

/** Replace key-shaped tokens and every occurrence of the known secret values in a finished log line. */
function scrubber(secrets: readonly string[]): (line: string) => string {
  // Short values would match ordinary text; real keys and secrets are long.
  const values = [...new Set(secrets.filter((s) => s.length >= 8))];
  const forms = values.flatMap((v) => [v, JSON.stringify(v).slice(1, -1), encodeURIComponent(v)]);
  return (line) => {
    let out = line.replace(KEY_SHAPES, '$1[redacted]');
    for (const v of forms) if (out.includes(v)) out = out.split(v).join('[redacted]');
    return out;
  };
}

/**
 * The proxy's logger. `scrub` takes the secret values themselves (OpenAI key,
 * WooCommerce key and secret, connection secrets) as a last line of defence:
 * a secret that reaches a log line through a path nobody listed is still replaced.
 */
export function createLogger(options: {
  level: string;
  destination?: pino.DestinationStream;
  scrub?: ReadonlyArray<string | undefined>;
}): Logger {
  const scrub = scrubber((options.scrub ?? []).filter((s): s is string => typeof s === 'string'));
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'aisle-proxy' },
      hooks: { streamWrite: scrub },
    },
    options.destination,
  );
}
