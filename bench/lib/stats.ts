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
