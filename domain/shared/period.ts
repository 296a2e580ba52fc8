/** A payroll period `YYYY-MM`. */
export const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(text: string): boolean {
  return PERIOD_PATTERN.test(text);
}

/** First and last day of the period as ISO dates. */
export function periodBounds(period: string): { from: string; to: string } {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) throw new RangeError('period must be YYYY-MM');
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${String(last).padStart(2, '0')}` };
}
