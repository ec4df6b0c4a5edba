/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement, useContext } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { useTrack } from '../../analytics/EventsContext';
import { FeedbackContext, type Rating } from '../../hooks/useFeedback';

function Thumb({ up }: { up: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        transform={up ? undefined : 'rotate(180 12 12)'}
        d="M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z"
      />
    </svg>
  );
}

/** Thumbs up and down under a finished answer: two toggle buttons, the pressed one says so. */
export function Feedback({ messageId }: { messageId: string }) {
  const feedback = useContext(FeedbackContext);
  const track = useTrack();
  if (!feedback) {
    return null;
  }
  const current = feedback.ratingOf(messageId);
  const button = (rating: Rating, label: string) => (
    <button
      type="button"
      className={`aisle-feedback__button${current === rating ? ' aisle-feedback__button--pressed' : ''}`}
      aria-pressed={current === rating ? 'true' : 'false'}
      aria-label={label}
      title={label}
      onClick={() => {
        if (current !== rating) {
          track({ type: 'feedback', rating });
        }
        feedback.rate(messageId, rating);
      }}
    >
      <Thumb up={rating === 'up'} />
    </button>
  );
  return (
    <div className="aisle-feedback" role="group" aria-label={__('Was this answer helpful?', 'aisle')}>
      {button('up', __('Helpful', 'aisle'))}
      {button('down', __('Not helpful', 'aisle'))}
    </div>
  );
}
