import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AnyEb } from '../../db/sql-helpers.ts';
import type { GroupRow, Period, UnitAssignedRow, UnitRatingRow, UnitReplyRow } from './stats.rules.ts';

/*
 * The grouped queries behind the suggestion figures: five queries whatever the number of suggestions.
 * Every one joins `suggestion as s` and applies `inPeriod` (the town, raised, in the period).
 */

/** Raised suggestions of the town in the period (drafts are not raised yet). */
export function inPeriod(townId: string, p: Period) {
  return (eb: AnyEb): Expression<SqlBool> => {
    const conds: Expression<SqlBool>[] = [eb('s.townId', '=', townId), eb('s.state', '!=', 'draft')];
    if (p.kind === 'year') conds.push(eb('s.year', '=', p.year));
    else if (p.kind === 'session') conds.push(eb('s.sessionId', '=', p.sessionId));
    else {
      // Raised = submitted (created, for items entered by staff without a submit step); UTC text compares in order.
      const raised = sql<string>`coalesce(${sql.ref('s.submittedAt')}, ${sql.ref('s.createdAt')})`;
      conds.push(eb(raised, '>=', p.fromIso), eb(raised, '<', p.toIsoExclusive));
    }
    return eb.and(conds);
  };
}

const countWhen = (cond: ReturnType<typeof sql>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`;

export async function statsRows(db: Kysely<DB>, townId: string, p: Period) {
  const scope = inPeriod(townId, p);
  const groups = db
    .selectFrom('suggestion as s')
    .where(scope)
    .select((eb) => [
      's.sourceType',
      's.category',
      's.state',
      eb.fn.countAll<number>().as('n'),
      countWhen(sql`${sql.ref('s.assignedOn')} is not null`).as('assigned'),
      countWhen(sql`${sql.ref('s.repliedOn')} is not null`).as('replied'),
      countWhen(sql`${sql.ref('s.round')} = 2`).as('rehandled'),
    ])
    .groupBy(['s.sourceType', 's.category', 's.state'])
    .execute();

  const unitReplies = db
    .selectFrom('suggestionReply as r')
    .innerJoin('suggestion as s', 's.id', 'r.suggestionId')
    .where('r.townId', '=', townId)
    .where(scope)
    .select((eb) => [
      'r.unitId',
      eb.fn.countAll<number>().as('replies'),
      countWhen(sql`${sql.ref('r.repliedOn')} <= ${sql.ref('r.dueDate')}`).as('onTime'),
      countWhen(sql`${sql.ref('r.round')} = 1 and ${sql.ref('s.round')} = 2`).as('rehandled'),
    ])
    .groupBy('r.unitId')
    .execute();

  const unitRatings = db
    .selectFrom('suggestionRating as rt')
    .innerJoin('suggestion as s', 's.id', 'rt.suggestionId')
    .leftJoin('suggestionReply as rep', (j) => j.onRef('rep.suggestionId', '=', 'rt.suggestionId').onRef('rep.round', '=', 'rt.round'))
    .where('rt.townId', '=', townId)
    .where(scope)
    .select((eb) => [
      'rep.unitId',
      eb.fn.countAll<number>().as('ratings'),
      countWhen(sql`${sql.ref('rt.result')} in ('satisfied', 'basically')`).as('satisfied'),
    ])
    .groupBy('rep.unitId')
    .execute();

  // An office's items: those it leads now, and those it has answered (a returned or re-assigned item
  // keeps counting for the office that replied).
  const held = db.selectFrom('suggestionUnit').select(['unitId', 'suggestionId']).where('townId', '=', townId).where('role', '=', 'lead');
  const answered = db.selectFrom('suggestionReply').select(['unitId', 'suggestionId']).where('townId', '=', townId);
  const unitAssigned = db
    .selectFrom(held.union(answered).as('x'))
    .innerJoin('suggestion as s', 's.id', 'x.suggestionId')
    .where(scope)
    .select((eb) => ['x.unitId', eb.fn.countAll<number>().as('assigned')])
    .groupBy('x.unitId')
    .execute();

  const [g, ur, rt, ua] = await Promise.all([groups, unitReplies, unitRatings, unitAssigned]);
  const ids = [...new Set([...ur.map((r) => r.unitId), ...ua.map((r) => r.unitId), ...rt.flatMap((r) => (r.unitId ? [r.unitId] : []))])];
  const names = ids.length ? await db.selectFrom('handlingUnit').select(['id', 'name']).where('townId', '=', townId).where('id', 'in', ids).execute() : [];
  return {
    groups: g as GroupRow[],
    unitReplies: ur as UnitReplyRow[],
    unitRatings: rt as UnitRatingRow[],
    unitAssigned: ua as UnitAssignedRow[],
    unitNames: new Map(names.map((n) => [n.id, n.name])),
  };
}
