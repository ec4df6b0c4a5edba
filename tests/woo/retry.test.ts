import { describe, expect, test } from '@jest/globals';
import { backoffDelayMs, parseRetryAfterMs } from '../../proxy/src/woo/retry';

describe('backoff', () => {
  test('grows exponentially, stays within [ceiling/2, ceiling] and under the cap', () => {
    expect(backoffDelayMs(0, { baseMs: 100, maxMs: 10_000, random: () => 0 })).toBe(50);
    expect(backoffDelayMs(0, { baseMs: 100, maxMs: 10_000, random: () => 1 })).toBe(100);
    expect(backoffDelayMs(3, { baseMs: 100, maxMs: 10_000, random: () => 1 })).toBe(800);
    expect(backoffDelayMs(20, { baseMs: 100, maxMs: 10_000, random: () => 1 })).toBe(10_000);
  });

  test('Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfterMs('2')).toBe(2000);
    const now = Date.UTC(2026, 10, 25, 20, 0, 0);
    expect(parseRetryAfterMs('Wed, 25 Nov 2026 20:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfterMs('soon')).toBeNull();
    expect(parseRetryAfterMs(undefined)).toBeNull();
  });
});
