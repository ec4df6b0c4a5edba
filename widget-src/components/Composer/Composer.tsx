/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement } from '@wordpress/element';
import type { ReactNode, Ref } from 'react';
import { __ } from '@wordpress/i18n';
import { SendIcon, StopIcon } from '../Icons/Icons';

export interface ComposerProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  running: boolean;
  inputRef: Ref<HTMLTextAreaElement>;
  /** The microphone toggle, where the browser can listen. */
  voice?: ReactNode;
}

/** The message box: Enter sends, Shift+Enter starts a new line; Send turns into Stop while answering. */
export function Composer({ id, value, onChange, onSend, onStop, running, inputRef, voice }: ComposerProps) {
  return (
    <form
      className="aisle-composer"
      onSubmit={(event) => {
        event.preventDefault();
        if (!running) onSend();
      }}
    >
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
        <button type="submit" className="aisle-composer__button" aria-label={__('Send', 'aisle')} disabled={value.trim() === ''}>
          <SendIcon />
        </button>
      )}
    </form>
  );
}
