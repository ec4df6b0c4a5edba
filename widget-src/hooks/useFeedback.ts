/**
 * The shopper's thumbs on answers: shown at once, sent to the proxy, and taken back if it refuses.
 * One rating per answer; pressing the other thumb replaces it, pressing the same one again keeps it.
 */
import { createContext, useCallback, useMemo, useRef, useState } from '@wordpress/element';
import type { FeedbackBody } from '../../proxy/src/contract/events';
import type { ChatClient } from '../api/chatClient';

export type Rating = FeedbackBody['rating'];

export interface FeedbackState {
  ratingOf(messageId: string): Rating | null;
  rate(messageId: string, rating: Rating): void;
}

/** Null where no conversation supports feedback (the thumbs do not show). */
export const FeedbackContext = createContext<FeedbackState | null>(null);

export function useFeedback(client: ChatClient, threadId: string | null): FeedbackState {
  const [ratings, setRatings] = useState<Record<string, Rating>>({});
  const ratingsRef = useRef(ratings);
  ratingsRef.current = ratings;

  const rate = useCallback(
    (messageId: string, rating: Rating) => {
      const previous = ratingsRef.current[messageId] ?? null;
      if (!threadId || previous === rating) {
        return;
      }
      setRatings((current) => ({ ...current, [messageId]: rating }));
      client.feedback({ thread_id: threadId, message_id: messageId, rating }).catch(() => {
        setRatings((current) => {
          const next = { ...current };
          if (previous) {
            next[messageId] = previous;
          } else {
            delete next[messageId];
          }
          return next;
        });
      });
    },
    [client, threadId],
  );

  return useMemo(() => ({ ratingOf: (messageId: string) => ratings[messageId] ?? null, rate }), [ratings, rate]);
}
