/**
 * Builds the one typed `WidgetConfig` from `window.AisleConfig` (set by the WordPress plugin or
 * the store) and the `data-*` attributes of the embedding script tag (standalone embeds).
 * Script attributes win over the global, so one page can tweak a shared snippet.
 */
import { detectPageDirection, normalizeLocale } from './locale';
import type { Direction, LauncherPosition, PriceFormat, ThemeColors, WidgetConfig, WidgetConfigInput } from './types';
import { resolveColors } from '../theme/colors';
import { validConsent } from '../analytics/consent';

declare global {
  interface Window {
    AisleConfig?: WidgetConfigInput;
  }
}

const POSITIONS: readonly LauncherPosition[] = ['bottom-end', 'bottom-start', 'bottom-right', 'bottom-left'];
const COLOR_KEYS: ReadonlyArray<keyof ThemeColors> = [
  'primary',
  'onPrimary',
  'surface',
  'text',
  'mutedText',
  'assistantBubble',
  'link',
  'danger',
  'dangerSurface',
  'success',
  'border',
];

export const DEFAULT_FIRST_BYTE_TIMEOUT_MS = 12000;

function parseBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined) {
    return undefined;
  }
  return !['false', '0', 'off', 'no'].includes(value.trim().toLowerCase());
}

function parseNumber(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') {
    return undefined;
  }
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** `data-quick-prompts` is a JSON array or a `|`-separated list. */
function parsePrompts(value: string | undefined): string[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed)) {
      return parsed.filter((p): p is string => typeof p === 'string');
    }
  } catch {
    // Not JSON: a pipe-separated list.
  }
  return value
    .split('|')
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Reads `data-*` attributes (camel-cased by `dataset`) into config input. */
export function configFromDataset(dataset: DOMStringMap): WidgetConfigInput {
  const colors: Partial<ThemeColors> = {};
  for (const key of COLOR_KEYS) {
    const value = dataset[`color${key.charAt(0).toUpperCase()}${key.slice(1)}`];
    if (value) {
      colors[key] = value;
    }
  }
  const input: WidgetConfigInput = {
    proxyUrl: dataset.proxyUrl,
    restRoot: dataset.restRoot,
    nonce: dataset.nonce,
    storeApiNonce: dataset.storeApiNonce,
    sessionEndpoint: dataset.sessionEndpoint,
    nonceEndpoint: dataset.nonceEndpoint,
    locale: dataset.locale,
    dir: dataset.dir as Direction | undefined,
    greeting: dataset.greeting,
    quickPrompts: parsePrompts(dataset.quickPrompts),
    position: dataset.position as LauncherPosition | undefined,
    streaming: parseBoolean(dataset.streaming),
    productId: parseNumber(dataset.productId),
    firstByteTimeoutMs: parseNumber(dataset.firstByteTimeoutMs),
    preloadOnIdle: parseBoolean(dataset.preloadOnIdle),
    cartUrl: dataset.cartUrl,
    consentRequired: parseBoolean(dataset.consentRequired),
    privacyUrl: dataset.privacyUrl,
  };
  if (Object.keys(colors).length > 0) {
    input.colors = colors;
  }
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as WidgetConfigInput;
}

/** WooCommerce marks product pages with `single-product postid-123` on <body>. */
export function detectProductId(doc: Document): number | null {
  const body = doc.body;
  if (!body?.classList.contains('single-product')) {
    return null;
  }
  for (const cls of Array.from(body.classList)) {
    const match = /^postid-(\d+)$/.exec(cls);
    if (match?.[1]) {
      return Number(match[1]);
    }
  }
  return null;
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Normalises and completes a config input; pure apart from reading `doc`. */
export function resolveConfig(input: WidgetConfigInput, doc: Document): WidgetConfig {
  const locale = normalizeLocale(input.locale ?? doc.documentElement.getAttribute('lang'));
  const dir: Direction = input.dir === 'rtl' || input.dir === 'ltr' ? input.dir : detectPageDirection(doc, locale);
  const restRoot = input.restRoot ? withTrailingSlash(input.restRoot) : null;
  const productId =
    typeof input.productId === 'number' && Number.isInteger(input.productId) && input.productId > 0
      ? input.productId
      : detectProductId(doc);
  return {
    proxyUrl: stripTrailingSlash(input.proxyUrl ?? ''),
    restRoot,
    nonce: input.nonce ?? null,
    storeApiNonce: input.storeApiNonce ?? null,
    sessionEndpoint: input.sessionEndpoint ?? (restRoot ? `${restRoot}aisle/v1/session` : null),
    nonceEndpoint: input.nonceEndpoint ?? null,
    locale,
    dir,
    greeting: input.greeting ?? null,
    quickPrompts: input.quickPrompts
      ? input.quickPrompts.filter((p) => typeof p === 'string' && p.trim() !== '').slice(0, 6)
      : null,
    colors: resolveColors(input.colors),
    position: input.position && POSITIONS.includes(input.position) ? input.position : 'bottom-end',
    streaming: input.streaming ?? true,
    productId,
    firstByteTimeoutMs: input.firstByteTimeoutMs ?? DEFAULT_FIRST_BYTE_TIMEOUT_MS,
    preloadOnIdle: input.preloadOnIdle ?? true,
    cartUrl: input.cartUrl ?? null,
    priceFormat: validPriceFormat(input.priceFormat),
    consent: validConsent(input.consent),
    consentRequired: input.consentRequired === true,
    privacyUrl: typeof input.privacyUrl === 'string' && /^https?:\/\//i.test(input.privacyUrl) ? input.privacyUrl : null,
  };
}

/** Reads the global and the script tag and resolves them into the config. */
export function readConfig(win: Window, script: HTMLOrSVGScriptElement | null): WidgetConfig {
  const fromScript = script instanceof HTMLScriptElement ? configFromDataset(script.dataset) : {};
  const merged: WidgetConfigInput = {
    ...(win.AisleConfig ?? {}),
    ...fromScript,
    colors: { ...(win.AisleConfig?.colors ?? {}), ...(fromScript.colors ?? {}) },
  };
  // A standalone embed without data-proxy-url talks to the server it was loaded from.
  if (!merged.proxyUrl && script instanceof HTMLScriptElement && script.src) {
    merged.proxyUrl = new URL(script.src, win.location.href).origin;
  }
  return resolveConfig(merged, win.document);
}

const PRICE_POSITIONS = ['left', 'right', 'left_space', 'right_space'] as const;

/** A store's price format only when every field makes sense; otherwise the locale decides. */
function validPriceFormat(input: unknown): PriceFormat | null {
  if (typeof input !== 'object' || input === null) return null;
  const f = input as Record<string, unknown>;
  const short = (v: unknown, max: number) => typeof v === 'string' && v.length <= max;
  if (
    !short(f.symbol, 16) ||
    !PRICE_POSITIONS.includes(f.position as PriceFormat['position']) ||
    !Number.isInteger(f.decimals) ||
    (f.decimals as number) < 0 ||
    (f.decimals as number) > 8 ||
    !short(f.decimalSeparator, 4) ||
    !short(f.thousandSeparator, 4)
  )
    return null;
  return {
    symbol: f.symbol as string,
    position: f.position as PriceFormat['position'],
    decimals: f.decimals as number,
    decimalSeparator: f.decimalSeparator as string,
    thousandSeparator: f.thousandSeparator as string,
  };
}
