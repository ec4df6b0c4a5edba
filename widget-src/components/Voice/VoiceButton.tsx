/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement, Fragment } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import type { VoiceError } from '../../voice/recognition';
import { MicrophoneIcon } from '../Icons/Icons';
import './voice.css';

export interface VoiceButtonProps {
  listening: boolean;
  error: VoiceError | null;
  onToggle: () => void;
}

function errorMessage(error: VoiceError): string {
  switch (error) {
    case 'denied':
      return __("The microphone is blocked. Allow it in your browser's site settings, or type your message.", 'aisle');
    case 'no-speech':
      return __('No speech was heard. Press the microphone and try again.', 'aisle');
    case 'no-microphone':
      return __('No microphone was found. Please type your message.', 'aisle');
    case 'network':
      return __('Voice input needs an internet connection. Please type your message.', 'aisle');
    default:
      return __('Voice input stopped. Please type your message.', 'aisle');
  }
}

/**
 * The microphone toggle and its status line. The status is a live region that is always in
 * the document (a region added with its text is often not read): it says when the microphone
 * listens, with a visible recording dot, and why voice input stopped after an error.
 */
export function VoiceButton({ listening, error, onToggle }: VoiceButtonProps) {
  const status = listening ? __('Listening… Speak, then press Send.', 'aisle') : error ? errorMessage(error) : '';
  const state = listening ? ' aisle-voice__status--listening' : error ? ' aisle-voice__status--error' : '';
  return (
    <Fragment>
      <p className={`aisle-voice__status${state}`} role="status">
        {listening && <span className="aisle-voice__dot" aria-hidden="true" />}
        {status}
      </p>
      <button
        type="button"
        className="aisle-composer__button aisle-voice__button"
        aria-pressed={listening}
        aria-label={__('Speak your message', 'aisle')}
        title={__('Speak your message', 'aisle')}
        onClick={onToggle}
      >
        <MicrophoneIcon />
      </button>
    </Fragment>
  );
}
