/**
 * The email handoff form's state: closed, filling in, sending, sent, or failed with the
 * plugin's words. Sending needs an email address and the shopper's explicit agreement.
 */
import { useState } from '@wordpress/element';
import { HandoffEmailError } from '../api/handoffEmail';

export type HandoffEmailPhase = 'closed' | 'open' | 'sending' | 'sent' | 'failed';

export interface HandoffEmailState {
  phase: HandoffEmailPhase;
  email: string;
  agreed: boolean;
  /** The plugin's message when it refused; empty for a network failure. */
  error: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function useHandoffEmail(sendEmail: ((email: string) => Promise<void>) | null) {
  const [state, setState] = useState<HandoffEmailState>({ phase: 'closed', email: '', agreed: false, error: '' });
  const canSend = sendEmail !== null && EMAIL.test(state.email.trim()) && state.agreed && state.phase !== 'sending';
  return {
    state,
    canSend,
    open: () => setState((s) => ({ ...s, phase: s.phase === 'sent' ? 'sent' : 'open' })),
    setEmail: (email: string) => setState((s) => ({ ...s, email })),
    setAgreed: (agreed: boolean) => setState((s) => ({ ...s, agreed })),
    async submit(): Promise<void> {
      if (!canSend || !sendEmail) return;
      setState((s) => ({ ...s, phase: 'sending', error: '' }));
      try {
        await sendEmail(state.email.trim());
        setState((s) => ({ ...s, phase: 'sent' }));
      } catch (error) {
        setState((s) => ({ ...s, phase: 'failed', error: error instanceof HandoffEmailError ? error.message : '' }));
      }
    },
  };
}
