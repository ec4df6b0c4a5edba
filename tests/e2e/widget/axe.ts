/**
 * axe-core in the page: injects `axe.min.js` and runs the WCAG 2.2 AA rules. A violation is
 * returned with its rule ID and the selectors of its nodes, so a failure says what to fix.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** A string, not a function, so no transpiler helper leaks into the page. */
const RUN = `(async () => {
  const result = await window.axe.run(document, {
    runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} },
    resultTypes: ['violations'],
  });
  return JSON.stringify({
    passes: result.passes.length,
    violations: result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\\s+/g, ' ')),
    })),
  });
})()`;

export interface AxeReport {
  state: string;
  passes: number;
  violations: AxeViolation[];
}

export async function runAxe(page: Page, state: string): Promise<AxeReport> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  const { passes, violations } = JSON.parse((await page.evaluate(RUN)) as string) as Omit<AxeReport, 'state'>;
  return { state, passes, violations };
}

/** One line per violation and node, for the failure message. */
export function describeViolations(report: AxeReport): string {
  return report.violations
    .map((v) => `${report.state}: ${v.id} (${v.impact}) ${v.help}\n${v.nodes.map((n) => `    ${n}`).join('\n')}`)
    .join('\n');
}

/** Runs axe and fails with every rule ID and node when anything is found. */
export async function expectNoViolations(page: Page, state: string, log: AxeReport[]): Promise<void> {
  const report = await runAxe(page, state);
  log.push(report);
  if (report.violations.length > 0) {
    throw new Error(`axe found ${report.violations.length} WCAG 2.2 AA violation(s)\n${describeViolations(report)}`);
  }
  if (report.passes === 0) throw new Error(`${state}: axe checked nothing`);
}
