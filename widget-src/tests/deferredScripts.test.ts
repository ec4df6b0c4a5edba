import { afterEach, describe, expect, it } from '@jest/globals';
import { DEFERRED_HOLDER_ID, readDeferredTags, runDeferredTags } from '../plugin/deferredScripts';
import { loadPluginPanel, prefetchPluginPanel } from '../plugin/loadPluginPanel';

declare global {
  interface Window {
    __deferredLog?: string[];
  }
}

/** What WordPress prints for the panel: a stylesheet, a dependency, an inline "after" script, the panel. */
const PRINTED = [
  "<link rel='stylesheet' id='aisle-widget-panel-css' href='https://shop.test/build/panel.css?ver=1' media='all' />",
  "<script src='https://shop.test/wp-includes/js/dist/element.min.js?ver=6.1' id='wp-element-js'></script>",
  "<script id='wp-element-js-after'>window.__deferredLog.push('inline after element');</script>",
  '<script type="application/json" id="data">{"not":"run"}</script>',
  "<script src='https://shop.test/build/panel.js?ver=2' id='aisle-widget-panel-js'></script>",
].join('\n');

function printHolder(html: string): void {
  const holder = document.createElement('script');
  holder.type = 'application/json';
  holder.id = DEFERRED_HOLDER_ID;
  // As PHP's JSON_HEX_TAG prints it: no raw < or > inside the holder.
  holder.textContent = JSON.stringify(html).replace(/</g, '\\u003C').replace(/>/g, '\\u003E');
  document.body.append(holder);
}

/**
 * jsdom does not fetch external scripts: stand in for the network by "loading" each appended
 * external script after a tick, logging it, and running `onLoad` for the panel.
 */
function fakeNetwork(onLoad: (src: string) => void = () => undefined, fail?: string) {
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of Array.from(record.addedNodes)) {
        if (node instanceof HTMLScriptElement && node.src) {
          setTimeout(() => {
            if (node.src === fail) {
              node.dispatchEvent(new Event('error'));
              return;
            }
            window.__deferredLog?.push(`loaded ${new URL(node.src).pathname}`);
            onLoad(node.src);
            node.dispatchEvent(new Event('load'));
          }, 5);
        }
      }
    }
  });
  observer.observe(document.head, { childList: true });
  return observer;
}

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  delete window.aislePanel;
  delete window.__deferredLog;
});

describe('deferred plugin scripts', () => {
  it('reads the printed tags from the JSON holder, and nothing when there is none', () => {
    expect(readDeferredTags(document)).toBeNull();
    printHolder(PRINTED);
    const tags = readDeferredTags(document) ?? [];
    expect(tags.map((t) => t.tagName)).toEqual(['LINK', 'SCRIPT', 'SCRIPT', 'SCRIPT', 'SCRIPT']);
    // Still inert: the holder itself adds nothing to the document's scripts or styles.
    expect(document.head.querySelectorAll('script, link')).toHaveLength(0);
  });

  it('runs inline scripts only after the external script before them has loaded, in printed order', async () => {
    window.__deferredLog = [];
    printHolder(PRINTED);
    const observer = fakeNetwork();
    await runDeferredTags(document, readDeferredTags(document) ?? []);
    observer.disconnect();
    expect(window.__deferredLog).toEqual([
      'loaded /wp-includes/js/dist/element.min.js',
      'inline after element',
      'loaded /build/panel.js',
    ]);
    // Every external script was preloaded up front, so the downloads overlap.
    const preloads = Array.from(document.head.querySelectorAll<HTMLLinkElement>('link[rel="preload"]')).map((l) => l.href);
    expect(preloads).toEqual([
      'https://shop.test/wp-includes/js/dist/element.min.js?ver=6.1',
      'https://shop.test/build/panel.js?ver=2',
    ]);
    expect(document.head.querySelector<HTMLLinkElement>('link[rel="stylesheet"]')?.href).toBe(
      'https://shop.test/build/panel.css?ver=1',
    );
    // JSON data blocks are not turned into scripts.
    expect(document.head.querySelector('#data')).toBeNull();
  });

  it('resolves the panel the panel script registered, and retries after a failed download', async () => {
    window.__deferredLog = [];
    printHolder(PRINTED);
    const panel = { mountPanel: () => ({ setOpen: () => undefined }) };
    let observer = fakeNetwork(() => undefined, 'https://shop.test/build/panel.js?ver=2');
    await expect(loadPluginPanel(window)).rejects.toThrow('Could not load https://shop.test/build/panel.js?ver=2');
    observer.disconnect();

    observer = fakeNetwork((src) => {
      if (src.includes('/build/panel.js')) window.aislePanel = panel;
    });
    await expect(loadPluginPanel(window)).resolves.toBe(panel);
    observer.disconnect();
  });

  it('warming fetches every file once at low priority and runs nothing', () => {
    window.__deferredLog = [];
    printHolder(PRINTED);
    prefetchPluginPanel(window);
    prefetchPluginPanel(window);
    const prefetches = Array.from(document.head.querySelectorAll<HTMLLinkElement>('link[rel="prefetch"]')).map((l) => [
      l.as,
      l.href,
    ]);
    expect(prefetches).toEqual([
      ['style', 'https://shop.test/build/panel.css?ver=1'],
      ['script', 'https://shop.test/wp-includes/js/dist/element.min.js?ver=6.1'],
      ['script', 'https://shop.test/build/panel.js?ver=2'],
    ]);
    expect(document.head.querySelectorAll('script, link[rel="stylesheet"]')).toHaveLength(0);
    expect(window.__deferredLog).toEqual([]);
  });

  it('says so when the page has no holder (a theme without wp_footer)', async () => {
    await expect(loadPluginPanel(window)).rejects.toThrow(/no Aisle panel scripts/);
  });
});
