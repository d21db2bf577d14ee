import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type ScalePoints, reviewScore } from '../polls/polls.rules.ts';
import { type ReviewKind, periodsInRange } from './reviews.rules.ts';

/**
 * Each deputy's review score over a range (for the points scheme and the duty record): the average of their
 * scores in the town's closed reviews of `kind` whose period falls wholly in [from, to] (dates YYYY-MM-DD or
 * months YYYY-MM). A review in which they got no votes does not count. One set query over the counters.
 */
export async function reviewScores(
  db: Kysely<DB>,
  townId: string,
  kind: ReviewKind,
  range: { from: string; to: string },
  deputyId?: string,
): Promise<Map<string, number>> {
  const periods = periodsInRange(kind, range.from, range.to);
  if (periods.length === 0) return new Map();
  let q = db
    .selectFrom('deputyReview as r')
    .innerJoin('pollCount as c', (j) => j.onRef('c.pollId', '=', 'r.pollId').onRef('c.townId', '=', 'r.townId'))
    .select(['r.id as reviewId', 'r.scalePoints', 'c.subjectId', 'c.answer'])
    .select((eb) => eb.fn.sum<number>('c.count').as('n'))
    .where('r.townId', '=', townId)
    .where('r.kind', '=', kind)
    .where('r.status', '=', 'closed')
    .where('r.period', 'in', periods)
    .where('c.question', '=', 'overall');
  if (deputyId) q = q.where('c.subjectId', '=', deputyId);
  const rows = await q.groupBy(['r.id', 'r.scalePoints', 'c.subjectId', 'c.answer']).execute();

  const per = new Map<string, { points: ScalePoints; deputyId: string; c: { satisfied: number; basic: number; dissatisfied: number } }>();
  for (const r of rows) {
    const k = `${r.reviewId}\u0000${r.subjectId}`;
    let e = per.get(k);
    if (!e) {
      e = { points: JSON.parse(r.scalePoints) as ScalePoints, deputyId: r.subjectId, c: { satisfied: 0, basic: 0, dissatisfied: 0 } };
      per.set(k, e);
    }
    if (r.answer === 'satisfied' || r.answer === 'basic' || r.answer === 'dissatisfied') e.c[r.answer] += Number(r.n ?? 0);
  }
  const sums = new Map<string, { total: number; n: number }>();
  for (const e of per.values()) {
    const s = reviewScore(e.c, e.points);
    if (s === null) continue;
    const acc = sums.get(e.deputyId) ?? { total: 0, n: 0 };
    acc.total += s;
    acc.n++;
    sums.set(e.deputyId, acc);
  }
  return new Map([...sums].map(([id, a]) => [id, Math.round((a.total / a.n) * 100) / 100]));
}
