/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement, useContext } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import type { HandoffOffer as Offer, HandoffOption } from '../../../proxy/src/contract/events';
import { useTrack } from '../../analytics/EventsContext';
import { useHandoffEmail } from '../../hooks/useHandoffEmail';
import { HandoffContext } from './HandoffContext';

export interface HandoffOfferProps {
  offer: Offer;
  /** Unique per message part, for the form's ids. */
  idPrefix: string;
}

/** Links go only where the proxy said: wa.me for WhatsApp, an http(s) page for the contact page. */
function safeUrl(option: HandoffOption): string | null {
  if (option.kind === 'email') return null;
  try {
    const url = new URL(option.url);
    if (option.kind === 'whatsapp') return url.protocol === 'https:' && url.host === 'wa.me' ? url.href : null;
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function linkLabel(option: HandoffOption): string {
  return option.kind === 'whatsapp' ? __('Chat on WhatsApp', 'aisle') : __('Contact page', 'aisle');
}

function EmailForm({ idPrefix, email }: { idPrefix: string; email: ReturnType<typeof useHandoffEmail> }) {
  const { state } = email;
  if (state.phase === 'sent') {
    return (
      <p className="aisle-handoff__status" role="status">
        {__('Sent. The store will reply to your email.', 'aisle')}
      </p>
    );
  }
  return (
    <form
      className="aisle-handoff__form"
      onSubmit={(event) => {
        event.preventDefault();
        void email.submit();
      }}
    >
      <label htmlFor={`${idPrefix}-email`}>{__('Your email', 'aisle')}</label>
      <input
        id={`${idPrefix}-email`}
        type="email"
        autoComplete="email"
        dir="ltr"
        required
        value={state.email}
        onChange={(event) => email.setEmail(event.currentTarget.value)}
      />
      <label className="aisle-handoff__agree">
        <input type="checkbox" checked={state.agreed} onChange={(event) => email.setAgreed(event.currentTarget.checked)} />{' '}
        {__('Send this conversation to the store so they can reply to me by email.', 'aisle')}
      </label>
      <button type="submit" className="aisle-button aisle-button--primary" disabled={!email.canSend}>
        {state.phase === 'sending' ? __('Sending…', 'aisle') : __('Send to the store', 'aisle')}
      </button>
      {state.phase === 'failed' && (
        <p className="aisle-handoff__status" role="alert">
          {state.error || __('The email could not be sent. Please try again.', 'aisle')}
        </p>
      )}
    </form>
  );
}

/** Buttons to reach a person: links for WhatsApp and the contact page, a short form for email. */
export function HandoffOffer({ offer, idPrefix }: HandoffOfferProps) {
  const { sendEmail } = useContext(HandoffContext);
  const email = useHandoffEmail(sendEmail);
  const track = useTrack();
  const options = offer.options.filter((option) => (option.kind === 'email' ? sendEmail !== null : safeUrl(option)));
  return (
    <div className="aisle-handoff" role="group" aria-label={__('Talk to a person', 'aisle')}>
      {options.length === 0 ? (
        <p className="aisle-handoff__status">{__('Nobody from the store can answer right now.', 'aisle')}</p>
      ) : (
        <ul className="aisle-handoff__options">
          {options.map((option) => (
            <li key={option.kind}>
              {option.kind === 'email' ? (
                <button
                  type="button"
                  className="aisle-button"
                  aria-expanded={email.state.phase !== 'closed'}
                  onClick={() => {
                    track({ type: 'handoff' });
                    email.open();
                  }}
                >
                  {__('Email the store', 'aisle')}
                </button>
              ) : (
                <a
                  className="aisle-button"
                  href={safeUrl(option)!}
                  target="_blank"
                  rel="noopener noreferrer"
                  onClick={() => track({ type: 'handoff' })}
                >
                  {linkLabel(option)}
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
      {email.state.phase !== 'closed' && <EmailForm idPrefix={idPrefix} email={email} />}
    </div>
  );
}
