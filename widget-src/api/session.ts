/**
 * The shopper session token (inside WordPress): fetched from `POST {restRoot}aisle/v1/session`
 * with @wordpress/api-fetch, cached, and fetched again shortly before it expires or after the
 * proxy rejects it. Outside WordPress there is no provider and requests go without a token.
 */
import apiFetch from '@wordpress/api-fetch';
import { ChatRequestError } from './errors';

export interface SessionTokenResponse {
  token: string;
  /** ISO date, or Unix time in seconds or milliseconds. */
  expires_at: string | number;
  /** A fresh `wp_rest` nonce for the plugin's other routes (e.g. the email handoff). */
  nonce?: string;
  /** `wc_store_api` nonce for the Store API cart, when WooCommerce is active. */
  store_api_nonce?: string | null;
  /**
   * The shopper is logged in but the request carried no REST nonce (cached page), so the
   * session was issued as anonymous: fetch a nonce and ask again.
   */
  needs_nonce?: boolean;
}

export interface SessionTokenProvider {
  /** A valid token, fetching one when there is none or it is about to expire. */
  getToken(): Promise<string>;
  /** Forget the cached token (after a 401 from the proxy). */
  invalidate(): void;
}

export interface SessionTokenProviderOptions {
  endpoint: string;
  /** `wp_rest` nonce; api-fetch's own nonce middleware adds it too when WordPress set it up. */
  nonce: string | null;
  /** Returns a fresh `wp_rest` nonce as plain text (`admin-ajax.php?action=rest-nonce`). */
  nonceEndpoint?: string | null;
  /** Told about each new session, e.g. to hand the Store API nonce to the cart. */
  onSession?: (session: SessionTokenResponse) => void;
  /** Fetches the nonce text; injected in tests. */
  fetchNonce?: (endpoint: string) => Promise<string>;
  /** Injected in tests; defaults to api-fetch. */
  request?: (endpoint: string, nonce: string | null) => Promise<unknown>;
  now?: () => number;
  /** Refresh this long before `expires_at`. */
  refreshMarginMs?: number;
}

async function defaultFetchNonce(endpoint: string): Promise<string> {
  const response = await fetch(endpoint, { credentials: 'same-origin' });
  if (!response.ok) {
    throw new Error(`nonce endpoint answered ${response.status}`);
  }
  return response.text();
}

function defaultRequest(endpoint: string, nonce: string | null): Promise<unknown> {
  return apiFetch({
    url: endpoint,
    method: 'POST',
    headers: nonce ? { 'X-WP-Nonce': nonce } : {},
  });
}

export function parseExpiry(value: string | number): number {
  if (typeof value === 'number') {
    // Seconds until year 33658; milliseconds after.
    return value < 1e12 ? value * 1000 : value;
  }
  const asNumber = Number(value);
  return Number.isFinite(asNumber) ? parseExpiry(asNumber) : Date.parse(value);
}

function isTokenResponse(value: unknown): value is SessionTokenResponse {
  const v = value as Partial<SessionTokenResponse> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.token === 'string' &&
    v.token !== '' &&
    (typeof v.expires_at === 'string' || typeof v.expires_at === 'number')
  );
}

/** api-fetch rejects with the parsed WordPress error body, `{code, message, data: {status}}`. */
function sessionError(error: unknown): ChatRequestError {
  const status = (error as { data?: { status?: unknown } } | null)?.data?.status;
  if (status === 401 || status === 403) {
    return new ChatRequestError('unauthorized', 'The session endpoint refused the request.', { status });
  }
  return new ChatRequestError(
    typeof status === 'number' && status >= 500 ? 'server' : 'network',
    'Could not get a session token.',
    typeof status === 'number' ? { status } : {},
  );
}

export function createSessionTokenProvider(options: SessionTokenProviderOptions): SessionTokenProvider {
  const request = options.request ?? defaultRequest;
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? 60_000;
  const fetchNonce = options.fetchNonce ?? defaultFetchNonce;
  let nonce = options.nonce;
  let cached: { token: string; expiresAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  const requestSession = async (): Promise<SessionTokenResponse> => {
    let body: unknown;
    try {
      body = await request(options.endpoint, nonce);
    } catch (error) {
      throw sessionError(error);
    }
    if (!isTokenResponse(body)) {
      throw new ChatRequestError('server', 'The session endpoint answered without a token.');
    }
    return body;
  };

  const fetchToken = async (): Promise<string> => {
    let body = await requestSession();
    if (body.needs_nonce && !nonce && options.nonceEndpoint) {
      // Cached pages carry no nonce; without one a logged-in shopper would chat anonymously.
      try {
        nonce = (await fetchNonce(options.nonceEndpoint)).trim() || null;
      } catch {
        nonce = null; // keep the anonymous session rather than failing the chat
      }
      if (nonce) {
        body = await requestSession();
      }
    }
    options.onSession?.(body);
    const expiresAt = parseExpiry(body.expires_at);
    cached = { token: body.token, expiresAt: Number.isNaN(expiresAt) ? now() + margin * 2 : expiresAt };
    return body.token;
  };

  return {
    getToken() {
      if (cached && cached.expiresAt - margin > now()) {
        return Promise.resolve(cached.token);
      }
      // Concurrent callers share one request.
      inFlight ??= fetchToken().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    invalidate() {
      cached = null;
    },
  };
}
