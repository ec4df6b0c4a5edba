/**
 * The live region's text: the newest answer, said sentence by sentence as it streams and its
 * rest when it ends (see a11y/announcer.ts). Restored history is never announced: only an
 * answer seen while it was still arriving is.
 */
import { useEffect, useRef, useState } from '@wordpress/element';
import { createAnnouncer, type Announcer } from '../a11y/announcer';
import { messageText, type ChatMessage } from './chatState';

interface Tracked {
  id: string;
  announcer: Announcer;
  finished: boolean;
}

export function useLiveAnnouncement(messages: ChatMessage[], locale: string): string {
  const [text, setText] = useState('');
  const tracked = useRef<Tracked | null>(null);
  useEffect(() => {
    const last = [...messages].reverse().find((m) => m.role === 'assistant');
    if (!last) {
      return;
    }
    if (last.state === 'streaming' && tracked.current?.id !== last.id) {
      tracked.current = { id: last.id, announcer: createAnnouncer(locale), finished: false };
    }
    const current = tracked.current;
    if (!current || current.id !== last.id || current.finished) {
      return;
    }
    current.finished = last.state !== 'streaming';
    const next = current.announcer.update(messageText(last), current.finished);
    if (next) {
      setText(next);
    }
  }, [messages, locale]);
  return text;
}
