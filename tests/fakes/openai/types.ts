/** Public types of the fake OpenAI server. See README.md in this folder for usage. */
import type { FakeState } from './state';

export interface StartFakeOpenAIOptions {
  /** When set, any other Bearer key gets the real 401 `invalid_api_key` envelope. */
  apiKey?: string;
  /** Product IDs the default brain "finds" for a shopper's text; [] means "just chat". */
  productIdsFor?: (text: string) => number[];
  /** Delay between streamed delta events (ms). Default 0. */
  tokenDelayMs?: number;
  /** Delay before the first streamed delta event, and before a non-streamed answer (ms). Default 0. */
  firstTokenDelayMs?: number;
  /** GETs of a vector-store file that still answer `in_progress` before it is `completed`. Default 1. */
  vectorStorePollsUntilDone?: number;
  /** Value of the `openai-poll-after-ms` header on in-progress vector-store files. Default 10. */
  pollAfterMs?: number;
  /** Emit a `reasoning` output item first, as reasoning models (gpt-6-luna) do. Default true. */
  emitReasoning?: boolean;
  /** Validate every JSON response and SSE event the fake sends; failures go to `responseViolations`. Default false. */
  validateResponses?: boolean;
}

export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  bytes: number;
}

export interface RecordedRequest {
  method: string;
  /** Path without query, e.g. "/v1/responses". */
  path: string;
  query: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  authorization: string | undefined;
  /** Parsed JSON body; for multipart the text fields plus file names (`{ purpose, file: "a.jsonl" }`). */
  body: unknown;
  multipart?: { fields: Record<string, string>; files: RecordedFile[] };
  /** Status the fake answered (0 while a stream is still open or when the socket was cut). */
  status: number;
}

/** Output for a scripted POST /v1/responses: what the "model" produces. */
export type OutputScript =
  /** An assistant message, streamed in `chunks` deltas (default: split on spaces). */
  | { kind: 'text'; text: string; chunks?: string[] }
  /** Any function call, e.g. `show_products` with 10,000 IDs or with strings. */
  | {
      kind: 'function_call';
      name: string;
      arguments: string;
      callId?: string;
      withFileSearch?: boolean;
      /** An assistant message streamed before the call, as models often write ("Here are some options:"). */
      leadingText?: string;
    }
  /**
   * Raw stream events, sent as-is except that a missing `sequence_number` is filled in.
   * A function gets the request context, e.g. to build a matching `response` object.
   * Non-streamed: an `error` event becomes HTTP 500 with its error; otherwise the last
   * event's `response` is the body.
   */
  | { kind: 'events'; events: object[] | ((ctx: ScriptContext) => object[]); delayMs?: number }
  /**
   * The recorded live failure: response.created, response.in_progress, optional text deltas,
   * `error` (nested error object, like the live API), then `response.failed`.
   */
  | { kind: 'stream_error'; code: string; message: string; errorType?: string; partialText?: string };

/** Everything `enqueue` accepts. Unscripted requests use the default brain. */
export type ResponseScript =
  | OutputScript
  /** An HTTP error before any byte of stream; body defaults to the real envelope for the status. */
  | { kind: 'http_error'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Stream `then` (default: the brain) and destroy the socket after `afterEvents` events. */
  | { kind: 'cut'; afterEvents: number; then?: OutputScript }
  /**
   * Stream `then` (default: the brain) for `afterEvents` events, then send no further byte while
   * keeping the socket open, until the client hangs up (an upstream that stalls mid-answer).
   */
  | { kind: 'stall'; afterEvents: number; then?: OutputScript }
  /** Send nothing at all for `ms` (slow first byte), then answer with `then` (default: the brain). */
  | {
      kind: 'hang';
      ms: number;
      then?: OutputScript | { kind: 'http_error'; status: number; body?: unknown; headers?: Record<string, string> };
    };

export type ScriptKind = ResponseScript['kind'];

export interface ScriptContext {
  /** The JSON body the client sent. */
  body: Record<string, unknown>;
  /** A full Response object for this request, as response.created would carry it. */
  response(overrides?: Record<string, unknown>): Record<string, unknown>;
}

/** Operations `failNext` can target with an HTTP failure. */
export type FakeOperation =
  | 'responses.create'
  | 'responses.retrieve'
  | 'conversations.create'
  | 'conversations.retrieve'
  | 'conversations.delete'
  | 'conversations.items.list'
  | 'conversations.items.create'
  | 'files.create'
  | 'files.retrieve'
  | 'files.content'
  | 'files.delete'
  | 'files.list'
  | 'vector_stores.create'
  | 'vector_stores.retrieve'
  | 'vector_stores.delete'
  | 'vector_stores.list'
  | 'vector_stores.files.create'
  | 'vector_stores.files.retrieve'
  | 'vector_stores.files.list'
  | 'vector_stores.files.delete'
  | 'moderations.create'
  | 'models.list'
  | 'models.retrieve';

export interface HttpFailure {
  status: number;
  /** Defaults to the real envelope for the status. */
  body?: unknown;
  /** e.g. `{ 'retry-after': '1' }` or `{ 'retry-after-ms': '10' }`. */
  headers?: Record<string, string>;
}

/** How the next attached vector-store file ends instead of `completed`. */
export interface VectorStoreFileOutcome {
  status: 'failed' | 'cancelled';
  last_error?: { code: 'server_error' | 'unsupported_file' | 'invalid_file'; message: string };
}

export interface FakeOpenAI {
  /** http://127.0.0.1:PORT */
  url: string;
  /** url + '/v1' (what OPENAI_BASE_URL is set to). */
  baseURL: string;
  requests: RecordedRequest[];
  /** "METHOD /path: problem" for every request body that failed the spec. */
  specViolations: string[];
  /** Filled only with `validateResponses: true`: the fake's own output that failed the spec. */
  responseViolations: string[];
  /** The next POST /v1/responses calls use these, in order, before the default brain. */
  enqueue(...scripts: ResponseScript[]): void;
  /** Fail the next `times` calls of `operation` with an HTTP error. */
  failNext(operation: FakeOperation, failure: HttpFailure, times?: number): void;
  /** The next file attached to a vector store ends `failed`/`cancelled` after its polls. */
  failNext(operation: 'vector_store_file', outcome: VectorStoreFileOutcome, times?: number): void;
  /** SSE responses currently open (from request until close, including a `hang`). */
  openStreams(): number;
  /** Streams the client closed before the server finished. */
  abortedStreams(): number;
  state: FakeState;
  /**
   * Forget requests, state, scripts and failures; keep the server and options. `keepCatalog`
   * keeps files and vector stores, as a real account keeps its synced catalog between chats.
   */
  reset(options?: { keepCatalog?: boolean }): void;
  close(): Promise<void>;
}
