import { describe, expect, it } from '@jest/globals';
import { ChatRequestError } from '../../api/errors';
import { failureMessage } from '../../panel/failureMessage';

describe('failureMessage with a photo', () => {
  it('a refused or oversized message that carried a photo is about the photo', () => {
    const photo = "The assistant couldn't use that photo. Please try another one.";
    expect(failureMessage(new ChatRequestError('bad_request', 'The photo is empty.'), true, true)).toBe(photo);
    expect(failureMessage(new ChatRequestError('too_large', 'too large'), true, true)).toBe(photo);
    expect(failureMessage(new ChatRequestError('bad_request', 'x'), true, false)).toBe(
      "The assistant couldn't read that message. Please rephrase it.",
    );
    // Other failures read the same with or without a photo.
    expect(failureMessage(new ChatRequestError('server', 'x'), true, true)).toBe(
      failureMessage(new ChatRequestError('server', 'x'), true),
    );
  });
});
