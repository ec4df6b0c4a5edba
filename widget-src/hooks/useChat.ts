/**
 * The conversation: messages, running state, send / stop / retry / restore / new conversation.
 * Streams from `POST /api/chat/stream`; falls back to `POST /api/chat` when streaming is off,
 * when the stream cannot start, or when it sends no byte in time.
 */
import { useCallback, useEffect, useReducer, useRef } from '@wordpress/element';
import type { ChatRequestBody } from '../../proxy/src/contract/events';
import type { ChatClient } from '../api/chatClient';
import { ChatRequestError, errorFromEvent, isAbortError, toChatRequestError } from '../api/errors';
import { chatReducer, initialChatState, type ChatState } from './chatState';

export interface UseChatOptions {
  client: ChatClient;
  streaming: boolean;
  /** Sent as `context.product_id` with every message. */
  productId: number | null;
  /** The thread restored from storage, if any. */
  initialThreadId: string | null;
  /** Called whenever the thread ID changes (persist it). */
  onThreadChange?: (threadId: string | null) => void;
}

export interface UseChat {
  state: ChatState;
  /** A request is in flight (waiting or streaming). */
  running: boolean;
  /** `image` is a prepared photo's data URL; with one, the text may be empty. */
  send(text: string, image?: string): void;
  stop(): void;
  retry(): void;
  /** Loads the stored thread's messages from the history endpoint (once). */
  restore(): void;
  newConversation(): void;
}

let idCounter = 0;
/** Unique across widget instances and restores; React 17 has no useId. */
function nextId(): string {
  idCounter += 1;
  return `aisle-m${idCounter}`;
}

export function useChat(options: UseChatOptions): UseChat {
  const { client, streaming, productId, onThreadChange } = options;
  const [state, dispatch] = useReducer(chatReducer, options.initialThreadId, initialChatState);
  const controllerRef = useRef<AbortController | null>(null);
  // The thread ID as of now, not as of the last render: a retry right after a
  // `thread_id` event must continue that thread.
  const threadIdRef = useRef<string | null>(options.initialThreadId);
  const restoredRef = useRef(false);

  useEffect(() => {
    threadIdRef.current = state.threadId;
    onThreadChange?.(state.threadId);
  }, [state.threadId, onThreadChange]);

  useEffect(() => () => controllerRef.current?.abort(), []);

  const runTurn = useCallback(
    async (text: string, replaces?: string, image?: string) => {
      if (controllerRef.current) {
        return;
      }
      const controller = new AbortController();
      controllerRef.current = controller;
      const userMessageId = nextId();
      const assistantMessageId = nextId();
      dispatch({ type: 'start', userMessageId, assistantMessageId, text, image, replaces });
      const body: ChatRequestBody = {
        message: text,
        thread_id: threadIdRef.current,
        ...(image ? { image: { data_url: image } } : {}),
        ...(productId ? { context: { product_id: productId } } : {}),
      };
      try {
        if (streaming) {
          let sawEvent = false;
          let sawContent = false;
          try {
            for await (const event of client.stream(body, controller.signal)) {
              sawEvent = true;
              if (event.type === 'error') {
                throw errorFromEvent(event, true);
              }
              if (event.type === 'thread_id') {
                threadIdRef.current = event.thread_id;
              }
              sawContent ||= event.type === 'text' || event.type === 'products' || event.type === 'comparison';
              dispatch({ type: 'event', assistantMessageId, event });
              if (event.type === 'done') {
                return;
              }
            }
            // The stream closed without `done`.
            if (sawContent) {
              dispatch({ type: 'event', assistantMessageId, event: { type: 'done', thread_id: threadIdRef.current ?? '' } });
              return;
            }
            throw new ChatRequestError('network', 'The stream closed before answering.', { midStream: sawEvent });
          } catch (error) {
            const failure = toChatRequestError(error);
            if (controller.signal.aborted || isAbortError(error) || !failure.allowsFallback || sawEvent) {
              throw error;
            }
            // Nothing arrived: the plain endpoint may still work (buffering proxies, old browsers).
          }
        }
        const reply = await client.send(body, controller.signal);
        dispatch({ type: 'reply', assistantMessageId, reply });
      } catch (error) {
        if (controller.signal.aborted || isAbortError(error)) {
          dispatch({ type: 'stop', assistantMessageId });
        } else {
          dispatch({
            type: 'fail',
            assistantMessageId,
            failure: { error: toChatRequestError(error), text, userMessageId, ...(image ? { image } : {}) },
          });
        }
      } finally {
        controllerRef.current = null;
      }
    },
    [client, streaming, productId],
  );

  const send = useCallback(
    (text: string, image?: string) => {
      const trimmed = text.trim();
      if (trimmed || image) {
        void runTurn(trimmed, undefined, image);
      }
    },
    [runTurn],
  );

  const stop = useCallback(() => controllerRef.current?.abort(), []);

  const failure = state.failure;
  const retry = useCallback(() => {
    if (failure) {
      void runTurn(failure.text, failure.userMessageId, failure.image);
    }
  }, [failure, runTurn]);

  const restore = useCallback(() => {
    const threadId = threadIdRef.current;
    if (restoredRef.current || !threadId) {
      return;
    }
    restoredRef.current = true;
    dispatch({ type: 'restore_start' });
    client.history(threadId).then(
      (history) => dispatch({ type: 'restored', history, idPrefix: `${nextId()}-h` }),
      (error: unknown) => {
        const kind = toChatRequestError(error).kind;
        dispatch({ type: 'restore_failed', forgetThread: kind === 'not_found' || kind === 'bad_request' });
      },
    );
  }, [client]);

  const newConversation = useCallback(() => {
    controllerRef.current?.abort();
    threadIdRef.current = null;
    restoredRef.current = true;
    dispatch({ type: 'reset' });
  }, []);

  return {
    state,
    running: state.phase === 'waiting' || state.phase === 'streaming',
    send,
    stop,
    retry,
    restore,
    newConversation,
  };
}
