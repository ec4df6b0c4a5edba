/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement } from '@wordpress/element';

/**
 * Screen readers hear each finished answer once, not every streamed word: the message list
 * itself is not live, this hidden region gets the final text.
 */
export function LiveRegion({ text }: { text: string }) {
  return (
    <div className="aisle-visually-hidden" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}
