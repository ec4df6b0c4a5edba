/**
 * What the widget costs a store's page (npm run bench:page-cost [runs=12]; the runs are bounded to
 * 5 minutes, standing the store up by startWordPress's own limits).
 *
 * A real WordPress 7.0.4 + WooCommerce 11.0.1 product page (tests/helpers/wordpress.ts, the
 * block theme), the plugin installed from plugin/ (built widget) and set up with a proxy (a
 * separate process, as `npm start` runs it) on the fake OpenAI. Headless Chromium with the CPU
 * slowed 4× (CDP Emulation.setCPUThrottlingRate), a fresh context (cold cache) per run, the
 * page WITH Aisle and WITHOUT it alternating in one run. "Without" is the same page with the
 * plugin's scripts never enqueued (a bench-only mu-plugin blanks its proxy URL for
 * `?aisle-bench=off`, the state of a plugin that is not set up), so both pages go through the
 * same PHP and differ only by what Aisle puts on them.
 *
 * Per run, from the Performance API in the page: Largest Contentful Paint (the last
 * `largest-contentful-paint` entry before the first input), Total Blocking Time (long tasks
 * starting after First Contentful Paint, sum of duration − 50 ms, until 4 s after `load`), when
 * the launcher can be used (in the document with a box; loader.ts attaches its click listener
 * before inserting it), Aisle's bytes on the wire before opening, and a click on the product's
 * title before and after the chat opens: its delay (INP style, `event` entries: processingStart
 * − startTime, and the longest duration of the interaction; below 16 ms Chromium reports none)
 * and, always available, the delay our own capture listener saw and the time to the next frame.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startFakeOpenAI } from '../tests/fakes/openai';
import { fakeOpenAIKey } from '../tests/helpers/keys';
import { startWordPress, type WordPressSite } from '../tests/helpers/wordpress';
import { CPU_SLOWDOWN, f, report, SETTLE_AFTER_LOAD_MS, type Interaction, type Run } from './lib/page-cost-report';
import { startProxyProcess, type ProxyProcess } from './lib/proxy-process';
import { writeSection } from './lib/report';
import { sleep } from './lib/stats';

const RUNS = Number(process.argv[2] ?? 12);
const DEADLINE_MS = 5 * 60_000;
const ROOT = path.resolve(__dirname, '..');

/** In the page before its own scripts; a string so no transpiler helper leaks in. */
const PROBE = `(() => {
  const m = { lcp: null, lcpElement: null, fcp: null, longTasks: [], events: [], launcherAt: null, clicks: [] };
  window.__cost = m;
  const watch = (type, fn, extra) => {
    try { new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({ type, buffered: true, ...extra }); } catch {}
  };
  watch('largest-contentful-paint', (e) => {
    if (m.clicks.length > 0) return;
    m.lcp = e.startTime;
    m.lcpElement = e.element ? e.element.tagName.toLowerCase() + '.' + String(e.element.className).split(' ')[0] : e.url;
  });
  watch('paint', (e) => { if (e.name === 'first-contentful-paint') m.fcp = e.startTime; });
  watch('longtask', (e) => m.longTasks.push([e.startTime, e.duration]));
  watch('event', (e) => m.events.push({ name: e.name, id: e.interactionId, start: e.startTime,
    processingStart: e.processingStart, duration: e.duration }), { durationThreshold: 16 });
  const usable = () => {
    if (m.launcherAt !== null) return;
    const b = document.querySelector('.aisle-launcher');
    if (b && b.isConnected && b.getBoundingClientRect().width > 0) m.launcherAt = performance.now();
  };
  new MutationObserver(usable).observe(document, { childList: true, subtree: true });
  window.addEventListener('pointerdown', (e) => {
    const rec = { at: e.timeStamp, delay: performance.now() - e.timeStamp, nextFrame: null };
    m.clicks.push(rec);
    requestAnimationFrame(() => setTimeout(() => { rec.nextFrame = performance.now() - e.timeStamp; }, 0));
  }, true);
})()`;

/** A bench-only must-use plugin: `?aisle-bench=off` serves the page as if Aisle were not set up. */
const TOGGLE_PLUGIN = `<?php
// Bench only (bench/page-cost.ts): the same page without Aisle's scripts, for a baseline in the same run.
add_filter( 'option_aisle_settings', static function ( $value ) {
	if ( isset( $_GET['aisle-bench'] ) && 'off' === $_GET['aisle-bench'] && is_array( $value ) ) {
		$value['proxy_url'] = '';
	}
	return $value;
} );
`;

interface Probe {
  lcp: number | null;
  lcpElement: string | null;
  fcp: number | null;
  longTasks: Array<[number, number]>;
  events: Array<{ name: string; id: number; start: number; processingStart: number; duration: number }>;
  launcherAt: number | null;
  clicks: Array<{ at: number; delay: number; nextFrame: number | null }>;
}

const readProbe = (page: import('playwright-core').Page) =>
  page.evaluate('JSON.parse(JSON.stringify(window.__cost))') as Promise<Probe>;

function interaction(probe: Probe, index: number): Interaction {
  const click = probe.clicks[index];
  if (!click || click.nextFrame === null) throw new Error(`click ${index + 1} was not seen by the page`);
  // The interaction's Event Timing entries: pointerdown, pointerup, click share one interactionId.
  const first = probe.events.find((e) => e.name === 'pointerdown' && Math.abs(e.start - click.at) < 1);
  const entries = first ? probe.events.filter((e) => e.id === first.id && e.id > 0) : [];
  return {
    inputDelay: first ? first.processingStart - first.start : null,
    duration: entries.length > 0 ? Math.max(...entries.map((e) => e.duration)) : null,
    listenerDelay: click.delay,
    nextFrame: click.nextFrame,
  };
}

/** Σ(duration − 50 ms) of the long tasks starting in [from, to). */
const blocking = (tasks: Array<[number, number]>, from: number, to: number) =>
  tasks.filter(([start]) => start >= from && start < to).reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0);

async function measure(browser: Browser, url: string, aisle: boolean): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'he-IL' });
  try {
    await context.addInitScript(PROBE);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.goto(`${url}?aisle-bench=${aisle ? 'on' : 'off'}`, { waitUntil: 'load' });
    await sleep(SETTLE_AFTER_LOAD_MS);
    const hasLauncher = (await page.locator('.aisle-launcher').count()) > 0;
    if (hasLauncher !== aisle)
      throw new Error(`the page ${aisle ? 'with' : 'without'} Aisle has ${hasLauncher ? 'a' : 'no'} launcher`);
    const { load, resources } = (await page.evaluate(`(() => {
      const load = performance.getEntriesByType('navigation')[0].loadEventEnd;
      const resources = performance.getEntriesByType('resource').map((r) => ({
        aisle: r.name.includes('/plugins/aisle/'), start: r.startTime, bytes: r.transferSize }));
      return { load, resources };
    })()`)) as { load: number; resources: Array<{ aisle: boolean; start: number; bytes: number }> };
    const onLoad = resources.filter((r) => r.aisle && r.start <= load);
    const afterLoad = resources.filter((r) => r.start > load);
    const settled = await readProbe(page);

    const title = page.locator('h1').first();
    await title.click({ position: { x: 5, y: 5 } });
    await sleep(400);
    let openMs: number | null = null;
    if (aisle) {
      const started = Date.now();
      await page.locator('.aisle-launcher').click();
      await page.locator('.aisle-composer__input').waitFor({ state: 'visible' });
      openMs = Date.now() - started;
    }
    await sleep(1000);
    await title.click({ position: { x: 5, y: 5 } });
    await sleep(400);
    const probe = await readProbe(page);
    if (settled.fcp === null || settled.lcp === null) throw new Error('no FCP or LCP entry');
    const fcp = settled.fcp;
    return {
      aisle,
      lcp: settled.lcp,
      lcpElement: settled.lcpElement ?? '?',
      fcp,
      tbt: blocking(settled.longTasks, fcp, Infinity),
      tbtToLoad: blocking(settled.longTasks, fcp, load),
      tbtAfterLoad: blocking(settled.longTasks, load, Infinity),
      launcher: settled.launcherAt,
      aisleBytes: onLoad.reduce((sum, r) => sum + r.bytes, 0),
      aisleRequests: onLoad.length,
      afterLoadBytes: afterLoad.reduce((sum, r) => sum + r.bytes, 0),
      afterLoadRequests: afterLoad.length,
      before: interaction(probe, 0),
      openMs,
      // The last click: with Aisle the launcher's click comes between the two on the title.
      after: interaction(probe, probe.clicks.length - 1),
    };
  } finally {
    await context.close();
  }
}

/** Sets up the store: the plugin from plugin/ active and pointed at the proxy, the bench toggle. */
async function standUp(): Promise<{ wp: WordPressSite; proxy: ProxyProcess; close: () => Promise<void> }> {
  const pluginsDir = mkdtempSync(path.join(os.tmpdir(), 'aisle-bench-plugins-'));
  cpSync(path.join(ROOT, 'plugin'), path.join(pluginsDir, 'aisle'), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  const key = fakeOpenAIKey('bench-page-cost');
  const [wp, openai] = await Promise.all([
    startWordPress({
      woocommerce: true,
      theme: 'block',
      locale: 'he_IL',
      pluginsDir,
      activatePlugins: ['aisle/aisle.php'],
      // A shared, busy machine: the first pages of a fresh copy can take a while.
      timeoutMs: 150_000,
    }),
    startFakeOpenAI({ apiKey: key }),
  ]);
  const stopStore = async () => {
    await openai.close();
    await wp.stop();
    rmSync(pluginsDir, { recursive: true, force: true });
  };
  let proxy: ProxyProcess | undefined;
  try {
    proxy = await startProxyProcess({
      AISLE_CONNECTION_SECRET: secret,
      OPENAI_API_KEY: key,
      OPENAI_BASE_URL: openai.baseURL,
      AISLE_ALLOWED_ORIGINS: wp.url,
    });
    writeFileSync(path.join(wp.wpDir, 'wp-content/mu-plugins/aisle-bench-toggle.php'), TOGGLE_PLUGIN);
    const saved = await wp.php(
      `(new \\Aisle\\Settings\\Settings())->update(array('proxy_url' => '${proxy.url}', 'connection_secret' => '${secret}'));` +
        `echo (new \\Aisle\\Settings\\Settings())->get('proxy_url');`,
    );
    if (saved.trim() !== proxy.url) throw new Error(`the plugin did not take the proxy URL: ${saved}`);
  } catch (error) {
    await proxy?.stop();
    await stopStore();
    throw error;
  }
  const running = proxy;
  return {
    wp,
    proxy: running,
    close: async () => {
      await running.stop();
      await stopStore();
    },
  };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const env = await standUp();
  console.log(`store, plugin and proxy up in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s`);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  // The runs themselves are bounded; standing the store up has its own time limits (startWordPress).
  const deadlineAt = Date.now() + DEADLINE_MS;
  const deadline = setTimeout(() => {
    console.error(`page-cost: the runs took over ${DEADLINE_MS / 1000} s, giving up`);
    void Promise.allSettled([browser.close(), env.close()]).then(() => process.exit(2));
  }, DEADLINE_MS);
  deadline.unref();
  try {
    const url = `${env.wp.url}${env.wp.store!.products.simple.path}`;
    // Warm-up pair: PHP's opcache and WooCommerce's caches, not counted.
    let pairStarted = Date.now();
    await measure(browser, url, true);
    await measure(browser, url, false);
    let lastPairMs = Date.now() - pairStarted;
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      // Stop before a pair that would not fit in the time limit (about as long as the last one).
      if (Date.now() + lastPairMs > deadlineAt - 10_000) {
        console.log(`time limit: ${i} pairs of ${RUNS}`);
        break;
      }
      pairStarted = Date.now();
      for (const aisle of i % 2 === 0 ? [true, false] : [false, true]) {
        const run = await measure(browser, url, aisle);
        runs.push(run);
        process.stdout.write(
          `${aisle ? 'with   ' : 'without'} LCP ${f(run.lcp)} (${run.lcpElement}) TBT ${f(run.tbt)} launcher ${run.launcher === null ? '-' : f(run.launcher)} ` +
            `click ${f(run.before.nextFrame)}/${f(run.after.nextFrame)} ms\n`,
        );
      }
      lastPairMs = Date.now() - pairStarted;
    }
    const weight = execFileSync(process.execPath, [path.join(ROOT, 'bench/widget-weight.mts')], { encoding: 'utf8' })
      .split('\n\n')
      .at(-1)!
      .trim();
    writeSection(
      "What the widget costs a store's page",
      report(runs, RUNS, weight, startedAt, (Date.now() - startedAt.getTime()) / 1000),
    );
  } finally {
    clearTimeout(deadline);
    await browser.close();
    await env.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
