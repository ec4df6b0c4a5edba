import net from 'node:net';

export interface TcpRelay {
  /** `host:port` to use instead of the target's. */
  port: number;
  /** TCP connections accepted so far (for keep-alive measurements). */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A TCP relay on 127.0.0.1 in front of a server, so a benchmark can count the
 * connections a client opens and see when upstream bytes leave for the client
 * (`onUpstreamChunk` runs as each chunk arrives from the target, before it is forwarded).
 */
export async function startTcpRelay(
  targetPort: number,
  options: { onUpstreamChunk?: (chunk: Buffer, at: number) => void; onClientChunk?: (chunk: Buffer, at: number) => void } = {},
): Promise<TcpRelay> {
  let accepted = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    accepted += 1;
    client.setNoDelay(true);
    const upstream = net.connect(targetPort, '127.0.0.1');
    upstream.setNoDelay(true);
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => {
      options.onClientChunk?.(chunk, performance.now());
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      options.onUpstreamChunk?.(chunk, performance.now());
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
