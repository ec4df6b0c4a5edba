/**
 * The shopper's agreement to the chat notice, when the store asks for one. Remembered in local
 * storage (without expiry: it is the shopper's choice, not a session); storage that throws means
 * asking again on each page.
 */
import { useCallback, useState } from '@wordpress/element';

export const CONSENT_KEY = 'aisle:consent';

export function hasAgreed(storage: Storage | null): boolean {
  try {
    return storage?.getItem(CONSENT_KEY) === 'agreed';
  } catch {
    return false;
  }
}

export function useConsent(required: boolean, storage: Storage | null): { agreed: boolean; agree(): void } {
  const [agreed, setAgreed] = useState(() => !required || hasAgreed(storage));
  const agree = useCallback(() => {
    try {
      storage?.setItem(CONSENT_KEY, 'agreed');
    } catch {
      // Private mode or quota: agreed for this page only.
    }
    setAgreed(true);
  }, [storage]);
  return { agreed, agree };
}
