/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement, Fragment, useMemo } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import type { ProductCard as Product } from '../../../proxy/src/contract/events';
import { messageText, type ChatMessage as Message } from '../../hooks/chatState';
import type { AddItemFn } from '../../hooks/useAddToCart';
import { renderMarkdown } from '../../markdown/renderMarkdown';
import { Comparison } from '../Comparison/Comparison';
import { HandoffOffer } from '../Handoff/HandoffOffer';
import { SentPhoto } from '../Photo/SentPhoto';
import { Feedback } from '../Feedback/Feedback';
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

interface CardsProps {
  products: Product[];
  idPrefix: string;
  locale: string;
  addItem: AddItemFn | null;
  cartUrl: string | null;
}

function Cards({ products, idPrefix, locale, addItem, cartUrl }: CardsProps) {
  return (
    <ul className="aisle-cards" aria-label={__('Suggested products', 'aisle')}>
      {products.map((product) => (
        <li key={product.id}>
          <ProductCard
            product={product}
            locale={locale}
            addItem={addItem}
            cartUrl={cartUrl}
            idPrefix={`${idPrefix}-p${product.id}`}
          />
        </li>
      ))}
    </ul>
  );
}

/** An assistant message is drawn as its parts in the order they arrived: text, cards, text. */
function AssistantParts({ message, locale, addItem, cartUrl }: ChatMessageProps) {
  return (
    <Fragment>
      {message.parts.map((part, index) =>
        part.type === 'text' ? (
          part.text.trim() !== '' && <AssistantText key={index} text={part.text} />
        ) : part.type === 'comparison' ? (
          <Comparison key={index} table={part.table} locale={locale} idPrefix={`${message.id}-${index}`} />
        ) : part.type === 'handoff' ? (
          <HandoffOffer key={index} offer={part.offer} idPrefix={`${message.id}-h${index}`} />
        ) : part.type === 'image' ? null : (
          <Cards
            key={index}
            products={part.products}
            idPrefix={index === 0 ? message.id : `${message.id}-${index}`}
            locale={locale}
            addItem={addItem}
            cartUrl={cartUrl}
          />
        ),
      )}
    </Fragment>
  );
}

export function ChatMessage(props: ChatMessageProps) {
  const { message } = props;
  const roleLabel =
    message.role === 'user'
      ? __('You', 'aisle')
      : message.role === 'assistant'
        ? __('Assistant', 'aisle')
        : __('Notice', 'aisle');
  const withProducts = message.parts.some((part) => part.type === 'products' || part.type === 'comparison');
  return (
    <li
      className={`aisle-message aisle-message--${message.role} aisle-message--${message.state}${
        withProducts ? ' aisle-message--with-products' : ''
      }`}
    >
      <span className="aisle-visually-hidden">{roleLabel}: </span>
      {message.role === 'assistant' ? (
        <AssistantParts {...props} />
      ) : (
        <Fragment>
          {message.parts.map((part, index) => part.type === 'image' && <SentPhoto key={index} src={part.src} />)}
          {messageText(message) !== '' && (
            <p className="aisle-message__text" dir="auto">
              {messageText(message)}
            </p>
          )}
        </Fragment>
      )}
      {message.role === 'assistant' && message.state === 'complete' && message.messageId && (
        <Feedback messageId={message.messageId} />
      )}
      {message.state === 'failed' && <p className="aisle-message__meta">{__('Not sent', 'aisle')}</p>}
      {message.state === 'stopped' && message.role === 'assistant' && (
        <p className="aisle-message__meta">{__('Stopped', 'aisle')}</p>
      )}
    </li>
  );
}
