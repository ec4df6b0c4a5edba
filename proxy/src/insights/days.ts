import { ApiError } from '../http/errors';

/** Counters are kept per UTC day for this long, then expire (the longest range the owner can ask for, and some). */
export const RETENTION_DAYS = 400;
/** The longest range one request may ask for. */
export const MAX_RANGE_DAYS = 366;
/** Without `from`, a range covers this many days ending `to`. */
export const DEFAULT_RANGE_DAYS = 30;

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC day of a time, `YYYY-MM-DD`. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function parseDay(name: string, value: unknown): number {
  if (typeof value !== 'string' || !DATE.test(value)) {
    throw new ApiError(400, 'bad_request', `\`${name}\` must be a date written YYYY-MM-DD (UTC), e.g. 2026-12-01.`);
  }
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (!Number.isFinite(ms) || dayOf(ms) !== value) {
    throw new ApiError(400, 'bad_request', `\`${name}\` is not a calendar date: ${value}.`);
  }
  return ms;
}

export interface DayRange {
  from: string;
  to: string;
  /** Every day of the range, oldest first. */
  days: string[];
}

/**
 * `from` and `to` of a request, both inclusive, as UTC days. `to` defaults to today, `from` to
 * 29 days before `to`. A bad date, a reversed or over-long range, or a range in the future is a 400.
 */
export function parseRange(query: { from?: unknown; to?: unknown }, now: number): DayRange {
  const today = Date.parse(`${dayOf(now)}T00:00:00Z`);
  const to = query.to === undefined ? today : parseDay('to', query.to);
  const from = query.from === undefined ? to - (DEFAULT_RANGE_DAYS - 1) * DAY_MS : parseDay('from', query.from);
  if (from > to) throw new ApiError(400, 'bad_request', '`from` is after `to`.');
  const count = Math.round((to - from) / DAY_MS) + 1;
  if (count > MAX_RANGE_DAYS) {
    throw new ApiError(
      400,
      'bad_request',
      `The range covers ${count} days; at most ${MAX_RANGE_DAYS} may be asked for at once.`,
    );
  }
  // One day ahead is allowed: the owner's "today" may already be tomorrow in UTC terms.
  if (from > today + DAY_MS) throw new ApiError(400, 'bad_request', 'The range starts in the future.');
  const days = Array.from({ length: count }, (_, i) => dayOf(from + i * DAY_MS));
  return { from: days[0]!, to: days[days.length - 1]!, days };
}
