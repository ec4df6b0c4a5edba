/** Conversations and their items. Items are appended by POST /v1/responses with `conversation`. */
import { invalidRequest, notFound } from '../errors';
import { rawInputItems, toStoredItems } from '../responses/input';
import { nowSeconds, type Json, type StoredConversation } from '../state';
import type { FakeRuntime, Route } from '../runtime';
import { paginate } from './pagination';

function getConversation(runtime: FakeRuntime, id: string | undefined): StoredConversation {
  const conversation = id ? runtime.state.conversations.get(id) : undefined;
  if (!conversation) throw notFound(`Conversation with id '${id ?? ''}' not found.`);
  return conversation;
}

function itemsFrom(runtime: FakeRuntime, items: unknown): Json[] {
  if (items === undefined || items === null) return [];
  if (!Array.isArray(items)) throw invalidRequest(400, "Invalid type for 'items': expected an array.", 'items', 'invalid_type');
  if (items.length > 20)
    throw invalidRequest(
      400,
      "Invalid 'items': array too long. Expected an array with maximum length 20.",
      'items',
      'array_above_max_length',
    );
  return toStoredItems(rawInputItems({ input: items }), runtime.ids);
}

export const conversationRoutes: Route[] = [
  {
    method: 'POST',
    template: '/conversations',
    operation: 'conversations.create',
    handle(runtime, { body }) {
      const metadata = (body.metadata ?? {}) as Record<string, string>;
      const conversation: StoredConversation = {
        resource: { id: runtime.ids.next('conv_'), object: 'conversation', created_at: nowSeconds(), metadata },
        items: itemsFrom(runtime, body.items),
        lockedBy: undefined,
      };
      runtime.state.conversations.set(conversation.resource.id, conversation);
      return { json: conversation.resource };
    },
  },
  {
    method: 'GET',
    template: '/conversations/{conversation_id}',
    operation: 'conversations.retrieve',
    handle: (runtime, { params }) => ({ json: getConversation(runtime, params.conversation_id).resource }),
  },
  {
    method: 'DELETE',
    template: '/conversations/{conversation_id}',
    operation: 'conversations.delete',
    handle(runtime, { params }) {
      const { resource } = getConversation(runtime, params.conversation_id);
      runtime.state.conversations.delete(resource.id);
      return { json: { id: resource.id, object: 'conversation.deleted', deleted: true } };
    },
  },
  {
    method: 'GET',
    template: '/conversations/{conversation_id}/items',
    operation: 'conversations.items.list',
    handle(runtime, { params, query }) {
      const { items } = getConversation(runtime, params.conversation_id);
      return { json: paginate(items as (Json & { id: string })[], query, { order: 'desc', limit: 20, maxLimit: 100 }) };
    },
  },
  {
    method: 'POST',
    template: '/conversations/{conversation_id}/items',
    operation: 'conversations.items.create',
    handle(runtime, { params, body }) {
      const conversation = getConversation(runtime, params.conversation_id);
      const added = itemsFrom(runtime, body.items);
      conversation.items.push(...added);
      return {
        json: { object: 'list', data: added, first_id: added[0]?.id ?? null, last_id: added.at(-1)?.id ?? null, has_more: false },
      };
    },
  },
];
