/** @jsxRuntime classic */
/** @jsx createElement */
/**
 * The panel's container: wires useChat, the draft, focus and scrolling to the Panel view.
 * Stays mounted while closed, so a half-typed message or a running answer survives
 * closing and reopening.
 */
import { createElement, useCallback, useEffect, useMemo, useRef, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { HandoffContext, type HandoffServices } from '../components/Handoff/HandoffContext';
import { EventsContext } from '../analytics/EventsContext';
import { Panel } from '../components/Panel/Panel';
import { toLanguageTag } from '../config/locale';
import type { WidgetConfig } from '../config/types';
import type { AddItemFn } from '../hooks/useAddToCart';
import { useChat } from '../hooks/useChat';
import { useConsent } from '../hooks/useConsent';
import { FeedbackContext, useFeedback } from '../hooks/useFeedback';
import { useFullScreenModal } from '../hooks/useFullScreenModal';
import { useLiveAnnouncement } from '../hooks/useLiveAnnouncement';
import { usePhotoDraft } from '../hooks/usePhotoDraft';
import { useVoiceInput } from '../hooks/useVoiceInput';
import { safeLocalStorage, type WidgetStateStore } from '../storage/widgetState';
import { failureMessage } from './failureMessage';
import type { PanelServices } from './services';

export interface PanelAppProps {
  config: WidgetConfig;
  open: boolean;
  onRequestClose: () => void;
  store: WidgetStateStore;
  services: PanelServices;
  /** DOM id of the panel; the launcher's aria-controls points here. */
  panelId: string;
  /** Changes each time the shopper opens the panel: focus moves into it then (not when a reload reopens it). */
  focusKey: number;
}

/** The built-in conversation starters, in the shopper's language, for stores that set none. */
function defaultQuickPrompts(): string[] {
  return [
    __('What do you recommend?', 'aisle'),
    __('Which products are on sale?', 'aisle'),
    __('Help me choose a gift', 'aisle'),
  ];
}

function isOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

export function PanelApp({ config, open, onRequestClose, store, services, panelId, focusKey }: PanelAppProps) {
  const onThreadChange = useCallback((threadId: string | null) => store.write({ threadId }), [store]);
  const chat = useChat({
    client: services.client,
    streaming: config.streaming,
    productId: config.productId,
    initialThreadId: store.read().threadId,
    onThreadChange,
  });
  const [draft, setDraft] = useState('');
  const photo = usePhotoDraft();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const { state, restore } = chat;
  const announcement = useLiveAnnouncement(state.messages, config.locale);
  const modal = useFullScreenModal(open, panelId);
  const consent = useConsent(
    config.consentRequired,
    useMemo(() => safeLocalStorage(window), []),
  );
  const feedback = useFeedback(services.client, state.threadId);
  const voice = useVoiceInput({ lang: toLanguageTag(config.locale), active: open, draft, onDraftChange: setDraft });

  // Cards add to the cart from the conversation on screen: the Store API request names it.
  const cartAdd = services.addItem;
  const threadId = state.threadId;
  const addItem = useMemo<AddItemFn | null>(() => (cartAdd ? (input) => cartAdd(input, threadId) : null), [cartAdd, threadId]);
  const emailStore = services.sendHandoffEmail;
  const handoff = useMemo<HandoffServices>(
    () => ({ sendEmail: emailStore && threadId ? (email) => emailStore({ threadId, email }) : null }),
    [emailStore, threadId],
  );

  // Restore history on the first open (not before the shopper agreed, when the store asks).
  const agreed = consent.agreed;
  useEffect(() => {
    if (open && agreed) {
      restore();
    }
  }, [open, agreed, restore]);

  // Move focus into the panel when the shopper opens it (and count the open).
  const track = services.events.track;
  useEffect(() => {
    if (open && focusKey > 0) {
      inputRef.current?.focus();
      track({ type: 'open' });
    }
  }, [open, focusKey, track]);

  // Counted without the text: only that a message was sent, and in which conversation.
  const sent = () => track({ type: 'message_sent', ...(threadId ? { thread_id: threadId } : {}) });

  // Keep the newest message in view.
  useEffect(() => {
    const body = scrollRef.current;
    if (body) {
      body.scrollTop = body.scrollHeight;
    }
  }, [state.messages, state.status, state.phase, state.failure]);

  // A message that cannot be retried as is (too long, unreadable) goes back into the box.
  const failure = state.failure;
  useEffect(() => {
    if (failure && !failure.error.retryable) {
      setDraft((current) => (current === '' ? failure.text : current));
    }
  }, [failure]);

  const send = () => {
    if ((draft.trim() === '' && !photo.photo) || photo.preparing || chat.running || !agreed) {
      return;
    }
    voice.cancel();
    const image = photo.take();
    // A photo alone still asks something, in the shopper's language.
    const text = draft.trim() === '' && image ? __('Find products like the one in this photo.', 'aisle') : draft;
    chat.send(text, image?.dataUrl);
    sent();
    setDraft('');
  };

  // The prompt buttons disappear once the conversation starts: keep focus in the panel.
  const sendPrompt = (prompt: string) => {
    if (!agreed) {
      return;
    }
    voice.cancel();
    chat.send(prompt);
    sent();
    inputRef.current?.focus();
  };

  // Stop and Retry vanish once pressed (Send comes back disabled, the notice goes): keep
  // keyboard focus in the panel instead of dropping it on the page.
  const stop = () => {
    chat.stop();
    inputRef.current?.focus();
  };
  const retry = failure?.error.retryable
    ? () => {
        chat.retry();
        inputRef.current?.focus();
      }
    : null;

  const newConversation = () => {
    chat.newConversation();
    store.write({ threadId: null });
    inputRef.current?.focus();
  };

  const agree = () => {
    consent.agree();
    // The message box replaces the notice: focus goes there once it is drawn.
    setTimeout(() => inputRef.current?.focus(), 0);
  };

  return (
    <FeedbackContext.Provider value={feedback}>
      <HandoffContext.Provider value={handoff}>
        <EventsContext.Provider value={track}>
          <Panel
            id={panelId}
            open={open}
            dir={config.dir}
            lang={toLanguageTag(config.locale)}
            greeting={
              config.greeting ??
              __('Hi! I can help you find products, compare options and check stock. What are you looking for?', 'aisle')
            }
            quickPrompts={config.quickPrompts ?? defaultQuickPrompts()}
            messages={state.messages}
            waiting={state.phase === 'waiting'}
            running={chat.running}
            restoring={state.phase === 'restoring'}
            status={state.status?.phase ?? null}
            errorMessage={failure ? failureMessage(failure.error, isOnline(), Boolean(failure.image)) : null}
            onRetry={retry}
            announcement={announcement}
            modal={modal}
            draft={draft}
            onDraftChange={setDraft}
            onSend={send}
            onStop={stop}
            onPrompt={sendPrompt}
            onNewConversation={newConversation}
            onClose={onRequestClose}
            locale={config.locale}
            addItem={addItem}
            cartUrl={config.cartUrl}
            inputRef={inputRef}
            photo={photo}
            scrollRef={scrollRef}
            voice={voice.supported ? { listening: voice.listening, error: voice.error, onToggle: voice.toggle } : null}
            consent={agreed ? null : { privacyUrl: config.privacyUrl, onAgree: agree }}
          />
        </EventsContext.Provider>
      </HandoffContext.Provider>
    </FeedbackContext.Provider>
  );
}
