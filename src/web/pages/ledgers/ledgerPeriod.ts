/** The ledger period in the address bar (?from=&to=): this year by default, in China time. */
export const chinaYear = (now = Date.now()) => new Date(now + 8 * 3600_000).getUTCFullYear();

export type PeriodChoice = 'thisYear' | 'lastYear' | 'custom';

export const yearPeriod = (y: number) => ({ from: `${y}-01-01`, to: `${y}-12-31` });

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function periodOf(sp: URLSearchParams, now = Date.now()): { from: string; to: string; choice: PeriodChoice } {
  const y = chinaYear(now);
  const from = sp.get('from') ?? '';
  const to = sp.get('to') ?? '';
  if (!DATE.test(from) || !DATE.test(to) || to < from) return { ...yearPeriod(y), choice: 'thisYear' };
  const choice: PeriodChoice =
    from === yearPeriod(y).from && to === yearPeriod(y).to
      ? 'thisYear'
      : from === yearPeriod(y - 1).from && to === yearPeriod(y - 1).to
        ? 'lastYear'
        : 'custom';
  return { from, to, choice };
}
