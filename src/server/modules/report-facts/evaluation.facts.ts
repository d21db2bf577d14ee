import type { Band } from '../polls/polls.rules.ts';
import { yearScores } from '../points/points.board.ts';
import { listSchemeRows } from '../points/points.repo.ts';
import { periodsInRange } from '../reviews/reviews.rules.ts';
import type { AreaFacts } from './area.ts';
import { count, labelOf, listFact, num, ref, utcBounds } from './facts.helpers.ts';

/**
 * Deputies' evaluation (代表评价): duty reports to voters held in the period and closed (the top result is
 * the first band of the bands the report was judged by), peer and voter reviews closed whose whole period
 * (a month or a quarter) lies in the period's months, the points months published in the period, and the
 * year's grades — computed by the points area's own yearScores, only for a scheme whose Dec 31 is in the
 * period (a half-year report has no annual grades yet).
 */
export const evaluationFacts: AreaFacts = async (db, townId, range) => {
  const { fromIso, toIso } = utcBounds(range);
  const fromYear = Number(range.from.slice(0, 4));
  const toYear = Number(range.to.slice(0, 4));
  const [reports, reviews, schemes, published] = await Promise.all([
    db
      .selectFrom('dutyReport')
      .select(['id', 'deputyId', 'voterReps', 'bands', 'result'])
      .where('townId', '=', townId)
      .where('status', '=', 'closed')
      .where('heldOn', '>=', range.from)
      .where('heldOn', '<=', range.to)
      .orderBy('heldOn')
      .orderBy('code')
      .execute(),
    db
      .selectFrom('deputyReview')
      .select(['id', 'kind', 'period'])
      .where('townId', '=', townId)
      .where('status', '=', 'closed')
      .where((eb) =>
        eb.or([
          eb.and([eb('kind', '=', 'peer_review'), eb('period', 'in', periodsInRange('peer_review', range.from, range.to))]),
          eb.and([eb('kind', '=', 'voter_review'), eb('period', 'in', ['', ...periodsInRange('voter_review', range.from, range.to)])]),
        ]),
      )
      .orderBy('period')
      .execute(),
    listSchemeRows(db, townId).then((all) => all.filter((s) => s.year >= fromYear && s.year <= toYear).sort((a, b) => a.year - b.year)),
    db
      .selectFrom('pointsSnapshot as p')
      .innerJoin('pointsScheme as s', 's.id', 'p.schemeId')
      .select(['p.schemeId', 'p.month'])
      .where('p.townId', '=', townId)
      .where('s.year', '>=', fromYear)
      .where('s.year', '<=', toYear)
      .where('p.publishedAt', '>=', fromIso)
      .where('p.publishedAt', '<', toIso)
      .execute(),
  ]);

  const top = reports.filter((r) => r.result !== null && r.result === (JSON.parse(r.bands) as Band[])[0]?.label);
  const reviewIds = (kind: string) => reviews.filter((r) => r.kind === kind).map((r) => ref('review', r.id));
  const monthKeys = new Set(published.map((p) => `${p.schemeId} ${p.month}`));

  // One yearScores per annual scheme in the period: at most one a year, and a period is at most five years.
  const annual = schemes.filter((s) => s.status === 'active' && `${s.year}-12-31` >= range.from && `${s.year}-12-31` <= range.to);
  const years = await Promise.all(annual.map((s) => yearScores(db, townId, s).then((y) => ({ scheme: s, ...y }))));
  const graded = years.flatMap((y) => y.rows.filter((r) => r.grade !== null));
  const topGrade = years.flatMap((y) => {
    const best = [...y.scheme.bands].sort((a, b) => b.min - a.min)[0]?.label;
    return y.rows.filter((r) => r.grade !== null && r.grade === best);
  });
  const commended = years.flatMap((y) => y.commendation);
  const deputyRefs = (list: readonly { deputyId: string }[]) => list.map((r) => ref('deputy', r.deputyId));
  return {
    'dutyReports.held': count(
      'dutyReports.held',
      reports.map((r) => ref('duty_report', r.id)),
    ),
    'dutyReports.voterReps': {
      value: reports.reduce((n, r) => n + num(r.voterReps), 0),
      ids: reports.filter((r) => num(r.voterReps) > 0).map((r) => ref('duty_report', r.id)),
      label: labelOf('dutyReports.voterReps'),
    },
    // Deputies, counted once each; the ids are their duty reports.
    'dutyReports.competent': {
      value: new Set(top.map((r) => r.deputyId)).size,
      ids: top.map((r) => ref('duty_report', r.id)),
      label: labelOf('dutyReports.competent'),
    },
    'reviews.peer': count('reviews.peer', reviewIds('peer_review')),
    'reviews.voter': count('reviews.voter', reviewIds('voter_review')),
    'points.monthsPublished': {
      value: monthKeys.size,
      ids: [...new Set(published.map((p) => ref('points_scheme', p.schemeId)))],
      label: labelOf('points.monthsPublished'),
    },
    'points.graded': count('points.graded', deputyRefs(graded)),
    'points.topGrade': count('points.topGrade', deputyRefs(topGrade)),
    'points.commended': listFact(
      labelOf('points.commended'),
      commended.map((c) => c.name),
      deputyRefs(commended),
    ),
  };
};
