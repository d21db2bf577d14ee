import { describe, expect, it } from 'vitest';
import { PG_URL, TEST_ENGINE } from '../../test/db.ts';
import { runSuite } from './suite.run.ts';

/*
 * `npm run bench --quick` in CI (issue 8: a small-size run so the bench cannot rot): the whole suite at the
 * tiny size on this run's engine, nothing timed or asserted about speed. What is asserted is that each part
 * ran on real data: the town was generated and loaded, the facts and the .docx were produced, search
 * found rows, and every key read's floor answered the same rows as the app.
 */
describe(`bench suite smoke (${TEST_ENGINE})`, () => {
  it('runs every measurement at the tiny size and prints the table', async () => {
    const lines: string[] = [];
    const r = await runSuite(
      {
        engines: [TEST_ENGINE],
        pgUrl: PG_URL,
        sizes: ['tiny'],
        seed: 7,
        seconds: 0.2,
        reportRuns: 1,
        searchQueries: 5,
        web: false,
        importMemory: false,
        outDir: null,
      },
      (l) => lines.push(l),
    );
    const [e] = r.engines;
    expect(e.engine).toBe(TEST_ENGINE);
    const [tiny] = e.sizes;
    expect(tiny.towns).toBe(1);
    expect(tiny.rows).toBeGreaterThan(100);
    expect(tiny.perTown.facts).toBeGreaterThan(100);
    expect(tiny.perTown.docxBytes).toBeGreaterThan(5000);
    expect(tiny.search.queries).toBe(5);
    expect(e.throughput?.rows.length).toBe(6);
    for (const t of e.throughput?.rows ?? [])
      expect({ name: t.name, status: t.appStatus, rows: t.appRows }).toEqual({ name: t.name, status: 200, rows: t.floorRows });
    // (4): the raw copy wrote exactly the rows the import left.
    expect(e.importBench?.ratio.totalRows).toBeGreaterThan(100);
    expect(e.importBench?.ratio.countsB).toEqual(e.importBench?.ratio.countsA);
    expect(lines.join('\n')).toContain('(1) key reads against their floor');
    expect(r.file).toBeUndefined();
  }, 240_000);
});
