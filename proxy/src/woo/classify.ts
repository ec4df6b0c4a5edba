/**
 * Turns a non-2xx or non-JSON WooCommerce answer into a WooError whose message
 * says what the store owner should check. The codes and their causes come from
 * WooCommerce's WC_REST_Authentication and the captures in shared/woocommerce/real.
 */
import { WooError } from './errors';

export interface ClassifyInput {
  status: number;
  contentType: string | undefined;
  bodyText: string;
  /** Already redacted. */
  url: string;
  authMode: 'basic' | 'oauth' | 'query';
  retryAfterMs: number | null;
}

interface WpErrorBody {
  code: string;
  message: string;
}

/** A WordPress REST error body: {"code": "...", "message": "...", "data": {"status": N}}. */
export function parseWpError(bodyText: string): WpErrorBody | null {
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (parsed && typeof parsed === 'object' && 'code' in parsed && typeof parsed.code === 'string') {
      const message = 'message' in parsed && typeof parsed.message === 'string' ? parsed.message : '';
      return { code: parsed.code, message: stripTags(message) };
    }
  } catch {
    // Not JSON: handled by the caller as an HTML/text answer.
  }
  return null;
}

export function looksLikeJson(contentType: string | undefined, bodyText: string): boolean {
  if (contentType && /\bjson\b/i.test(contentType)) return true;
  const first = bodyText.trimStart()[0];
  return first === '{' || first === '[';
}

function stripTags(text: string): string {
  return text.replace(/<[^>]*>/g, '').trim();
}

/** A short, safe description of a non-JSON body: the HTML <title> or the first characters. */
export function describeBody(bodyText: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(bodyText)?.[1]?.trim();
  if (title) return `an HTML page titled "${title.slice(0, 80)}"`;
  const snippet = stripTags(bodyText).replace(/\s+/g, ' ').slice(0, 80);
  return snippet ? `"${snippet}"` : 'an empty body';
}

function authMessage(status: number, wp: WpErrorBody | null, input: ClassifyInput): string {
  const code = wp?.code ?? 'no error code';
  const said = wp ? `${wp.code}: ${wp.message}` : code;
  if (wp?.code === 'woocommerce_rest_authentication_error') {
    return (
      `WooCommerce rejected the API keys (${said}). Check the consumer key and secret under ` +
      'WooCommerce → Settings → Advanced → REST API, and that the key has Read permission.'
    );
  }
  if (wp?.code === 'woocommerce_rest_authentication_missing_parameter') {
    return `WooCommerce received an incomplete OAuth 1.0a signature (${said}); a proxy or plugin may be stripping query parameters.`;
  }
  if (wp?.code === 'woocommerce_rest_cannot_view' && status === 401) {
    if (input.authMode === 'basic') {
      return (
        `WooCommerce did not recognise the API keys (${said}). Either the consumer key is unknown, the server ` +
        'strips the Authorization header before PHP sees it, or WordPress does not know it is served over HTTPS ' +
        '(behind a proxy), in which case WooCommerce ignores HTTP Basic. Try authMode "query" or "oauth".'
      );
    }
    return (
      `WooCommerce did not accept the credentials (${said}). Over plain HTTP WooCommerce ignores HTTP Basic and ` +
      'only accepts OAuth 1.0a signed requests; check that nothing between us and WordPress drops the oauth_* parameters.'
    );
  }
  if (wp?.code === 'woocommerce_rest_cannot_view') {
    return `The API keys are valid but their WordPress user may not read products (${said}). Create the key for a shop manager or administrator.`;
  }
  if (wp?.code === 'invalid_username' || wp?.code === 'incorrect_password') {
    return (
      `WordPress, not WooCommerce, handled the credentials (${said}). WooCommerce key authentication only runs on ` +
      '/wp-json/wc/ URLs; check the store URL.'
    );
  }
  return `WooCommerce refused the request with HTTP ${status} (${said}). Check the API keys and their permissions.`;
}

export function classifyFailure(input: ClassifyInput): WooError {
  const { status, url } = input;
  const isJson = looksLikeJson(input.contentType, input.bodyText);
  const wp = isJson ? parseWpError(input.bodyText) : null;
  const said = wp ? ` (${wp.code}: ${wp.message})` : '';
  const base = { status, url, code: wp?.code ?? null, retryAfterMs: input.retryAfterMs };

  if (status === 429) {
    return new WooError({ ...base, kind: 'rate_limited', message: `The store is rate limiting us (HTTP 429)${said}.` });
  }
  if (status >= 500) {
    const what = isJson ? said : ` and sent ${describeBody(input.bodyText)} instead of JSON`;
    return new WooError({ ...base, kind: 'server', message: `The store failed with HTTP ${status}${what}.` });
  }
  if (status === 401 || status === 403) {
    return new WooError({ ...base, kind: 'auth', message: authMessage(status, wp, input) });
  }
  if (status === 404) {
    let message: string;
    if (wp?.code === 'rest_no_route') {
      message = `The store has no such REST route${said}. Is WooCommerce active and its REST API enabled?`;
    } else if (wp) {
      message = `WooCommerce answered 404${said}.`;
    } else {
      message =
        `The store answered 404 with ${describeBody(input.bodyText)} at ${url}. Check the store URL ` +
        '(including a subdirectory install) and that pretty permalinks are on, so /wp-json/ is routed, or that a ' +
        'security plugin does not disable the REST API.';
    }
    return new WooError({ ...base, kind: 'not_found', message });
  }
  if (status >= 400) {
    return new WooError({
      ...base,
      kind: 'bad_request',
      message: `WooCommerce rejected the request with HTTP ${status}${said}.`,
    });
  }
  // A 2xx/3xx that is not JSON: a cache, security or maintenance plugin answered instead of WooCommerce.
  return new WooError({
    ...base,
    kind: 'not_json',
    message:
      `Expected JSON from WooCommerce but got ${describeBody(input.bodyText)} (HTTP ${status}, ` +
      `${input.contentType ?? 'no content type'}). A cache, security or maintenance plugin, or a firewall, ` +
      'probably answered instead of WooCommerce.',
  });
}

/** Network error codes that retrying cannot fix (certificate problems, bad host names). */
export const PERMANENT_NETWORK_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ENOTFOUND',
  'ERR_INVALID_URL',
]);

export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    if ('code' in current && typeof current.code === 'string') return current.code;
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}
