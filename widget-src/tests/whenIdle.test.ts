import { describe, expect, it, jest } from '@jest/globals';
import { afterPageLoad, whenIdle } from '../launcher/whenIdle';

/** A window whose load event and idle periods the test fires itself. */
function fakeWindow(readyState: DocumentReadyState, withIdle = true) {
  const target = new EventTarget();
  const idle: Array<{ callback: () => void; timeout: number }> = [];
  const timers: Array<{ callback: () => void; ms: number }> = [];
  const win = {
    document: { readyState },
    addEventListener: target.addEventListener.bind(target),
    setTimeout: (callback: () => void, ms: number) => timers.push({ callback, ms }),
    ...(withIdle
      ? { requestIdleCallback: (callback: () => void, o: { timeout: number }) => idle.push({ callback, timeout: o.timeout }) }
      : {}),
  } as unknown as Window;
  return { win, idle, timers, load: () => target.dispatchEvent(new Event('load')) };
}

describe('starting after the page', () => {
  it('waits for the load event, then for an idle period (with a deadline), and runs once', () => {
    const { win, idle, load, timers } = fakeWindow('interactive');
    const callback = jest.fn();
    afterPageLoad(win, callback, 2000, 8000);
    expect(idle).toHaveLength(0);
    load();
    expect(idle).toEqual([{ callback: expect.any(Function), timeout: 2000 }]);
    expect(callback).not.toHaveBeenCalled();
    idle[0]!.callback();
    load(); // a second load event (none in browsers) changes nothing
    expect(idle).toHaveLength(1);
    expect(callback).toHaveBeenCalledTimes(1);
    timers[0]!.callback(); // the longest wait runs out later: still once
    idle.at(-1)!.callback();
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('on a page already loaded, goes straight to the idle wait', () => {
    const { win, idle, timers } = fakeWindow('complete');
    const callback = jest.fn();
    afterPageLoad(win, callback, 2000, 8000);
    expect(timers).toEqual([]);
    idle[0]!.callback();
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('on a page whose load event never comes, starts after the longest wait, and only once', () => {
    const { win, idle, timers, load } = fakeWindow('interactive');
    const callback = jest.fn();
    afterPageLoad(win, callback, 2000, 8000);
    expect(timers.map((t) => t.ms)).toEqual([8000]);
    timers[0]!.callback(); // 8 s passed, no load event
    expect(idle).toHaveLength(1);
    idle[0]!.callback();
    expect(callback).toHaveBeenCalledTimes(1);
    load(); // the load event after all: nothing starts twice
    idle.at(-1)!.callback();
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('without requestIdleCallback (Safari), falls back to a timer', () => {
    const { win, timers } = fakeWindow('complete', false);
    const callback = jest.fn();
    whenIdle(win, callback, 10000, 4000);
    expect(timers).toEqual([{ callback, ms: 4000 }]);
  });
});
