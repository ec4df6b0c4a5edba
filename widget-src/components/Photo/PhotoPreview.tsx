/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import type { PhotoProblem } from '../../photos/preparePhoto';
import { CloseIcon } from '../Icons/Icons';

export interface PhotoPreviewProps {
  src: string | null;
  preparing: boolean;
  problem: PhotoProblem | null;
  onRemove: () => void;
}

function problemText(problem: PhotoProblem): string {
  switch (problem) {
    case 'unsupported':
      return __('Choose a JPEG, PNG or WebP photo.', 'aisle');
    case 'too_large':
      return __('This photo is too large. Choose a smaller one.', 'aisle');
    case 'unreadable':
      return __('This photo could not be read. Try another one.', 'aisle');
  }
}

/**
 * The attached photo above the message box, with its remove button, and a polite status line that
 * says when the photo is being prepared or why it could not be attached. The status line is always
 * there (empty when there is nothing to say), so screen readers hear it change.
 */
export function PhotoPreview({ src, preparing, problem, onRemove }: PhotoPreviewProps) {
  const note = preparing ? __('Preparing the photo…', 'aisle') : problem ? problemText(problem) : '';
  return (
    <div className={`aisle-composer__photo${src || note ? '' : ' aisle-composer__photo--empty'}`}>
      <p
        className={`aisle-composer__photo-note${problem && !preparing ? ' aisle-composer__photo-note--error' : ''}`}
        role="status"
      >
        {note}
      </p>
      {src && !preparing && (
        <div className="aisle-composer__thumb">
          <img src={src} alt={__('Photo to send', 'aisle')} />
          <button
            type="button"
            className="aisle-composer__remove"
            aria-label={__('Remove the photo', 'aisle')}
            onClick={onRemove}
          >
            <CloseIcon />
          </button>
        </div>
      )}
    </div>
  );
}
