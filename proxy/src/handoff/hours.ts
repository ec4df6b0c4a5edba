/**
 * Opening hours in the store's time zone: is someone there now, and when do they next answer.
 * WordPress gives the site's zone either as an IANA name or as a fixed offset (`+02:00`).
 */
import type { HandoffSettings, Weekday } from '../tenants/types';

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};
const SHORT_TO_DAY: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};
const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/** The store's wall clock: weekday and minutes since its midnight. */
export interface StoreClock {
  weekday: Weekday;
  minutes: number;
}

export function minutesOf(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** Whether `timezone` is a zone this module can read (an IANA name Node knows, or `±HH:MM`). */
export function isKnownTimeZone(timezone: string): boolean {
  if (OFFSET.test(timezone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

export function storeClock(timezone: string, now: Date): StoreClock {
  const offset = OFFSET.exec(timezone);
  if (offset) {
    const sign = offset[1] === '-' ? -1 : 1;
    const shifted = new Date(now.getTime() + sign * (Number(offset[2]) * 60 + Number(offset[3])) * 60_000);
    return { weekday: WEEKDAYS[(shifted.getUTCDay() + 6) % 7]!, minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() };
  }
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: isKnownTimeZone(timezone) ? timezone : 'UTC',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  return { weekday: SHORT_TO_DAY[part('weekday')] ?? 'mon', minutes: Number(part('hour')) * 60 + Number(part('minute')) };
}

/** True when the hours say someone answers now; a store without hours always answers. */
export function isOpen(settings: Pick<HandoffSettings, 'hours'>, clock: StoreClock): boolean {
  if (!settings.hours) return true;
  return (settings.hours[clock.weekday] ?? []).some(
    (slot) => clock.minutes >= minutesOf(slot.open) && clock.minutes < minutesOf(slot.close),
  );
}

/** When the store next opens, e.g. "Monday 09:00", or null when no weekday has hours. */
export function nextOpening(settings: Pick<HandoffSettings, 'hours'>, clock: StoreClock): string | null {
  if (!settings.hours) return null;
  const today = WEEKDAYS.indexOf(clock.weekday);
  for (let ahead = 0; ahead <= 7; ahead++) {
    const day = WEEKDAYS[(today + ahead) % 7]!;
    const slots = [...(settings.hours[day] ?? [])].sort((a, b) => minutesOf(a.open) - minutesOf(b.open));
    const slot = slots.find((s) => ahead > 0 || minutesOf(s.open) > clock.minutes);
    if (slot) return `${ahead === 0 ? 'today' : ahead === 1 ? 'tomorrow' : DAY_NAMES[day]} ${slot.open}`;
  }
  return null;
}
