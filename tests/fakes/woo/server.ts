/**
 * A fake WooCommerce store on 127.0.0.1 that answers like the captured real
 * one: wc/v3 products, variations and categories behind WooCommerce's real
 * authentication rules, the public Store API cart, and injectable faults
 * (status codes, HTML pages, hangs, dropped connections, missing pagination headers).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { generate } from 'selfsigned';
import { authenticate, type AuthMethod, type KeyStore } from './auth';
import { handleOrders, type RawWooOrder } from './orders';
import { handleRest, noRoute } from './rest-routes';
import { buildStoreData, type StoreData } from './state';
import { createStoreApiState, handleStoreApi } from './store-api';
import type { RawWooCategory, RawWooProduct, RawWooVariation } from './types';
import { authErrorHeaders, json, wpError, type FakeResponse } from './wp-response';
import { buildCatalog } from './catalog';

export interface FakeWooOptions {
  products?: RawWooProduct[];
  variations?: Record<number, RawWooVariation[]>;
  categories?: RawWooCategory[];
  https?: boolean;
  consumerKey?: string;
  consumerSecret?: string;
  /** Delay before every answer. */
  latencyMs?: number;
  /** WordPress installed in a subdirectory, e.g. '/shop'. */
  pathPrefix?: string;
  /** Clock for OAuth timestamp checks (seconds). */
  nowSeconds?: () => number;
  /** false: a WooCommerce before 10.3, without `GET /wc/v3/variations` (answers 404 rest_no_route). */
  variationsRoute?: boolean;
  /** Orders for `GET /wc/v3/orders` (see orders.ts `buildOrder`). */
  orders?: RawWooOrder[];
}

export interface FaultMatch {
  /** Substring of the request path. */
  path?: string;
  /** Only requests for this `page` query value. */
  page?: number;
  /** Let this many matching requests through first (a fault in the middle of a run). */
  skip?: number;
}

interface FaultBase {
  /** How many matching requests it affects; default 1. */
  times?: number;
  match?: FaultMatch;
}

export type FakeFault = FaultBase &
  (
    | { type: 'status'; status: number; body?: unknown; headers?: Record<string, string>; retryAfter?: string }
    | { type: 'html'; status?: number }
    | { type: 'hang' }
    /** Send the status line and headers, and a first byte of the body, then nothing. */
    | { type: 'stall-body' }
    /** Answer normally, but send the body in five parts `delayMs` apart (slow, yet never silent for long). */
    | { type: 'trickle'; delayMs: number }
    | { type: 'reset' }
    /** Answer normally but without X-WP-TotalPages (and X-WP-Total when `total` is true), as some caches do. */
    | { type: 'drop-pagination'; total?: boolean }
  );

export interface FakeRequestLog {
  method: string;
  /** Path as sent, without the query. */
  path: string;
  query: Record<string, string>;
  auth: AuthMethod;
  status: number | null;
  /** Server-side id of the TCP connection that carried it. */
  connection: number;
  fault: FakeFault['type'] | null;
}

export interface FakeWoo {
  /** Home URL, e.g. https://127.0.0.1:41234 (or …/shop with pathPrefix). */
  url: string;
  /** PEM of the self-signed certificate (its own CA) when https; null otherwise. */
  ca: string | null;
  consumerKey: string;
  consumerSecret: string;
  requests: FakeRequestLog[];
  /** TCP connections accepted so far. */
  connections(): number;
  setProducts(products: RawWooProduct[], variations?: Record<number, RawWooVariation[]>): void;
  setOrders(orders: RawWooOrder[]): void;
  failNext(fault: FakeFault): void;
  /** Forget faults not yet triggered. */
  clearFaults(): void;
  /** The Store API nonce a guest would get. */
  storeNonce(): string;
  close(): Promise<void>;
}

const DEFAULT_KEY = 'ck_0123456789abcdef0123456789abcdef01234567';
const DEFAULT_SECRET = 'cs_76543210fedcba9876543210fedcba9876543210';

/** A page a security or caching plugin serves instead of WordPress's JSON. */
export const HTML_BLOCK_PAGE =
  '<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8"><title>Just a moment...</title></head>' +
  '<body><h1>Checking your browser before accessing the site.</h1><p>This process is automatic.</p></body></html>';

const THEME_404_PAGE =
  '<!DOCTYPE html><html lang="he-IL" dir="rtl"><head><meta charset="UTF-8"><title>העמוד לא נמצא &#8211; חנות חיות</title></head>' +
  '<body class="error404"><h1>אופס! העמוד לא נמצא.</h1></body></html>';

let certificate: Promise<{ key: string; cert: string }> | null = null;

/** One certificate per test process: EC keys are quick, but there is no need to make several. */
function selfSignedCertificate(): Promise<{ key: string; cert: string }> {
  certificate ??= generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return certificate;
}

function defaultStatusBody(status: number): unknown {
  if (status === 429) return wpError('rate_limit_exceeded', 'Too many requests. Please wait and try again.', 429);
  if (status >= 500) {
    return {
      ...wpError('internal_server_error', '<p>There has been a critical error on this website.</p>', status),
      additional_errors: [],
    };
  }
  return wpError('fake_error', `Injected HTTP ${status}.`, status);
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return Object.fromEntries(new URLSearchParams(text));
  }
}

export async function startFakeWoo(options: FakeWooOptions = {}): Promise<FakeWoo> {
  const useHttps = options.https ?? false;
  const prefix = (options.pathPrefix ?? '').replace(/\/+$/, '');
  const consumerKey = options.consumerKey ?? DEFAULT_KEY;
  const consumerSecret = options.consumerSecret ?? DEFAULT_SECRET;
  const keys: KeyStore = {
    consumerKey,
    consumerSecret,
    usedNonces: new Map(),
    nowSeconds: options.nowSeconds ?? (() => Math.floor(Date.now() / 1000)),
  };
  const fallback = options.products ? null : buildCatalog(30);
  let data: StoreData = buildStoreData(
    options.products ?? fallback?.products ?? [],
    options.variations ?? fallback?.variations ?? {},
    options.categories ?? buildCatalog(0).categories,
  );
  const storeApi = createStoreApiState();
  let orders: RawWooOrder[] = options.orders ?? [];
  const faults: Array<FakeFault & { remaining: number; skipped: number }> = [];
  const requests: FakeRequestLog[] = [];
  const sockets = new Map<Socket, number>();
  let connectionCount = 0;

  function takeFault(path: string, query: URLSearchParams): FakeFault | null {
    const index = faults.findIndex((f) => {
      if (f.match?.path !== undefined && !path.includes(f.match.path)) return false;
      if (f.match?.page !== undefined && query.get('page') !== String(f.match.page)) return false;
      if (f.skipped < (f.match?.skip ?? 0)) {
        f.skipped++;
        return false;
      }
      return true;
    });
    if (index < 0) return null;
    const fault = faults[index] as FakeFault & { remaining: number; skipped: number };
    fault.remaining--;
    if (fault.remaining <= 0) faults.splice(index, 1);
    return fault;
  }

  async function route(
    req: http.IncomingMessage,
    url: URL,
    origin: string,
    body: unknown,
    log: FakeRequestLog,
  ): Promise<FakeResponse> {
    const query = new Map<string, string>();
    for (const [k, v] of url.searchParams) query.set(k, v);
    const fullPath = url.pathname;
    if (prefix && !fullPath.startsWith(`${prefix}/`) && fullPath !== prefix) {
      return { status: 404, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: THEME_404_PAGE };
    }
    const path = fullPath.slice(prefix.length) || '/';
    const authorization = req.headers.authorization;
    const auth = authenticate(
      { method: req.method ?? 'GET', https: useHttps, host: req.headers.host ?? '', rawPath: fullPath, query, authorization },
      keys,
    );

    // ?rest_route= skips WooCommerce's authentication; WordPress core then tries the keys as an application password.
    const restRoute = query.get('rest_route');
    if (restRoute !== undefined && !path.startsWith('/wp-json/')) {
      log.auth = authorization?.startsWith('Basic ') ? 'basic' : 'none';
      if (useHttps && authorization?.startsWith('Basic ')) {
        return json(
          401,
          authErrorHeaders(origin),
          wpError('invalid_username', '<strong>Error:</strong> Unknown username. Check again or try your email address.', 401),
        );
      }
      if (restRoute.startsWith('/wc/v3/')) {
        return json(
          401,
          authErrorHeaders(origin),
          wpError('woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.', 401),
        );
      }
      return noRoute(origin);
    }
    if (!path.startsWith('/wp-json/')) {
      return { status: 404, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: THEME_404_PAGE };
    }
    log.auth = auth.method;
    if (path.startsWith('/wp-json/wc/') && auth.error) return json(auth.error.data.status, authErrorHeaders(origin), auth.error);

    if (path.startsWith('/wp-json/wc/store/v1/')) {
      const answer = handleStoreApi(
        { method: req.method ?? 'GET', origin, path, query, headers: req.headers, body },
        data,
        storeApi,
      );
      return answer ?? noRoute(origin);
    }
    if (path === '/wp-json/wc/v3/variations' && options.variationsRoute === false) return noRoute(origin);
    if (path.startsWith('/wp-json/wc/v3/') && req.method === 'GET') {
      const queryPairs = [...url.searchParams] as Array<[string, string]>;
      if (path.startsWith('/wp-json/wc/v3/orders')) {
        const answer = handleOrders({ origin, path, query, queryPairs, auth }, orders);
        if (answer) return answer;
      }
      return handleRest({ origin, path, query, queryPairs, auth }, data);
    }
    return noRoute(origin);
  }

  async function onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const scheme = useHttps ? 'https' : 'http';
    const url = new URL(req.url ?? '/', `${scheme}://${req.headers.host ?? '127.0.0.1'}`);
    const origin = `${scheme}://${req.headers.host ?? '127.0.0.1'}${prefix}`;
    const log: FakeRequestLog = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      auth: 'none',
      status: null,
      connection: sockets.get(req.socket) ?? -1,
      fault: null,
    };
    requests.push(log);
    const body = await readBody(req);
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));

    const fault = takeFault(url.pathname, url.searchParams);
    log.fault = fault?.type ?? null;
    if (fault?.type === 'hang') return; // Never answer; close() destroys the socket.
    if (fault?.type === 'stall-body') {
      log.status = 200;
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      res.write('[');
      return; // close() destroys the socket.
    }
    if (fault?.type === 'reset') {
      req.socket.destroy();
      return;
    }
    let answer: FakeResponse;
    if (fault?.type === 'status') {
      const headers: Record<string, string> = { 'content-type': 'application/json; charset=UTF-8', ...fault.headers };
      if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
      answer = json(fault.status, headers, fault.body ?? defaultStatusBody(fault.status));
    } else if (fault?.type === 'html') {
      answer = { status: fault.status ?? 200, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: HTML_BLOCK_PAGE };
    } else {
      answer = await route(req, url, origin, body, log);
      if (fault?.type === 'drop-pagination') {
        delete answer.headers['x-wp-totalpages'];
        if (fault.total) delete answer.headers['x-wp-total'];
      }
    }
    log.status = answer.status;
    res.statusCode = answer.status;
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    if (answer.setCookies) res.setHeader('set-cookie', answer.setCookies);
    if (fault?.type === 'trickle') {
      const body = Buffer.from(answer.body);
      res.flushHeaders();
      const part = Math.ceil(body.length / 5);
      for (let i = 0; i < 5; i++) {
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        res.write(body.subarray(i * part, (i + 1) * part));
      }
    }
    res.end(fault?.type === 'trickle' ? undefined : answer.body);
  }

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    onRequest(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  };
  const server = useHttps ? https.createServer({ ...(await selfSignedCertificate()) }, handler) : http.createServer(handler);
  server.keepAliveTimeout = 30_000;
  server.on('connection', (socket: Socket) => {
    sockets.set(socket, ++connectionCount);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const ca = useHttps ? (await selfSignedCertificate()).cert : null;

  return {
    url: `${useHttps ? 'https' : 'http'}://127.0.0.1:${port}${prefix}`,
    ca,
    consumerKey,
    consumerSecret,
    requests,
    connections: () => connectionCount,
    setProducts(products, variations = {}) {
      data = buildStoreData(products, variations, data.categories);
    },
    setOrders(list) {
      orders = list;
    },
    failNext(fault) {
      faults.push({ ...fault, remaining: fault.times ?? 1, skipped: 0 });
    },
    clearFaults() {
      faults.length = 0;
    },
    storeNonce: () => storeApi.nonce,
    async close() {
      server.closeAllConnections();
      for (const socket of sockets.keys()) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Random-looking keys in WooCommerce's format, for tests that need a second key pair. */
export function randomWooKeys(): { consumerKey: string; consumerSecret: string } {
  return { consumerKey: `ck_${randomBytes(20).toString('hex')}`, consumerSecret: `cs_${randomBytes(20).toString('hex')}` };
}
