/** Shared start-up of both entries: read config once the page has loaded, start the loader once. */
import { readConfig } from './config/readConfig';
import type { WidgetConfig } from './config/types';
import { allowedByHoldout } from './holdout/holdout';
import type { Translate } from './i18n/translate';
import { afterPageLoad } from './launcher/whenIdle';
import { startWidget, type PanelModule } from './loader';
import { createWidgetStateStore, safeLocalStorage } from './storage/widgetState';

declare global {
  interface Window {
    __aisleWidgetStarted?: boolean;
  }
}

export interface BootOptions {
  /** Runs before anything renders: the standalone build loads its translations here. */
  prepare?: (config: WidgetConfig) => void;
  /** Fetches the panel: a lazy chunk in the standalone build, WordPress's deferred scripts in the plugin. */
  loadPanel: () => Promise<PanelModule>;
  /** See StartWidgetOptions.warmPanel. */
  warmPanel?: () => void;
  /** The launcher's `__` (see StartWidgetOptions.translate). */
  translate: Translate;
}

/** At the latest this long after the load event, even on a page that never goes idle. */
const LAUNCHER_IDLE_TIMEOUT_MS = 2000;
/** At the latest this long after the loader runs, on a page whose load event does not come. */
const LAUNCHER_MAX_WAIT_MS = 8000;

export function bootWidget(options: BootOptions): void {
  // Captured now: `document.currentScript` is null once this script has finished running.
  const script = document.currentScript;
  if (window.__aisleWidgetStarted) {
    return; // embedded twice (plugin + snippet): one widget is enough
  }
  window.__aisleWidgetStarted = true;
  const start = () => {
    // Holdout visitors get no launcher at all (and no panel, no session, no events).
    if (!allowedByHoldout(window, window.AisleConfig?.holdout)) return;
    const config = readConfig(window, script);
    options.prepare?.(config);
    void startWidget({
      config,
      store: createWidgetStateStore(safeLocalStorage(window)),
      win: window,
      loadPanel: options.loadPanel,
      warmPanel: options.warmPanel,
      translate: options.translate,
      loadStyles: () => import(/* webpackChunkName: "aisle-launcher" */ './launcher/launcher.css'),
    });
  };
  // Nothing of the launcher runs before the page has loaded (see afterPageLoad); the launcher
  // shows a moment later, the page's own content does not wait for it.
  afterPageLoad(window, start, LAUNCHER_IDLE_TIMEOUT_MS, LAUNCHER_MAX_WAIT_MS);
}
