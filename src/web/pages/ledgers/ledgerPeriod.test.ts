import { describe, expect, it } from 'vitest';
import { chinaYear, periodOf } from './ledgerPeriod.ts';

describe('ledger period in the address bar', () => {
  const now = Date.parse('2026-12-31T17:00:00Z'); // already 2027-01-01 in China
  it('the China year; this year when the address has no (or a bad) period', () => {
    expect(chinaYear(now)).toBe(2027);
    expect(periodOf(new URLSearchParams(''), now)).toEqual({ from: '2027-01-01', to: '2027-12-31', choice: 'thisYear' });
    expect(periodOf(new URLSearchParams('from=2026-05-01&to=2026-04-01'), now).choice).toBe('thisYear');
    expect(periodOf(new URLSearchParams('from=x&to=2026-04-01'), now).choice).toBe('thisYear');
  });
  it('recognises last year and keeps any other range as custom', () => {
    expect(periodOf(new URLSearchParams('from=2026-01-01&to=2026-12-31'), now).choice).toBe('lastYear');
    expect(periodOf(new URLSearchParams('from=2026-03-01&to=2026-08-15'), now)).toEqual({ from: '2026-03-01', to: '2026-08-15', choice: 'custom' });
  });
});
