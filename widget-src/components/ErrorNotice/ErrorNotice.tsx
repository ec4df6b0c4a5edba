/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

export interface ErrorNoticeProps {
  message: string;
  onRetry: (() => void) | null;
}

/** A failed request: what happened in plain words, and Retry when it can help. */
export function ErrorNotice({ message, onRetry }: ErrorNoticeProps) {
  return (
    <div className="aisle-error" role="alert">
      <p className="aisle-error__text">{message}</p>
      {onRetry && (
        <button type="button" className="aisle-button aisle-error__retry" onClick={onRetry}>
          {__('Retry', 'aisle')}
        </button>
      )}
    </div>
  );
}
