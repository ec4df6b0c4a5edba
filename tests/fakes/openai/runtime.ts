/** Shared internals of one fake server instance, handed to every route. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { validateResponseBody } from '../../helpers/openapi-spec';
import { IdFactory } from './ids';
import type { ParsedMultipart } from './http';
import { clearState, createState, type FakeState, type Json } from './state';
import type {
  FakeOperation,
  HttpFailure,
  RecordedRequest,
  ResponseScript,
  StartFakeOpenAIOptions,
  VectorStoreFileOutcome,
} from './types';
import { defaultProductIdsFor } from './responses/brain';

export interface RouteRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON body ({} when none). */
  body: Json;
  multipart: ParsedMultipart | undefined;
  req: IncomingMessage;
  res: ServerResponse;
  record: RecordedRequest;
  requestId: string;
}

export type RouteResult =
  | { status?: number; json: unknown; headers?: Record<string, string> }
  | { status?: number; raw: Buffer | string; contentType: string }
  /** The route wrote the answer itself (SSE). */
  | { streamed: true };

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path after /v1, in the spec's template syntax. */
  template: string;
  operation: FakeOperation;
  handle(runtime: FakeRuntime, request: RouteRequest): Promise<RouteResult> | RouteResult;
}

export type ResolvedOptions = Required<Omit<StartFakeOpenAIOptions, 'apiKey'>> & { apiKey: string | undefined };

export function resolveOptions(options: StartFakeOpenAIOptions = {}): ResolvedOptions {
  return {
    apiKey: options.apiKey,
    productIdsFor: options.productIdsFor ?? defaultProductIdsFor,
    tokenDelayMs: options.tokenDelayMs ?? 0,
    firstTokenDelayMs: options.firstTokenDelayMs ?? 0,
    vectorStorePollsUntilDone: options.vectorStorePollsUntilDone ?? 1,
    pollAfterMs: options.pollAfterMs ?? 10,
    emitReasoning: options.emitReasoning ?? true,
    validateResponses: options.validateResponses ?? false,
  };
}

export class FakeRuntime {
  readonly state: FakeState = createState();
  readonly ids = new IdFactory();
  readonly requests: RecordedRequest[] = [];
  readonly specViolations: string[] = [];
  readonly responseViolations: string[] = [];
  readonly scripts: ResponseScript[] = [];
  readonly httpFailures = new Map<FakeOperation, HttpFailure[]>();
  readonly vectorStoreFileOutcomes: VectorStoreFileOutcome[] = [];
  /** Every item a response saw plus its output, for previous_response_id chains. */
  readonly responseContexts = new Map<string, Json[]>();
  openStreams = 0;
  abortedStreams = 0;

  constructor(readonly options: ResolvedOptions) {}

  takeHttpFailure(operation: FakeOperation): HttpFailure | undefined {
    const queue = this.httpFailures.get(operation);
    return queue?.shift();
  }

  /** Validates the fake's own output when `validateResponses` is on. */
  checkResponse(method: string, path: string, status: number, body: unknown, contentType = 'application/json'): void {
    if (!this.options.validateResponses) return;
    const check = validateResponseBody(method, path, status, body, contentType);
    if (!check.valid) {
      const label = contentType === 'text/event-stream' ? ` event ${String((body as Json).type)}` : '';
      this.responseViolations.push(`${method} ${path} ${status}${label}: ${check.errors.join('; ')}`);
    }
  }

  reset(options: { keepCatalog?: boolean } = {}): void {
    clearState(this.state, options);
    // Kept files and vector stores hold IDs from the counters: restarting them would hand out the same IDs again.
    if (!options.keepCatalog) this.ids.reset();
    this.requests.length = 0;
    this.specViolations.length = 0;
    this.responseViolations.length = 0;
    this.scripts.length = 0;
    this.httpFailures.clear();
    this.vectorStoreFileOutcomes.length = 0;
    this.responseContexts.clear();
    this.abortedStreams = 0;
  }
}
