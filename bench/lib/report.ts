import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const BENCHMARKS_MD = path.resolve(__dirname, '..', '..', 'docs', 'benchmarks.md');

/**
 * Replace (or append) one `## heading` section of docs/benchmarks.md, leaving
 * every other section (catalog sync, widget weight…) as it is.
 * Set BENCH_NO_WRITE=1 to only print.
 */
export function writeSection(heading: string, body: string): void {
  process.stdout.write(`\n## ${heading}\n\n${body.trim()}\n`);
  if (process.env.BENCH_NO_WRITE === '1') return;
  let doc = '';
  try {
    doc = readFileSync(BENCHMARKS_MD, 'utf8');
  } catch {
    doc = '# Benchmarks\n';
  }
  const section = `## ${heading}\n\n${body.trim()}\n`;
  const lines = doc.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${heading}`);
  if (start === -1) {
    writeFileSync(BENCHMARKS_MD, `${doc.trimEnd()}\n\n${section}`);
    return;
  }
  let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  if (end === -1) end = lines.length;
  const next = [...lines.slice(0, start), ...section.split('\n'), ...lines.slice(end)].join('\n');
  writeFileSync(BENCHMARKS_MD, next.replace(/\n{3,}/g, '\n\n'));
}
