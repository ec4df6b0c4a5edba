/**
 * A faithful fake of the OpenAI API for tests: a real HTTP server on 127.0.0.1 that the
 * real `openai` SDK talks to through `baseURL`. See README.md in this folder.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeRuntime, resolveOptions } from './runtime';
import { handleRequest } from './server';
import type { FakeOpenAI, FakeOperation, HttpFailure, StartFakeOpenAIOptions, VectorStoreFileOutcome } from './types';

export type * from './types';
export type { FakeState, StoredConversation, StoredFile, StoredVectorStore } from './state';
export { BRAIN_TEXTS, defaultProductIdsFor } from './responses/brain';
export { MODERATION_FLAG_MARKER } from './routes/moderations';
export { FAKE_MODELS } from './models';

export async function startFakeOpenAI(options: StartFakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const runtime = new FakeRuntime(resolveOptions(options));
  const server = createServer((req, res) => {
    handleRequest(runtime, req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  function failNext(
    operation: FakeOperation | 'vector_store_file',
    failure: HttpFailure | VectorStoreFileOutcome,
    times = 1,
  ): void {
    for (let i = 0; i < times; i += 1) {
      if (operation === 'vector_store_file') runtime.vectorStoreFileOutcomes.push(failure as VectorStoreFileOutcome);
      else {
        const queue = runtime.httpFailures.get(operation) ?? [];
        queue.push(failure as HttpFailure);
        runtime.httpFailures.set(operation, queue);
      }
    }
  }

  return {
    url,
    baseURL: `${url}/v1`,
    requests: runtime.requests,
    specViolations: runtime.specViolations,
    responseViolations: runtime.responseViolations,
    state: runtime.state,
    enqueue: (...scripts) => {
      runtime.scripts.push(...scripts);
    },
    failNext: failNext as FakeOpenAI['failNext'],
    openStreams: () => runtime.openStreams,
    abortedStreams: () => runtime.abortedStreams,
    reset: (options) => runtime.reset(options),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
