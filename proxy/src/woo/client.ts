/**
 * WooCommerce REST v3 client used by catalog sync and live product look-ups.
 * One keep-alive connection pool per client, bounded retries with jittered
 * exponential backoff on transient failures, typed errors, and zod-checked
 * responses.
 */
import { Agent, request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { resolveAuthMode, signRequest, type WooAuthMode } from './auth';
import { classifyFailure, describeBody, errorCode, looksLikeJson, PERMANENT_NETWORK_CODES } from './classify';
import { WooError, redactUrl } from './errors';
import { orderReader, type WooOrderReader } from './orders';
import { backoffDelayMs, parseRetryAfterMs, sleep } from './retry';
import { wooProductListSchema, wooProductSchema, wooVariationListSchema, type WooProduct, type WooVariation } from './schemas';

/** The subset of pino the client uses; any pino logger fits. */
export interface WooLogger {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface WooClientConfig {
  /** Store home URL, e.g. `https://shop.example` or `https://example.com/shop/` for a subdirectory install. */
  baseUrl: string;
  consumerKey: string;
  consumerSecret: string;
  /** Per attempt, including reading the body. Default 15 s. */
  timeoutMs?: number;
  /**
   * Longest silence while the body streams, once the headers are in: a store (or a proxy in front of it)
   * that sends headers and then stalls is cut off after this, not only when `timeoutMs` runs out. Default 15 s.
   */
  idleTimeoutMs?: number;
  /** Extra attempts after the first on 429, 5xx, timeouts and connection errors. Default 3. */
  retries?: number;
  /** First backoff step; doubles per attempt, with jitter. Default 500 ms. */
  retryBaseMs?: number;
  /** Longest single wait, including a server's Retry-After. Default 30 s. */
  retryMaxMs?: number;
  /**
   * 'auto' (default): Basic over https, OAuth 1.0a over http. 'query' sends the keys as query
   * parameters over https, for hosts that strip the Authorization header. 'oauth' also works over https.
   */
  authMode?: WooAuthMode | 'auto';
  /** Connection pool to use instead of the client's own (tests pass an Agent trusting a self-signed CA). */
  dispatcher?: Dispatcher;
  logger?: WooLogger;
}

export type WooProductOrderBy =
  'date' | 'modified' | 'id' | 'include' | 'title' | 'slug' | 'price' | 'popularity' | 'rating' | 'menu_order';

export interface ListProductsParams {
  page: number;
  /** 1..100, WooCommerce's limit. */
  perPage: number;
  /** publish, draft, private, pending, future or any. WooCommerce's default is any. */
  status?: string;
  /** ISO 8601 in GMT, e.g. 2026-11-25T20:00:00; products modified strictly after it. */
  modifiedAfter?: string;
  orderby?: WooProductOrderBy;
  order?: 'asc' | 'desc';
}

export interface ProductPage {
  products: WooProduct[];
  /** X-WP-Total; null when the header is missing (some caches drop it). */
  total: number | null;
  /** X-WP-TotalPages; null when missing. */
  totalPages: number | null;
}

export interface WooClientStats {
  /** HTTP attempts sent, retries included. */
  requests: number;
  retries: number;
}

export interface WooClient extends WooOrderReader {
  listProducts(params: ListProductsParams): Promise<ProductPage>;
  /** Up to 100 products in one request; missing or deleted ids are simply absent. */
  getProductsByIds(ids: readonly number[]): Promise<WooProduct[]>;
  /** All variations of a variable product, following pagination. */
  listVariations(productId: number): Promise<WooVariation[]>;
  /**
   * The variations of up to 100 products at once, grouped by parent id (every id asked for has an entry),
   * through `GET /variations?parent=…` in pages of 100. WooCommerce added that route in 10.3: an older store
   * answers 404 `rest_no_route`, a WooError of kind 'not_found' (see `isNoRoute`).
   */
  listVariationsOfProducts(productIds: readonly number[]): Promise<Map<number, WooVariation[]>>;
  /** Throws WooError kind 'not_found' when the product does not exist. */
  getProduct(id: number): Promise<WooProduct>;
  stats(): WooClientStats;
  /** Closes the client's own connection pool (not a dispatcher passed in). */
  close(): Promise<void>;
}

export const WOO_MAX_PER_PAGE = 100;

interface RawResponse {
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

type QueryParams = Array<readonly [string, string]>;

function headerValue(headers: RawResponse['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function headerInt(headers: RawResponse['headers'], name: string): number | null {
  const value = headerValue(headers, name);
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value);
}

/** `https://x/shop/` → `https://x/shop/wp-json/wc/v3` (never `?rest_route=`: WooCommerce authenticates only /wp-json/wc/ paths). */
export function restRoot(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.search = '';
  url.hash = '';
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path}/wp-json/wc/v3`;
}

function assertPerPage(perPage: number): void {
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > WOO_MAX_PER_PAGE) {
    throw new RangeError(`perPage must be an integer between 1 and ${WOO_MAX_PER_PAGE}, got ${perPage}`);
  }
}

function assertId(id: number): void {
  if (!Number.isInteger(id) || id <= 0) throw new RangeError(`A WooCommerce id must be a positive integer, got ${id}`);
}

export function createWooClient(config: WooClientConfig): WooClient {
  const root = restRoot(config.baseUrl);
  const authMode = resolveAuthMode(config.authMode, config.baseUrl);
  const credentials = { consumerKey: config.consumerKey, consumerSecret: config.consumerSecret };
  const timeoutMs = config.timeoutMs ?? 15_000;
  const idleTimeoutMs = config.idleTimeoutMs ?? 15_000;
  const retries = config.retries ?? 3;
  const retryBaseMs = config.retryBaseMs ?? 500;
  const retryMaxMs = config.retryMaxMs ?? 30_000;
  const logger = config.logger;
  const ownAgent = config.dispatcher ? null : new Agent({ keepAliveTimeout: 30_000, connections: 16 });
  const dispatcher: Dispatcher = config.dispatcher ?? (ownAgent as Agent);
  const counters: WooClientStats = { requests: 0, retries: 0 };

  async function attempt(path: string, params: QueryParams): Promise<RawResponse> {
    // Signed per attempt: OAuth nonces are single-use, so a retry needs a fresh signature.
    const signed = signRequest('GET', `${root}${path}`, params, credentials, authMode);
    const safeUrl = redactUrl(signed.url);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    counters.requests++;
    try {
      const response = await request(signed.url, {
        method: 'GET',
        headers: { accept: 'application/json', 'user-agent': 'Aisle/0.1 (+WooCommerce REST client)', ...signed.headers },
        dispatcher,
        signal: controller.signal,
        // undici arms this when the headers arrive and restarts it on every chunk of the body.
        bodyTimeout: idleTimeoutMs,
      });
      const bodyText = await response.body.text();
      const contentType = headerValue(response.headers, 'content-type');
      const status = response.statusCode;
      logger?.debug({ url: safeUrl, status }, 'woocommerce request');
      if (status < 200 || status >= 300 || !looksLikeJson(contentType, bodyText)) {
        throw classifyFailure({
          status,
          contentType,
          bodyText,
          url: safeUrl,
          authMode,
          retryAfterMs: parseRetryAfterMs(headerValue(response.headers, 'retry-after')),
        });
      }
      try {
        return { body: JSON.parse(bodyText) as unknown, headers: response.headers };
      } catch (cause) {
        throw new WooError({
          kind: 'not_json',
          status,
          url: safeUrl,
          cause,
          message: `WooCommerce sent a body that claims to be JSON but does not parse (${describeBody(bodyText)}); a plugin may be printing PHP notices into the response.`,
        });
      }
    } catch (error) {
      if (error instanceof WooError) throw error;
      if (controller.signal.aborted) {
        throw new WooError({
          kind: 'timeout',
          url: safeUrl,
          cause: error,
          message: `The store did not answer within ${timeoutMs} ms (${safeUrl}).`,
        });
      }
      const code = errorCode(error);
      if (code === 'UND_ERR_BODY_TIMEOUT') {
        throw new WooError({
          kind: 'timeout',
          url: safeUrl,
          cause: error,
          message: `The store sent the headers, then nothing for ${idleTimeoutMs} ms (${safeUrl}).`,
        });
      }
      const detail = error instanceof Error ? error.message : String(error);
      throw new WooError({
        kind: 'network',
        url: safeUrl,
        cause: error,
        retryable: !(code && PERMANENT_NETWORK_CODES.has(code)),
        message: `Could not reach the store at ${safeUrl}: ${code ? `${code} ` : ''}${detail}`,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  async function get(path: string, params: QueryParams): Promise<RawResponse> {
    for (let attemptNo = 0; ; attemptNo++) {
      try {
        return await attempt(path, params);
      } catch (error) {
        if (!(error instanceof WooError) || !error.retryable || attemptNo >= retries) throw error;
        const backoff = backoffDelayMs(attemptNo, { baseMs: retryBaseMs, maxMs: retryMaxMs });
        const delay = Math.min(retryMaxMs, Math.max(backoff, error.retryAfterMs ?? 0));
        counters.retries++;
        logger?.warn(
          { url: error.url, kind: error.kind, status: error.status, attempt: attemptNo + 1, delayMs: delay },
          'woocommerce request failed, retrying',
        );
        await sleep(delay);
      }
    }
  }

  function parse<S extends z.ZodType>(schema: S, raw: RawResponse, what: string): z.output<S> {
    const result = schema.safeParse(raw.body);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown problem';
    throw new WooError({
      kind: 'invalid_response',
      status: 200,
      cause: result.error,
      message: `WooCommerce answered ${what} in an unexpected shape (${where}, ${result.error.issues.length} problem(s)).`,
    });
  }

  return {
    ...orderReader(get, parse),
    async listProducts(params) {
      assertPerPage(params.perPage);
      if (!Number.isInteger(params.page) || params.page < 1)
        throw new RangeError(`page must be a positive integer, got ${params.page}`);
      const query: QueryParams = [
        ['page', String(params.page)],
        ['per_page', String(params.perPage)],
      ];
      if (params.status) query.push(['status', params.status]);
      if (params.modifiedAfter) query.push(['modified_after', params.modifiedAfter], ['dates_are_gmt', 'true']);
      if (params.orderby) query.push(['orderby', params.orderby]);
      if (params.order) query.push(['order', params.order]);
      const raw = await get('/products', query);
      return {
        products: parse(wooProductListSchema, raw, 'a product list'),
        total: headerInt(raw.headers, 'x-wp-total'),
        totalPages: headerInt(raw.headers, 'x-wp-totalpages'),
      };
    },

    async getProductsByIds(ids) {
      const unique = [...new Set(ids)];
      unique.forEach(assertId);
      if (unique.length === 0) return [];
      assertPerPage(unique.length);
      // per_page must cover the list: WooCommerce's default page size (10) applies to include= too.
      const raw = await get('/products', [
        ['include', unique.join(',')],
        ['per_page', String(unique.length)],
        ['orderby', 'include'],
      ]);
      return parse(wooProductListSchema, raw, 'a product list');
    },

    async listVariations(productId) {
      assertId(productId);
      const all: WooVariation[] = [];
      for (let page = 1; ; page++) {
        const raw = await get(`/products/${productId}/variations`, [
          ['page', String(page)],
          ['per_page', String(WOO_MAX_PER_PAGE)],
        ]);
        const variations = parse(wooVariationListSchema, raw, 'a variation list');
        all.push(...variations);
        const totalPages = headerInt(raw.headers, 'x-wp-totalpages');
        const more = totalPages === null ? variations.length === WOO_MAX_PER_PAGE : page < totalPages;
        if (!more) return all;
      }
    },

    async listVariationsOfProducts(productIds) {
      const parents = [...new Set(productIds)];
      parents.forEach(assertId);
      assertPerPage(Math.max(parents.length, 1));
      const byParent = new Map<number, WooVariation[]>(parents.map((id) => [id, []]));
      if (parents.length === 0) return byParent;
      for (let page = 1; ; page++) {
        // Ordered by ID so pages stay stable while the store is edited.
        const raw = await get('/variations', [
          ['parent', parents.join(',')],
          ['page', String(page)],
          ['per_page', String(WOO_MAX_PER_PAGE)],
          ['orderby', 'id'],
          ['order', 'asc'],
        ]);
        const variations = parse(wooVariationListSchema, raw, 'a variation list');
        for (const variation of variations) byParent.get(variation.parent_id ?? 0)?.push(variation);
        const totalPages = headerInt(raw.headers, 'x-wp-totalpages');
        const more = totalPages === null ? variations.length === WOO_MAX_PER_PAGE : page < totalPages;
        if (!more) return byParent;
      }
    },

    async getProduct(id) {
      assertId(id);
      const raw = await get(`/products/${id}`, []);
      return parse(wooProductSchema, raw, 'a product');
    },

    stats() {
      return { ...counters };
    },

    async close() {
      await ownAgent?.close();
    },
  };
}
