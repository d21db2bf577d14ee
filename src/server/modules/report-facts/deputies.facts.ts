import type { Facts } from '../../../shared/report/facts.ts';
import { chinaDateOf } from '../activities/activities.rules.ts';
import { currentTermId } from '../regions/regions.rules.ts';
import { ageAt } from '../roster/deputy.rules.ts';
import { rate } from '../search/stats.rules.ts';
import type { AreaFacts } from './area.ts';
import { count, labelOf, listFact, rateFact, ranked, ref, utcBounds } from './facts.helpers.ts';

/** Parties counted as 中共党员 (a probationary member is a party member for the roster's figures). */
const CPC = new Set(['中共党员', '中共预备党员']);

/**
 * The deputies of the town's term current at the period end (the largest term started by then), in office
 * on that day: serving, or left only after it — the rule the session roll uses for its start date.
 * Age bands follow the keys: under 35, 35–54, 55 and over, at the period end.
 *
 * There is no column for the day a deputy joined (补选); `joined` counts deputies of the term entered in
 * the period on a later day than the term's roster was first entered (the initial import is not a join).
 */
export const deputiesFacts: AreaFacts = async (db, townId, range) => {
  const terms = await db.selectFrom('term').select(['id', 'number', 'startDate']).where('townId', '=', townId).execute();
  const termId = currentTermId(terms, range.to);
  const facts: Facts = {};
  const rows = termId
    ? await db
        .selectFrom('deputy')
        .select(['id', 'gender', 'birthDate', 'party', 'isTownLevel', 'isCountyLevel', 'occupation', 'status', 'statusDate', 'createdAt'])
        .where('townId', '=', townId)
        .where('termId', '=', termId)
        .execute()
    : [];
  const inOffice = rows.filter((d) => d.status === 'serving' || (d.statusDate !== null && d.statusDate > range.to));
  const ids = (pick: (d: (typeof rows)[number]) => boolean, from = inOffice) => from.filter(pick).map((d) => ref('deputy', d.id));
  const female = ids((d) => d.gender === 'female');
  const ages = inOffice.map((d) => ({ d, age: ageAt(d.birthDate, range.to) }));
  const band = (lo: number, hi: number) => ages.filter((a) => a.age !== null && a.age >= lo && a.age <= hi).map((a) => ref('deputy', a.d.id));

  const { fromIso, toIso } = utcBounds(range);
  const firstEntered = rows.reduce<string | null>((m, d) => (m === null || d.createdAt < m ? d.createdAt : m), null);
  const firstDay = firstEntered ? chinaDateOf(firstEntered) : '';
  const joined = ids((d) => d.createdAt >= fromIso && d.createdAt < toIso && chinaDateOf(d.createdAt) > firstDay && inOffice.includes(d));
  const left = ids((d) => d.status !== 'serving' && d.statusDate !== null && d.statusDate >= range.from && d.statusDate <= range.to, rows);

  const occupations = ranked(inOffice.map((d) => d.occupation));
  facts['deputies.total'] = count(
    'deputies.total',
    ids(() => true),
  );
  facts['deputies.townLevel'] = count(
    'deputies.townLevel',
    ids((d) => d.isTownLevel === 1),
  );
  facts['deputies.countyLevel'] = count(
    'deputies.countyLevel',
    ids((d) => d.isCountyLevel === 1),
  );
  facts['deputies.female'] = count('deputies.female', female);
  facts['deputies.femaleShare'] = rateFact(labelOf('deputies.femaleShare'), rate(female.length, inOffice.length), female);
  facts['deputies.cpc'] = count(
    'deputies.cpc',
    ids((d) => CPC.has(d.party)),
  );
  facts['deputies.age.under35'] = count('deputies.age.under35', band(0, 34));
  facts['deputies.age.35to54'] = count('deputies.age.35to54', band(35, 54));
  facts['deputies.age.55plus'] = count('deputies.age.55plus', band(55, 200));
  facts['deputies.byOccupation'] = listFact(
    labelOf('deputies.byOccupation'),
    occupations.map((o) => `${o.name} ${o.count} 名`),
    ids(() => true),
  );
  facts['deputies.joined'] = count('deputies.joined', joined);
  facts['deputies.left'] = count('deputies.left', left);
  return facts;
};
