/** The request pipeline: record, route, authenticate, scripted failures, spec check, handle, answer. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchSegments, missingRootProperties, validateRequestBody } from '../../helpers/openapi-spec';
import { FakeHttpError, authError, defaultErrorBody, missingParameter, unknownRoute } from './errors';
import {
  commonHeaders,
  lowerCaseHeaders,
  parseJsonBody,
  parseMultipart,
  readBody,
  sendJson,
  sendRaw,
  type ParsedMultipart,
} from './http';
import type { FakeRuntime, Route, RouteRequest, RouteResult } from './runtime';
import type { Json } from './state';
import type { RecordedRequest } from './types';
import { conversationRoutes } from './routes/conversations';
import { fileRoutes } from './routes/files';
import { modelRoutes } from './routes/models';
import { moderationRoutes } from './routes/moderations';
import { responseRoutes } from './routes/responses';
import { vectorStoreRoutes } from './routes/vector-stores';

const ROUTES: Route[] = [
  ...responseRoutes,
  ...conversationRoutes,
  ...fileRoutes,
  ...vectorStoreRoutes,
  ...modelRoutes,
  ...moderationRoutes,
];
const ROUTE_SEGMENTS = new Map(ROUTES.map((route) => [route, route.template.split('/').filter(Boolean)]));

function findRoute(method: string, apiPath: string): { route: Route; params: Record<string, string> } | undefined {
  const actual = apiPath.split('/').filter(Boolean);
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const params = matchSegments(ROUTE_SEGMENTS.get(route) ?? [], actual);
    if (params) return { route, params };
  }
  return undefined;
}

function bearerKey(authorization: string | undefined): string | undefined {
  const match = authorization?.match(/^Bearer\s+(.+)$/i);
  return match?.[1]?.trim();
}

function checkAuth(runtime: FakeRuntime, authorization: string | undefined): void {
  const key = bearerKey(authorization);
  if (!key) throw authError(undefined);
  if (runtime.options.apiKey !== undefined && key !== runtime.options.apiKey) throw authError(key);
}

/** Records spec failures; answers 400 for a missing root-level required property, like the API. */
function checkRequestAgainstSpec(runtime: FakeRuntime, method: string, path: string, body: unknown, contentType: string): void {
  const check = validateRequestBody(method, path, body, contentType);
  if (check.valid) return;
  runtime.specViolations.push(`${method} ${path}: ${check.errors.join('; ')}`);
  const missing = missingRootProperties(check)[0];
  if (missing) throw missingParameter(missing);
}

function answer(runtime: FakeRuntime, request: RouteRequest, result: RouteResult): void {
  if ('streamed' in result) return;
  const status = result.status ?? 200;
  request.record.status = status;
  const headers = commonHeaders(request.requestId);
  if ('raw' in result) {
    sendRaw(request.res, status, result.raw, result.contentType, headers);
    return;
  }
  runtime.checkResponse(request.method, request.path, status, result.json);
  sendJson(request.res, status, result.json, { ...headers, ...(result.headers ?? {}) });
}

async function parseBody(
  raw: Buffer,
  contentType: string,
): Promise<{ body: Json; multipart: ParsedMultipart | undefined; recorded: unknown }> {
  if (raw.length === 0) return { body: {}, multipart: undefined, recorded: undefined };
  if (contentType.startsWith('multipart/form-data')) {
    const multipart = await parseMultipart(raw, contentType);
    const recorded: Json = { ...multipart.fields };
    for (const file of multipart.files) recorded[file.field] = file.filename;
    return { body: recorded, multipart, recorded };
  }
  const parsed = parseJsonBody(raw);
  const body = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Json) : {};
  return { body, multipart: undefined, recorded: parsed };
}

export async function handleRequest(runtime: FakeRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = (req.method ?? 'GET').toUpperCase();
  const headers = lowerCaseHeaders(req);
  const record: RecordedRequest = {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    authorization: headers.authorization,
    body: undefined,
    status: 0,
  };
  runtime.requests.push(record);
  const requestId = runtime.ids.next('req_');
  const raw = await readBody(req);
  const request: RouteRequest = {
    method,
    path: url.pathname,
    params: {},
    query: record.query,
    headers,
    body: {},
    multipart: undefined,
    req,
    res,
    record,
    requestId,
  };
  try {
    const contentType = headers['content-type'] ?? '';
    const parsed = await parseBody(raw, contentType);
    record.body = parsed.recorded;
    request.body = parsed.body;
    request.multipart = parsed.multipart;
    if (parsed.multipart) {
      record.multipart = {
        fields: parsed.multipart.fields,
        files: parsed.multipart.files.map((f) => ({
          field: f.field,
          filename: f.filename,
          contentType: f.contentType,
          bytes: f.content.length,
        })),
      };
    }

    const apiPath = url.pathname.startsWith('/v1/') ? url.pathname.slice(3) : undefined;
    const found = apiPath ? findRoute(method, apiPath) : undefined;
    if (!found) throw unknownRoute(method, url.pathname);
    request.params = found.params;
    checkAuth(runtime, record.authorization);

    const failure = runtime.takeHttpFailure(found.route.operation);
    if (failure) {
      answer(runtime, request, {
        status: failure.status,
        json: failure.body ?? defaultErrorBody(failure.status),
        headers: failure.headers ?? {},
      });
      return;
    }
    if (raw.length > 0) {
      const specContentType = parsed.multipart ? 'multipart/form-data' : 'application/json';
      checkRequestAgainstSpec(runtime, method, url.pathname, parsed.body, specContentType);
    }
    answer(runtime, request, await found.route.handle(runtime, request));
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const httpError =
      error instanceof FakeHttpError
        ? error
        : new FakeHttpError(500, {
            message: `Fake OpenAI bug: ${(error as Error).message}`,
            type: 'server_error',
            param: null,
            code: null,
          });
    answer(runtime, request, { status: httpError.status, json: httpError.envelope(), headers: httpError.headers });
  }
}
