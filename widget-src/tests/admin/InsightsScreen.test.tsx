/** @jsxRuntime classic */
/** @jsx createElement */
/** The Insights screen renders the report it is given, and the hook loads the range the owner picks. */
import { describe, expect, it, jest } from '@jest/globals';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createElement } from '@wordpress/element';
import { InsightsScreen } from '../../admin/insights/InsightsScreen';
import type { InsightsReport, InsightsScreenConfig } from '../../admin/insights/types';
import type { Range } from '../../admin/insights/api';
import { lastDays, useInsights } from '../../admin/insights/useInsights';

// WordPress provides wp-components at run time (the e2e test renders the real ones); here plain
// stand-ins with the same props keep the test to this screen's own logic.
jest.mock('@wordpress/components', () => {
  const { createElement: h } = jest.requireActual<typeof import('@wordpress/element')>('@wordpress/element');
  const box = (tag: string) => (props: { children?: never }) => h(tag, {}, props.children);
  return {
    Card: box('section'),
    CardBody: box('div'),
    CardHeader: box('header'),
    Notice: box('div'),
    Spinner: () => h('span', {}, '…'),
    Button: (props: { href?: string; className?: string; type?: 'submit' | 'button'; children?: never }) =>
      props.href
        ? h('a', { href: props.href, className: props.className }, props.children)
        : h('button', { type: props.type ?? 'button' }, props.children),
    TextControl: (props: { label: string; value: string; type?: string; onChange: (value: string) => void }) =>
      h(
        'label',
        {},
        props.label,
        h('input', {
          type: props.type,
          value: props.value,
          onChange: (e: { target: { value: string } }) => props.onChange(e.target.value),
        }),
      ),
  };
});

const config: InsightsScreenConfig = {
  path: '/aisle/v1/insights',
  csvUrl: 'https://shop.example/wp-json/aisle/v1/insights',
  nonce: 'n0nce',
  settingsUrl: 'https://shop.example/wp-admin/admin.php?page=aisle',
  locale: 'en-US',
  today: '2026-12-08',
};

const zeroDay = {
  conversations: 0,
  messages: 0,
  products_shown: 0,
  products_clicked: 0,
  products_added: 0,
  feedback_up: 0,
  feedback_down: 0,
  tokens_in: 0,
  tokens_out: 0,
  cost_usd: 0,
  attributed_orders: 0,
  attributed_revenue: 0,
  sessions_chat: 0,
  orders_chat: 0,
  sessions_holdout: 0,
  orders_holdout: 0,
};

function report(overrides: Partial<InsightsReport> = {}): InsightsReport {
  const day = {
    ...zeroDay,
    date: '2026-12-08',
    conversations: 2,
    messages: 3,
    attributed_orders: 1,
    attributed_revenue: 189.9,
    cost_usd: 0.0021,
  };
  return {
    from: '2026-12-08',
    to: '2026-12-08',
    timezone: 'UTC',
    currency: { code: 'ILS', symbol: '₪', decimals: 2 },
    holdout_percent: 20,
    proxy: { ok: true, message: null, prices: { taken: '2026-06-28' } },
    days: [day],
    totals: { ...day, cost_per_attributed_order: 0.0021 },
    top_terms: [{ term: 'dog', count: 2 }],
    top_phrases: [{ term: 'dog food', count: 1 }],
    conversion: {
      chat: { orders: 1, sessions: 2, rate: 0.5, low: 0.0945, high: 0.9055 },
      holdout: { orders: 1, sessions: 1, rate: 1, low: 0.2065, high: 1 },
      difference: { difference: -0.5, low: -0.8, high: 0.4 },
    },
    ...overrides,
  };
}

function Harness({ load }: { load: Parameters<typeof useInsights>[1] }) {
  const state = useInsights(config, load);
  return <InsightsScreen config={config} state={state} />;
}

// Generous waits: the first render of the screen is slow on a busy machine.
const WAIT = { timeout: 10_000 };
const metric = (name: string) => document.querySelector(`[data-metric="${name}"]`);

describe('Insights screen', () => {
  it('shows every number of the report with its value, and links the CSV of the range', async () => {
    const load = jest.fn(async (_config: InsightsScreenConfig, _range: Range, _signal?: AbortSignal) => report());
    render(<Harness load={load} />);
    await waitFor(() => expect(metric('totals.conversations')).not.toBeNull(), WAIT);
    expect(load).toHaveBeenCalledWith(config, lastDays('2026-12-08', 30), expect.anything());
    expect(metric('totals.conversations')!.textContent).toBe('2');
    expect(metric('totals.attributed_revenue')!.getAttribute('data-value')).toBe('189.9');
    expect(metric('totals.attributed_revenue')!.textContent).toMatch(/189\.90/);
    expect(metric('day.2026-12-08.messages')!.textContent).toBe('3');
    expect(metric('conversion.chat.rate')!.textContent).toBe('50.0%');
    expect(metric('conversion.difference')!.textContent).toBe('-50.0%');
    expect(metric('term.dog')!.textContent).toBe('2');
    expect(metric('phrase.dog food')!.textContent).toBe('1');
    expect(screen.getByText(/2026-06-28/)).toBeTruthy();
    const csv = screen.getByText('Download CSV').closest('a')!;
    expect(csv.getAttribute('href')).toBe(`${config.csvUrl}?from=2026-11-09&to=2026-12-08&format=csv&_wpnonce=n0nce`);
  });

  it('loads the range the owner picks', async () => {
    const load = jest.fn(async (_config: InsightsScreenConfig, _range: Range, _signal?: AbortSignal) => report());
    render(<Harness load={load} />);
    await waitFor(() => expect(metric('totals.conversations')).not.toBeNull(), WAIT);
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-01' } });
    await act(async () => {
      fireEvent.click(screen.getByText('Show'));
    });
    await waitFor(
      () => expect(load).toHaveBeenLastCalledWith(config, { from: '2026-12-01', to: '2026-12-08' }, expect.anything()),
      WAIT,
    );
  });

  it('says why the proxy numbers are missing and why the report failed', async () => {
    render(
      <Harness
        load={async () =>
          report({ proxy: { ok: false, message: 'The proxy refused this site.', prices: null }, conversion: null })
        }
      />,
    );
    await waitFor(() => expect(screen.getByText('The proxy refused this site.')).toBeTruthy(), WAIT);
    expect(screen.getByText(/Turn on the holdout/)).toBeTruthy();
    render(<Harness load={async () => Promise.reject(new Error('Sorry, you are not allowed to do that.'))} />);
    await waitFor(
      () => expect(screen.getByText('Could not load the insights: Sorry, you are not allowed to do that.')).toBeTruthy(),
      WAIT,
    );
  });
});
