import type { AreaFacts } from './area.ts';
import { count, labelOf, listFact, namedCategories, num, ref, utcBounds } from './facts.helpers.ts';

/**
 * Stations, receptions (by their date) and the opinions collected: the matters registered at receptions of
 * the period plus the portal opinions received in the period and accepted (受理). A matter answered on the
 * spot or passed to the village is resolved; a matter routed to a suggestion, or an accepted portal opinion
 * turned into one, went to suggestions. Opinion refs are the matter's or the portal submission's id.
 */
export const stationsReceptionsFacts: AreaFacts = async (db, townId, range) => {
  const { fromIso, toIso } = utcBounds(range);
  const [stations, receptions, deputyTimes, matters, portal] = await Promise.all([
    db.selectFrom('station').select(['id', 'name']).where('townId', '=', townId).orderBy('code').execute(),
    db
      .selectFrom('reception')
      .select('id')
      .where('townId', '=', townId)
      .where('date', '>=', range.from)
      .where('date', '<=', range.to)
      .orderBy('date')
      .orderBy('code')
      .execute(),
    db
      .selectFrom('receptionDeputy as rd')
      .innerJoin('reception as r', 'r.id', 'rd.receptionId')
      .select(['rd.receptionId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('rd.townId', '=', townId)
      .where('r.townId', '=', townId)
      .where('r.date', '>=', range.from)
      .where('r.date', '<=', range.to)
      .groupBy('rd.receptionId')
      .execute(),
    db
      .selectFrom('receptionMatter as m')
      .innerJoin('reception as r', 'r.id', 'm.receptionId')
      .select(['m.id', 'm.receptionId', 'm.category', 'm.routing', 'm.visitorCount'])
      .where('m.townId', '=', townId)
      .where('r.townId', '=', townId)
      .where('r.date', '>=', range.from)
      .where('r.date', '<=', range.to)
      .orderBy('r.date')
      .orderBy('m.seq')
      .execute(),
    db
      .selectFrom('portalSubmission')
      .select(['id', 'category', 'suggestionId'])
      .where('townId', '=', townId)
      .where('status', '=', 'accepted')
      .where('createdAt', '>=', fromIso)
      .where('createdAt', '<', toIso)
      .orderBy('createdAt')
      .execute(),
  ]);

  const opinionIds = [...matters.map((m) => ref('opinion', m.id)), ...portal.map((p) => ref('opinion', p.id))];
  const categories = namedCategories([...matters.map((m) => m.category), ...portal.map((p) => p.category)]);
  return {
    'stations.total': count(
      'stations.total',
      stations.map((s) => ref('station', s.id)),
    ),
    'stations.names': listFact(
      labelOf('stations.names'),
      stations.map((s) => s.name),
      stations.map((s) => ref('station', s.id)),
    ),
    'receptions.held': count(
      'receptions.held',
      receptions.map((r) => ref('reception', r.id)),
    ),
    'receptions.visitors': {
      value: matters.reduce((n, m) => n + num(m.visitorCount), 0),
      ids: [...new Set(matters.map((m) => ref('reception', m.receptionId)))],
      label: labelOf('receptions.visitors'),
    },
    'receptions.deputyTimes': {
      value: deputyTimes.reduce((n, r) => n + num(r.n), 0),
      ids: deputyTimes.map((r) => ref('reception', r.receptionId)),
      label: labelOf('receptions.deputyTimes'),
    },
    'opinions.total': count('opinions.total', opinionIds),
    'opinions.categories': listFact(labelOf('opinions.categories'), categories, opinionIds),
    'opinions.fromReceptions': count(
      'opinions.fromReceptions',
      matters.map((m) => ref('opinion', m.id)),
    ),
    'opinions.fromPortal': count(
      'opinions.fromPortal',
      portal.map((p) => ref('opinion', p.id)),
    ),
    'opinions.resolved': count(
      'opinions.resolved',
      matters.filter((m) => m.routing === 'on_spot' || m.routing === 'village').map((m) => ref('opinion', m.id)),
    ),
    'opinions.toSuggestions': count('opinions.toSuggestions', [
      ...matters.filter((m) => m.routing === 'suggestion').map((m) => ref('opinion', m.id)),
      ...portal.filter((p) => p.suggestionId !== null).map((p) => ref('opinion', p.id)),
    ]),
  };
};
