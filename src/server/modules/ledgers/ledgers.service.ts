import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { schemeOfYear } from '../points/points.repo.ts';
import { scoreSheet } from '../points/points.xlsx.ts';
import { factRangeOf } from '../report-facts/report-facts.rules.ts';
import { chinaDayStartIso } from '../search/stats.rules.ts';
import { activitiesLedger } from './areas/activities.ledger.ts';
import { appraisalsLedger } from './areas/appraisals.ledger.ts';
import { findingsLedger } from './areas/findings.ledger.ts';
import { receptionsLedger } from './areas/receptions.ledger.ts';
import { suggestionsLedger } from './areas/suggestions.ledger.ts';
import { type AreaKey, type LedgerArea, type LedgerRange, num } from './ledger.area.ts';
import { ledgerStream } from './ledger.writer.ts';
import type { LedgerItem, LedgersQuery } from './ledgers.schemas.ts';

/*
 * The ledgers (台账): one .xlsx per area for a period, for staff of the town (a county admin: the town it
 * works in). The period is checked before the first byte, so a bad one is a 400 and never a broken file.
 */

export const LEDGERS: readonly LedgerArea[] = [activitiesLedger, receptionsLedger, suggestionsLedger, findingsLedger, appraisalsLedger];
const POINTS_LABEL = '代表履职积分表';

const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function rangeOrThrow(q: z.infer<typeof LedgersQuery>, now = new Date()): LedgerRange {
  const r = factRangeOf(q.from, q.to);
  if ('field' in r) throw ValidationError.field(r.field, r.message);
  return { from: r.from, to: r.to, fromIso: chinaDayStartIso(r.from), toIsoExclusive: chinaDayStartIso(dayAfter(r.to)), now: now.toISOString() };
}

/** The areas with their row counts for the period: a couple of count queries per area, whatever the rows. */
export async function listLedgers(ctx: Ctx, q: z.infer<typeof LedgersQuery>, now = new Date()): Promise<z.infer<typeof LedgerItem>[]> {
  const townId = townOf(ctx);
  const r = rangeOrThrow(q, now);
  const year = Number(r.from.slice(0, 4));
  const [counts, scheme, serving] = await Promise.all([
    Promise.all(LEDGERS.map((a) => a.counts(ctx.db, townId, r))),
    schemeOfYear(ctx.db, townId, year),
    ctx.db
      .selectFrom('deputy')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('townId', '=', townId)
      .where('status', '=', 'serving')
      .executeTakeFirstOrThrow(),
  ]);
  const items: z.infer<typeof LedgerItem>[] = LEDGERS.map((a, i) => ({
    area: a.area,
    label: a.label,
    rows: counts[i][0],
    sheets: a.sheetNames.map((name, j) => ({ name, rows: counts[i][j] })),
    available: true,
    note: null,
  }));
  // The score sheet lists the serving deputies (and any who left after scoring): the serving count is its size.
  const deputies = scheme ? num(serving.n) : 0;
  items.push({
    area: 'points',
    label: POINTS_LABEL,
    rows: deputies,
    sheets: [{ name: '积分表', rows: deputies }],
    available: !!scheme,
    note: scheme ? scheme.name : `${year} 年没有考评方案`,
  });
  return items;
}

export type LedgerFile = { fileName: string; asciiName: string; body: Readable | Buffer };

async function townName(ctx: Ctx, townId: string): Promise<string> {
  const t = await ctx.db.selectFrom('town').select('name').where('id', '=', townId).executeTakeFirst();
  return t?.name ?? '';
}

/**
 * One area's ledger. The points area is the points module's score sheet for the scheme of the year of
 * `from` (the whole year, as the scheme is yearly); the others stream from ledger.writer.ts.
 */
export async function ledgerFile(
  ctx: Ctx,
  area: string,
  q: z.infer<typeof LedgersQuery>,
  onError: (err: unknown) => void,
  now = new Date(),
): Promise<LedgerFile> {
  const townId = townOf(ctx);
  // The path is /ledgers/<area>.xlsx: anything else is no ledger.
  const key = /^([a-z]+)\.xlsx$/.exec(area)?.[1] as AreaKey | undefined;
  const def = LEDGERS.find((a) => a.area === key);
  if (!def && key !== 'points') throw new NotFoundError('台账');
  const r = rangeOrThrow(q, now);
  const stem = `${r.from.replaceAll('-', '')}-${r.to.replaceAll('-', '')}`;
  if (!def) {
    const year = Number(r.from.slice(0, 4));
    const scheme = await schemeOfYear(ctx.db, townId, year);
    if (!scheme) throw new NotFoundError(`${year} 年的考评方案`);
    const sheet = await scoreSheet(ctx, scheme.id, String(year));
    return { fileName: `${POINTS_LABEL}-${year}.xlsx`, asciiName: `ledger-points-${year}.xlsx`, body: sheet.bytes };
  }
  const town = await townName(ctx, townId);
  return {
    fileName: `${town}${def.label}-${stem}.xlsx`,
    asciiName: `ledger-${def.area}-${stem}.xlsx`,
    body: ledgerStream(def.sheets(ctx, townId, r), onError),
  };
}
