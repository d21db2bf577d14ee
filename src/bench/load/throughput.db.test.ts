import { describe, expect, it } from 'vitest';
import { PG_URL, TEST_ENGINE } from '../../../test/db.ts';
import { demoVolumeSource, runThroughput } from './throughput.run.ts';

/*
 * The throughput bench's smoke run (issue 8: a small run in CI so the bench cannot rot). Every key read
 * and its floor run for a moment on this run's engine. No timing is asserted: only that the app
 * answered 200 with no errors, and that the floor answered the same number of rows — which is what
 * makes a floor a floor (a floor reading fewer rows would flatter every ratio).
 */
describe(`throughput bench smoke (${TEST_ENGINE})`, () => {
  it('runs every key read and its floor, and the floor answers the same rows', async () => {
    const lines: string[] = [];
    const out = await runThroughput({ engine: TEST_ENGINE, pgUrl: PG_URL, source: demoVolumeSource(0.02), durationMs: 150, concurrency: 2, warmupMs: 0 }, (l) =>
      lines.push(l),
    );
    expect(out.rows.map((r) => r.name)).toEqual([
      'deputy list page',
      'suggestions: filters',
      'suggestions: text 路灯',
      'duty record',
      'town dashboard',
      'suggestion detail',
    ]);
    for (const r of out.rows) {
      expect({ name: r.name, status: r.appStatus, errors: r.app.errors + r.floor.errors }).toEqual({ name: r.name, status: 200, errors: 0 });
      expect({ name: r.name, rows: r.appRows }).toEqual({ name: r.name, rows: r.floorRows });
      expect(r.app.requests).toBeGreaterThan(0);
      expect(r.floor.requests).toBeGreaterThan(0);
    }
    // The data must give the reads something to answer, or "same rows" would be 0 = 0.
    expect(out.rows.every((r) => r.appRows > 0)).toBe(true);
    expect(out.peakRssMb).toBeGreaterThan(0);
    expect(lines.join('\n')).toContain('app req/s');
  }, 180_000);
});
