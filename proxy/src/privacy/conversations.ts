import OpenAI from 'openai';
import type { ProductService } from '../catalog/products';
import { loadHistory } from '../chat/history';
import type { ThreadRecord, ThreadRepository } from '../chat/threads';
import type { HistoryMessage } from '../contract/events';
import type { ConversationIndex } from '../maintenance/conversation-index';
import type { FeedbackStore, Rating } from './feedback';
import { maskPersonalData } from './personal-data';

/** What reading a store's conversations needs from its runtime. */
export interface ConversationRuntime {
  openai: OpenAI | null;
  products: ProductService;
  allowedHosts: ReadonlySet<string>;
}

export interface ConversationDeps {
  threads: ThreadRepository;
  feedback: FeedbackStore;
  /** The retention job's record of the conversation: forgotten with it. */
  conversationIndex?: ConversationIndex;
  runtimeFor: (tenant: string) => Promise<ConversationRuntime>;
}

export interface ConversationSummary {
  thread_id: string;
  created_at: string;
  updated_at: string;
  turns: number;
  signed_in: boolean;
  feedback: { up: number; down: number };
}

export interface TranscriptMessage {
  role: 'user' | 'assistant';
  content: string;
  message_id?: string;
  /** Names of the product cards the answer showed. */
  products?: string[];
  feedback?: Rating;
}

export interface Transcript {
  thread_id: string;
  created_at: string;
  messages: TranscriptMessage[];
}

/** Who a data-subject request is about: a WordPress user, and/or the hashes of their addresses. */
export interface DataSubject {
  userId?: number;
  emailHashes: string[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const lastActivity = (record: ThreadRecord) => record.updated_at ?? record.created_at;

function toTranscriptMessage(message: HistoryMessage, ratings: Record<string, Rating>, mask: boolean): TranscriptMessage {
  const rating = message.message_id ? ratings[message.message_id] : undefined;
  const names = (message.products ?? []).map((card) => card.name);
  return {
    role: message.role,
    content: mask ? maskPersonalData(message.content) : message.content,
    ...(message.message_id ? { message_id: message.message_id } : {}),
    ...(names.length ? { products: names } : {}),
    ...(rating ? { feedback: rating } : {}),
  };
}

/**
 * A store's conversations for its owner: the review list and transcripts (personal data masked),
 * deletion here and at OpenAI, and the look-ups behind WordPress's personal-data export and erasure.
 */
export function createConversationAdmin(deps: ConversationDeps) {
  const records = async (tenant: string, ids: string[]) => {
    const found = await Promise.all(ids.map(async (id) => [id, await deps.threads.findForStore(id, tenant)] as const));
    return found.filter((entry): entry is readonly [string, ThreadRecord] => entry[1] !== null);
  };

  async function read(tenant: string, threadId: string, options: { mask: boolean }): Promise<Transcript | null> {
    const record = await deps.threads.findForStore(threadId, tenant);
    if (!record) return null;
    const runtime = await deps.runtimeFor(tenant);
    const [history, ratings] = await Promise.all([
      runtime.openai && record.conversation_id
        ? loadHistory(
            { openai: runtime.openai, products: runtime.products, allowedHosts: runtime.allowedHosts },
            record.conversation_id,
          )
        : Promise.resolve([]),
      deps.feedback.forThread(tenant, threadId),
    ]);
    return {
      thread_id: threadId,
      created_at: iso(record.created_at),
      messages: history.map((m) => toTranscriptMessage(m, ratings, options.mask)),
    };
  }

  /** Thread IDs of a data subject, oldest first. */
  async function subjectThreads(tenant: string, subject: DataSubject): Promise<string[]> {
    const lists = await Promise.all([
      subject.userId ? deps.threads.list(tenant, { by: 'user', userId: subject.userId }) : Promise.resolve([]),
      ...subject.emailHashes.map((emailHash) => deps.threads.list(tenant, { by: 'email', emailHash })),
    ]);
    const found = await records(tenant, [...new Set(lists.flat())]);
    return found.sort(([a, ra], [b, rb]) => ra.created_at - rb.created_at || a.localeCompare(b)).map(([id]) => id);
  }

  return {
    /** Newest first; `feedback` keeps only threads with at least one such thumb. */
    async list(tenant: string, query: { page: number; perPage: number; feedback?: Rating }) {
      const found = await records(tenant, await deps.threads.list(tenant, { by: 'store' }));
      const summaries = await Promise.all(
        found.map(async ([id, record]): Promise<ConversationSummary> => {
          const ratings = Object.values(await deps.feedback.forThread(tenant, id));
          return {
            thread_id: id,
            created_at: iso(record.created_at),
            updated_at: iso(lastActivity(record)),
            turns: record.turns,
            signed_in: Boolean(record.user_id),
            feedback: { up: ratings.filter((r) => r === 'up').length, down: ratings.filter((r) => r === 'down').length },
          };
        }),
      );
      const kept = summaries
        .filter((s) => !query.feedback || s.feedback[query.feedback] > 0)
        .sort((a, b) => b.updated_at.localeCompare(a.updated_at) || a.thread_id.localeCompare(b.thread_id));
      const start = (query.page - 1) * query.perPage;
      return { conversations: kept.slice(start, start + query.perPage), total: kept.length };
    },

    read,

    /**
     * Deletes the conversation at OpenAI first (a 404 there means it is already gone), then the
     * thread record, its index entries, its feedback and the retention entry. An OpenAI failure
     * throws and leaves everything here, so the next attempt can still find it. False: unknown here.
     */
    async forget(tenant: string, threadId: string): Promise<boolean> {
      const record = await deps.threads.findForStore(threadId, tenant);
      if (!record) return false;
      if (record.conversation_id) {
        const { openai } = await deps.runtimeFor(tenant);
        if (openai) {
          await openai.conversations.delete(record.conversation_id).catch((error: unknown) => {
            if (!(error instanceof OpenAI.NotFoundError)) throw error;
          });
        }
      }
      await deps.threads.remove(threadId);
      await deps.feedback.remove(tenant, threadId);
      await deps.conversationIndex?.forget(record.conversation_id || `local:${threadId}`);
      return true;
    },

    subjectThreads,

    /** A page of a data subject's conversations, unmasked (they are the person's own words). */
    async exportPage(tenant: string, subject: DataSubject, page: number, perPage: number) {
      const ids = await subjectThreads(tenant, subject);
      const start = (page - 1) * perPage;
      const transcripts = await Promise.all(ids.slice(start, start + perPage).map((id) => read(tenant, id, { mask: false })));
      return {
        conversations: transcripts.filter((t): t is Transcript => t !== null),
        total: ids.length,
        done: start + perPage >= ids.length,
      };
    },
  };
}

export type ConversationAdmin = ReturnType<typeof createConversationAdmin>;
