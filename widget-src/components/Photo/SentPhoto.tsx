/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/** A photo in the shopper's message; after a reload only a placeholder (the widget keeps no copy). */
export function SentPhoto({ src }: { src: string | null }) {
  if (!src) return <p className="aisle-message__photo aisle-message__photo--gone">{__('Photo sent', 'aisle')}</p>;
  return <img className="aisle-message__photo" src={src} alt={__('Your photo', 'aisle')} />;
}
