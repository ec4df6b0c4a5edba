/** The holdout in the loader: a sticky group per visitor, no launcher for holdout visitors, one counted session per day. */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { allowedByHoldout, countVisit, holdoutGroup, type HoldoutConfig } from '../holdout/holdout';

const config: HoldoutConfig = {
  percent: 20,
  cookie: 'aisle_group',
  visitEndpoint: 'https://shop.example/wp-json/aisle/v1/visit',
};

function clearCookies() {
  for (const part of document.cookie.split(';')) {
    const name = part.split('=')[0]!.trim();
    if (name) document.cookie = `${name}=; Max-Age=0; Path=/`;
  }
}

describe('holdout', () => {
  let beacon: jest.Mock<(url: string) => boolean>;
  beforeEach(() => {
    clearCookies();
    window.sessionStorage.clear();
    beacon = jest.fn((_url: string) => true);
    Object.defineProperty(window.navigator, 'sendBeacon', { value: beacon, configurable: true });
  });
  afterEach(() => clearCookies());

  it('draws the group once and keeps it in the cookie', () => {
    expect(holdoutGroup(window, config, () => 19.99)).toBe('holdout');
    expect(document.cookie).toContain('aisle_group=holdout');
    // Later draws do not matter: the cookie decides.
    expect(holdoutGroup(window, config, () => 99)).toBe('holdout');
    clearCookies();
    expect(holdoutGroup(window, config, () => 20)).toBe('chat');
    expect(holdoutGroup(window, config, () => 0)).toBe('chat');
  });

  it('draws about the configured share from the browser generator', () => {
    let holdout = 0;
    for (let i = 0; i < 1000; i++) {
      clearCookies();
      if (holdoutGroup(window, config) === 'holdout') holdout++;
    }
    // 20% of 1000 = 200; five standard deviations (≈ 63) either side.
    expect(holdout).toBeGreaterThan(137);
    expect(holdout).toBeLessThan(263);
  });

  it('a cookie with anything else than a group is drawn again', () => {
    document.cookie = 'aisle_group=admin; Path=/';
    expect(holdoutGroup(window, config, () => 50)).toBe('chat');
    expect(document.cookie).toContain('aisle_group=chat');
  });

  it('counts one session per browser session and day', () => {
    expect(countVisit(window, config, '2026-12-08')).toBe(true);
    expect(countVisit(window, config, '2026-12-08')).toBe(false);
    expect(countVisit(window, config, '2026-12-09')).toBe(true);
    expect(beacon.mock.calls.map((call) => call[0])).toEqual([config.visitEndpoint, config.visitEndpoint]);
  });

  it('lets the launcher render for chat visitors and without a holdout, never for holdout visitors', () => {
    expect(allowedByHoldout(window, null)).toBe(true);
    expect(allowedByHoldout(window, { ...config, percent: 0 })).toBe(true);
    expect(beacon).not.toHaveBeenCalled();
    expect(document.cookie).not.toContain('aisle_group');
    document.cookie = 'aisle_group=holdout; Path=/';
    expect(allowedByHoldout(window, config)).toBe(false);
    expect(beacon).toHaveBeenCalledTimes(1);
    window.sessionStorage.clear();
    document.cookie = 'aisle_group=chat; Path=/';
    expect(allowedByHoldout(window, config)).toBe(true);
    expect(beacon).toHaveBeenCalledTimes(2);
  });
});
