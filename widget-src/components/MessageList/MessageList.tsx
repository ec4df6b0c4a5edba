/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import type { ChatMessage as Message } from '../../hooks/chatState';
import type { AddItemFn } from '../../hooks/useAddToCart';
import { ChatMessage } from '../ChatMessage/ChatMessage';

export interface MessageListProps {
  greeting: string;
  messages: Message[];
  locale: string;
  addItem: AddItemFn | null;
  cartUrl: string | null;
}

/** The greeting, then the conversation. Not a live region: see LiveRegion. */
export function MessageList({ greeting, messages, locale, addItem, cartUrl }: MessageListProps) {
  return (
    <ol className="aisle-messages" aria-label={__('Conversation', 'aisle')}>
      <li className="aisle-message aisle-message--assistant aisle-message--greeting">
        <p className="aisle-message__text" dir="auto">
          {greeting}
        </p>
      </li>
      {messages.map((message) => (
        <ChatMessage key={message.id} message={message} locale={locale} addItem={addItem} cartUrl={cartUrl} />
      ))}
    </ol>
  );
}
