/**
 * What the widget costs a store's page (npm run bench:page-cost [runs=7]; bounded to 5 minutes).
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
import { machineLine } from './lib/machine';
import { startProxyProcess, type ProxyProcess } from './lib/proxy-process';
import { writeSection } from './lib/report';
import { percentile, sleep, table } from './lib/stats';

const RUNS = Number(process.argv[2] ?? 7);
const CPU_SLOWDOWN = 4;
const SETTLE_AFTER_LOAD_MS = 4000;
const DEADLINE_MS = 5 * 60_000;
const ROOT = path.resolve(__dirname, '..');

/** In the page before its own scripts; a string so no transpiler helper leaks in. */
const PROBE = `(() => {
  const m = { lcp: null, fcp: null, longTasks: [], events: [], launcherAt: null, clicks: [] };
  window.__cost = m;
  const watch = (type, fn, extra) => {
    try { new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({ type, buffered: true, ...extra }); } catch {}
  };
  watch('largest-contentful-paint', (e) => { if (m.clicks.length === 0) m.lcp = e.startTime; });
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

interface Interaction {
  /** Event Timing: processingStart − startTime of the first event of the interaction (null: under 16 ms, not reported). */
  inputDelay: number | null;
  /** Event Timing: the longest duration of the interaction's events (null: under 16 ms). */
  duration: number | null;
  /** Our capture listener: from the event's time stamp to the first listener running. */
  listenerDelay: number;
  /** Our capture listener: from the event's time stamp to the frame after its handlers. */
  nextFrame: number;
}

interface Run {
  aisle: boolean;
  lcp: number;
  fcp: number;
  tbt: number;
  launcher: number | null;
  /** Bytes of Aisle's files transferred before opening (the plugin's build folder). */
  aisleBytes: number;
  aisleRequests: number;
  before: Interaction;
  /** Click on the launcher until the message box shows. */
  openMs: number | null;
  after: Interaction;
}

interface Probe {
  lcp: number | null;
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
    const resources = (await page.evaluate(
      `performance.getEntriesByType('resource').filter((r) => r.name.includes('/plugins/aisle/')).map((r) => r.transferSize)`,
    )) as number[];
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
      fcp,
      tbt: settled.longTasks.filter(([start]) => start >= fcp).reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0),
      launcher: settled.launcherAt,
      aisleBytes: resources.reduce((a, b) => a + b, 0),
      aisleRequests: resources.length,
      before: interaction(probe, 0),
      openMs,
      after: interaction(probe, 1),
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
    startWordPress({ woocommerce: true, theme: 'block', locale: 'he_IL', pluginsDir, activatePlugins: ['aisle/aisle.php'] }),
    startFakeOpenAI({ apiKey: key }),
  ]);
  const proxy = await startProxyProcess({
    AISLE_CONNECTION_SECRET: secret,
    OPENAI_API_KEY: key,
    OPENAI_BASE_URL: openai.baseURL,
    AISLE_ALLOWED_ORIGINS: wp.url,
    LOG_LEVEL: 'warn',
  });
  writeFileSync(path.join(wp.wpDir, 'wp-content/mu-plugins/aisle-bench-toggle.php'), TOGGLE_PLUGIN);
  const saved = await wp.php(
    `(new \\Aisle\\Settings\\Settings())->update(array('proxy_url' => '${proxy.url}', 'connection_secret' => '${secret}'));` +
      `echo (new \\Aisle\\Settings\\Settings())->get('proxy_url');`,
  );
  if (saved.trim() !== proxy.url) throw new Error(`the plugin did not take the proxy URL: ${saved}`);
  return {
    wp,
    proxy,
    close: async () => {
      await proxy.stop();
      await openai.close();
      await wp.stop();
      rmSync(pluginsDir, { recursive: true, force: true });
    },
  };
}

const stat = (values: number[]) => ({
  median: percentile(values, 50),
  p25: percentile(values, 25),
  p75: percentile(values, 75),
  min: Math.min(...values),
  max: Math.max(...values),
});
const f = (n: number) => n.toFixed(0);
const spread = (values: number[]) => {
  const s = stat(values);
  return `**${f(s.median)}** (${f(s.p25)}–${f(s.p75)}; ${f(s.min)}–${f(s.max)})`;
};
/** Medians of nullable values (Event Timing reports nothing under 16 ms): counted as "<16". */
const eventSpread = (values: Array<number | null>) => {
  const reported = values.filter((v): v is number => v !== null);
  const none = values.length - reported.length;
  if (reported.length === 0) return `< 16 in all ${values.length}`;
  return `${reported.length > none ? spread(reported) : `median < 16`}${none > 0 ? `; < 16 in ${none} of ${values.length}` : ''}`;
};

function report(runs: Run[], weight: string, startedAt: Date, elapsedS: number): string {
  const w = runs.filter((r) => r.aisle);
  const wo = runs.filter((r) => !r.aisle);
  const col = (pick: (r: Run) => number | null) => [w, wo].map((list) => list.map(pick));
  const ratio = (pick: (r: Run) => number) => (stat(w.map(pick)).median / stat(wo.map(pick)).median).toFixed(2);
  const row = (name: string, pick: (r: Run) => number, withRatio = true) => {
    const [a, b] = col(pick) as [number[], number[]];
    return [name, spread(a), spread(b), withRatio ? `${ratio(pick)}×` : '—'];
  };
  const eventRow = (name: string, pick: (r: Run) => number | null) => {
    const [a, b] = col(pick);
    return [name, eventSpread(a!), eventSpread(b!), '—'];
  };
  const launcher = w.map((r) => r.launcher).filter((v): v is number => v !== null);
  const open = w.map((r) => r.openMs).filter((v): v is number => v !== null);
  const rows = [
    row('First Contentful Paint', (r) => r.fcp),
    row('Largest Contentful Paint', (r) => r.lcp),
    row('Total Blocking Time (FCP → load + 4 s)', (r) => r.tbt, false),
    ['Launcher usable (from navigation start)', spread(launcher), '—', '—'],
    ['Open the chat (click → message box shown)', spread(open), '—', '—'],
    row('Click before opening: delay to first listener', (r) => r.before.listenerDelay, false),
    row('Click before opening: to the next frame', (r) => r.before.nextFrame, false),
    eventRow('Click before opening: Event Timing input delay', (r) => r.before.inputDelay),
    eventRow('Click before opening: Event Timing duration (INP)', (r) => r.before.duration),
    row('Click after opening: delay to first listener', (r) => r.after.listenerDelay, false),
    row('Click after opening: to the next frame', (r) => r.after.nextFrame, false),
    eventRow('Click after opening: Event Timing input delay', (r) => r.after.inputDelay),
    eventRow('Click after opening: Event Timing duration (INP)', (r) => r.after.duration),
  ];
  const tbtDiff = stat(w.map((r) => r.tbt)).median - stat(wo.map((r) => r.tbt)).median;
  const lcpDiff = stat(w.map((r) => r.lcp)).median - stat(wo.map((r) => r.lcp)).median;
  const iqr = (values: number[]) => stat(values).p75 - stat(values).p25;
  const bytes = stat(w.map((r) => r.aisleBytes));
  return `\`npm run bench:page-cost\` (\`tsx bench/page-cost.ts ${RUNS}\`), ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${elapsedS.toFixed(0)} s in all.

- Machine: ${machineLine()}
- Page: a WooCommerce 11.0.1 product page (the simple product) on WordPress 7.0.4, block theme Twenty Twenty-Five, Hebrew, served by \`php -S\` with MariaDB (tests/helpers/wordpress.ts); the Aisle plugin from \`plugin/\` set up with a proxy process (\`npm start\`'s command) on the fake OpenAI.
- Browser: headless Chromium (${'`/usr/bin/chromium`'}), 1280×900, CPU slowed ${CPU_SLOWDOWN}× (\`Emulation.setCPUThrottlingRate\`), a fresh context (cold cache) per run; ${RUNS} runs with Aisle and ${RUNS} without, alternating, in one run (plus one warm-up pair not counted).
- Without Aisle: the same URL with \`?aisle-bench=off\`, which a bench-only must-use plugin turns into "proxy URL not set": the plugin enqueues nothing (each run checks there is no launcher). With Aisle: \`?aisle-bench=on\` (no effect).
- Method (Performance API in the page, installed before the page's scripts): LCP = the last \`largest-contentful-paint\` entry before the first click; TBT = Σ(duration − 50 ms) of \`longtask\` entries starting after FCP, until ${SETTLE_AFTER_LOAD_MS / 1000} s after \`load\` (the loader's idle preload of the panel falls in this window); launcher usable = first moment \`.aisle-launcher\` is in the document with a box (loader.ts attaches its click listener before inserting it); clicks on the product title (\`h1\`) before and 1 s after opening the chat: Event Timing (\`event\` entries, \`durationThreshold: 16\`: Chromium reports no entry below 16 ms) and, for every click, a capture listener installed first (delay to the first listener, and to the frame after the handlers).
- Figures: median, then (p25–p75; min–max) in ms.

| measure | with Aisle | without Aisle | ratio of medians |
|---|---:|---:|---:|
${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}

- Aisle's files on the wire before opening (php -S sends them uncompressed): ${w[0]?.aisleRequests ?? 0} requests, ${(bytes.median / 1024).toFixed(1)} KB (median); gzip sizes below.
- **LCP**: median ${lcpDiff >= 0 ? '+' : ''}${lcpDiff.toFixed(0)} ms with Aisle; the interquartile range without Aisle is ${iqr(wo.map((r) => r.lcp)).toFixed(0)} ms. **TBT**: median ${tbtDiff >= 0 ? '+' : ''}${tbtDiff.toFixed(0)} ms with Aisle; interquartile range without Aisle ${iqr(wo.map((r) => r.tbt)).toFixed(0)} ms.

Before-open page weight, \`node bench/widget-weight.mts\` in the same run:

${weight}`;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const deadline = setTimeout(() => {
    console.error(`page-cost: over ${DEADLINE_MS / 1000} s, giving up`);
    process.exit(2);
  }, DEADLINE_MS);
  deadline.unref();
  const env = await standUp();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const url = `${env.wp.url}${env.wp.store!.products.simple.path}`;
    // Warm-up pair: PHP's opcache and WooCommerce's caches, not counted.
    await measure(browser, url, true);
    await measure(browser, url, false);
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      for (const aisle of i % 2 === 0 ? [true, false] : [false, true]) {
        const run = await measure(browser, url, aisle);
        runs.push(run);
        process.stdout.write(
          `${aisle ? 'with   ' : 'without'} LCP ${f(run.lcp)} TBT ${f(run.tbt)} launcher ${run.launcher === null ? '-' : f(run.launcher)} ` +
            `click ${f(run.before.nextFrame)}/${f(run.after.nextFrame)} ms\n`,
        );
      }
    }
    const weight = execFileSync(process.execPath, [path.join(ROOT, 'bench/widget-weight.mts')], { encoding: 'utf8' })
      .split('\n\n')
      .at(-1)!
      .trim();
    writeSection(
      "What the widget costs a store's page",
      report(runs, weight, startedAt, (Date.now() - startedAt.getTime()) / 1000),
    );
  } finally {
    await browser.close();
    await env.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
