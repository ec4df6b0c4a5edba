import { createContext } from '@wordpress/element';

/** What a handoff offer needs from the panel: a way to email the store for this conversation. */
export interface HandoffServices {
  /** Sends the conversation to the store, replies going to `email`; null when the page cannot (no plugin, no thread). */
  sendEmail: ((email: string) => Promise<void>) | null;
}

export const HandoffContext = createContext<HandoffServices>({ sendEmail: null });
