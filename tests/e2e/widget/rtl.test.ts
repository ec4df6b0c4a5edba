/**
 * Arabic right to left in real Chromium, against the same page in English: the panel says
 * dir=rtl, and the launcher, the panel, the header, a card's image and text and the message
 * box are where the English layout has them, mirrored (compared by bounding boxes). Each
 * shipped language greets the shopper and offers the built-in quick prompts in its own words.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SHIPPED_LOCALES } from '../../../widget-src/i18n/locales';
import { expectNoViolations } from './axe';
import { openWidget, sendMessage, type WidgetParts } from './page';
import { DOG_FOOD, useShop, waitForAnswerWithCards } from './shopper';

jest.setTimeout(60_000);

const shop = useShop();
const VIEWPORT = { width: 1280, height: 900 };
const GREETING = 'Hi! I can help you find products, compare options and check stock. What are you looking for?';
const PROMPTS = ['What do you recommend?', 'Which products are on sale?', 'Help me choose a gift'];

function translations(locale: string): (msgid: string) => string {
  const file = path.resolve(__dirname, '../../../widget-src/i18n', `${locale}.json`);
  const { messages } = (JSON.parse(readFileSync(file, 'utf8')) as { locale_data: { messages: Record<string, string[]> } })
    .locale_data;
  return (msgid) => {
    const text = messages[msgid]?.[0];
    if (!text || text === msgid) throw new Error(`${locale}.json has no translation for ${JSON.stringify(msgid)}`);
    return text;
  };
}

interface Box {
  left: number;
  right: number;
  top: number;
  width: number;
}

/** The boxes of the widget's parts that a mirrored layout moves. */
async function layoutOf(page: Page) {
  return page.evaluate(() => {
    const box = (el: Element | null | undefined): Box => {
      if (!el) throw new Error('missing element');
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, width: r.width };
    };
    const panel = document.querySelector('.aisle-panel')!;
    const card = panel.querySelector('.aisle-card');
    return {
      dir: panel.getAttribute('dir'),
      direction: getComputedStyle(panel).direction,
      launcher: box(document.querySelector('.aisle-launcher')),
      panel: box(panel),
      title: box(panel.querySelector('.aisle-panel__title')),
      close: box(panel.querySelector('.aisle-panel__header button:last-of-type')),
      card: box(card),
      image: box(card?.querySelector('.aisle-card__image')),
      cardText: box(card?.querySelector('.aisle-card__body')),
      input: box(panel.querySelector('.aisle-composer__input')),
      send: box(panel.querySelector('.aisle-composer button[type="submit"]')),
    };
  });
}

async function answeredLayout(options: { lang: string; dir: 'rtl' | 'ltr'; locale: string }) {
  const { page, parts } = await shop().shopperPage({ ...options, viewport: VIEWPORT });
  await openWidget(page);
  await sendMessage(parts, DOG_FOOD);
  await waitForAnswerWithCards(parts);
  return { page, parts, layout: await layoutOf(page) };
}

/** `x` measured from the other edge of `width`: where a mirrored layout puts it. */
const mirror = (x: number, width: number) => width - x;
const near = (actual: number, expected: number, what: string) => {
  if (Math.abs(actual - expected) > 2) throw new Error(`${what}: ${actual} is not within 2px of ${expected}`);
};

test('Arabic is laid out right to left, the mirror image of English, with cards and no axe violation', async () => {
  const en = (await answeredLayout({ lang: 'en', dir: 'ltr', locale: 'en-US' })).layout;
  const { page, parts, layout: ar } = await answeredLayout({ lang: 'ar', dir: 'rtl', locale: 'ar' });
  await expectNoViolations(page, 'widget ar: answer with cards', shop().reports);
  await expect(parts.panel.getAttribute('lang')).resolves.toBe('ar');

  expect([en.dir, en.direction, ar.dir, ar.direction]).toEqual(['ltr', 'ltr', 'rtl', 'rtl']);
  // English: launcher and panel at the bottom right; Arabic: at the bottom left, as far from the edge.
  expect(en.launcher.left).toBeGreaterThan(VIEWPORT.width / 2);
  expect(ar.launcher.right).toBeLessThan(VIEWPORT.width / 2);
  near(ar.launcher.left, mirror(en.launcher.right, VIEWPORT.width), 'launcher');
  near(ar.panel.left, mirror(en.panel.right, VIEWPORT.width), 'panel');
  near(ar.panel.width, en.panel.width, 'panel width');

  // Inside the panel, every part sits at the mirrored offset from the panel's edges.
  const inPanel = (layout: typeof en, b: Box) => ({ start: b.left - layout.panel.left, end: layout.panel.right - b.right });
  for (const part of ['title', 'close', 'card', 'input', 'send'] as const) {
    near(inPanel(ar, ar[part]).end, inPanel(en, en[part]).start, `${part} (from the start edge)`);
    near(ar[part].top, en[part].top, `${part} (same height)`);
  }
  // The header reads title first, then its buttons; the send button follows the message box.
  expect(en.close.left).toBeGreaterThan(en.title.right);
  expect(ar.close.right).toBeLessThanOrEqual(ar.title.left);
  expect(en.send.left).toBeGreaterThan(en.input.right);
  expect(ar.send.right).toBeLessThan(ar.input.left);

  // A card: the image first (left in English, right in Arabic), then the name and price.
  expect(en.image.right).toBeLessThan(en.cardText.left);
  expect(ar.image.left).toBeGreaterThan(ar.cardText.right);
  near(ar.card.right - ar.image.right, en.image.left - en.card.left, 'card image inset');
  expect(
    await parts.cards
      .first()
      .locator('.aisle-card__name')
      .evaluate((el) => getComputedStyle(el).textAlign),
  ).toMatch(/^(right|start)$/);
});

/** `he_IL` → the page's `<html lang>`, direction and the browser's locale. */
const pageOf = (locale: string) => {
  const tag = locale.replace('_', '-');
  return { lang: tag, dir: ['ar', 'he'].includes(tag.slice(0, 2)) ? ('rtl' as const) : ('ltr' as const), locale: tag };
};

async function builtInTexts(parts: WidgetParts) {
  return {
    greeting: (await parts.panel.locator('.aisle-message--greeting').innerText()).trim(),
    prompts: await parts.panel.locator('.aisle-prompts__button').allInnerTexts(),
    placeholder: await parts.input.getAttribute('placeholder'),
    dir: await parts.panel.getAttribute('dir'),
  };
}

test.each([...SHIPPED_LOCALES])('%s: the greeting and the quick prompts are in the page language', async (locale) => {
  const t = translations(locale);
  const options = pageOf(locale);
  const { page } = await shop().shopperPage(options);
  const parts = await openWidget(page);
  await expect(builtInTexts(parts)).resolves.toEqual({
    greeting: t(GREETING),
    prompts: PROMPTS.map(t),
    placeholder: t('Ask about products…'),
    dir: options.dir,
  });
});
