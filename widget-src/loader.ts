/**
 * The only code that runs on page load: a launcher button in plain DOM. The panel (React,
 * markdown, the chat) is a separate chunk fetched when the browser is idle or on first open.
 */
import { toLanguageTag } from './config/locale';
import type { Direction, LauncherPosition, WidgetConfig } from './config/types';
import type { Translate } from './i18n/translate';
import type { MountPanelOptions, PanelHandle } from './panel/mountPanel';
import type { WidgetStateStore } from './storage/widgetState';
import { whenIdle } from './launcher/whenIdle';
import { colorsToCssVariables } from './theme/colors';

export interface PanelModule {
  mountPanel(container: HTMLElement, options: MountPanelOptions): PanelHandle;
}

export interface StartWidgetOptions {
  config: WidgetConfig;
  store: WidgetStateStore;
  win: Window;
  /** `import()` of the panel chunk. */
  loadPanel: () => Promise<PanelModule>;
  /**
   * Fetches the panel's files into the browser's cache without running them, when the browser is
   * idle (`preloadOnIdle`): the first open then waits for no download, and the page never pays
   * for running code the shopper may not use. Without it, the idle preload runs `loadPanel`.
   */
  warmPanel?: () => void;
  /** `import()` of the launcher's stylesheet (a CSS-only chunk). */
  loadStyles: () => Promise<unknown>;
  /** `__` for the launcher's labels: wp-i18n's in the standalone bundle, a plain lookup in the plugin. */
  translate: Translate;
}

export interface WidgetController {
  readonly root: HTMLElement;
  readonly launcher: HTMLButtonElement;
  open(options?: { focus?: boolean }): Promise<void>;
  close(): void;
}

const CHAT_ICON =
  '<svg width="28" height="28" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>';

/** `bottom-right` in a right-to-left page is the inline start. */
export function launcherSide(position: LauncherPosition, dir: Direction): 'start' | 'end' {
  switch (position) {
    case 'bottom-start':
      return 'start';
    case 'bottom-end':
      return 'end';
    case 'bottom-right':
      return dir === 'ltr' ? 'end' : 'start';
    case 'bottom-left':
      return dir === 'ltr' ? 'start' : 'end';
  }
}

let instanceCount = 0;

export async function startWidget(options: StartWidgetOptions): Promise<WidgetController> {
  const { config, store, win } = options;
  const __ = options.translate;
  const doc = win.document;
  instanceCount += 1;
  const panelId = `aisle-panel-${instanceCount}`;

  const root = doc.createElement('div');
  root.className = `aisle-root aisle-root--${launcherSide(config.position, config.dir)}`;
  root.dir = config.dir;
  root.lang = toLanguageTag(config.locale);
  for (const [name, value] of Object.entries(colorsToCssVariables(config.colors))) {
    root.style.setProperty(name, value);
  }

  const launcher = doc.createElement('button');
  launcher.type = 'button';
  launcher.className = 'aisle-launcher';
  launcher.innerHTML = CHAT_ICON;
  launcher.setAttribute('aria-controls', panelId);
  const panelHost = doc.createElement('div');
  panelHost.className = 'aisle-panel-host';
  root.append(panelHost, launcher);

  let isOpen = false;
  let panel: PanelHandle | null = null;
  let panelModule: Promise<PanelModule> | null = null;
  const loadPanel = () => {
    panelModule ??= options.loadPanel().catch((error: unknown) => {
      panelModule = null; // a later click tries again
      throw error;
    });
    return panelModule;
  };

  const syncLauncher = () => {
    root.dataset.open = String(isOpen);
    launcher.setAttribute('aria-expanded', String(isOpen));
    launcher.setAttribute('aria-label', isOpen ? __('Close chat', 'aisle') : __('Open chat', 'aisle'));
  };

  const controller: WidgetController = {
    root,
    launcher,
    async open({ focus = true } = {}) {
      isOpen = true;
      store.write({ open: true });
      syncLauncher();
      launcher.setAttribute('aria-busy', 'true');
      try {
        const { mountPanel } = await loadPanel();
        if (!isOpen) {
          return; // closed again while loading
        }
        panel ??= mountPanel(panelHost, { config, store, panelId, onRequestClose: () => controller.close() });
        panel.setOpen(true, focus);
      } catch {
        // The chunk did not load (offline, blocked): back to closed so the next click retries.
        isOpen = false;
        syncLauncher();
      } finally {
        launcher.removeAttribute('aria-busy');
      }
    },
    close() {
      const wasOpen = isOpen;
      isOpen = false;
      store.write({ open: false });
      syncLauncher();
      panel?.setOpen(false, false);
      if (wasOpen) {
        launcher.focus();
      }
    },
  };

  // Escape closes from anywhere in the widget, the launcher included.
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && isOpen) {
      controller.close();
    }
  });
  // A pointer over the launcher, or focus on it, usually comes just before a click: the panel's
  // code starts then, and the click waits less for it.
  const intent = () => void loadPanel().catch(() => undefined);
  launcher.addEventListener('pointerenter', intent, { once: true });
  launcher.addEventListener('focus', intent, { once: true });
  launcher.addEventListener('click', () => {
    if (isOpen) {
      controller.close();
    } else {
      void controller.open();
    }
  });
  syncLauncher();

  // The launcher appears once its stylesheet is in, so it never flashes unstyled.
  await options.loadStyles().catch(() => undefined);
  doc.body.append(root);

  if (store.read().open) {
    // Reopened after navigation: show it, but leave the page's focus alone.
    void controller.open({ focus: false });
  } else if (config.preloadOnIdle) {
    const warm = options.warmPanel ?? (() => void loadPanel().catch(() => undefined));
    whenIdle(win, warm, 10000, 4000);
  }
  return controller;
}
