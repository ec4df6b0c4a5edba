/**
 * The holdout (plugin only): a share of visitors who never see the chat, so the store can compare
 * how often visitors order with and without it. The group is drawn here, in the browser, once per
 * visitor and kept in a first-party cookie: a cached page is the same for everyone, and the
 * visitor stays in their group on every page and visit. The server counts a session per group
 * (once per browser session and UTC day) and reads the cookie again at checkout.
 */

export type HoldoutGroup = 'chat' | 'holdout';

export interface HoldoutConfig {
  /** Share of visitors held out, 1..20. */
  percent: number;
  /** The cookie's name (`aisle_group`). */
  cookie: string;
  /** `POST` here counts a session for the cookie's group. */
  visitEndpoint: string;
}

const COOKIE_DAYS = 180;

function readCookie(doc: Document, name: string): string | null {
  for (const part of doc.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** A uniform draw in [0, 100) from the browser's cryptographic generator. */
function draw(win: Window): number {
  const value = new Uint32Array(1);
  win.crypto.getRandomValues(value);
  return (value[0]! / 2 ** 32) * 100;
}

/** The visitor's group: the cookie's when it holds one, else drawn now and kept. */
export function holdoutGroup(win: Window, config: HoldoutConfig, random: () => number = () => draw(win)): HoldoutGroup {
  const saved = readCookie(win.document, config.cookie);
  if (saved === 'chat' || saved === 'holdout') return saved;
  const group: HoldoutGroup = random() < config.percent ? 'holdout' : 'chat';
  const secure = win.location.protocol === 'https:' ? '; Secure' : '';
  win.document.cookie = `${config.cookie}=${group}; Max-Age=${COOKIE_DAYS * 86400}; Path=/; SameSite=Lax${secure}`;
  return group;
}

/** Counts this browser session once per UTC day (sessionStorage remembers the day it was counted). */
export function countVisit(win: Window, config: HoldoutConfig, today: string = new Date().toISOString().slice(0, 10)): boolean {
  const key = 'aisle:visit';
  try {
    if (win.sessionStorage.getItem(key) === today) return false;
    win.sessionStorage.setItem(key, today);
  } catch {
    // No storage (private mode, blocked): count anyway; at worst a page view counts as a session.
  }
  const sent = typeof win.navigator.sendBeacon === 'function' && win.navigator.sendBeacon(config.visitEndpoint);
  if (!sent)
    void win.fetch(config.visitEndpoint, { method: 'POST', credentials: 'same-origin', keepalive: true }).catch(() => undefined);
  return true;
}

/** Whether the launcher may render: false for holdout visitors. Counts the session either way. */
export function allowedByHoldout(win: Window, config: HoldoutConfig | null | undefined): boolean {
  if (!config || !(config.percent > 0)) return true;
  const group = holdoutGroup(win, config);
  countVisit(win, config);
  return group === 'chat';
}
