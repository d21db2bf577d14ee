import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { chinaDateRange } from '../activities/activities.rules.ts';
import { FINAL, countsOf } from '../activities/stats.repo.ts';
import { statsRows as receptionRows } from '../receptions/receptions.repo.ts';
import type { FactRange } from '../report-facts/area.ts';
import { inPeriodOf } from '../report-facts/suggestions.facts.ts';

/*
 * The town dashboard's grouped queries: each figure is one set query whatever the number of records.
 * Suggestions use the report facts' cohort (raised in the period, drafts and withdrawn left out), so the
 * funnel here reads the same as the facts and the county comparison.
 */

const n = (v: unknown) => Number(v ?? 0);
const countWhen = (cond: ReturnType<typeof sql>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`;

/** The funnel stages by category: one grouped query. */
export async function suggestionGroups(db: Kysely<DB>, townId: string, range: FactRange) {
  const rows = await db
    .selectFrom('suggestion as s')
    .leftJoin('congressSession as cs', 'cs.id', 's.sessionId')
    .where(inPeriodOf(townId, range))
    .select((eb) => [
      's.category',
      eb.fn.countAll<number>().as('total'),
      countWhen(sql`${sql.ref('s.registeredAt')} is not null`).as('registered'),
      countWhen(sql`${sql.ref('s.assignedOn')} is not null`).as('assigned'),
      countWhen(sql`${sql.ref('s.repliedOn')} is not null`).as('replied'),
      countWhen(sql`${sql.ref('s.state')} = 'closed'`).as('closed'),
    ])
    .groupBy('s.category')
    .execute();
  return rows.map((r) => ({
    category: r.category,
    total: n(r.total),
    registered: n(r.registered),
    assigned: n(r.assigned),
    replied: n(r.replied),
    closed: n(r.closed),
  }));
}

/** Replies by office: how many, and how many by the due date they answered (the statistics' rule). */
export async function repliesByUnit(db: Kysely<DB>, townId: string, range: FactRange) {
  const rows = await db
    .selectFrom('suggestionReply as r')
    .innerJoin('suggestion as s', 's.id', 'r.suggestionId')
    .leftJoin('congressSession as cs', 'cs.id', 's.sessionId')
    .innerJoin('handlingUnit as u', 'u.id', 'r.unitId')
    .where('r.townId', '=', townId)
    .where('u.townId', '=', townId)
    .where(inPeriodOf(townId, range))
    .select((eb) => [
      'r.unitId',
      'u.name',
      eb.fn.countAll<number>().as('replied'),
      countWhen(sql`${sql.ref('r.repliedOn')} <= ${sql.ref('r.dueDate')}`).as('onTime'),
    ])
    .groupBy(['r.unitId', 'u.name'])
    .execute();
  return rows.map((r) => ({ unitId: r.unitId, name: r.name, replied: n(r.replied), onTime: n(r.onTime) }));
}

/** Held activities (started in the period, ended by now, not cancelled) with their attendance counts. */
export async function activityAttendance(db: Kysely<DB>, townId: string, range: FactRange, now: Date) {
  const r = chinaDateRange(range.from, range.to);
  const countOf = (status: string) => sql<number>`sum(case when (${FINAL}) = ${sql.lit(status)} then 1 else 0 end)`;
  const rows = await db
    .selectFrom('activity')
    .leftJoin('activityInvitation', (j) => j.onRef('activityInvitation.activityId', '=', 'activity.id').on('activityInvitation.townId', '=', townId))
    .where('activity.townId', '=', townId)
    .where('activity.status', '!=', 'cancelled')
    .where('activity.endAt', '<', now.toISOString())
    .where('activity.startAt', '>=', r.start)
    .where('activity.startAt', '<', r.end)
    .select((eb) => [
      'activity.id',
      'activity.startAt',
      eb.fn.count<number>('activityInvitation.id').as('invited'),
      countOf('present').as('present'),
      countOf('late').as('late'),
      countOf('on_leave').as('onLeave'),
      countOf('absent').as('absent'),
    ])
    .groupBy(['activity.id', 'activity.startAt'])
    .execute();
  return rows.map((x) => ({ startAt: x.startAt, ...countsOf(x) }));
}

/** Every station of the town with its receptions, visitors and matters (opinions) in the period. */
export async function stationFigures(db: Kysely<DB>, townId: string, range: FactRange) {
  const [stations, rows] = await Promise.all([
    db.selectFrom('station').select(['id', 'code', 'name']).where('townId', '=', townId).orderBy('code').execute(),
    receptionRows(db, townId, range),
  ]);
  const by = new Map(stations.map((s) => [s.id, { stationId: s.id, code: s.code, name: s.name, receptions: 0, visitors: 0, opinions: 0 }]));
  for (const r of rows.receptions) {
    const s = by.get(r.stationId) ?? { stationId: r.stationId, code: r.stationCode, name: r.stationName, receptions: 0, visitors: 0, opinions: 0 };
    s.receptions += r.n;
    by.set(r.stationId, s);
  }
  for (const m of rows.matters) {
    const s = by.get(m.stationId);
    if (!s) continue;
    s.opinions += m.n;
    s.visitors += m.visitors;
  }
  return [...by.values()].sort((a, b) => a.code.localeCompare(b.code)).map(({ code: _c, ...s }) => s);
}
