import type OpenAI from 'openai';
import type { ChatEvent, ComparisonTable } from '../contract/events';
import type { ProductService } from '../catalog/products';
import type { ModelGuard } from './model-guard';
import type { ChatTool } from './tools';

/** Who is asking. */
export interface Shopper {
  /** Session ID from the shopper's token, or 'anonymous' when sessions are not required. */
  owner: string;
  /** The store (site) the request is for. */
  tenant: string;
  /** The signed-in customer's WordPress user ID, from the signed session token; absent for a guest. */
  userId?: number;
  /** The shopper's address (through trusted proxies only), for per-IP limits inside tools. */
  ip?: string;
}

export interface ChatRequest {
  /** May be empty when a photo is attached. */
  message: string;
  /** A checked photo (photos/check.ts): its data URL names the type found in its bytes. */
  image?: { dataUrl: string };
  threadId: string | null;
  productId?: number;
  shopper: Shopper;
  signal: AbortSignal;
}

/** Answers without OpenAI (no key, or the demo): the offline catalog assistant. */
export type OfflineResponder = (request: ChatRequest) => AsyncGenerator<ChatEvent>;

/** What one turn needs to know about the store's model set-up; read at the start of each turn. */
export interface TurnSettings {
  model: string;
  reasoningEffort: 'none' | 'minimal' | 'low' | 'medium' | 'high';
  instructions: string;
  vectorStoreId: string | null;
  maxToolRounds: number;
  maxProductsPerCall: number;
}

/**
 * The part of a store's runtime that chat uses. The composition root builds the
 * full runtime (app/runtime.ts) and hands it down through this interface, so chat
 * never reaches up into the app layer.
 */
export interface ChatRuntime {
  tenant: string;
  openai: OpenAI | null;
  products: ProductService;
  /** The store's function tools (`show_products` first); `show_products` alone when absent. */
  tools?: readonly ChatTool[];
  settings(): Promise<TurnSettings>;
  offline: OfflineResponder;
  mode: 'live' | 'offline' | 'demo';
  /** The hosts card links may point to. */
  allowedHosts: ReadonlySet<string>;
  /** Null without OpenAI. */
  model: ModelGuard | null;
  /** Whether shopper messages are checked by moderation first (the store's choice, else the operator's). */
  moderation: boolean;
  /** A past comparison rebuilt from live data, for restored history; absent when the store has no compare tool. */
  comparison?: (ids: number[]) => Promise<ComparisonTable | null>;
}
