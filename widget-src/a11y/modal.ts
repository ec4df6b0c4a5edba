/**
 * The full-screen panel on small screens is a modal dialog: the page behind is made `inert`
 * (no focus, no clicks, hidden from screen readers) and Tab cycles inside the panel.
 */

/** Media query under which the panel covers the viewport (kept equal to panel.css). */
export const FULL_SCREEN_QUERY = '(max-width: 600px)';

/**
 * Makes every top-level element of <body> but `keep` inert; returns the undo. Elements the page
 * had already made inert stay so.
 */
export function makePageInert(doc: Document, keep: Element): () => void {
  const changed: Element[] = [];
  for (const element of Array.from(doc.body.children)) {
    if (element === keep || element.contains(keep) || element.hasAttribute('inert')) {
      continue;
    }
    element.setAttribute('inert', '');
    changed.push(element);
  }
  return () => {
    for (const element of changed) {
      element.removeAttribute('inert');
    }
  };
}

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'textarea:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** The container's focusable elements that are on screen, in DOM (tab) order. */
export function focusableIn(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => el.getClientRects().length > 0 && !el.closest('[inert]'),
  );
}

/** Keeps Tab and Shift+Tab inside `container`: past the last element focus wraps to the first, and back. */
export function trapTab(
  event: KeyboardEvent | { key: string; shiftKey: boolean; preventDefault(): void },
  container: HTMLElement,
): void {
  if (event.key !== 'Tab') {
    return;
  }
  const items = focusableIn(container);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) {
    event.preventDefault();
    return;
  }
  const active = container.ownerDocument.activeElement;
  const inside = active instanceof Node && container.contains(active);
  if (event.shiftKey && (!inside || active === first)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (!inside || active === last)) {
    event.preventDefault();
    first.focus();
  }
}
