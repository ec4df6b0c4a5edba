/**
 * Accessibility in real Chromium: axe-core (WCAG 2.2 AA) on the widget in every state a shopper
 * meets — closed, open, streaming, with cards, a variation picker asking for its option, an
 * error with Retry, full screen on a phone, Hebrew and English — the full-screen panel as a
 * modal (Tab trap, inert page, focus back to the launcher), and reduced motion. Arabic is in
 * rtl.test.ts, voice input in voice.test.ts, the demo store page in a11y-demo.test.ts.
 * Needs the widget built (`npm run build:widget`).
 */
import type { Page } from 'playwright-core';
import { expectNoViolations } from './axe';
import { openWidget, sendMessage } from './page';
import { DOG_FOOD, useShop, waitForAnswerWithCards } from './shopper';

jest.setTimeout(60_000);

const LONG_ANSWER = Array.from({ length: 30 }, (_, i) => `משפט מספר ${i + 1} על מזון לכלבים.`).join(' ');
const shop = useShop({ tokenDelayMs: 20 });

test('widget, Hebrew right to left: no WCAG 2.2 AA violation closed, open, streaming, with cards, picking an option, or failing', async () => {
  const { page, parts } = await shop().shopperPage();
  await expectNoViolations(page, 'widget he: closed', shop().reports);

  await openWidget(page);
  await expectNoViolations(page, 'widget he: open (greeting, quick prompts)', shop().reports);

  // The fake sends part of the answer, then holds the stream open: streaming for as long as axe takes.
  shop().world.openai.enqueue({ kind: 'stall', afterEvents: 40, then: { kind: 'text', text: LONG_ANSWER } });
  await sendMessage(parts, 'ספרו לי על מזון');
  await parts.stopButton.waitFor({ state: 'visible' });
  await parts.lastReply.locator('.aisle-message__text').waitFor({ state: 'visible' });
  await expectNoViolations(page, 'widget he: streaming', shop().reports);
  await expect(parts.stopButton.isVisible()).resolves.toBe(true);
  await parts.stopButton.click();
  await parts.sendButton.waitFor({ state: 'visible' });

  await sendMessage(parts, DOG_FOOD);
  await waitForAnswerWithCards(parts);
  await expectNoViolations(page, 'widget he: answer with cards', shop().reports);

  // A variable product's card: Add to cart before choosing asks for the option, by name.
  const variable = shop().world.catalog.products.find((p) => p.id === shop().world.visibleIds[1])!;
  const card = parts.cards.filter({ hasText: variable.name });
  await card.locator('button', { hasText: /./ }).last().click();
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
  await expectNoViolations(page, 'widget he: variation picker asking for an option', shop().reports);

  shop().world.openai.enqueue({ kind: 'http_error', status: 503 });
  await sendMessage(parts, DOG_FOOD);
  await parts.error.getByRole('button').waitFor({ state: 'visible' });
  await expectNoViolations(page, 'widget he: error with Retry', shop().reports);
});

test('widget, English left to right: no violation open and with cards', async () => {
  const { page, parts } = await shop().shopperPage({ lang: 'en', dir: 'ltr', locale: 'en-US' });
  await expect(parts.launcher.getAttribute('aria-label')).resolves.toBe('Open chat');
  await openWidget(page);
  await expect(parts.panel.getAttribute('dir')).resolves.toBe('ltr');
  await expectNoViolations(page, 'widget en: open', shop().reports);
  await sendMessage(parts, 'dog food');
  await waitForAnswerWithCards(parts);
  await expectNoViolations(page, 'widget en: answer with cards', shop().reports);
});

/** Where focus is: inside the panel, or a description of where it went. */
const focusPlace = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    return active?.closest('.aisle-panel') ? 'panel' : `${active?.tagName}.${active?.className}`;
  });

test('mobile full screen: a modal dialog that keeps Tab inside, makes the page inert, and gives focus back on close', async () => {
  const { page, parts } = await shop().shopperPage({ viewport: { width: 390, height: 844 }, mobile: true });
  await openWidget(page);
  await expect(parts.panel.getAttribute('aria-modal')).resolves.toBe('true');
  await sendMessage(parts, DOG_FOOD);
  await waitForAnswerWithCards(parts);
  await expectNoViolations(page, 'widget he: mobile full screen with cards', shop().reports);

  // Every other top-level element of the page is inert while the panel is open.
  const inertness = () =>
    page.evaluate(() =>
      Array.from(document.body.children).map((el) => ({
        widget: el.classList.contains('aisle-root'),
        inert: el.hasAttribute('inert'),
      })),
    );
  const open = await inertness();
  expect(open.filter((e) => !e.widget).length).toBeGreaterThan(1);
  expect(open.every((e) => e.inert === !e.widget)).toBe(true);

  const visited = new Set<string>();
  for (let i = 0; i < 30; i += 1) {
    await page.keyboard.press('Tab');
    await expect(focusPlace(page)).resolves.toBe('panel');
    visited.add(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 60) ?? ''));
  }
  // The trap cycles through the panel's controls, not one stuck element.
  expect(visited.size).toBeGreaterThan(3);
  for (let i = 0; i < 30; i += 1) {
    await page.keyboard.press('Shift+Tab');
    await expect(focusPlace(page)).resolves.toBe('panel');
  }

  await page.keyboard.press('Escape');
  await parts.panel.waitFor({ state: 'hidden' });
  await page.waitForFunction(() => document.activeElement?.classList.contains('aisle-launcher'));
  await page.waitForFunction(() => !document.querySelector('body > [inert]'));
  await expect(inertness()).resolves.toEqual(open.map((e) => ({ ...e, inert: false })));
  await expectNoViolations(page, 'widget he: mobile, closed again', shop().reports);
});

test('desktop: the floating panel is not modal and leaves the page alone', async () => {
  const { page, parts } = await shop().shopperPage();
  await openWidget(page);
  await expect(parts.panel.getAttribute('aria-modal')).resolves.toBe('false');
  await expect(page.evaluate(() => document.querySelectorAll('body > [inert]').length)).resolves.toBe(0);
});

/** Every computed animation and transition duration in the widget, as seconds. */
const motionDurations = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('.aisle-root, .aisle-root *')).flatMap((el) => {
      const style = getComputedStyle(el);
      return [...style.animationDuration.split(','), ...style.transitionDuration.split(',')].map((d) => parseFloat(d));
    }),
  );

test('prefers-reduced-motion: no animation or transition runs; without it the launcher and typing dots move', async () => {
  const moving = await shop().shopperPage();
  shop().world.openai.enqueue({ kind: 'hang', ms: 1500, then: { kind: 'text', text: 'כן.' } });
  await openWidget(moving.page);
  await sendMessage(moving.parts, 'שלום');
  await moving.parts.typing.waitFor({ state: 'visible' });
  expect((await motionDurations(moving.page)).some((d) => d > 0)).toBe(true);

  shop().world.openai.reset({ keepCatalog: true });
  shop().world.openai.enqueue({ kind: 'hang', ms: 1500, then: { kind: 'text', text: 'כן.' } });
  const still = await shop().shopperPage({ reducedMotion: 'reduce' });
  await openWidget(still.page);
  await sendMessage(still.parts, 'שלום');
  await still.parts.typing.waitFor({ state: 'visible' });
  const durations = await motionDurations(still.page);
  expect(durations.length).toBeGreaterThan(20);
  expect(durations.filter((d) => d !== 0)).toEqual([]);
});
