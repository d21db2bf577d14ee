import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * Figures for reports (issue 7): duty reports held in [from, to] (by held_on, dates YYYY-MM-DD), and the
 * closed ones by result band, each with the record ids it counts. One set query.
 */
export async function dutyReportFacts(db: Kysely<DB>, townId: string, range: { from: string; to: string }) {
  const rows = await db
    .selectFrom('dutyReport')
    .select(['id', 'status', 'result'])
    .where('townId', '=', townId)
    .where('heldOn', '>=', range.from)
    .where('heldOn', '<=', range.to)
    .where('status', '!=', 'draft')
    .orderBy('code')
    .execute();
  const byResult = new Map<string, string[]>();
  for (const r of rows) if (r.status === 'closed' && r.result) byResult.set(r.result, [...(byResult.get(r.result) ?? []), r.id]);
  return {
    held: rows.length,
    byResult: [...byResult].map(([label, ids]) => ({ label, count: ids.length, ids })),
    ids: rows.map((r) => r.id),
  };
}
