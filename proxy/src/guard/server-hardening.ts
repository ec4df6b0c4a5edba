import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface HardeningOptions {
  /** Time a client has to send the request headers (slowloris). */
  headersTimeoutMs?: number;
  /** Time a client has to send the whole request, body included. */
  requestTimeoutMs?: number;
  /** Idle keep-alive sockets are closed after this. */
  keepAliveTimeoutMs?: number;
}

const BAD_REQUEST = JSON.stringify({ error: { code: 'bad_request', message: 'The request could not be parsed.' } });
const TIMEOUT = JSON.stringify({ error: { code: 'request_timeout', message: 'The request took too long to arrive.' } });

/**
 * Node-level protections Express never sees: deadlines for slow headers and
 * bodies, and a JSON answer (instead of a bare line) for requests the HTTP
 * parser rejects: malformed request lines, header injection, oversized headers.
 */
export function hardenServer(server: Server, options: HardeningOptions = {}): void {
  server.headersTimeout = options.headersTimeoutMs ?? 20_000;
  server.requestTimeout = options.requestTimeoutMs ?? 30_000;
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 5_000;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (!socket.writable || inFlight?.headersSent) {
      // An answer to an earlier request on this socket is on its way: let it flush, then close.
      socket.end();
      setTimeout(() => socket.destroy(), 1000).unref();
      return;
    }
    const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    const body = timedOut ? TIMEOUT : BAD_REQUEST;
    const status = timedOut
      ? '408 Request Timeout'
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? '431 Request Header Fields Too Large'
        : '400 Bad Request';
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
