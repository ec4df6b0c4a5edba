/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement, Fragment, useRef } from '@wordpress/element';
import type { Ref } from 'react';
import { __ } from '@wordpress/i18n';
import { PHOTO_ACCEPT } from '../../photos/preparePhoto';
import { CameraIcon } from '../Icons/Icons';

export interface PhotoButtonProps {
  onPick: (file: File) => void;
  disabled: boolean;
  buttonRef?: Ref<HTMLButtonElement>;
}

/**
 * A labelled button over a file input that is hidden from sight and from assistive technology.
 * `capture` opens the back camera on phones (desktops show the file picker).
 */
export function PhotoButton({ onPick, disabled, buttonRef }: PhotoButtonProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <Fragment>
      <input
        ref={inputRef}
        type="file"
        accept={PHOTO_ACCEPT}
        capture="environment"
        className="aisle-visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          // Cleared, so choosing the same file again still reports a change.
          event.currentTarget.value = '';
          if (file) onPick(file);
        }}
      />
      <button
        ref={buttonRef}
        type="button"
        className="aisle-composer__button aisle-composer__button--photo"
        aria-label={__('Add a photo', 'aisle')}
        disabled={disabled}
        onClick={() => inputRef.current?.click()}
      >
        <CameraIcon />
      </button>
    </Fragment>
  );
}
