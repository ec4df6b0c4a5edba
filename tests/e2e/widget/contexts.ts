/**
 * A fresh browser context per test (its own localStorage), closed after the test; any uncaught
 * error of its page fails the test. Registers beforeEach/afterEach in the calling file.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

export interface ContextPerTest {
  /** Closes the previous context, if any, and opens a page in a new one. */
  newPage(browser: Browser, options: BrowserContextOptions, timeoutMs: number, initScripts?: string[]): Promise<Page>;
  /** Closes the current context (for afterAll). */
  close(): Promise<void>;
}

/** `beforeEachTest` runs at the start of every test, e.g. to reset the fake OpenAI. */
export function contextPerTest(beforeEachTest: () => void = () => undefined): ContextPerTest {
  let context: BrowserContext | undefined;
  let pageErrors: string[] = [];
  beforeEach(() => {
    pageErrors = [];
    beforeEachTest();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    expect(pageErrors).toEqual([]);
  });
  return {
    async newPage(browser, options, timeoutMs, initScripts = []) {
      await context?.close();
      context = await browser.newContext(options);
      context.setDefaultTimeout(timeoutMs);
      for (const script of initScripts) await context.addInitScript(script);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      return page;
    },
    async close() {
      await context?.close();
      context = undefined;
    },
  };
}
