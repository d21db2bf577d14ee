import { sql } from 'kysely';
import type { Facts } from '../../../shared/report/facts.ts';
import { pctText } from '../../../shared/report/template.ts';
import { attendanceRate, chinaDateRange } from '../activities/activities.rules.ts';
import { FINAL, countsOf } from '../activities/stats.repo.ts';
import { attendedOf } from '../activities/stats.rules.ts';
import type { AreaFacts } from './area.ts';
import { count, distinct, labelOf, listFact, ref } from './facts.helpers.ts';

const countOf = (status: 'present' | 'late' | 'on_leave' | 'absent') => sql<number>`sum(case when (${FINAL}) = ${sql.lit(status)} then 1 else 0 end)`;

/**
 * Deputies' activities held in the period: started in it, ended by `now`, not cancelled — the activity
 * statistics' rule, with their attendance status (FINAL: recorded, else on leave when approved, else
 * absent) and rate. One grouped query; the kinds' `countsAs` sorts them into trainings, inspections,
 * surveys (research activities), group activities, fixed station days and voter visits.
 */
export const activitiesFacts: AreaFacts = async (db, townId, range, now) => {
  const r = chinaDateRange(range.from, range.to);
  const rows = await db
    .selectFrom('activity')
    .innerJoin('activityKind', 'activityKind.id', 'activity.kindId')
    .leftJoin('activityInvitation', (j) => j.onRef('activityInvitation.activityId', '=', 'activity.id').on('activityInvitation.townId', '=', townId))
    .where('activity.townId', '=', townId)
    .where('activity.status', '!=', 'cancelled')
    .where('activity.endAt', '<', now.toISOString())
    .where('activity.startAt', '>=', r.start)
    .where('activity.startAt', '<', r.end)
    .select((eb) => [
      'activity.id',
      'activity.title',
      'activity.startAt',
      'activityKind.countsAs',
      'activityKind.name as kindName',
      eb.fn.count<number>('activityInvitation.id').as('invited'),
      countOf('present').as('present'),
      countOf('late').as('late'),
      countOf('on_leave').as('onLeave'),
      countOf('absent').as('absent'),
    ])
    .groupBy(['activity.id', 'activity.title', 'activity.startAt', 'activityKind.countsAs', 'activityKind.name'])
    .orderBy('activity.startAt')
    .orderBy('activity.id')
    .execute();
  const acts = rows.map((x) => ({ id: x.id, title: x.title, countsAs: x.countsAs, kindName: x.kindName, ...countsOf(x) }));
  type A = (typeof acts)[number];
  const of = (countsAs?: string) => acts.filter((a) => countsAs === undefined || a.countsAs === countsAs);
  const ids = (list: A[]) => list.map((a) => ref('activity', a.id));
  const attendedIds = (list: A[]) => list.filter((a) => attendedOf(a) > 0).map((a) => ref('activity', a.id));
  const personTimes = (key: string, list: A[]) => ({ value: list.reduce((n, a) => n + attendedOf(a), 0), ids: attendedIds(list), label: labelOf(key) });
  const titles = (key: string, list: A[]) => listFact(labelOf(key), distinct(list.map((a) => a.title)), ids(list));

  const rateOf = (list: A[]) =>
    attendanceRate(
      list.reduce((t, a) => ({ invited: t.invited + a.invited, onLeave: t.onLeave + a.onLeave, present: t.present + a.present, late: t.late + a.late }), {
        invited: 0,
        onLeave: 0,
        present: 0,
        late: 0,
      }),
    );
  const rateFact = (key: string, list: A[]) => ({ value: rateOf(list), ids: attendedIds(list), label: labelOf(key) });
  // Per kind as the town names it, most held first: "视察 5 次（出席率 92.0%）".
  const kinds = new Map<string, A[]>();
  for (const a of acts) kinds.set(a.kindName, [...(kinds.get(a.kindName) ?? []), a]);
  const byKind = [...kinds]
    .sort(([an, a], [bn, b]) => b.length - a.length || an.localeCompare(bn, 'zh-CN'))
    .map(([name, list]) => {
      const r = rateOf(list);
      return r === null ? `${name} ${list.length} 次` : `${name} ${list.length} 次（出席率 ${pctText(r)}）`;
    });
  const trainings = of('training');
  const inspections = of('inspection');
  const surveys = of('research');
  const facts: Facts = {
    'activities.held': count('activities.held', ids(acts)),
    'activities.personTimes': personTimes('activities.personTimes', acts),
    'activities.attendanceRate': rateFact('activities.attendanceRate', acts),
    'activities.byKind': listFact(labelOf('activities.byKind'), byKind, ids(acts)),
    'trainings.held': count('trainings.held', ids(trainings)),
    'trainings.personTimes': personTimes('trainings.personTimes', trainings),
    'trainings.attendanceRate': rateFact('trainings.attendanceRate', trainings),
    'trainings.topics': titles('trainings.topics', trainings),
    'inspections.held': count('inspections.held', ids(inspections)),
    'inspections.personTimes': personTimes('inspections.personTimes', inspections),
    'inspections.attendanceRate': rateFact('inspections.attendanceRate', inspections),
    'inspections.titles': titles('inspections.titles', inspections),
    'surveys.held': count('surveys.held', ids(surveys)),
    'surveys.titles': titles('surveys.titles', surveys),
    'groups.held': count('groups.held', ids(of('group'))),
    'fixedDays.held': count('fixedDays.held', ids(of('fixed_day'))),
    'visits.held': count('visits.held', ids(of('visit'))),
  };
  return facts;
};
