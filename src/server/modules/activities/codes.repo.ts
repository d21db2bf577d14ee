import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { codeCounter } from '../../lib/auto-code.ts';

/*
 * External keys of activities (A00001…) and series (R001…), unique in the town and never reused:
 * the workbook refers to records by them. One read of the town's codes gives a whole series its
 * occurrences' codes. Two creations racing in one town may pick the same code; the unique index
 * (town, code) then refuses the second, which fails as a whole and can be repeated.
 */

export async function nextActivityCodes(db: Kysely<DB>, townId: string, n: number): Promise<string[]> {
  const rows = await db.selectFrom('activity').select('code').where('townId', '=', townId).execute();
  const next = codeCounter(
    'A',
    5,
    rows.map((r) => r.code),
  );
  return Array.from({ length: n }, next);
}

export async function nextSeriesCode(db: Kysely<DB>, townId: string): Promise<string> {
  const rows = await db.selectFrom('activitySeries').select('code').where('townId', '=', townId).execute();
  return codeCounter(
    'R',
    3,
    rows.map((r) => r.code),
  )();
}
