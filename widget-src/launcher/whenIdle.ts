type IdleWindow = Window & {
  requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => number;
};

/**
 * Runs `callback` when the browser next has nothing to do, or after `timeoutMs` at the latest;
 * where there is no requestIdleCallback (Safari), after `fallbackMs`.
 */
export function whenIdle(win: Window, callback: () => void, timeoutMs: number, fallbackMs: number): void {
  const idle = (win as IdleWindow).requestIdleCallback;
  if (idle) {
    idle.call(win, callback, { timeout: timeoutMs });
  } else {
    win.setTimeout(callback, fallbackMs);
  }
}

/**
 * Runs `callback` once the page has loaded (its `load` event) and then gone idle: nothing of the
 * widget then competes with the page's own start-up work, such as WooCommerce's product gallery,
 * which reveals the product image (the page's Largest Contentful Paint) on jQuery's ready. A page
 * whose `load` never comes (an image or a tracker that hangs) gets it after `maxWaitMs` anyway.
 * Runs once.
 */
export function afterPageLoad(win: Window, callback: () => void, timeoutMs: number, maxWaitMs: number): void {
  let started = false;
  const once = () => {
    if (!started) {
      started = true;
      callback();
    }
  };
  const idle = () => whenIdle(win, once, timeoutMs, 0);
  if (win.document.readyState === 'complete') {
    idle();
  } else {
    win.addEventListener('load', idle, { once: true });
    win.setTimeout(idle, maxWaitMs);
  }
}
