import { type Expression, type SqlBool, sql } from 'kysely';
import type { AnyEb } from '../../db/sql-helpers.ts';
import type { Facts } from '../../../shared/report/facts.ts';
import { rate } from '../search/stats.rules.ts';
import type { AreaFacts, FactRange } from './area.ts';
import { count, labelOf, listFact, namedCategories, num, ranked, ref, refs, utcBounds } from './facts.helpers.ts';

/**
 * The suggestions of the period: raised in it (submitted, or created when staff entered them without a
 * submit step — the rule of the suggestion statistics), and for one tied to a congress session, by the
 * session's start date. Drafts and withdrawn items are not counted. Every other figure is about these
 * items, so the funnel adds up. On time and satisfaction use the statistics' rules (search/stats.*): a reply
 * is on time when given by the due date it answered; a rating is satisfied when its result is 满意 or
 * 基本满意; rates by the same `rate`. The facts count items (件), where the statistics page counts replies
 * and ratings, so the two differ only for items handled twice.
 */
export function inPeriodOf(townId: string, range: FactRange) {
  const { fromIso, toIso } = utcBounds(range);
  const raised = sql<string>`coalesce(${sql.ref('s.submittedAt')}, ${sql.ref('s.createdAt')})`;
  return (eb: AnyEb): Expression<SqlBool> =>
    eb.and([
      eb('s.townId', '=', townId),
      eb('s.state', 'not in', ['draft', 'withdrawn']),
      eb.or([
        eb.and([eb('s.sessionId', 'is not', null), eb('cs.startDate', '>=', range.from), eb('cs.startDate', '<=', range.to)]),
        eb.and([eb('s.sessionId', 'is', null), eb(raised, '>=', fromIso), eb(raised, '<', toIso)]),
      ]),
    ]);
}

export const suggestionsFacts: AreaFacts = async (db, townId, range) => {
  const scope = inPeriodOf(townId, range);
  const base = () => db.selectFrom('suggestion as s').leftJoin('congressSession as cs', 'cs.id', 's.sessionId').where(scope);
  const [items, replies, ratings, units] = await Promise.all([
    base()
      .select(['s.id', 's.category', 's.sessionId', 's.sourceType', 's.registeredAt', 's.assignedOn', 's.repliedOn', 's.state', 's.grade'])
      .orderBy('s.code')
      .execute(),
    base()
      .innerJoin('suggestionReply as r', 'r.suggestionId', 's.id')
      .where('r.townId', '=', townId)
      .select(['r.suggestionId', sql<number>`case when ${sql.ref('r.repliedOn')} <= ${sql.ref('r.dueDate')} then 1 else 0 end`.as('onTime')])
      .execute(),
    base()
      .innerJoin('suggestionRating as rt', 'rt.suggestionId', 's.id')
      .where('rt.townId', '=', townId)
      .select(['rt.suggestionId', 'rt.round', sql<number>`case when ${sql.ref('rt.result')} in ('satisfied', 'basically') then 1 else 0 end`.as('satisfied')])
      .execute(),
    base()
      .innerJoin('suggestionUnit as su', 'su.suggestionId', 's.id')
      .innerJoin('handlingUnit as u', 'u.id', 'su.unitId')
      .where('su.townId', '=', townId)
      .where('su.role', '=', 'lead')
      .select(['s.id', 'u.name'])
      .execute(),
  ]);

  const ids = (pick: (s: (typeof items)[number]) => boolean) => items.filter(pick).map((s) => ref('suggestion', s.id));
  const session = (s: (typeof items)[number]) => s.sessionId !== null || s.sourceType === 'session';
  // Per item: on time when every reply it got was on time; satisfied when every rating of its last rated
  // round says 满意 or 基本满意. Rates over the items replied to / rated, so a count never exceeds its base.
  const replied = new Map<string, boolean>();
  for (const r of replies) replied.set(r.suggestionId, (replied.get(r.suggestionId) ?? true) && num(r.onTime) === 1);
  const lastRound = new Map<string, { round: number; ok: boolean }>();
  for (const r of ratings) {
    const cur = lastRound.get(r.suggestionId);
    const ok = num(r.satisfied) === 1;
    if (!cur || r.round > cur.round) lastRound.set(r.suggestionId, { round: r.round, ok });
    else if (r.round === cur.round) cur.ok &&= ok;
  }
  const onTimeIds = refs(
    'suggestion',
    [...replied].filter(([, ok]) => ok).map(([id]) => id),
  );
  const satisfiedIds = refs(
    'suggestion',
    [...lastRound].filter(([, v]) => v.ok).map(([id]) => id),
  );
  const all = ids(() => true);
  // The funnel once more for each half of the split (人代会期间 / 闭会期间): reports write them apart.
  const split = (name: 'session' | 'interSession', inIt: (s: (typeof items)[number]) => boolean): Facts => {
    const mine = new Set(items.filter(inIt).map((s) => s.id));
    const k = (f: string) => `suggestions.${name}.${f}`;
    const answered = [...replied].filter(([id]) => mine.has(id));
    const rated = [...lastRound].filter(([id]) => mine.has(id));
    const onTime = refs(
      'suggestion',
      answered.filter(([, ok]) => ok).map(([id]) => id),
    );
    const happy = refs(
      'suggestion',
      rated.filter(([, v]) => v.ok).map(([id]) => id),
    );
    return {
      [k('replied')]: count(
        k('replied'),
        ids((s) => inIt(s) && s.repliedOn !== null),
      ),
      [k('closed')]: count(
        k('closed'),
        ids((s) => inIt(s) && s.state === 'closed'),
      ),
      [k('onTimeRate')]: { value: rate(onTime.length, answered.length), ids: onTime, label: labelOf(k('onTimeRate')) },
      [k('satisfactionRate')]: { value: rate(happy.length, rated.length), ids: happy, label: labelOf(k('satisfactionRate')) },
    };
  };
  return {
    ...split('session', session),
    ...split('interSession', (s) => !session(s)),
    'suggestions.total': count('suggestions.total', all),
    'suggestions.session': count('suggestions.session', ids(session)),
    'suggestions.interSession': count(
      'suggestions.interSession',
      ids((s) => !session(s)),
    ),
    'suggestions.registered': count(
      'suggestions.registered',
      ids((s) => s.registeredAt !== null),
    ),
    'suggestions.assigned': count(
      'suggestions.assigned',
      ids((s) => s.assignedOn !== null),
    ),
    'suggestions.replied': count(
      'suggestions.replied',
      ids((s) => s.repliedOn !== null),
    ),
    'suggestions.closed': count(
      'suggestions.closed',
      ids((s) => s.state === 'closed'),
    ),
    'suggestions.onTime': count('suggestions.onTime', onTimeIds),
    'suggestions.onTimeRate': { value: rate(onTimeIds.length, replied.size), ids: onTimeIds, label: labelOf('suggestions.onTimeRate') },
    'suggestions.satisfied': count('suggestions.satisfied', satisfiedIds),
    'suggestions.satisfactionRate': { value: rate(satisfiedIds.length, lastRound.size), ids: satisfiedIds, label: labelOf('suggestions.satisfactionRate') },
    'suggestions.gradeA': count(
      'suggestions.gradeA',
      ids((s) => s.grade === 'A'),
    ),
    'suggestions.gradeB': count(
      'suggestions.gradeB',
      ids((s) => s.grade === 'B'),
    ),
    'suggestions.gradeC': count(
      'suggestions.gradeC',
      ids((s) => s.grade === 'C'),
    ),
    'suggestions.categories': listFact(labelOf('suggestions.categories'), namedCategories(items.map((s) => s.category)), all),
    'suggestions.units': listFact(
      labelOf('suggestions.units'),
      ranked(units.map((u) => u.name)).map((c) => c.name),
      units.map((u) => ref('suggestion', u.id)),
    ),
  };
};
