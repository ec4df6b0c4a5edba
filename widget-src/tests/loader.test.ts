import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { resolveConfig } from '../config/readConfig';
import { launcherSide, startWidget, type PanelModule } from '../loader';
import type { MountPanelOptions } from '../panel/mountPanel';
import { translatorFrom } from '../i18n/translate';
import { createWidgetStateStore } from '../storage/widgetState';

function fakePanelModule() {
  const calls: Array<[boolean, boolean]> = [];
  let options: MountPanelOptions | null = null;
  const module: PanelModule = {
    mountPanel: (_container, opts) => {
      options = opts;
      return { setOpen: (open, focus) => calls.push([open, focus]) };
    },
  };
  return { module, calls, requestClose: () => options?.onRequestClose() };
}

async function start(preloadOnIdle = false, warmPanel?: () => void) {
  const panel = fakePanelModule();
  const loadPanel = jest.fn(async () => panel.module);
  const store = createWidgetStateStore(window.localStorage);
  const controller = await startWidget({
    config: resolveConfig({ proxyUrl: 'https://proxy.test', preloadOnIdle }, document),
    store,
    win: window,
    loadPanel,
    warmPanel,
    loadStyles: async () => undefined,
    translate: translatorFrom({ 'Open chat': ['פתיחת הצ׳אט'] }),
  });
  return { controller, panel, loadPanel, store };
}

beforeEach(() => {
  document.body.innerHTML = '';
  window.localStorage.clear();
});

describe('loader', () => {
  it('adds only a labelled launcher and loads no panel code on page load', async () => {
    const { controller, loadPanel } = await start();
    // Translated through the given lookup; a string it lacks stays English.
    expect(controller.launcher.getAttribute('aria-label')).toBe('פתיחת הצ׳אט');
    expect(controller.launcher.getAttribute('aria-expanded')).toBe('false');
    expect(document.body.contains(controller.root)).toBe(true);
    expect(loadPanel).not.toHaveBeenCalled();
  });

  it('opens on click: loads the panel, moves focus into it, remembers it is open', async () => {
    const { controller, panel, loadPanel, store } = await start();
    controller.launcher.click();
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(loadPanel).toHaveBeenCalledTimes(1);
    expect(panel.calls).toEqual([[true, true]]);
    expect(controller.launcher.getAttribute('aria-expanded')).toBe('true');
    expect(controller.launcher.getAttribute('aria-label')).toBe('Close chat');
    expect(store.read().open).toBe(true);
  });

  it('closing (Escape or the panel asking) returns focus to the launcher', async () => {
    const { controller, panel, store } = await start();
    await controller.open();
    controller.root.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(panel.calls.at(-1)).toEqual([false, false]);
    expect(document.activeElement).toBe(controller.launcher);
    expect(store.read().open).toBe(false);
    await controller.open();
    (document.body as HTMLElement).focus();
    panel.requestClose();
    expect(document.activeElement).toBe(controller.launcher);
  });

  it('reopens after a reload without stealing focus', async () => {
    createWidgetStateStore(window.localStorage).write({ open: true, threadId: 't' });
    const { panel } = await start();
    await new Promise((r) => setTimeout(r, 0));
    expect(panel.calls).toEqual([[true, false]]);
  });

  it('preloads the panel when the browser is idle', async () => {
    jest.useFakeTimers();
    try {
      const { loadPanel } = await start(true);
      expect(loadPanel).not.toHaveBeenCalled();
      jest.advanceTimersByTime(5000);
      expect(loadPanel).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('given a way to warm the panel, the idle preload only warms it and runs no panel code', async () => {
    jest.useFakeTimers();
    try {
      const warmPanel = jest.fn();
      const { loadPanel } = await start(true, warmPanel);
      expect(warmPanel).not.toHaveBeenCalled();
      jest.advanceTimersByTime(5000);
      expect(warmPanel).toHaveBeenCalledTimes(1);
      expect(loadPanel).not.toHaveBeenCalled();
    } finally {
      jest.useRealTimers();
    }
  });

  it('starts loading the panel when the pointer comes over the launcher or it gets focus, once', async () => {
    const { controller, loadPanel, panel } = await start();
    controller.launcher.dispatchEvent(new Event('pointerenter'));
    controller.launcher.dispatchEvent(new Event('pointerenter'));
    controller.launcher.dispatchEvent(new FocusEvent('focus'));
    expect(loadPanel).toHaveBeenCalledTimes(1);
    // Loaded, not opened: nothing is mounted until the click.
    await new Promise((r) => setTimeout(r, 0));
    expect(panel.calls).toEqual([]);
    expect(controller.launcher.getAttribute('aria-expanded')).toBe('false');
  });

  it('maps physical positions to the inline side for the page direction', () => {
    expect(launcherSide('bottom-right', 'ltr')).toBe('end');
    expect(launcherSide('bottom-right', 'rtl')).toBe('start');
    expect(launcherSide('bottom-left', 'rtl')).toBe('end');
    expect(launcherSide('bottom-end', 'rtl')).toBe('end');
  });
});
