/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

export interface ConsentNoticeProps {
  /** The store's privacy policy page; null when it has none. */
  privacyUrl: string | null;
  onAgree: () => void;
}

/** Shown in place of the message box until the shopper agrees (the store owner asks for it). */
export function ConsentNotice({ privacyUrl, onAgree }: ConsentNoticeProps) {
  return (
    <div className="aisle-consent" role="region" aria-label={__('Before you chat', 'aisle')}>
      <p className="aisle-consent__text">
        {__(
          'Your messages are sent to OpenAI to write the answers, and the store keeps the conversation for a limited time.',
          'aisle',
        )}{' '}
        {privacyUrl && (
          <a href={privacyUrl} target="_blank" rel="noopener noreferrer">
            {__('Privacy policy', 'aisle')}
          </a>
        )}
      </p>
      <button type="button" className="aisle-consent__agree" onClick={onAgree}>
        {__('I agree', 'aisle')}
      </button>
    </div>
  );
}
