import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { draft } from '../../../shared/report/draft.ts';
import { DEFAULT_TEMPLATE } from '../../../shared/report/default-template.ts';
import type { DB } from '../../db/schema.ts';
import type { Ctx } from '../../http/principal.ts';
import { gapFacts } from '../report-facts/gaps.facts.ts';
import { townFacts } from '../report-facts/report-facts.service.ts';
import { exportBody, metaOfRange } from '../reports/reports.service.ts';
import { COUNTY_KEYS, comparisonOf, countyTemplate, mapLimit, sumTownFacts } from './dashboards.rules.ts';
import type { CountyDashboard, DashboardQuery } from './dashboards.schemas.ts';
import { rangeOrThrow } from './dashboards.service.ts';

/*
 * The county's view: the towns of the caller's county (from the session, never the request) compared on
 * the same figures, and the county report drafted from their facts summed. A county has 10–40 towns; each
 * town's facts are a handful of set queries, run four towns at a time so the pool is not exhausted.
 */
const AT_ONCE = 4;

async function countyTowns(db: Kysely<DB>, countyId: string) {
  const [county, towns] = await Promise.all([
    db.selectFrom('county').select(['id', 'name']).where('id', '=', countyId).executeTakeFirstOrThrow(),
    db.selectFrom('town').select(['id', 'name', 'code']).where('countyId', '=', countyId).orderBy('code').execute(),
  ]);
  return { county, towns };
}

async function factsOfTowns(db: Kysely<DB>, countyId: string, range: { from: string; to: string }, now: Date) {
  const { county, towns } = await countyTowns(db, countyId);
  const facts = await mapLimit(towns, AT_ONCE, (t) => townFacts(db, t.id, range, now));
  return { county, towns: towns.map((t, i) => ({ townId: t.id, name: t.name, facts: facts[i] })) };
}

export async function countyDashboard(ctx: Ctx, q: z.infer<typeof DashboardQuery>, now = new Date()): Promise<z.infer<typeof CountyDashboard>> {
  const range = rangeOrThrow(q);
  const { county, towns } = await factsOfTowns(ctx.db, ctx.principal.countyId, range, now);
  return {
    county,
    from: range.from,
    to: range.to,
    keys: COUNTY_KEYS.map((k) => ({ ...k, kind: k.key.endsWith('Rate') ? ('rate' as const) : ('count' as const) })),
    towns: towns.map((t) => ({ townId: t.townId, name: t.name, facts: comparisonOf(t.facts) })),
  };
}

/** The county report: the towns' facts summed, drafted with the built-in template read for a county, exported. */
export async function countyReport(ctx: Ctx, format: 'docx' | 'md' | 'json', q: z.infer<typeof DashboardQuery>, now = new Date()) {
  const range = rangeOrThrow(q);
  const meta = metaOfRange(range.from, range.to);
  const { county, towns } = await factsOfTowns(ctx.db, ctx.principal.countyId, range, now);
  const summed = sumTownFacts(towns, county.name, range);
  const facts = Object.assign(summed, gapFacts(summed));
  const body = draft(countyTemplate(DEFAULT_TEMPLATE, facts), facts, { townName: county.name, ...meta });
  return exportBody(format, body, facts, { town: county.name, from: range.from, to: range.to });
}
