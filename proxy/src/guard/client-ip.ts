import { BlockList, isIP } from 'node:net';
import type { Request } from 'express';

/**
 * The shopper's address for per-IP limits. `X-Forwarded-For` is honoured only
 * through proxies we were told to trust: walking the chain from the right, the
 * first hop that is not a trusted proxy is the client. A shopper can put
 * anything on the left of that header, so an untrusted peer's header is ignored.
 *
 * `trustedProxies` holds addresses or CIDR ranges (`10.0.0.0/8`, `::1`), plus the
 * shortcuts `loopback` and `private`.
 */
export type ClientIpResolver = (req: Pick<Request, 'headers' | 'socket'>) => string;

const SHORTCUTS: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', '169.254.0.0/16', 'fe80::/10'],
};

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client. */
export function normalizeIp(raw: string): string {
  const ip = raw.trim().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return (mapped ? mapped[1]! : ip).toLowerCase();
}

export class TrustedProxyConfigError extends Error {
  constructor(entry: string) {
    super(`Not an IP address or CIDR range: ${JSON.stringify(entry)}`);
    this.name = 'TrustedProxyConfigError';
  }
}

function buildBlockList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const raw of entries.flatMap((e) => SHORTCUTS[e.trim().toLowerCase()] ?? [e])) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address = '', bits] = entry.split('/');
    const ip = normalizeIp(address);
    const family = isIP(ip);
    if (!family) throw new TrustedProxyConfigError(entry);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(ip, type);
    else {
      const prefix = Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) throw new TrustedProxyConfigError(entry);
      list.addSubnet(ip, prefix, type);
    }
  }
  return list;
}

export function createClientIpResolver(options: { trustedProxies?: readonly string[] } = {}): ClientIpResolver {
  const trusted = buildBlockList(options.trustedProxies ?? []);
  const isTrusted = (ip: string) => {
    const family = isIP(ip);
    return family !== 0 && trusted.check(ip, family === 6 ? 'ipv6' : 'ipv4');
  };
  return (req) => {
    const peer = normalizeIp(req.socket.remoteAddress ?? 'unknown');
    if (!isTrusted(peer)) return peer;
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map(normalizeIp).filter(Boolean);
    let client = peer;
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i]!;
      // A hop that is not an address is forged or broken: stop at the last trustworthy one.
      if (!isIP(hop)) break;
      client = hop;
      if (!isTrusted(hop)) break;
    }
    return client;
  };
}
