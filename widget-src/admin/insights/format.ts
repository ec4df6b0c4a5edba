/** How the Insights screen writes its numbers, in the admin's locale. */
export interface Formatters {
  count(value: number): string;
  money(value: number, currency: string, decimals: number): string;
  usd(value: number): string;
  percent(value: number): string;
  /** A difference of proportions in percentage points, with its sign. */
  points(value: number): string;
}

export function formatters(locale: string): Formatters {
  const safe = (make: () => Intl.NumberFormat, fallback: () => Intl.NumberFormat) => {
    try {
      return make();
    } catch {
      return fallback();
    }
  };
  const count = safe(
    () => new Intl.NumberFormat(locale),
    () => new Intl.NumberFormat('en'),
  );
  const usd = safe(
    () => new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', maximumFractionDigits: 4 }),
    () => new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', maximumFractionDigits: 4 }),
  );
  const percent = safe(
    () => new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    () => new Intl.NumberFormat('en', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  );
  const points = safe(
    () =>
      new Intl.NumberFormat(locale, {
        style: 'percent',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
        signDisplay: 'exceptZero',
      }),
    () =>
      new Intl.NumberFormat('en', {
        style: 'percent',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
        signDisplay: 'exceptZero',
      }),
  );
  return {
    count: (value) => count.format(value),
    money: (value, currency, decimals) =>
      safe(
        () =>
          new Intl.NumberFormat(locale, {
            style: 'currency',
            currency,
            minimumFractionDigits: decimals,
            maximumFractionDigits: decimals,
          }),
        () => new Intl.NumberFormat('en', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }),
      ).format(value),
    usd: (value) => usd.format(value),
    percent: (value) => percent.format(value),
    points: (value) => points.format(value),
  };
}
