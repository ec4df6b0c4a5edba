/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import type { KeyboardEvent, Ref } from 'react';
import type { StatusPhase } from '../../../proxy/src/contract/events';
import { trapTab } from '../../a11y/modal';
import type { ChatMessage } from '../../hooks/chatState';
import type { AddItemFn } from '../../hooks/useAddToCart';
import type { PhotoDraft } from '../../hooks/usePhotoDraft';
import { Composer } from '../Composer/Composer';
import { ConsentNotice } from '../Consent/ConsentNotice';
import { ErrorNotice } from '../ErrorNotice/ErrorNotice';
import { CloseIcon, NewConversationIcon } from '../Icons/Icons';
import { LiveRegion } from '../LiveRegion/LiveRegion';
import { MessageList } from '../MessageList/MessageList';
import { QuickPrompts } from '../QuickPrompts/QuickPrompts';
import { StatusLine } from '../StatusLine/StatusLine';
import { TypingIndicator } from '../TypingIndicator/TypingIndicator';
import { VoiceButton, type VoiceButtonProps } from '../Voice/VoiceButton';

export interface PanelProps {
  id: string;
  open: boolean;
  dir: 'ltr' | 'rtl';
  lang: string;
  greeting: string;
  quickPrompts: string[];
  messages: ChatMessage[];
  waiting: boolean;
  running: boolean;
  restoring: boolean;
  status: StatusPhase | null;
  errorMessage: string | null;
  onRetry: (() => void) | null;
  announcement: string;
  /** Full screen: a modal dialog that keeps Tab inside. */
  modal: boolean;
  draft: string;
  onDraftChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  onPrompt: (prompt: string) => void;
  onNewConversation: () => void;
  onClose: () => void;
  locale: string;
  addItem: AddItemFn | null;
  cartUrl: string | null;
  inputRef: Ref<HTMLTextAreaElement>;
  photo?: PhotoDraft;
  photoButtonRef?: Ref<HTMLButtonElement>;
  scrollRef: Ref<HTMLDivElement>;
  /** Set while the shopper has not agreed to the store's notice: it replaces the message box. */
  consent?: { privacyUrl: string | null; onAgree: () => void } | null;
  /** Voice input, where the browser has speech recognition. */
  voice: VoiceButtonProps | null;
}

/** The chat panel. Renders only; PanelApp owns the state. */
export function Panel(props: PanelProps) {
  const titleId = `${props.id}-title`;
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      props.onClose();
    } else if (props.modal) {
      trapTab(event, event.currentTarget);
    }
  };
  const showPrompts = props.messages.length === 0 && !props.restoring && !props.consent;
  return (
    <section
      id={props.id}
      className="aisle-panel"
      role="dialog"
      aria-modal={props.modal ? 'true' : 'false'}
      aria-labelledby={titleId}
      dir={props.dir}
      lang={props.lang}
      hidden={!props.open}
      onKeyDown={onKeyDown}
    >
      <header className="aisle-panel__header">
        <h2 className="aisle-panel__title" id={titleId}>
          {__('Shopping assistant', 'aisle')}
        </h2>
        <button
          type="button"
          className="aisle-icon-button"
          onClick={props.onNewConversation}
          aria-label={__('New conversation', 'aisle')}
          title={__('New conversation', 'aisle')}
        >
          <NewConversationIcon />
        </button>
        <button
          type="button"
          className="aisle-icon-button"
          onClick={props.onClose}
          aria-label={__('Close chat', 'aisle')}
          title={__('Close chat', 'aisle')}
        >
          <CloseIcon />
        </button>
      </header>
      <div className="aisle-panel__body" ref={props.scrollRef}>
        <MessageList
          greeting={props.greeting}
          messages={props.messages}
          locale={props.locale}
          addItem={props.addItem}
          cartUrl={props.cartUrl}
        />
        {props.restoring && <p className="aisle-status">{__('Loading your conversation…', 'aisle')}</p>}
        {showPrompts && <QuickPrompts prompts={props.quickPrompts} onPick={props.onPrompt} disabled={props.running} />}
        {props.status && <StatusLine phase={props.status} />}
        {props.waiting && <TypingIndicator />}
        {props.errorMessage && <ErrorNotice message={props.errorMessage} onRetry={props.onRetry} />}
      </div>
      {props.consent ? (
        <ConsentNotice privacyUrl={props.consent.privacyUrl} onAgree={props.consent.onAgree} />
      ) : (
        <Composer
          id={`${props.id}-input`}
          value={props.draft}
          onChange={props.onDraftChange}
          onSend={props.onSend}
          onStop={props.onStop}
          running={props.running}
          inputRef={props.inputRef}
          photo={props.photo}
          photoButtonRef={props.photoButtonRef}
          voice={props.voice && <VoiceButton {...props.voice} />}
        />
      )}
      <LiveRegion text={props.announcement} />
    </section>
  );
}
