import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { ADMINS, type Ctx, townOf } from '../../http/principal.ts';
import { todayInChina } from '../../lib/time.ts';
import { loadSettings } from '../suggestions/settings.repo.ts';
import { gradeLabel } from '../suggestions/settings.rules.ts';
import { receptionLedgerBatches, suggestionLedgerBatches } from './ledger.repo.ts';
import { RECEPTION_COLUMNS, SUGGESTION_COLUMNS, receptionLedgerRows, suggestionLedgerRow } from './ledger.rules.ts';
import { ledgerStream } from './ledger.xlsx.ts';
import { periodLabel } from './stats.rules.ts';
import type { PeriodQuery, ReceptionLedgerQuery } from './stats.schemas.ts';
import { periodOrThrow } from './stats.service.ts';

export type LedgerFile = { fileName: string; asciiName: string; stream: Readable };

async function townName(ctx: Ctx, townId: string): Promise<string> {
  const t = await ctx.db.selectFrom('town').select('name').where('id', '=', townId).executeTakeFirst();
  return t?.name ?? '';
}

/**
 * 建议办理台账: every suggestion raised in the period (or year, or session) in code order, with its
 * sponsors, offices, dates, grade, rating. Admins and liaisons (the suggestions list is town-wide for both).
 * Checks run before the first byte, so a bad period is a 400, not a broken file.
 */
export async function suggestionLedger(ctx: Ctx, q: z.infer<typeof PeriodQuery>, onError: (err: unknown) => void, now = new Date()): Promise<LedgerFile> {
  const townId = townOf(ctx);
  const period = periodOrThrow(q, now);
  const [town, settings] = await Promise.all([townName(ctx, townId), loadSettings(ctx.db, townId)]);
  const label = periodLabel(period);
  const db = ctx.db;
  async function* rows() {
    for await (const batch of suggestionLedgerBatches(db, townId, period)) {
      yield batch.map((x) => suggestionLedgerRow(x.s, x.sponsors, x.units, (code) => gradeLabel(settings, code)));
    }
  }
  const stem =
    period.kind === 'range' ? `${period.from.replaceAll('-', '')}-${period.to.replaceAll('-', '')}` : period.kind === 'year' ? String(period.year) : 'session';
  return {
    fileName: `建议办理台账-${stem}.xlsx`,
    asciiName: `suggestion-ledger-${stem}.xlsx`,
    stream: ledgerStream({ sheetName: '建议办理台账', title: `${town}代表建议办理台账（${label}）`, columns: SUGGESTION_COLUMNS, rows: rows() }, onError),
  };
}

/**
 * 接待台账: the receptions of the period (the current year by default), one row per visitor's matter.
 * Admins: the whole town or one station. A liaison: their own station only (another station is 403),
 * like the receptions list. Visitors' names and phones are in full for admins and the station's own
 * liaison, masked for anyone else.
 */
export async function receptionLedger(
  ctx: Ctx,
  q: z.infer<typeof ReceptionLedgerQuery>,
  onError: (err: unknown) => void,
  now = new Date(),
): Promise<LedgerFile> {
  const townId = townOf(ctx);
  const p = ctx.principal;
  const year = todayInChina(now).slice(0, 4);
  const from = q.from ?? (q.to ? `${q.to.slice(0, 4)}-01-01` : `${year}-01-01`);
  const to = q.to ?? `${from.slice(0, 4)}-12-31`;
  if (to < from) throw ValidationError.field('querystring.to', '结束日期不能早于开始日期');
  let stationId = q.stationId;
  if (p.role === 'liaison') {
    if (!p.stationId || (stationId && stationId !== p.stationId)) throw new ForbiddenError('联络员只能导出本联络站的接待台账');
    stationId = p.stationId;
  }
  let stationName = '';
  if (stationId) {
    const st = await ctx.db.selectFrom('station').select('name').where('townId', '=', townId).where('id', '=', stationId).executeTakeFirst();
    if (!st) throw new NotFoundError('联络站');
    stationName = st.name;
  }
  const town = await townName(ctx, townId);
  const admin = ADMINS.includes(p.role);
  const db = ctx.db;
  async function* rows() {
    for await (const batch of receptionLedgerBatches(db, townId, { from, to, stationId })) {
      yield batch.flatMap((x) => receptionLedgerRows(x.r, x.deputies, x.matters, admin || (p.role === 'liaison' && p.stationId === x.r.stationId)));
    }
  }
  const stem = `${from.replaceAll('-', '')}-${to.replaceAll('-', '')}`;
  const title = `${town}${stationName ? ` ${stationName}` : '代表联络站'}接待台账（${from} 至 ${to}）`;
  return {
    fileName: `接待台账-${stem}.xlsx`,
    asciiName: `reception-ledger-${stem}.xlsx`,
    stream: ledgerStream({ sheetName: '接待台账', title, columns: RECEPTION_COLUMNS, rows: rows() }, onError),
  };
}
