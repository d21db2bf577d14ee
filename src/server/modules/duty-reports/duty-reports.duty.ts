import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { reviewScores } from '../reviews/reviews.scores.ts';

export type DutyReportDutyEntry = {
  id: string;
  code: string;
  heldOn: string;
  place: string;
  status: 'draft' | 'voting' | 'closed';
  /** The band label once voting closed (称职 / 基本称职 / 不称职 by default). */
  result: string | null;
  approval: number | null;
};

/**
 * For a deputy's duty record (履职档案): their duty reports held in the year (by held_on) with the result,
 * and their average peer-review and voter-review scores over the year's closed reviews. Three set queries.
 */
export async function dutyReportDutyFacts(db: Kysely<DB>, townId: string, deputyId: string, year: number) {
  const range = { from: `${year}-01-01`, to: `${year}-12-31` };
  const [rows, peer, voter] = await Promise.all([
    db
      .selectFrom('dutyReport')
      .select(['id', 'code', 'heldOn', 'place', 'status', 'result', 'approval'])
      .where('townId', '=', townId)
      .where('deputyId', '=', deputyId)
      .where('heldOn', '>=', range.from)
      .where('heldOn', '<=', range.to)
      .orderBy('heldOn')
      .execute(),
    reviewScores(db, townId, 'peer_review', range, deputyId),
    reviewScores(db, townId, 'voter_review', range, deputyId),
  ]);
  return {
    dutyReports: rows.map((r): DutyReportDutyEntry => ({ ...r, approval: r.approval === null ? null : Number(r.approval) })),
    reviewScores: { peer: peer.get(deputyId) ?? null, voter: voter.get(deputyId) ?? null },
  };
}
