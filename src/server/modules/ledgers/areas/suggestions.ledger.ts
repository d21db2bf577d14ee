import { type Kysely, sql } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { KIND_LABEL, RATING_LABEL, SOURCE_LABEL } from '../../search/ledger.rules.ts';
import { inPeriod } from '../../search/stats.repo.ts';
import type { Period } from '../../search/stats.rules.ts';
import { stateLabel } from '../../suggestions/suggestion.machine.ts';
import { loadSettings } from '../../suggestions/settings.repo.ts';
import { gradeLabel } from '../../suggestions/settings.rules.ts';
import { type LedgerArea, type LedgerRange, num } from '../ledger.area.ts';
import { after, groupBy, keyset } from '../ledger.keyset.ts';
import type { LedgerColumn } from '../ledger.writer.ts';

/*
 * 建议台账: the suggestions raised in the period (submitted, or created when staff entered them without a
 * submit step; drafts are not raised) — the same set as the suggestion statistics (search/stats.repo.ts
 * inPeriod) — in code order, with lead sponsor, offices, state, dates, grade and rating; 答复: every reply
 * to those suggestions, by suggestion, round and office.
 */

const periodOf = (r: LedgerRange): Period => ({ kind: 'range', from: r.from, to: r.to, fromIso: r.fromIso, toIsoExclusive: r.toIsoExclusive });
// Codes are YYYY-NNN and longer past 999: year, length, text order them; (year, length, code) is unique in the town.
const codeLen = sql<number>`length(${sql.ref('s.code')})`;

type SuggestionRow = {
  id: string;
  code: string;
  year: number;
  len: number;
  title: string;
  kind: string;
  sourceType: string;
  category: string;
  sessionCode: string | null;
  state: string;
  dueDate: string | null;
  repliedOn: string | null;
  grade: string | null;
  rating: string | null;
  lead?: string;
  leadUnit?: string;
  coUnits?: string;
};

function suggestionPage(db: Kysely<DB>, townId: string, r: LedgerRange) {
  return async (last: SuggestionRow | null, size: number): Promise<SuggestionRow[]> => {
    let q = db
      .selectFrom('suggestion as s')
      .leftJoin('congressSession as cs', 'cs.id', 's.sessionId')
      .where(inPeriod(townId, periodOf(r)));
    if (last)
      q = q.where(
        after([
          { expr: sql.ref('s.year'), value: last.year },
          { expr: codeLen, value: num(last.len) },
          { expr: sql.ref('s.code'), value: last.code },
        ]),
      );
    const rows = await q
      .select([
        's.id',
        's.code',
        's.year',
        codeLen.as('len'),
        's.title',
        's.kind',
        's.sourceType',
        's.category',
        'cs.code as sessionCode',
        's.state',
        's.dueDate',
        's.repliedOn',
        's.grade',
        's.rating',
      ])
      .orderBy('s.year')
      .orderBy(codeLen)
      .orderBy('s.code')
      .limit(size)
      .execute();
    if (rows.length === 0) return rows;
    const ids = rows.map((x) => x.id);
    const [sponsors, units] = await Promise.all([
      db
        .selectFrom('suggestionSponsor as sp')
        .innerJoin('deputy as d', 'd.id', 'sp.deputyId')
        .select(['sp.suggestionId', 'd.name'])
        .where('sp.townId', '=', townId)
        .where('sp.role', '=', 'lead')
        .where('sp.suggestionId', 'in', ids)
        .orderBy('d.code')
        .execute(),
      db
        .selectFrom('suggestionUnit as su')
        .innerJoin('handlingUnit as u', 'u.id', 'su.unitId')
        .select(['su.suggestionId', 'u.name', 'su.role'])
        .where('su.townId', '=', townId)
        .where('su.suggestionId', 'in', ids)
        .orderBy('u.code')
        .execute(),
    ]);
    const sp = groupBy(sponsors, (x) => x.suggestionId);
    const un = groupBy(units, (x) => x.suggestionId);
    const names = (list: { name: string }[] | undefined) => (list ?? []).map((x) => x.name).join('、');
    return rows.map((x) => {
      const u = un.get(x.id) ?? [];
      return {
        ...x,
        lead: names(sp.get(x.id)),
        leadUnit: names(u.filter((y) => y.role === 'lead')),
        coUnits: names(u.filter((y) => y.role !== 'lead')),
      };
    });
  };
}

type ReplyRow = {
  id: string;
  code: string;
  year: number;
  len: number;
  round: number;
  unitName: string;
  grade: string;
  repliedOn: string;
  dueDate: string;
  content: string;
};

function replyPage(db: Kysely<DB>, townId: string, r: LedgerRange) {
  return (last: ReplyRow | null, size: number): Promise<ReplyRow[]> => {
    let q = db
      .selectFrom('suggestion as s')
      .innerJoin('suggestionReply as rp', 'rp.suggestionId', 's.id')
      .innerJoin('handlingUnit as u', 'u.id', 'rp.unitId')
      .where(inPeriod(townId, periodOf(r)))
      .where('rp.townId', '=', townId);
    if (last)
      q = q.where(
        after([
          { expr: sql.ref('s.year'), value: last.year },
          { expr: codeLen, value: num(last.len) },
          { expr: sql.ref('s.code'), value: last.code },
          { expr: sql.ref('rp.round'), value: last.round },
          { expr: sql.ref('rp.id'), value: last.id },
        ]),
      );
    return q
      .select(['rp.id', 's.code', 's.year', codeLen.as('len'), 'rp.round', 'u.name as unitName', 'rp.grade', 'rp.repliedOn', 'rp.dueDate', 'rp.content'])
      .orderBy('s.year')
      .orderBy(codeLen)
      .orderBy('s.code')
      .orderBy('rp.round')
      .orderBy('rp.id')
      .limit(size)
      .execute();
  };
}

export const suggestionsLedger: LedgerArea = {
  area: 'suggestions',
  label: '代表建议办理台账',
  sheetNames: ['建议', '答复'],
  async counts(db, townId, r) {
    const [s, rp] = await Promise.all([
      db
        .selectFrom('suggestion as s')
        .where(inPeriod(townId, periodOf(r)))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('suggestion as s')
        .innerJoin('suggestionReply as rp', 'rp.suggestionId', 's.id')
        .where(inPeriod(townId, periodOf(r)))
        .where('rp.townId', '=', townId)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return [num(s.n), num(rp.n)];
  },
  sheets(ctx, townId, r) {
    const db = ctx.db;
    let grade: (code: string | null) => string = (c) => c ?? '';
    // The town's grade labels (A 类 …), read once before the first batch.
    async function* withSettings<R>(inner: AsyncGenerator<R[]>) {
      const settings = await loadSettings(db, townId);
      grade = (code) => (code ? `${code} ${gradeLabel(settings, code)}`.trim() : '');
      yield* inner;
    }
    const suggestionColumns: LedgerColumn<SuggestionRow>[] = [
      { header: '编号', value: (s) => s.code },
      { header: '案由', width: 40, value: (s) => s.title },
      { header: '类别', value: (s) => KIND_LABEL[s.kind as keyof typeof KIND_LABEL] ?? s.kind },
      { header: '来源', value: (s) => SOURCE_LABEL[s.sourceType as keyof typeof SOURCE_LABEL] ?? s.sourceType },
      { header: '分类', value: (s) => s.category },
      { header: '会议', value: (s) => s.sessionCode },
      { header: '领衔代表', value: (s) => s.lead },
      { header: '主办单位', value: (s) => s.leadUnit },
      { header: '协办单位', value: (s) => s.coUnits },
      { header: '办理状态', value: (s) => stateLabel(s.state as never) ?? s.state },
      { header: '答复期限', kind: 'date', value: (s) => s.dueDate },
      { header: '答复日期', kind: 'date', value: (s) => s.repliedOn },
      { header: '答复类别', value: (s) => grade(s.grade) },
      { header: '代表满意度', value: (s) => (s.rating ? (RATING_LABEL[s.rating as keyof typeof RATING_LABEL] ?? s.rating) : '') },
    ];
    const replyColumns: LedgerColumn<ReplyRow>[] = [
      { header: '建议编号', value: (x) => x.code },
      { header: '轮次', kind: 'number', value: (x) => x.round },
      { header: '答复单位', value: (x) => x.unitName },
      { header: '答复类别', value: (x) => grade(x.grade) },
      { header: '答复日期', kind: 'date', value: (x) => x.repliedOn },
      { header: '答复期限', kind: 'date', value: (x) => x.dueDate },
      { header: '按期', value: (x) => (x.repliedOn <= x.dueDate ? '是' : '否') },
      { header: '答复内容', width: 60, value: (x) => x.content },
    ];
    return [
      { name: '建议', columns: suggestionColumns, batches: () => withSettings(keyset(suggestionPage(db, townId, r))) },
      { name: '答复', columns: replyColumns, batches: () => withSettings(keyset(replyPage(db, townId, r))) },
    ];
  },
};
