/** In-memory state of the fake, inspectable by tests through `fake.state`. */

export type Json = Record<string, unknown>;

export interface StoredConversation {
  resource: { id: string; object: 'conversation'; created_at: number; metadata: Record<string, string> };
  /** Oldest first, in the shapes GET /conversations/{id}/items returns. */
  items: Json[];
  /** Set while a response is being generated for this conversation (the real API locks it). */
  lockedBy: string | undefined;
}

export interface StoredFile {
  object: {
    id: string;
    object: 'file';
    bytes: number;
    created_at: number;
    /** Only present when the upload set `expires_after` (the spec types it as an integer). */
    expires_at?: number;
    filename: string;
    purpose: string;
    status: 'processed';
  };
  content: Buffer;
}

export interface StoredVectorStoreFile {
  id: string;
  createdAt: number;
  /** Remaining GETs that still answer in_progress. */
  pollsLeft: number;
  /** Status once polls run out. */
  finalStatus: 'completed' | 'failed' | 'cancelled';
  lastError: { code: string; message: string } | null;
  attributes: Record<string, unknown>;
}

export interface StoredVectorStore {
  id: string;
  name: string;
  createdAt: number;
  metadata: Record<string, string>;
  expiresAfter: Json | undefined;
  description: string | null;
  files: Map<string, StoredVectorStoreFile>;
}

export interface FakeState {
  conversations: Map<string, StoredConversation>;
  files: Map<string, StoredFile>;
  vectorStores: Map<string, StoredVectorStore>;
  /** Completed/failed Response objects by id (GET /v1/responses/{id}). */
  responses: Map<string, Json>;
}

export function createState(): FakeState {
  return { conversations: new Map(), files: new Map(), vectorStores: new Map(), responses: new Map() };
}

export function clearState(state: FakeState, options: { keepCatalog?: boolean } = {}): void {
  state.conversations.clear();
  state.responses.clear();
  if (options.keepCatalog) return;
  state.files.clear();
  state.vectorStores.clear();
}

/** Unix seconds, as every OpenAI object uses. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
