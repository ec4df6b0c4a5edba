import express, { type RequestHandler } from 'express';
import { ApiError } from '../http/errors';
import { verifyAdminRequest, type AdminVerifierDeps } from './signature';

/** Set on `res.locals` by `requireAdminSignature` once a request is verified. */
export interface AdminLocals {
  adminSite: string;
}

/** Where the signed admin API lives: the app's JSON parser keeps the raw bytes only for these requests. */
export const SIGNED_API_PATH = '/api/admin';

/** Whether a request URL is under SIGNED_API_PATH, as Express mounts it (`/api/admin`, `/api/admin/…`). */
export function isSignedApiUrl(url: string | undefined): boolean {
  // Express matches routes case-insensitively.
  const path = (url ?? '').split('?')[0]!.toLowerCase();
  return path === SIGNED_API_PATH || path.startsWith(`${SIGNED_API_PATH}/`);
}

type RawBodyRequest = express.Request & { rawBody?: unknown };

/**
 * Reads the raw body (the signature covers its exact bytes), verifies the request
 * and only then parses the JSON. Mount before any app-wide JSON parser, or have that
 * parser keep the bytes in `req.rawBody` (its `verify` option).
 */
export function requireAdminSignature(deps: AdminVerifierDeps & { maxBodyBytes?: number }): RequestHandler[] {
  const readRaw = express.raw({ type: () => true, limit: deps.maxBodyBytes ?? 65536 });
  const verify: RequestHandler = async (req: RawBodyRequest, res, next) => {
    let body: Buffer;
    if (Buffer.isBuffer(req.rawBody)) body = req.rawBody;
    else if (Buffer.isBuffer(req.body)) body = req.body;
    else if (req.body === undefined || (typeof req.body === 'object' && Object.keys(req.body ?? {}).length === 0)) {
      body = Buffer.alloc(0);
    } else {
      // A parser ran first and threw the bytes away: the signature cannot be checked.
      throw new ApiError(500, 'internal', 'The admin API is mounted after a body parser; mount it first.');
    }
    const result = await verifyAdminRequest({ method: req.method, path: req.originalUrl, headers: req.headers, body }, deps);
    if (!result.ok) throw new ApiError(401, result.error.code, result.error.message);
    (res.locals as AdminLocals).adminSite = result.site;
    if (body.length === 0) req.body = undefined;
    else {
      try {
        req.body = JSON.parse(body.toString('utf8')) as unknown;
      } catch {
        throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
      }
    }
    next();
  };
  return [readRaw, verify];
}
