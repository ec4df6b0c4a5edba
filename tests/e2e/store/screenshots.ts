/** Screenshots of the journey: into test-artifacts/ and, under a stable name, into docs/screenshots/ (the README shows them). */
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR } from '../../helpers/browser';

export const DOCS_SCREENSHOTS_DIR = path.resolve(__dirname, '../../../docs/screenshots');

/** What a person sees (the viewport, unless `fullPage`), saved as docs/screenshots/<name>.png. */
export async function publishShot(page: Page, name: string, fullPage = false): Promise<string> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name must be [\\w.-]+, got ${name}`);
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await mkdir(DOCS_SCREENSHOTS_DIR, { recursive: true });
  const artifact = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: artifact, fullPage, animations: 'disabled' });
  const published = path.join(DOCS_SCREENSHOTS_DIR, `${name}.png`);
  await copyFile(artifact, published);
  return published;
}
