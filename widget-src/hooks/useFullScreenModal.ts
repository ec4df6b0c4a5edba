/**
 * While the panel is open full screen (small screens), it is a modal dialog: the page behind
 * is inert until it closes. Returns whether it is modal now, for `aria-modal` and the Tab trap.
 */
import { useEffect, useState } from '@wordpress/element';
import { FULL_SCREEN_QUERY, makePageInert } from '../a11y/modal';

function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => typeof window.matchMedia === 'function' && window.matchMedia(query).matches);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') {
      return undefined;
    }
    const list = window.matchMedia(query);
    const onChange = () => setMatches(list.matches);
    onChange();
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return matches;
}

export function useFullScreenModal(open: boolean, panelId: string): boolean {
  const fullScreen = useMediaQuery(FULL_SCREEN_QUERY);
  const modal = open && fullScreen;
  useEffect(() => {
    const root = modal ? document.getElementById(panelId)?.closest('.aisle-root') : null;
    return root ? makePageInert(document, root) : undefined;
  }, [modal, panelId]);
  return modal;
}
