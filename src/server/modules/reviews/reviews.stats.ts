import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type ReviewKind, periodsInRange } from './reviews.rules.ts';

/**
 * Figures for reports (issue 7): peer and voter reviews held (voting opened) whose period falls in the range
 * (dates or months), per kind, with their ids. One set query.
 */
export async function reviewFacts(db: Kysely<DB>, townId: string, range: { from: string; to: string }) {
  const peer = periodsInRange('peer_review', range.from, range.to);
  const voter = periodsInRange('voter_review', range.from, range.to);
  const periods = [...peer, ...voter];
  const rows =
    periods.length === 0
      ? []
      : await db
          .selectFrom('deputyReview')
          .select(['id', 'kind', 'period'])
          .where('townId', '=', townId)
          .where('status', '!=', 'draft')
          .where('period', 'in', periods)
          .orderBy('period')
          .execute();
  const of = (k: ReviewKind) => {
    const ids = rows.filter((r) => r.kind === k).map((r) => r.id);
    return { held: ids.length, ids };
  };
  return { peerReview: of('peer_review'), voterReview: of('voter_review') };
}
