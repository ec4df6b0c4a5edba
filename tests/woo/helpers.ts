/** Shared helpers for the WooCommerce client and fake tests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Agent, request } from 'undici';
import { createWooClient, type WooClientConfig } from '../../proxy/src/woo';
import type { FakeWoo } from '../fakes/woo';

export const CAPTURES_DIR = '/work/shared/woocommerce/real';

export interface Capture {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export function loadCapture(name: string): Capture {
  const headerLines = readFileSync(path.join(CAPTURES_DIR, `${name}.headers.txt`), 'utf8').split(/\r?\n/);
  const status = Number(/^HTTP\/\S+ (\d{3})/.exec(headerLines[0] ?? '')?.[1]);
  const headers: Record<string, string> = {};
  for (const line of headerLines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body: unknown = JSON.parse(readFileSync(path.join(CAPTURES_DIR, `${name}.body.json`), 'utf8'));
  return { status, headers, body };
}

/**
 * The key structure of a JSON value: objects map to their keys' shapes, arrays
 * to the shape of their first element (or [] when empty), scalars to 'scalar'.
 */
export type Shape = 'scalar' | Shape[] | { [key: string]: Shape };

export function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : [];
  if (value && typeof value === 'object') {
    const out: Record<string, Shape> = {};
    for (const key of Object.keys(value).sort()) out[key] = shapeOf((value as Record<string, unknown>)[key]);
    return out;
  }
  return 'scalar';
}

/**
 * Differences between two shapes as readable paths. Arrays that are empty on
 * either side, and null vs object, are not compared (the data differs, not the shape).
 */
export function shapeDifferences(expected: Shape, actual: Shape, at = '$'): string[] {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (!expected.length || !actual.length) return [];
    return shapeDifferences(expected[0] as Shape, actual[0] as Shape, `${at}[0]`);
  }
  if (expected === 'scalar' || actual === 'scalar') return [];
  if (Array.isArray(expected) !== Array.isArray(actual)) return [`${at}: array vs object`];
  const e = expected as Record<string, Shape>;
  const a = actual as Record<string, Shape>;
  const problems: string[] = [];
  for (const key of Object.keys(e)) if (!(key in a)) problems.push(`${at}.${key} missing`);
  for (const key of Object.keys(a)) if (!(key in e)) problems.push(`${at}.${key} unexpected`);
  for (const key of Object.keys(e))
    if (key in a) problems.push(...shapeDifferences(e[key] as Shape, a[key] as Shape, `${at}.${key}`));
  return problems;
}

/** An undici Agent that trusts the fake's self-signed certificate. */
export function trustingAgent(fake: FakeWoo): Agent {
  return new Agent({ connect: { ca: fake.ca ?? undefined } });
}

export function clientFor(fake: FakeWoo, overrides: Partial<WooClientConfig> = {}) {
  return createWooClient({
    baseUrl: fake.url,
    consumerKey: fake.consumerKey,
    consumerSecret: fake.consumerSecret,
    retryBaseMs: 5,
    timeoutMs: 2000,
    ...(fake.ca ? { dispatcher: trustingAgent(fake) } : {}),
    ...overrides,
  });
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
}

/** A plain request with no client logic, to see exactly what the fake sends. */
export async function rawGet(
  fake: FakeWoo,
  pathAndQuery: string,
  init: { headers?: Record<string, string>; method?: string; body?: string } = {},
): Promise<RawAnswer> {
  const dispatcher = fake.ca ? trustingAgent(fake) : undefined;
  const response = await request(`${fake.url}${pathAndQuery}`, {
    method: (init.method ?? 'GET') as 'GET',
    headers: init.headers,
    body: init.body,
    ...(dispatcher ? { dispatcher } : {}),
  });
  const text = await response.body.text();
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(response.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  await dispatcher?.close();
  return { status: response.statusCode, headers, text, json };
}

export function basicAuth(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}
