/** Nearest-rank percentile of `values` (0 < p ≤ 100). */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / (values.length || 1);

export const ms = (value: number, digits = 2) => `${value.toFixed(digits)} ms`;

export const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis));

/** A markdown table from a header row and rows. */
export function table(header: string[], rows: Array<Array<string | number>>): string {
  const align = header.map((_h, i) => (i === 0 ? '---' : '---:'));
  return [header, align, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/**
 * A 95 % percentile-bootstrap interval for the median of paired differences (2,000 resamples,
 * a fixed seed so the same runs give the same interval).
 */
export function pairedMedianInterval(differences: readonly number[]): { median: number; low: number; high: number } {
  let seed = 0x2f6b1d;
  const random = () => {
    // mulberry32: small, seedable, good enough to pick resample indices.
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const medians: number[] = [];
  for (let i = 0; i < 2000; i += 1) {
    const sample = differences.map(() => differences[Math.floor(random() * differences.length)]!);
    medians.push(percentile(sample, 50));
  }
  return { median: percentile(differences, 50), low: percentile(medians, 2.5), high: percentile(medians, 97.5) };
}
