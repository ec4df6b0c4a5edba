/** @jsxRuntime classic */
/** @jsx createElement */
import { afterEach, describe, expect, it } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import { createElement } from '@wordpress/element';
import { resetLocaleData, setLocaleData } from '@wordpress/i18n';
import type { ComparisonTable } from '../../../proxy/src/contract/events';
import { Comparison } from '../../components/Comparison/Comparison';
import heIL from '../../i18n/he_IL.json';
import { localeDataOf } from '../../i18n/localeData';

const TABLE: ComparisonTable = {
  items: [
    {
      id: 110,
      name: 'מיטה אורתופדית לכלבים',
      permalink: 'https://store.example/product/orthopedic-dog-bed/',
      price_html: '149.90 ₪',
      stock_status: 'instock',
      rating: 4.5,
      rating_count: 12,
      attributes: { גודל: 'S, M, L' },
    },
    {
      id: 152,
      name: 'מיטה עגולה רכה',
      permalink: 'https://store.example/product/donut-bed/',
      price_html: '99.90 ₪',
      regular_price_html: '119.90 ₪',
      stock_status: 'outofstock',
      rating: null,
      rating_count: 0,
      attributes: { חומר: 'כותנה' },
    },
  ],
  rows: ['גודל', 'חומר'],
};

const rowTexts = (row: HTMLElement) =>
  Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim());

afterEach(() => resetLocaleData(undefined, 'aisle'));

describe('Comparison', () => {
  it('is a table with a caption, product names as column headers and the facts as row headers', () => {
    render(<Comparison table={TABLE} locale="en_US" idPrefix="m1" />);
    const table = screen.getByRole('table', { name: 'Comparison of 2 products' });
    expect(table.querySelector('caption')?.textContent).toBe('Comparison of 2 products');

    const columns = within(table).getAllByRole('columnheader');
    expect(columns.map((c) => [c.textContent, c.getAttribute('scope')])).toEqual([
      ['מיטה אורתופדית לכלבים', 'col'],
      ['מיטה עגולה רכה', 'col'],
    ]);
    expect(within(columns[0]!).getByRole('link').getAttribute('href')).toBe('https://store.example/product/orthopedic-dog-bed/');

    const rowHeaders = within(table).getAllByRole('rowheader');
    expect(rowHeaders.map((h) => [h.textContent, h.getAttribute('scope')])).toEqual([
      ['Price', 'row'],
      ['Stock', 'row'],
      ['Rating', 'row'],
      ['גודל', 'row'],
      ['חומר', 'row'],
    ]);
    const rows = within(table).getAllByRole('row');
    expect(rows.slice(1).map(rowTexts)).toEqual([
      ['Price', '149.90 ₪', 'Regular price: 119.90 ₪ Sale price: 99.90 ₪'],
      ['Stock', 'In stock', 'Out of stock'],
      ['Rating', '4.5 out of 5 (12 reviews)', 'No reviews yet'],
      ['גודל', 'S, M, L', '—Not listed'],
      ['חומר', '—Not listed', 'כותנה'],
    ]);
    // The regular price is struck through, the dash is only for the eye.
    expect(table.querySelector('del')?.textContent).toContain('119.90 ₪');
    expect(table.querySelector('[aria-hidden="true"]')?.textContent).toBe('—');
  });

  it('scrolls in its own focusable region named by the caption', () => {
    render(<Comparison table={TABLE} locale="en_US" idPrefix="m1" />);
    const region = screen.getByRole('region', { name: 'Comparison of 2 products' });
    expect(region.getAttribute('tabindex')).toBe('0');
    expect(region.className).toBe('aisle-comparison');
    expect(region.getAttribute('aria-labelledby')).toBe('m1-caption');
  });

  it('right to left in Hebrew: translated headers, and columns that follow the page direction', () => {
    setLocaleData(localeDataOf(heIL), 'aisle');
    const { container } = render(
      <div dir="rtl" lang="he">
        <Comparison
          table={{ ...TABLE, items: [TABLE.items[0]!, { ...TABLE.items[1]!, rating: 5, rating_count: 1 }] }}
          locale="he_IL"
          idPrefix="m2"
        />
      </div>,
    );
    const table = screen.getByRole('table', { name: 'השוואה של 2 מוצרים' });
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['מחיר', 'מלאי', 'דירוג', 'גודל', 'חומר']);
    expect(rowTexts(within(table).getAllByRole('row')[3]!)).toEqual([
      'דירוג',
      '4.5 מתוך 5 (12 ביקורות)',
      '5 מתוך 5 (ביקורת אחת)',
    ]);
    // No cell forces a direction: the table inherits rtl, and mixed text (names, prices) is isolated.
    expect(container.querySelectorAll('[dir="ltr"], [dir="rtl"]')).toHaveLength(1);
    for (const cell of table.querySelectorAll('th:not(:empty), td:not(:empty)')) expect(cell.getAttribute('dir')).toBe('auto');
    expect(getComputedStyle(table).direction === 'rtl' || table.closest('[dir="rtl"]') !== null).toBe(true);
  });

  it('a single product reads as one (plural forms)', () => {
    render(<Comparison table={{ items: [TABLE.items[0]!], rows: [] }} locale="en_US" idPrefix="m3" />);
    expect(screen.getByRole('table', { name: 'Comparison of 1 product' })).toBeTruthy();
  });
});
