/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import type { StatusPhase } from '../../../proxy/src/contract/events';

export function statusText(phase: StatusPhase): string {
  switch (phase) {
    case 'searching_catalog':
      return __('Searching the catalog…', 'aisle');
    case 'loading_products':
      return __('Loading products…', 'aisle');
    case 'thinking':
      return __('Thinking…', 'aisle');
    case 'offline':
      return __('The store is offline; showing saved product details.', 'aisle');
  }
}

/** What the assistant is doing while the shopper waits (catalog search, loading products). */
export function StatusLine({ phase }: { phase: StatusPhase }) {
  return (
    <p className="aisle-status" role="status">
      {statusText(phase)}
    </p>
  );
}
