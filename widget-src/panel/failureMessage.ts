/** What the shopper reads when a request fails: plain words, and when to try again. */
import { __, _n, sprintf } from '@wordpress/i18n';
import type { ChatRequestError } from '../api/errors';

/** `withPhoto`: the failed message carried a photo, which is what a refusal is most likely about. */
export function failureMessage(error: ChatRequestError, online: boolean, withPhoto = false): string {
  if (withPhoto && (error.kind === 'bad_request' || error.kind === 'too_large')) {
    return __("The assistant couldn't use that photo. Please try another one.", 'aisle');
  }
  switch (error.kind) {
    case 'rate_limited': {
      const seconds = error.retryAfterSeconds;
      if (seconds !== undefined && seconds > 0) {
        return sprintf(
          /* translators: %d: seconds to wait before sending again */
          _n(
            'Too many messages right now. Please try again in %d second.',
            'Too many messages right now. Please try again in %d seconds.',
            seconds,
            'aisle',
          ),
          seconds,
        );
      }
      return __('Too many messages right now. Please wait a moment and try again.', 'aisle');
    }
    case 'network':
      return online
        ? __("The assistant can't be reached right now. Check your connection and try again.", 'aisle')
        : __("You're offline. Check your connection and try again.", 'aisle');
    case 'no_first_byte':
    case 'timeout':
      return __('The assistant is taking too long to answer. Please try again.', 'aisle');
    case 'server':
    case 'stream_unavailable':
      return __('The assistant ran into a problem. Please try again in a moment.', 'aisle');
    case 'unauthorized':
      return __('Your session has expired. Please reload the page and try again.', 'aisle');
    case 'not_found':
      return __('This conversation has ended. Retry to start a new one.', 'aisle');
    case 'too_large':
      return __('Your message is too long. Please shorten it and send it again.', 'aisle');
    case 'bad_request':
      return __("The assistant couldn't read that message. Please rephrase it.", 'aisle');
    case 'not_configured':
      return __("The assistant isn't available on this store yet.", 'aisle');
  }
}
