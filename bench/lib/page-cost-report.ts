/**
 * The figures and the docs section of bench/page-cost.ts: medians with their spread, the
 * with/without table, and the method in words.
 */
import { machineLine } from './machine';
import { pairedMedianInterval, percentile } from './stats';

export const CPU_SLOWDOWN = 4;
export const SETTLE_AFTER_LOAD_MS = 4000;

export interface Interaction {
  /** Event Timing: processingStart − startTime of the first event of the interaction (null: under 16 ms, not reported). */
  inputDelay: number | null;
  /** Event Timing: the longest duration of the interaction's events (null: under 16 ms). */
  duration: number | null;
  /** Our capture listener: from the event's time stamp to the first listener running. */
  listenerDelay: number;
  /** Our capture listener: from the event's time stamp to the frame after its handlers. */
  nextFrame: number;
}

export interface Run {
  aisle: boolean;
  lcp: number;
  /** The LCP element, `tag.first-class`, or the image URL. */
  lcpElement: string;
  fcp: number;
  /** Total Blocking Time from FCP to the load event, and from it to the end of the window. */
  tbt: number;
  tbtToLoad: number;
  tbtAfterLoad: number;
  launcher: number | null;
  /** Aisle's own files fetched until the load event, and bytes of every file fetched after it (the launcher and the idle warm-up). */
  aisleBytes: number;
  aisleRequests: number;
  afterLoadBytes: number;
  afterLoadRequests: number;
  before: Interaction;
  /** Click on the launcher until the message box shows. */
  openMs: number | null;
  after: Interaction;
}

const stat = (values: number[]) => ({
  median: percentile(values, 50),
  p25: percentile(values, 25),
  p75: percentile(values, 75),
  min: Math.min(...values),
  max: Math.max(...values),
});
export const f = (n: number) => n.toFixed(0);
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

export function report(runs: Run[], asked: number, weight: string, startedAt: Date, elapsedS: number): string {
  const w = runs.filter((r) => r.aisle);
  const pairs = w.length;
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
    row('Total Blocking Time, FCP → load + 4 s', (r) => r.tbt, false),
    row('… of which FCP → load event', (r) => r.tbtToLoad, false),
    row('… of which after the load event (launcher, idle warm-up)', (r) => r.tbtAfterLoad, false),
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
  const signed = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(0)}`;
  /** A difference of medians inside the baseline's interquartile range cannot be told from noise. */
  const verdict = (diff: number, range: number) => (Math.abs(diff) <= range ? 'within noise' : 'more than the noise');
  const tbtLoadDiff = stat(w.map((r) => r.tbtToLoad)).median - stat(wo.map((r) => r.tbtToLoad)).median;
  const elements = (list: Run[]) => {
    const counts = new Map<string, number>();
    for (const r of list) counts.set(r.lcpElement, (counts.get(r.lcpElement) ?? 0) + 1);
    return [...counts].map(([el, n]) => `\`${el}\` ×${n}`).join(', ');
  };
  const tbtDiff = stat(w.map((r) => r.tbt)).median - stat(wo.map((r) => r.tbt)).median;
  const lcpDiff = stat(w.map((r) => r.lcp)).median - stat(wo.map((r) => r.lcp)).median;
  const iqr = (values: number[]) => stat(values).p75 - stat(values).p25;
  /** Pair i is the i-th run with and the i-th without, measured back to back. */
  const paired = (pick: (r: Run) => number) => {
    const { median, low, high } = pairedMedianInterval(w.map((r, i) => pick(r) - pick(wo[i]!)));
    return `paired differences: median ${signed(median)} ms, 95 % bootstrap interval ${signed(low)} to ${signed(high)} ms`;
  };
  const bytes = stat(w.map((r) => r.aisleBytes));
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const later = (list: Run[]) =>
    `${stat(list.map((r) => r.afterLoadRequests)).median} requests, ${kb(stat(list.map((r) => r.afterLoadBytes)).median)}`;
  return `\`npm run bench:page-cost\` (\`tsx bench/page-cost.ts ${asked}\`), ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${elapsedS.toFixed(0)} s in all.

- Machine: ${machineLine()}
- Page: a WooCommerce 11.0.1 product page (the simple product) on WordPress 7.0.4, block theme Twenty Twenty-Five, Hebrew, served by \`php -S\` with MariaDB (tests/helpers/wordpress.ts); the Aisle plugin from \`plugin/\` set up with a proxy process (\`npm start\`'s command) on the fake OpenAI.
- Browser: headless Chromium (${'`/usr/bin/chromium`'}), 1280×900, CPU slowed ${CPU_SLOWDOWN}× (\`Emulation.setCPUThrottlingRate\`), a fresh context (cold cache) per run; ${pairs} runs with Aisle and ${pairs} without, alternating, in one run (plus one warm-up pair not counted)${pairs < asked ? `; ${asked} pairs were asked for, the 5-minute limit allowed ${pairs}` : ''}.
- Without Aisle: the same URL with \`?aisle-bench=off\`, which a bench-only must-use plugin turns into "proxy URL not set": the plugin enqueues nothing (each run checks there is no launcher). With Aisle: \`?aisle-bench=on\` (no effect).
- Method (Performance API in the page, installed before the page's scripts): LCP = the last \`largest-contentful-paint\` entry before the first click; TBT = Σ(duration − 50 ms) of \`longtask\` entries starting after FCP, until ${SETTLE_AFTER_LOAD_MS / 1000} s after \`load\` (the launcher's start and the idle warm-up of the panel's files fall in this window); launcher usable = first moment \`.aisle-launcher\` is in the document with a box (the loader starts once the page has loaded and gone idle, and attaches its click listener before inserting it); clicks on the product title (\`h1\`) before and 1 s after opening the chat: Event Timing (\`event\` entries, \`durationThreshold: 16\`: Chromium reports no entry below 16 ms) and, for every click, a capture listener installed first (delay to the first listener, and to the frame after the handlers).
- Figures: median, then (p25–p75; min–max) in ms.

| measure | with Aisle | without Aisle | ratio of medians |
|---|---:|---:|---:|
${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}

- Aisle's files on the wire until the load event (the async loader; php -S sends it uncompressed): ${w[0]?.aisleRequests ?? 0} request${w[0]?.aisleRequests === 1 ? '' : 's'}, ${kb(bytes.median)} (median); gzip sizes below. Everything fetched after the load event (medians): with Aisle ${later(w)} (the launcher's stylesheet, then the panel, React and the WordPress packages it needs, fetched into the cache when the browser is idle and run only when the chat opens), without ${later(wo)}.
- The LCP element (runs with / without Aisle): ${elements(w)} / ${elements(wo)}.
- **LCP**: median ${signed(lcpDiff)} ms with Aisle (${verdict(lcpDiff, iqr(wo.map((r) => r.lcp)))}: the interquartile range without Aisle is ${iqr(wo.map((r) => r.lcp)).toFixed(0)} ms; ${paired((r) => r.lcp)}). **TBT**: median ${signed(tbtDiff)} ms with Aisle (${verdict(tbtDiff, iqr(wo.map((r) => r.tbt)))}: interquartile range without Aisle ${iqr(wo.map((r) => r.tbt)).toFixed(0)} ms; ${paired((r) => r.tbt)}); until the load event ${signed(tbtLoadDiff)} ms.

Before-open page weight, \`node bench/widget-weight.mts\` in the same run:

${weight}`;
}
