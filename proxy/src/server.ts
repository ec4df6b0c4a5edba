import { composeAisle, DEFAULT_TENANT, listen } from './app/compose';
import { ConfigError, loadConfig } from './config/load';

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
  aisle.logger.info({ port, store: aisle.store.kind, sessions: aisle.sessionsRequired ? 'required' : 'open', demo: Boolean(aisle.demo) }, `Aisle proxy listening on http://localhost:${port}`);

  // Check the configured model now, so a retired one shows in health before the first shopper arrives.
  void aisle.runtimes
    .forTenant(DEFAULT_TENANT)
    .then((runtime) => runtime.model?.activeModel())
    .catch(() => undefined);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    aisle.logger.info({ signal }, 'shutting down');
    server.close(() => {
      void aisle.close().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
