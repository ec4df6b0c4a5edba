import type { Request } from 'express';
import { DEFAULT_TENANT } from '../tenants/default';
import { ApiError } from '../http/errors';
import { normalizeSiteId, type SecretForSite } from '../session/secrets';
import { bearerToken, verifySessionToken } from '../session/token';
import type { Shopper } from './types';

/**
 * Who is asking. With a connection secret configured, every chat request must
 * carry a valid shopper session token from the WordPress plugin, and threads are
 * bound to its session. Without one (local development, the demo) the proxy is
 * open, says so at start and in health, and everyone is the same anonymous shopper.
 */
export function createShopperResolver(options: {
  required: boolean;
  secretForSite: SecretForSite;
  expectedSite?: string;
  /** The shopper's IP (guard/client-ip.ts), for tools with per-IP limits. */
  clientIp?: (req: Request) => string;
}) {
  return async function resolveShopper(req: Request): Promise<Shopper> {
    const ip = options.clientIp ? { ip: options.clientIp(req) } : {};
    if (!options.required) return { owner: 'anonymous', tenant: DEFAULT_TENANT, ...ip };
    const token = bearerToken(req.headers.authorization);
    if (!token) throw new ApiError(401, 'session_required', 'A shopper session is required. Reload the page to start one.');
    const result = verifySessionToken(token, {
      secretForSite: options.secretForSite,
      ...(options.expectedSite ? { expectedSite: options.expectedSite } : {}),
    });
    if (!result.ok) {
      const expired = result.error.code === 'expired';
      throw new ApiError(
        401,
        expired ? 'session_expired' : 'invalid_session',
        expired ? 'The shopper session has expired. Fetch a new one.' : 'The shopper session is not valid.',
      );
    }
    return {
      owner: result.session.sessionId,
      tenant: normalizeSiteId(result.session.site),
      ...(result.session.userId ? { userId: result.session.userId } : {}),
      ...ip,
    };
  };
}
