/**
 * Jest globalTeardown (proxy project): after every test ran, search every log line and every
 * response byte of every proxy the tests started for the secrets those proxies were configured
 * with (raw, JSON-escaped, URL-encoded, base64 and hex), and for OpenAI and WooCommerce key shapes
 * in responses. A find fails the run with where it was.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { SCAN_DIR_ENV, scanPointerFile } from '../helpers/suite-scan';

/** An OpenAI or WooCommerce key in a response, whoever's it is (keys pushed through the admin API included). */
const KEY_SHAPE = /\b(?:sk-(?:proj-)?|ck_|cs_)[A-Za-z0-9_-]{16,}/g;

function formsOf(secret: string): string[] {
  return [
    ...new Set([
      secret,
      JSON.stringify(secret).slice(1, -1),
      encodeURIComponent(secret),
      Buffer.from(secret).toString('base64').slice(0, 16),
      Buffer.from(secret).toString('hex'),
    ]),
  ];
}

export default function secretScanTeardown(): void {
  const dir = process.env[SCAN_DIR_ENV];
  if (!dir || !existsSync(dir)) throw new Error(`secret scan: no scan folder (${SCAN_DIR_ENV} was not set by globalSetup)`);
  const files = readdirSync(dir);
  const secrets = new Set<string>();
  for (const file of files.filter((f) => f.endsWith('.secrets.json')))
    for (const s of JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as string[]) secrets.add(s);
  const forms = [...secrets].flatMap((s) => formsOf(s).map((form) => ({ form, secret: s })));

  const found: string[] = [];
  let logLines = 0;
  let responseBytes = 0;
  for (const file of files.filter((f) => f.endsWith('.log') || f.endsWith('.responses'))) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    if (file.endsWith('.log')) logLines += text.split('\n').filter(Boolean).length;
    else responseBytes += Buffer.byteLength(text);
    for (const { form, secret } of forms) {
      const at = text.indexOf(form);
      if (at >= 0)
        found.push(
          `${file}: a configured secret (${secret.slice(0, 4)}…) near ${JSON.stringify(text.slice(Math.max(0, at - 80), at))}`,
        );
    }
    if (file.endsWith('.responses'))
      for (const match of text.matchAll(KEY_SHAPE))
        found.push(
          `${file}: a key-shaped value ${match[0].slice(0, 6)}… near ${JSON.stringify(text.slice(Math.max(0, match.index - 80), match.index))}`,
        );
  }
  const proxies = files.filter((f) => f.endsWith('.secrets.json')).length;
  rmSync(dir, { recursive: true, force: true });
  rmSync(scanPointerFile(process.pid), { force: true });
  if (found.length > 0) throw new Error(`secret scan: ${found.length} leak(s)\n${found.slice(0, 20).join('\n')}`);
  // A scan that saw nothing proves nothing.
  if (proxies > 0 && (logLines === 0 || responseBytes === 0))
    throw new Error(
      `secret scan: ${proxies} proxies started but ${logLines} log lines and ${responseBytes} response bytes were recorded`,
    );
  process.stdout.write(
    `\nsecret scan: ${proxies} proxies, ${secrets.size} configured secrets, ${logLines} log lines and ${responseBytes} response bytes: no secret found\n`,
  );
}
