/** @jsxRuntime classic */
/** @jsx createElement */
/**
 * WooCommerce › Aisle insights. Every number carries `data-metric` (what it is) and `data-value`
 * (the number as the report has it), so tests compare the screen with the report and the CSV.
 */
import { Button, Card, CardBody, CardHeader, Notice, Spinner, TextControl } from '@wordpress/components';
import { createElement, useMemo, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { csvUrl, type Range } from './api';
import { formatters, type Formatters } from './format';
import type { InsightsDay, InsightsReport, InsightsScreenConfig } from './types';
import type { InsightsState } from './useInsights';

function Metric({ name, value, text }: { name: string; value: number | null; text: (value: number) => string }) {
  return (
    <span className="aisle-insights__number" data-metric={name} data-value={value === null ? '' : String(value)}>
      {value === null ? '—' : text(value)}
    </span>
  );
}

type Column = { key: keyof InsightsDay; label: string; text: (value: number) => string };

function columns(report: InsightsReport, f: Formatters): Column[] {
  const money = (value: number) => f.money(value, report.currency.code, report.currency.decimals);
  return [
    { key: 'conversations', label: __('Conversations', 'aisle'), text: f.count },
    { key: 'messages', label: __('Messages', 'aisle'), text: f.count },
    { key: 'products_shown', label: __('Products shown', 'aisle'), text: f.count },
    { key: 'products_clicked', label: __('Products clicked', 'aisle'), text: f.count },
    { key: 'products_added', label: __('Products added to the cart', 'aisle'), text: f.count },
    { key: 'attributed_orders', label: __('Attributed orders', 'aisle'), text: f.count },
    { key: 'attributed_revenue', label: __('Attributed revenue', 'aisle'), text: money },
    { key: 'tokens_in', label: __('Tokens in', 'aisle'), text: f.count },
    { key: 'tokens_out', label: __('Tokens out', 'aisle'), text: f.count },
    { key: 'cost_usd', label: __('Estimated cost (USD)', 'aisle'), text: f.usd },
    { key: 'feedback_up', label: __('Helpful', 'aisle'), text: f.count },
    { key: 'feedback_down', label: __('Not helpful', 'aisle'), text: f.count },
  ];
}

function RangeForm({ range, busy, onShow }: { range: Range; busy: boolean; onShow: (range: Range) => void }) {
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  return (
    <form
      className="aisle-insights__range"
      onSubmit={(event) => {
        event.preventDefault();
        onShow({ from, to });
      }}
    >
      <TextControl
        __nextHasNoMarginBottom
        __next40pxDefaultSize
        type="date"
        label={__('From', 'aisle')}
        value={from}
        onChange={setFrom}
      />
      <TextControl
        __nextHasNoMarginBottom
        __next40pxDefaultSize
        type="date"
        label={__('To', 'aisle')}
        value={to}
        onChange={setTo}
      />
      <Button __next40pxDefaultSize variant="primary" type="submit" isBusy={busy} disabled={busy}>
        {__('Show', 'aisle')}
      </Button>
    </form>
  );
}

function Conversion({ report, f }: { report: InsightsReport; f: Formatters }) {
  const conversion = report.conversion;
  if (!conversion) {
    return <p>{__('Turn on the holdout in the settings to compare conversion with and without the chat.', 'aisle')}</p>;
  }
  const group = (name: 'chat' | 'holdout', label: string) => {
    const g = conversion[name];
    return (
      <li key={name}>
        <strong>{label}: </strong>
        {g ? (
          <span>
            <Metric name={`conversion.${name}.rate`} value={g.rate} text={f.percent} /> (
            <Metric name={`conversion.${name}.orders`} value={g.orders} text={f.count} /> /{' '}
            <Metric name={`conversion.${name}.sessions`} value={g.sessions} text={f.count} />)
          </span>
        ) : (
          __('No sessions yet.', 'aisle')
        )}
      </li>
    );
  };
  const d = conversion.difference;
  return (
    <div>
      <ul>
        {group('chat', __('With the chat', 'aisle'))}
        {group('holdout', __('Without the chat (holdout)', 'aisle'))}
      </ul>
      {d && (
        <p>
          <strong>{__('Difference', 'aisle')}: </strong>
          <Metric name="conversion.difference" value={d.difference} text={f.points} />{' '}
          <span>{__('95% confidence interval', 'aisle')}: </span>
          <Metric name="conversion.low" value={d.low} text={f.points} /> …{' '}
          <Metric name="conversion.high" value={d.high} text={f.points} />
        </p>
      )}
      <p className="description">{__('Conversion is paid orders per session of each group.', 'aisle')}</p>
    </div>
  );
}

function TermList({ title, kind, terms, f }: { title: string; kind: string; terms: InsightsReport['top_terms']; f: Formatters }) {
  return (
    <div>
      <h3>{title}</h3>
      <ol className="aisle-insights__terms">
        {terms.map((t) => (
          <li key={t.term}>
            <bdi>{t.term}</bdi> <Metric name={`${kind}.${t.term}`} value={t.count} text={f.count} />
          </li>
        ))}
      </ol>
    </div>
  );
}

export function InsightsView({ report, f }: { report: InsightsReport; f: Formatters }) {
  const cols = columns(report, f);
  const totals = report.totals as unknown as Record<string, number | null>;
  return (
    <div className="aisle-insights__report">
      {!report.proxy.ok && report.proxy.message && (
        <Notice status="warning" isDismissible={false}>
          {report.proxy.message}
        </Notice>
      )}
      <Card>
        <CardHeader>
          <h2>{__('Totals', 'aisle')}</h2>
        </CardHeader>
        <CardBody>
          <dl className="aisle-insights__totals">
            {cols.map((col) => (
              <div key={col.key}>
                <dt>{col.label}</dt>
                <dd>
                  <Metric name={`totals.${col.key}`} value={totals[col.key] ?? null} text={col.text} />
                </dd>
              </div>
            ))}
            <div>
              <dt>{__('Cost per attributed order (USD)', 'aisle')}</dt>
              <dd>
                <Metric name="totals.cost_per_attributed_order" value={report.totals.cost_per_attributed_order} text={f.usd} />
              </dd>
            </div>
          </dl>
          {report.proxy.prices?.taken && (
            <p className="description">
              {/* translators: %s: the date of the price table, e.g. 2026-06-28. */}
              {sprintf(__('Costs use the OpenAI price table of %s.', 'aisle'), report.proxy.prices.taken)}
            </p>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader>
          <h2>{__('Conversion with and without the chat', 'aisle')}</h2>
        </CardHeader>
        <CardBody>
          <Conversion report={report} f={f} />
        </CardBody>
      </Card>
      <Card>
        <CardHeader>
          <h2>{__('Top questions', 'aisle')}</h2>
        </CardHeader>
        <CardBody>
          {report.top_terms.length === 0 ? (
            <p>{__('No questions in this range yet.', 'aisle')}</p>
          ) : (
            <div className="aisle-insights__questions">
              <TermList title={__('Words', 'aisle')} kind="term" terms={report.top_terms} f={f} />
              {report.top_phrases.length > 0 && (
                <TermList title={__('Phrases', 'aisle')} kind="phrase" terms={report.top_phrases} f={f} />
              )}
            </div>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader>
          <h2>{__('Per day', 'aisle')}</h2>
        </CardHeader>
        <CardBody>
          <div className="aisle-insights__scroll">
            <table className="widefat striped aisle-insights__days">
              <thead>
                <tr>
                  <th scope="col">{__('Day (UTC)', 'aisle')}</th>
                  {cols.map((col) => (
                    <th scope="col" key={col.key}>
                      {col.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.days.map((day) => (
                  <tr key={day.date}>
                    <th scope="row">
                      <bdi>{day.date}</bdi>
                    </th>
                    {cols.map((col) => (
                      <td key={col.key}>
                        <Metric name={`day.${day.date}.${col.key}`} value={day[col.key] as number | null} text={col.text} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </CardBody>
      </Card>
    </div>
  );
}

export function InsightsScreen({ config, state }: { config: InsightsScreenConfig; state: InsightsState }) {
  const f = useMemo(() => formatters(config.locale), [config.locale]);
  return (
    <div className="aisle-insights">
      <div className="aisle-insights__toolbar">
        <RangeForm range={state.range} busy={state.loading} onShow={state.show} />
        <Button __next40pxDefaultSize variant="secondary" href={csvUrl(config, state.range)} className="aisle-insights__csv">
          {__('Download CSV', 'aisle')}
        </Button>
      </div>
      {state.error && (
        <Notice status="error" isDismissible={false}>
          {/* translators: %s: why the report could not be loaded. */}
          {sprintf(__('Could not load the insights: %s', 'aisle'), state.error)}
        </Notice>
      )}
      {state.loading && <Spinner />}
      {state.report && !state.loading && <InsightsView report={state.report} f={f} />}
    </div>
  );
}
