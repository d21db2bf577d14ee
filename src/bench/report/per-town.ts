import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { DB } from '../../server/db/schema.ts';
import { townFacts } from '../../server/modules/report-facts/report-facts.service.ts';
import { exportDraft } from '../../server/modules/reports/reports.service.ts';

/*
 * Measurement (2) of issue 8: one town's year of facts, and its .docx report, timed on a database of a
 * given size. The work is per town, so the time must not grow with the number of towns in the database:
 * the run compares the same measurement at `county` and `province` size with `town` size (target ≤ 1.5×).
 * Median of `runs` after one warm-up (the first run pays for cold pages and JIT).
 */

export type PerTown = { factsMs: number; docxMs: number; facts: number; docxBytes: number };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function timeTownYear(db: Kysely<DB>, townId: string, year: number, runs: number): Promise<PerTown> {
  const range = { from: `${year}-01-01`, to: `${year}-12-31` };
  const now = new Date(`${year + 1}-01-15T00:00:00Z`);
  let facts = Object.keys(await townFacts(db, townId, range, now)).length;
  let docxBytes = 0;
  await exportDraft(db, townId, 'docx', range.from, range.to);
  const f: number[] = [];
  const d: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    facts = Object.keys(await townFacts(db, townId, range, now)).length;
    f.push(performance.now() - t0);
    t0 = performance.now();
    const file = await exportDraft(db, townId, 'docx', range.from, range.to);
    d.push(performance.now() - t0);
    docxBytes = file.data.length;
  }
  return { factsMs: median(f), docxMs: median(d), facts, docxBytes };
}
