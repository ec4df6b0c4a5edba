/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement, useMemo } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import type { ChatMessage as Message } from '../../hooks/chatState';
import type { AddItemFn } from '../../hooks/useAddToCart';
import { renderMarkdown } from '../../markdown/renderMarkdown';
import { ProductCard } from '../ProductCard/ProductCard';

export interface ChatMessageProps {
  message: Message;
  locale: string;
  addItem: AddItemFn | null;
  cartUrl: string | null;
}

/** Assistant markdown, sanitised; the shopper's words are always plain text. */
function AssistantText({ text }: { text: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div className="aisle-message__text aisle-markdown" dir="auto" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function ChatMessage({ message, locale, addItem, cartUrl }: ChatMessageProps) {
  const roleLabel =
    message.role === 'user'
      ? __('You', 'aisle')
      : message.role === 'assistant'
        ? __('Assistant', 'aisle')
        : __('Notice', 'aisle');
  return (
    <li
      className={`aisle-message aisle-message--${message.role} aisle-message--${message.state}${
        message.products.length > 0 ? ' aisle-message--with-products' : ''
      }`}
    >
      <span className="aisle-visually-hidden">{roleLabel}: </span>
      {message.role === 'assistant' ? (
        message.text !== '' && <AssistantText text={message.text} />
      ) : (
        <p className="aisle-message__text" dir="auto">
          {message.text}
        </p>
      )}
      {message.state === 'failed' && <p className="aisle-message__meta">{__('Not sent', 'aisle')}</p>}
      {message.state === 'stopped' && message.role === 'assistant' && (
        <p className="aisle-message__meta">{__('Stopped', 'aisle')}</p>
      )}
      {message.products.length > 0 && (
        <ul className="aisle-cards" aria-label={__('Suggested products', 'aisle')}>
          {message.products.map((product) => (
            <li key={product.id}>
              <ProductCard
                product={product}
                locale={locale}
                addItem={addItem}
                cartUrl={cartUrl}
                idPrefix={`${message.id}-p${product.id}`}
              />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
