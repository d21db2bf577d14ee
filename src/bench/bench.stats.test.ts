import { describe, expect, it } from 'vitest';
import { formatTable, percentile, summarise } from './bench.stats.ts';

describe('bench figures', () => {
  it('percentiles by nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('a case over its p95 budget is marked', () => {
    const r = summarise('list', [1, 2, 3, 4, 50], 10);
    expect(r).toMatchObject({ runs: 5, p50: 3, p95: 50, max: 50, over: true });
    expect(r.perSecond).toBeCloseTo(5000 / 60);
    expect(formatTable([r])).toContain('10 OVER');
    expect(summarise('ok', [1, 1, 1], 10).over).toBe(false);
  });
});
