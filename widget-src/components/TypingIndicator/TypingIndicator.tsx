/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/** Three dots from the moment a message is sent until the first words arrive. */
export function TypingIndicator() {
  return (
    <div className="aisle-typing" role="status">
      <span className="aisle-visually-hidden">{__('The assistant is typing…', 'aisle')}</span>
      <span className="aisle-typing__dot" aria-hidden="true" />
      <span className="aisle-typing__dot" aria-hidden="true" />
      <span className="aisle-typing__dot" aria-hidden="true" />
    </div>
  );
}
