/**
 * The plugin's deferred dependencies. WordPress prints the panel's scripts (React, wp-element,
 * wp-api-fetch with its nonce middleware, the Hebrew strings…) into an inert JSON holder instead
 * of running them on page load (see plugin/includes/Frontend/Widget.php). When the browser is idle
 * their files are fetched into the cache; on first open this recreates them in the printed order,
 * so a product page only pays for the small loader.
 */

/** The id of `<script type="application/json">` that holds the printed tags as one HTML string. */
export const DEFERRED_HOLDER_ID = 'aisle-panel-scripts';

/** Attributes never copied: `src`/`href` are set explicitly, and the rest would change how a tag runs. */
const SKIPPED_ATTRIBUTES = new Set(['src', 'async', 'defer', 'type']);

function copyAttributes(from: Element, to: Element): void {
  for (const attr of Array.from(from.attributes)) {
    if (!SKIPPED_ATTRIBUTES.has(attr.name)) {
      to.setAttribute(attr.name, attr.value);
    }
  }
}

function waitForLoad(element: HTMLScriptElement | HTMLLinkElement, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    element.addEventListener('load', () => resolve(), { once: true });
    element.addEventListener('error', () => reject(new Error(`Could not load ${what}`)), { once: true });
  });
}

/** Reads the printed tags; `null` when the page has no holder (an old cached page, or a theme that skips `wp_footer`). */
export function readDeferredTags(doc: Document): Element[] | null {
  const holder = doc.getElementById(DEFERRED_HOLDER_ID);
  if (!holder?.textContent) {
    return null;
  }
  const html: unknown = JSON.parse(holder.textContent);
  if (typeof html !== 'string') {
    return null;
  }
  const template = doc.createElement('template');
  template.innerHTML = html;
  return Array.from(template.content.children);
}

/**
 * Asks the browser to fetch the tags' files (scripts and stylesheets) at low priority into its
 * cache, running nothing: `<link rel="prefetch">`, once per file.
 */
export function prefetchDeferredTags(doc: Document, tags: Element[]): void {
  for (const tag of tags) {
    const url =
      tag.tagName === 'SCRIPT'
        ? tag.getAttribute('src')
        : tag.tagName === 'LINK' && tag.getAttribute('rel') === 'stylesheet'
          ? tag.getAttribute('href')
          : null;
    const asked = Array.from(doc.head.querySelectorAll('link[rel="prefetch"]')).some((l) => l.getAttribute('href') === url);
    if (!url || asked) {
      continue;
    }
    const prefetch = doc.createElement('link');
    prefetch.rel = 'prefetch';
    prefetch.as = tag.tagName === 'SCRIPT' ? 'script' : 'style';
    prefetch.href = url;
    doc.head.append(prefetch);
  }
}

/**
 * Runs the tags in order. External scripts must finish before the next tag runs, because the
 * inline ones after them call what they define (`wp.i18n.setLocaleData`, `wp.apiFetch.use`).
 * Everything is preloaded first, so the files download in parallel even though they run in turn.
 */
export async function runDeferredTags(doc: Document, tags: Element[]): Promise<void> {
  for (const tag of tags) {
    const src = tag.tagName === 'SCRIPT' ? tag.getAttribute('src') : null;
    if (src) {
      const preload = doc.createElement('link');
      preload.rel = 'preload';
      preload.as = 'script';
      preload.href = src;
      doc.head.append(preload);
    }
  }
  for (const tag of tags) {
    if (tag.tagName === 'SCRIPT') {
      const type = tag.getAttribute('type');
      if (type && !/^(text|application)\/javascript$/i.test(type)) {
        continue; // JSON data or templates: nothing to run
      }
      const script = doc.createElement('script');
      copyAttributes(tag, script);
      const src = tag.getAttribute('src');
      if (src) {
        script.src = src;
        const loaded = waitForLoad(script, src);
        doc.head.append(script);
        await loaded;
      } else {
        script.text = tag.textContent ?? '';
        doc.head.append(script); // inline: runs on insertion
      }
    } else if (tag.tagName === 'LINK' && tag.getAttribute('rel') === 'stylesheet') {
      const link = doc.createElement('link');
      copyAttributes(tag, link);
      link.href = tag.getAttribute('href') ?? '';
      doc.head.append(link); // styles need not block the next script
    } else if (tag.tagName === 'STYLE') {
      doc.head.append(tag.cloneNode(true));
    }
  }
}
