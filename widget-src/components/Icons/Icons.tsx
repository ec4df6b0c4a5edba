/** @jsxRuntime classic */
/** @jsx createElement */
/** Inline icons: decorative, hidden from assistive technology (buttons carry the labels). */
import { createElement } from '@wordpress/element';

const common = { width: 20, height: 20, viewBox: '0 0 24 24', 'aria-hidden': true, focusable: false } as const;

export function SendIcon() {
  return (
    <svg {...common} className="aisle-icon aisle-icon--send">
      <path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z" />
    </svg>
  );
}

export function StopIcon() {
  return (
    <svg {...common} className="aisle-icon">
      <rect fill="currentColor" x="6" y="6" width="12" height="12" rx="2" />
    </svg>
  );
}

export function CloseIcon() {
  return (
    <svg {...common} className="aisle-icon">
      <path stroke="currentColor" strokeWidth="2" strokeLinecap="round" d="M6 6l12 12M18 6 6 18" />
    </svg>
  );
}

export function NewConversationIcon() {
  return (
    <svg {...common} className="aisle-icon">
      <path stroke="currentColor" strokeWidth="2" strokeLinecap="round" fill="none" d="M12 5v14M5 12h14" />
    </svg>
  );
}

export function CameraIcon() {
  return (
    <svg {...common} className="aisle-icon">
      <path
        fill="currentColor"
        d="M9 4 7.2 6H4a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V8a2 2 0 0 0-2-2h-3.2L15 4H9zm3 4.5a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9zm0 2a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z"
      />
    </svg>
  );
}

export function MicrophoneIcon() {
  return (
    <svg {...common} className="aisle-icon">
      <rect fill="currentColor" x="9" y="3" width="6" height="11" rx="3" />
      <path stroke="currentColor" strokeWidth="2" strokeLinecap="round" fill="none" d="M6 11a6 6 0 0 0 12 0M12 17v4" />
    </svg>
  );
}
