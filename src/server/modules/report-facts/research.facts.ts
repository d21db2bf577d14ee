import type { AreaFacts } from './area.ts';
import { count, labelOf, listFact, ref, utcBounds } from './facts.helpers.ts';

/**
 * Research topics (专题调研) by the moment of each step: claimed in the period (a claim given back clears
 * its time, so it is not counted), report submitted in it and still submitted or graded (a report sent back
 * for rework keeps its time and counts once it is in again), and graded 优秀 in it. One query.
 */
export const researchFacts: AreaFacts = async (db, townId, range) => {
  const { fromIso, toIso } = utcBounds(range);
  const inPeriod = (v: string | null) => v !== null && v >= fromIso && v < toIso;
  const rows = await db
    .selectFrom('researchTopic')
    .select(['id', 'title', 'status', 'grade', 'claimedAt', 'submittedAt', 'gradedAt'])
    .where('townId', '=', townId)
    .where((eb) =>
      eb.or([
        eb.and([eb('claimedAt', '>=', fromIso), eb('claimedAt', '<', toIso)]),
        eb.and([eb('submittedAt', '>=', fromIso), eb('submittedAt', '<', toIso)]),
        eb.and([eb('gradedAt', '>=', fromIso), eb('gradedAt', '<', toIso)]),
      ]),
    )
    .orderBy('code')
    .execute();
  const claimed = rows.filter((r) => inPeriod(r.claimedAt));
  const completed = rows.filter((r) => inPeriod(r.submittedAt) && (r.status === 'submitted' || r.status === 'graded'));
  const excellent = rows.filter((r) => r.status === 'graded' && r.grade === 'excellent' && inPeriod(r.gradedAt));
  const ids = (list: typeof rows) => list.map((r) => ref('research', r.id));
  return {
    'research.claimed': count('research.claimed', ids(claimed)),
    'research.completed': count('research.completed', ids(completed)),
    'research.titles': listFact(
      labelOf('research.titles'),
      completed.map((r) => r.title),
      ids(completed),
    ),
    'research.excellent': count('research.excellent', ids(excellent)),
  };
};
