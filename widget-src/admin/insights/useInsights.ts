/** Owns the Insights screen's state: the chosen range, the report and its loading. */
import { useCallback, useEffect, useRef, useState } from '@wordpress/element';
import { errorMessage, fetchReport, type Range } from './api';
import type { InsightsReport, InsightsScreenConfig } from './types';

export interface InsightsState {
  range: Range;
  report: InsightsReport | null;
  loading: boolean;
  error: string | null;
  /** Loads another range (the inputs' values). */
  show(range: Range): void;
}

/** The last `days` days up to `today` (YYYY-MM-DD, UTC). */
export function lastDays(today: string, days: number): Range {
  const end = new Date(`${today}T00:00:00Z`);
  const start = new Date(end.getTime() - (days - 1) * 86_400_000);
  return { from: start.toISOString().slice(0, 10), to: today };
}

export function useInsights(config: InsightsScreenConfig, load = fetchReport): InsightsState {
  const [range, setRange] = useState<Range>(() => lastDays(config.today, 30));
  const [report, setReport] = useState<InsightsReport | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<AbortController | null>(null);

  useEffect(() => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setLoading(true);
    setError(null);
    load(config, range, controller.signal).then(
      (answer) => {
        if (controller.signal.aborted) return;
        setReport(answer);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(errorMessage(failure));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [config, range, load]);

  const show = useCallback((next: Range) => setRange({ ...next }), []);
  return { range, report, loading, error, show };
}
