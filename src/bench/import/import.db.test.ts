import { describe, expect, it } from 'vitest';
import { PG_URL, TEST_ENGINE } from '../../../test/db.ts';
import { documentRows } from '../generate/load.ts';
import { generateTownDocument } from '../generate/town-document.ts';
import { importVsRaw } from './import-vs-raw.ts';

/*
 * The import bench's smoke run (issue 8, measurement 4), on this run's engine. No timing is asserted: only
 * that the raw copy holds exactly what the import left — the same rows in every table, the search index the
 * triggers fill included — since a floor that wrote fewer rows would flatter the ratio.
 */
describe(`import vs raw insert smoke (${TEST_ENGINE})`, () => {
  it('copies every row of the imported town into the raw database', async () => {
    const r = await importVsRaw(TEST_ENGINE, PG_URL, 'tiny', 0, 20261207);
    // The per-table counts of both whole databases agree (county, town, the town's tables, audit events, search).
    expect(r.countsB).toEqual(r.countsA);
    // And the copy is not vacuous: it holds the document's records, by table, plus the import's audit events.
    const expected = documentRows(generateTownDocument(20261207, 'tiny', 0));
    const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const tableOf: Record<string, string> = { handlingUnit: 'handling_unit', appUser: 'app_user' };
    for (const [k, n] of Object.entries(expected)) {
      if (n > 0) expect({ table: k, rows: r.rows[tableOf[k] ?? snake(k)] }).toEqual({ table: k, rows: n });
    }
    expect(r.rows.audit_event).toBeGreaterThan(expected.suggestion);
    expect(r.totalRows).toBe(Object.values(r.rows).reduce((a, b) => a + b, 0));
    expect(r.statements).toBeGreaterThan(0);
  }, 120_000);
});
