import { composeAisle, DEFAULT_TENANT, listen } from './app/compose';
import { ConfigError, loadConfig } from './config/load';
import { shutdownGracefully } from './maintenance/shutdown';

/** `npm start`: validate the environment, wire the proxy, listen, and shut down gracefully. */
async function main() {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Aisle cannot start. ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const aisle = await composeAisle(config);
  const server = await listen(aisle, config.PORT, config.HOST);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  aisle.logger.info(
    { port, store: aisle.store.kind, sessions: aisle.sessionsRequired ? 'required' : 'open', demo: Boolean(aisle.demo) },
    `Aisle proxy listening on http://localhost:${port}`,
  );

  // Check the configured model now, so a retired one shows in health before the first shopper arrives.
  void aisle.runtimes
    .forTenant(DEFAULT_TENANT)
    .then((runtime) => runtime.model?.activeModel())
    .catch(() => undefined);

  const graceMs = config.AISLE_SHUTDOWN_GRACE_MS;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    aisle.logger.info({ signal, graceMs }, 'shutting down');
    // A last resort: exit even if something refuses to close.
    setTimeout(() => process.exit(0), graceMs + 5000).unref();
    void shutdownGracefully({ server, app: aisle.app, logger: aisle.logger, graceMs, close: () => aisle.close() }).finally(() =>
      process.exit(0),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
