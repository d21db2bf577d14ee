import { describe, expect, it } from 'vitest';
import { byStage, labelled, periodDates, periodFromParams, periodQuery, rateText } from './statsFormat.ts';

describe('rateText', () => {
  it('shows a share as a percentage, nothing to divide by as a dash', () => {
    expect(rateText(0.75)).toBe('75.0%');
    expect(rateText(0.6667)).toBe('66.7%');
    expect(rateText(0)).toBe('0.0%');
    expect(rateText(null)).toBe('—');
    expect(rateText(undefined)).toBe('—');
    expect(rateText(Number.NaN)).toBe('—');
  });
});

describe('periods', () => {
  it('reads a range, a year, or falls back to this year', () => {
    expect(periodFromParams(new URLSearchParams('from=2026-01-01&to=2026-03-31'), 2026)).toEqual({ kind: 'range', from: '2026-01-01', to: '2026-03-31' });
    expect(periodFromParams(new URLSearchParams('from=2026-04-01&to=2026-03-31'), 2026)).toEqual({ kind: 'year', year: 2026 });
    expect(periodFromParams(new URLSearchParams('year=2025'), 2026)).toEqual({ kind: 'year', year: 2025 });
    expect(periodFromParams(new URLSearchParams('year=abc'), 2026)).toEqual({ kind: 'year', year: 2026 });
  });

  it('gives the API query and the dates of a period', () => {
    expect(periodQuery({ kind: 'year', year: 2026 })).toEqual({ year: 2026 });
    expect(periodDates({ kind: 'year', year: 2026 })).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodQuery({ kind: 'range', from: 'a', to: 'b' })).toEqual({ from: 'a', to: 'b' });
  });
});

it('labelled drops empty rows and names the keys', () => {
  expect(
    labelled(
      [
        { key: 'a', count: 2 },
        { key: 'b', count: 0 },
      ],
      (k) => k.toUpperCase(),
    ),
  ).toEqual([{ label: 'A', count: 2 }]);
});

it('byStage folds the states into the stages of handling, in order, leaving out empty ones', () => {
  expect(
    byStage([
      { key: 'closed', count: 5 },
      { key: 'handling', count: 2 },
      { key: 'rehandling', count: 1 },
      { key: 'assigned', count: 3 },
      { key: 'merged', count: 1 },
      { key: 'not_accepted', count: 2 },
      { key: 'submitted', count: 4 },
    ]),
  ).toEqual([
    { key: 'submitted', count: 4 },
    { key: 'handling', count: 6 },
    { key: 'closed', count: 5 },
    { key: 'ended', count: 3 },
  ]);
});
