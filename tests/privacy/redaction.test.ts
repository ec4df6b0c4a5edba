import { Writable } from 'node:stream';
import { createLogger, REDACT_PATHS } from '../../proxy/src/logging/logger';

/**
 * pino's `redact` paths on their own: the logger is built without `scrub` values and the
 * secrets are not key-shaped (no `sk-`/`ck_`/`cs_`), so only the redact paths can hide them.
 * (tests/privacy/secret-scan.test.ts stays green with the redact paths removed, because the
 * key-shape scrubber catches everything it produces.)
 */
const SECRET = 'NotKeyShaped0secret0value0zzzzzzzzzz42';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger({ level: 'trace', destination }), lines };
}

const CASES: Array<[string, Record<string, unknown>]> = [
  ['request authorization header', { req: { headers: { authorization: `Bearer ${SECRET}` } } }],
  ['request cookie', { req: { headers: { cookie: `s=${SECRET}` } } }],
  ['admin signature header', { req: { headers: { 'x-aisle-signature': SECRET } } }],
  ['webhook signature header', { req: { headers: { 'x-wc-webhook-signature': SECRET } } }],
  ['response set-cookie', { res: { headers: { 'set-cookie': `s=${SECRET}` } } }],
  ['SDK error headers', { err: { headers: { authorization: `Bearer ${SECRET}` } } }],
  ['config: OpenAI key', { config: { OPENAI_API_KEY: SECRET } }],
  ['config: WooCommerce key and secret', { config: { WOO_CONSUMER_KEY: SECRET, WOO_CONSUMER_SECRET: SECRET } }],
  ['config: connection secret', { config: { AISLE_CONNECTION_SECRET: SECRET } }],
  ['config: Redis URL with password', { config: { REDIS_URL: `redis://:${SECRET}@h:6379` } }],
  ['config: encryption key', { config: { AISLE_ENCRYPTION_KEY: SECRET } }],
  ['settings: apiKey', { settings: { apiKey: SECRET } }],
  ['settings: consumer secret', { woo: { consumerSecret: SECRET, consumer_secret: SECRET } }],
  ['tenant: openai_api_key', { tenant: { openai_api_key: SECRET } }],
  ['anything.secret / anything.password', { a: { secret: SECRET }, b: { password: SECRET } }],
];

test('REDACT_PATHS is not empty', () => {
  expect(REDACT_PATHS.length).toBeGreaterThan(10);
});

test.each(CASES)('%s is redacted', (_name, obj) => {
  const { logger, lines } = capture();
  logger.info(obj, 'something happened');
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toContain(SECRET);
  expect(lines[0]).toContain('[redacted]');
});
