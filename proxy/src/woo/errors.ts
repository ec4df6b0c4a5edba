/**
 * Typed errors for the WooCommerce REST client. Every failure the client can
 * meet becomes one WooError with a `kind` callers can branch on and a message a
 * store owner can act on. Messages and `url` never carry the consumer secret or
 * an OAuth signature.
 */

export type WooErrorKind =
  | 'auth'
  | 'not_found'
  | 'bad_request'
  | 'rate_limited'
  | 'server'
  | 'timeout'
  | 'network'
  | 'not_json'
  /** JSON arrived but not in the shape WooCommerce documents (a plugin rewrote it, or a proxy truncated it). */
  | 'invalid_response';

export interface WooErrorDetails {
  kind: WooErrorKind;
  message: string;
  /** HTTP status, null when no response arrived (timeout, network). */
  status?: number | null;
  /** WooCommerce/WordPress error code from the JSON body, e.g. `woocommerce_rest_authentication_error`. */
  code?: string | null;
  /** Request URL with credentials and signatures removed. */
  url?: string;
  /** Seconds the server asked us to wait (429/503 Retry-After). */
  retryAfterMs?: number | null;
  /** Overrides the default for the kind, e.g. a TLS certificate error is a network error that retrying cannot fix. */
  retryable?: boolean;
  cause?: unknown;
}

export class WooError extends Error {
  override readonly name = 'WooError';
  readonly kind: WooErrorKind;
  readonly status: number | null;
  readonly code: string | null;
  readonly url: string | undefined;
  readonly retryAfterMs: number | null;
  private readonly retryableOverride: boolean | undefined;

  constructor(details: WooErrorDetails) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = details.kind;
    this.status = details.status ?? null;
    this.code = details.code ?? null;
    this.url = details.url;
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.retryableOverride = details.retryable;
  }

  /** Transient failures worth another attempt; 4xx answers other than 429 will not change on retry. */
  get retryable(): boolean {
    if (this.retryableOverride !== undefined) return this.retryableOverride;
    return this.kind === 'rate_limited' || this.kind === 'server' || this.kind === 'timeout' || this.kind === 'network';
  }
}

export function isWooError(value: unknown): value is WooError {
  return value instanceof WooError;
}

/** Query parameters that carry secrets or signatures; their values are replaced before a URL is shown or logged. */
const SECRET_PARAMS = ['consumer_secret', 'oauth_signature', 'consumer_key', 'oauth_consumer_key', 'oauth_nonce'];

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    for (const name of SECRET_PARAMS) {
      if (parsed.searchParams.has(name)) parsed.searchParams.set(name, 'REDACTED');
    }
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '[unparseable url]';
  }
}

/** WordPress's answer for a route the store does not have (an older WooCommerce, or the REST API partly disabled). */
export function isNoRoute(value: unknown): boolean {
  return value instanceof WooError && value.kind === 'not_found' && value.code === 'rest_no_route';
}
