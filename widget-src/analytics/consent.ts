/**
 * Whether the shopper allows statistics events. Where the WP Consent API plugin is active the
 * store passes `{ api: true, category: 'statistics' }`: its `wp_has_consent(category)` decides,
 * and its `wp_listen_for_consent_change` event (detail `{ statistics: 'allow' | 'deny' }`) changes
 * the answer while the page is open. Otherwise the store's setting decides (`always` / `never`).
 * No consent configuration at all means no events.
 */
export type ConsentConfig = { api: true; category: string } | { api: false; events: 'always' | 'never' };

export interface ConsentGate {
  granted(): boolean;
  /** Called with the new answer whenever it changes; returns the unsubscribe. */
  onChange(listener: (granted: boolean) => void): () => void;
}

type ConsentWindow = Window & { wp_has_consent?: (category: string) => unknown };

export const CONSENT_CHANGE_EVENT = 'wp_listen_for_consent_change';

export function createConsentGate(config: ConsentConfig | null, win: Window): ConsentGate {
  const listeners = new Set<(granted: boolean) => void>();
  if (!config || !config.api) {
    const fixed = config?.api === false && config.events === 'always';
    return { granted: () => fixed, onChange: () => () => undefined };
  }
  const { category } = config;
  const ask = (): boolean => {
    const has = (win as ConsentWindow).wp_has_consent;
    try {
      return typeof has === 'function' && has(category) === true;
    } catch {
      return false;
    }
  };
  let current = ask();
  win.document.addEventListener(CONSENT_CHANGE_EVENT, (event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    const said = typeof detail === 'object' && detail !== null ? (detail as Record<string, unknown>)[category] : undefined;
    const next = said === 'allow' ? true : said === 'deny' ? false : ask();
    if (next === current) return;
    current = next;
    for (const listener of listeners) listener(current);
  });
  return {
    granted: () => current,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The `consent` of a config input, or null when it is missing or malformed (then nothing is sent). */
export function validConsent(input: unknown): ConsentConfig | null {
  if (typeof input !== 'object' || input === null) return null;
  const c = input as Record<string, unknown>;
  if (c.api === true) {
    return { api: true, category: typeof c.category === 'string' && c.category ? c.category : 'statistics' };
  }
  if (c.api === false && (c.events === 'always' || c.events === 'never')) return { api: false, events: c.events };
  return null;
}
