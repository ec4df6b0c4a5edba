/**
 * Page weight of the chat widget before the shopper opens it: the gzip size of the JS and CSS
 * the loader transfers on page load, measured from the built output (run `npm run build:widget`
 * first; this script builds nothing). Prints a markdown table; exits 1 over the budget.
 *
 *   node bench/widget-weight.mts
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '..');
const BUDGET_BYTES = 15 * 1024;

interface Build {
  name: string;
  dir: string;
  /** The script tag's file. */
  entry: string;
  /** Chunks the loader fetches before the panel opens (its stylesheet). */
  preOpenChunks: string[];
  note: string;
}

const BUILDS: Build[] = [
  {
    name: 'standalone',
    dir: join(ROOT, 'proxy/static'),
    entry: 'widget.js',
    preOpenChunks: ['aisle-launcher'],
    note: 'everything bundled',
  },
  {
    name: 'plugin',
    dir: join(ROOT, 'plugin/build'),
    entry: 'index.js',
    preOpenChunks: ['aisle-launcher'],
    note: 'the loader has no WordPress dependency; React, wp-element, wp-i18n and wp-api-fetch are fetched when the browser is idle and run on open',
  },
];

interface Row {
  build: string;
  file: string;
  phase: 'page load' | 'on open / idle';
  raw: number;
  gzip: number;
}

function measure(build: Build): Row[] {
  if (!existsSync(join(build.dir, build.entry))) {
    throw new Error(`${build.dir}/${build.entry} is missing: run \`npm run build:widget\` first.`);
  }
  const files = readdirSync(build.dir).filter((f) => /\.(js|css)$/.test(f));
  return files.map((file) => {
    const bytes = readFileSync(join(build.dir, file));
    const chunk = file.replace(/\.(js|css)$/, '');
    const preOpen = file === build.entry || build.preOpenChunks.includes(chunk);
    return {
      build: build.name,
      file,
      phase: preOpen ? 'page load' : 'on open / idle',
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
    };
  });
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const rows = BUILDS.flatMap(measure).sort((a, b) => a.build.localeCompare(b.build) || a.phase.localeCompare(b.phase));
console.log('| build | file | loaded | raw | gzip |');
console.log('|---|---|---|---:|---:|');
for (const row of rows) {
  console.log(`| ${row.build} | ${row.file} | ${row.phase} | ${kb(row.raw)} | ${kb(row.gzip)} |`);
}
console.log('');
console.log(`| build | before opening (gzip JS+CSS) | budget | note |`);
console.log('|---|---:|---:|---|');
let over = false;
// Inside WordPress, a dependency of the loader would load on page load too, uncounted above: allow none.
const loaderAsset = readFileSync(join(ROOT, 'plugin/build/index.asset.php'), 'utf8');
const loaderDeps = /'dependencies'\s*=>\s*array\(([^)]*)\)/.exec(loaderAsset)?.[1]?.trim() ?? '?';
if (loaderDeps !== '') {
  over = true;
  console.log(`plugin loader depends on WordPress scripts (${loaderDeps}), which load with every page`);
}
for (const build of BUILDS) {
  const total = rows.filter((r) => r.build === build.name && r.phase === 'page load').reduce((sum, r) => sum + r.gzip, 0);
  over ||= total > BUDGET_BYTES;
  console.log(`| ${build.name} | ${kb(total)} | ${kb(BUDGET_BYTES)} | ${build.note} |`);
}
process.exitCode = over ? 1 : 0;
