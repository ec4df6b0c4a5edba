/**
 * Whether a store's theme restyles the chat: every element of the widget, its computed styles
 * with the page's stylesheets, and again with only Aisle's own (the theme's, WooCommerce's and
 * WordPress's switched off for a moment). The widget sets its own font, so nothing is expected
 * to differ. Sizes are left out: the page's own scrollbar changes with its styles.
 */
import type { Page } from 'playwright-core';

/** What a theme's bare `button`, `input`, `a` and `p` rules typically set. */
export const GUARDED_PROPERTIES = [
  'color',
  'background-color',
  'background-image',
  'border-top-width',
  'border-top-style',
  'border-top-color',
  'border-inline-start-width',
  'border-bottom-width',
  'border-top-left-radius',
  'padding-top',
  'padding-inline-start',
  'padding-bottom',
  'padding-inline-end',
  'margin-top',
  'margin-bottom',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'line-height',
  'letter-spacing',
  'text-transform',
  'text-decoration-line',
  'text-shadow',
  'box-shadow',
  'min-height',
  'appearance',
] as const;

export interface StyleDifference {
  element: string;
  property: string;
  withTheme: string;
  aisleOnly: string;
}

/** The widget's computed styles that differ once the page's other stylesheets are off. */
export async function themeRestyles(page: Page): Promise<{ elements: number; differences: StyleDifference[] }> {
  await page.mouse.move(1, 1); // no :hover on the widget
  // A string, so no transpiler helper (tsx's __name) is referenced inside the page.
  return page.evaluate(`(() => {
    const properties = ${JSON.stringify(GUARDED_PROPERTIES)};
    const elements = Array.from(document.querySelectorAll('.aisle-root, .aisle-root *')).filter(
      (el) => el.getClientRects().length > 0,
    );
    const snapshot = () => elements.map((el) => {
      const style = getComputedStyle(el);
      return properties.map((p) => style.getPropertyValue(p));
    });
    const withTheme = snapshot();
    const others = Array.from(document.styleSheets).filter((sheet) => !(sheet.href || '').includes('/plugins/aisle/'));
    for (const sheet of others) sheet.disabled = true;
    const aisleOnly = snapshot();
    for (const sheet of others) sheet.disabled = false;
    const differences = [];
    elements.forEach((el, i) =>
      properties.forEach((property, j) => {
        if (withTheme[i][j] !== aisleOnly[i][j])
          differences.push({
            element: el.tagName.toLowerCase() + '.' + String(el.getAttribute('class') || '').split(' ')[0],
            property,
            withTheme: withTheme[i][j],
            aisleOnly: aisleOnly[i][j],
          });
      }),
    );
    return { elements: elements.length, differences };
  })()`) as Promise<{ elements: number; differences: StyleDifference[] }>;
}
