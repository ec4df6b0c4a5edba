/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement } from '@wordpress/element';
import type { ReactNode, Ref } from 'react';
import { __ } from '@wordpress/i18n';
import type { PhotoDraft } from '../../hooks/usePhotoDraft';
import { SendIcon, StopIcon } from '../Icons/Icons';
import { PhotoButton } from '../Photo/PhotoButton';
import { PhotoPreview } from '../Photo/PhotoPreview';

export interface ComposerProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  running: boolean;
  inputRef: Ref<HTMLTextAreaElement>;
  /** Photo search: the attached photo; no photo button without it. */
  photo?: PhotoDraft;
  photoButtonRef?: Ref<HTMLButtonElement>;
  /** The microphone toggle, where the browser can listen. */
  voice?: ReactNode;
}

/** The message box: Enter sends, Shift+Enter starts a new line; Send turns into Stop while answering. */
export function Composer({
  id,
  value,
  onChange,
  onSend,
  onStop,
  running,
  inputRef,
  photo,
  photoButtonRef,
  voice,
}: ComposerProps) {
  // A photo alone can be sent (it is the question); one still being prepared cannot.
  const canSend = !photo?.preparing && (value.trim() !== '' || Boolean(photo?.photo));
  return (
    <form
      className="aisle-composer"
      onSubmit={(event) => {
        event.preventDefault();
        if (!running) onSend();
      }}
    >
      {photo && (
        <PhotoPreview
          src={photo.photo?.dataUrl ?? null}
          preparing={photo.preparing}
          problem={photo.problem}
          onRemove={photo.remove}
        />
      )}
      {photo && <PhotoButton onPick={photo.pick} disabled={running} buttonRef={photoButtonRef} />}
      <label htmlFor={id} className="aisle-visually-hidden">
        {__('Your message', 'aisle')}
      </label>
      <textarea
        id={id}
        ref={inputRef}
        className="aisle-composer__input"
        dir="auto"
        rows={1}
        maxLength={2000}
        placeholder={__('Ask about products…', 'aisle')}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            if (!running) onSend();
          }
        }}
      />
      {voice}
      {running ? (
        <button type="button" className="aisle-composer__button" onClick={onStop} aria-label={__('Stop answering', 'aisle')}>
          <StopIcon />
        </button>
      ) : (
        <button type="submit" className="aisle-composer__button" aria-label={__('Send', 'aisle')} disabled={!canSend}>
          <SendIcon />
        </button>
      )}
    </form>
  );
}
