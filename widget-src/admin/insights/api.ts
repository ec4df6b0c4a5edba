/** Transport of the Insights screen: the plugin's REST route, through wp.apiFetch (nonce included). */
import apiFetch from '@wordpress/api-fetch';
import type { InsightsReport, InsightsScreenConfig } from './types';

export interface Range {
  from: string;
  to: string;
}

const query = (range: Range) => `from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`;

export function fetchReport(config: InsightsScreenConfig, range: Range, signal?: AbortSignal): Promise<InsightsReport> {
  return apiFetch<InsightsReport>({ path: `${config.path}?${query(range)}`, signal });
}

/** The CSV download of the same range (cookie-authenticated, so the nonce rides in the URL). */
export function csvUrl(config: InsightsScreenConfig, range: Range): string {
  const glue = config.csvUrl.includes('?') ? '&' : '?';
  return `${config.csvUrl}${glue}${query(range)}&format=csv&_wpnonce=${encodeURIComponent(config.nonce)}`;
}

/** The message of an apiFetch rejection (a WP_Error's `message`, or a network failure's). */
export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}
