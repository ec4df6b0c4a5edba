/**
 * How the plugin build gets its panel: the `panel` entry (plugin/build/panel.js) registers
 * itself on `window.aislePanel` once WordPress's deferred dependencies and it have run.
 */
import type { PanelModule } from '../loader';
import { prefetchDeferredTags, readDeferredTags, runDeferredTags } from './deferredScripts';

declare global {
  interface Window {
    aislePanel?: PanelModule;
  }
}

let loading: Promise<PanelModule> | null = null;

export function loadPluginPanel(win: Window): Promise<PanelModule> {
  if (win.aislePanel) {
    return Promise.resolve(win.aislePanel);
  }
  loading ??= (async () => {
    const tags = readDeferredTags(win.document);
    if (!tags) {
      throw new Error('The page has no Aisle panel scripts; is wp_footer() missing from the theme?');
    }
    await runDeferredTags(win.document, tags);
    if (!win.aislePanel) {
      throw new Error('The Aisle panel script ran but did not register itself.');
    }
    return win.aislePanel;
  })().finally(() => {
    // Settled: on success `win.aislePanel` answers from now on; on failure a later open tries again.
    loading = null;
  });
  return loading;
}

/** The panel's files fetched into the cache, not run (see StartWidgetOptions.warmPanel). */
export function prefetchPluginPanel(win: Window): void {
  const tags = win.aislePanel ? null : readDeferredTags(win.document);
  if (tags) {
    prefetchDeferredTags(win.document, tags);
  }
}
