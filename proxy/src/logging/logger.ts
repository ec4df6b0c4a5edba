import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/** Paths that may hold secrets anywhere they are logged: request headers, config and SDK errors. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-aisle-signature"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'config.OPENAI_API_KEY',
  'config.WOO_CONSUMER_KEY',
  'config.WOO_CONSUMER_SECRET',
  'config.REDIS_URL',
  'config.AISLE_CONNECTION_SECRET',
  'config.AISLE_SYNC_SECRET',
  'config.AISLE_ENCRYPTION_KEY',
  '*.apiKey',
  '*.consumerSecret',
  '*.consumerKey',
  '*.openaiApiKey',
  '*.secret',
];

export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'aisle-proxy' },
    },
    options.destination,
  );
}
