/**
 * "Email the store": `POST {restRoot}aisle/v1/handoff/email` on the store's own WordPress, with
 * the shopper's session token (proves the thread is theirs) and the `wp_rest` nonce the session
 * route handed out. The plugin reads the transcript from the proxy and mails it to the store.
 */
import type { FetchLike } from './chatClient';
import type { SessionTokenProvider } from './session';

export interface HandoffEmailInput {
  threadId: string;
  email: string;
}

export type SendHandoffEmail = (input: HandoffEmailInput) => Promise<void>;

/** The plugin refused or failed; `message` is the plugin's own (translated) words when it gave some. */
export class HandoffEmailError extends Error {
  override readonly name = 'HandoffEmailError';

  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface HandoffEmailOptions {
  restRoot: string;
  session: SessionTokenProvider;
  /** The newest `wp_rest` nonce (from the session response, else the page's). */
  nonce: () => string | null;
  fetch?: FetchLike;
}

export function createHandoffEmailSender(options: HandoffEmailOptions): SendHandoffEmail {
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return async ({ threadId, email }) => {
    const token = await options.session.getToken();
    const nonce = options.nonce();
    let response: Response;
    try {
      response = await fetchImpl(`${options.restRoot}aisle/v1/handoff/email`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', ...(nonce ? { 'X-WP-Nonce': nonce } : {}) },
        body: JSON.stringify({ thread_id: threadId, email, consent: true, token }),
      });
    } catch {
      throw new HandoffEmailError('', 0);
    }
    if (response.ok) return;
    const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
    throw new HandoffEmailError(typeof body?.message === 'string' ? body.message : '', response.status);
  };
}
