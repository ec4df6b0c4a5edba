/** Test-side helpers for the widget's browser tests: translations, screenshots for the docs, waiting. */
import { readFileSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR } from '../../helpers/browser';

type LocaleMessages = Record<string, unknown>;
const HEBREW_MESSAGES = (
  JSON.parse(readFileSync(path.resolve(__dirname, '../../../widget-src/i18n/he_IL.json'), 'utf8')) as {
    locale_data: { messages: LocaleMessages };
  }
).locale_data.messages;

/** The Hebrew the widget ships for an English msgid; throws when it has none (a missing string is a bug). */
export function hebrew(msgid: string): string {
  const entry = HEBREW_MESSAGES[msgid];
  if (!Array.isArray(entry) || typeof entry[0] !== 'string' || entry[0] === '') {
    throw new Error(`widget-src/i18n/he_IL.json has no translation for ${JSON.stringify(msgid)}`);
  }
  return entry[0];
}

/** README screenshots live here and are committed. */
export const DOCS_SCREENSHOTS_DIR = path.resolve(__dirname, '../../../docs/screenshots');

/**
 * What the shopper sees: the viewport only. A full-page shot of a long page shows the fixed
 * panel somewhere in the middle of it, which is not what anyone sees.
 */
export async function viewportScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false, animations: 'disabled' });
  return file;
}

/** Copies a test-artifacts screenshot into docs/screenshots under `name`.png. */
export async function publishScreenshot(artifact: string, name: string): Promise<string> {
  await mkdir(DOCS_SCREENSHOTS_DIR, { recursive: true });
  const target = path.join(DOCS_SCREENSHOTS_DIR, `${name}.png`);
  await copyFile(artifact, target);
  return target;
}

/** Polls a condition that lives outside the page (a fake's counter); fails with `what` on timeout. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** True when every text extends the one before it, as streamed text does. */
export function isGrowingSequence(texts: string[]): boolean {
  return texts.every((text, i) => i === 0 || (text.trim().startsWith(texts[i - 1]!.trim()) && text !== texts[i - 1]));
}
