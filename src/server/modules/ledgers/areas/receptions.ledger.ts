import { type Kysely, sql } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { ADMINS } from '../../../http/principal.ts';
import { ROUTING_LABEL } from '../../receptions/receptions.rules.ts';
import { visitorText } from '../../search/ledger.rules.ts';
import { type LedgerArea, type LedgerRange, num } from '../ledger.area.ts';
import { after, groupBy, keyset } from '../ledger.keyset.ts';
import type { LedgerColumn } from '../ledger.writer.ts';

/*
 * 接待台账: the receptions dated in the period, one row each (the deputies on duty named, the matters and
 * visitors counted); 事项: one row per visitor's matter. Visitors' names and phones are in full for admins
 * and for the liaison of the reception's station, masked for any other liaison (as the receptions list).
 */

function receptions(db: Kysely<DB>, townId: string, r: LedgerRange) {
  return db.selectFrom('reception as r').where('r.townId', '=', townId).where('r.date', '>=', r.from).where('r.date', '<=', r.to);
}

type ReceptionRow = {
  id: string;
  code: string;
  date: string;
  startTime: string | null;
  endTime: string | null;
  stationName: string;
  place: string;
  matters: unknown;
  visitors: unknown;
  deputies?: string;
};

function receptionPage(db: Kysely<DB>, townId: string, r: LedgerRange) {
  return async (last: ReceptionRow | null, size: number): Promise<ReceptionRow[]> => {
    let q = receptions(db, townId, r)
      .innerJoin('station as st', 'st.id', 'r.stationId')
      .leftJoin('receptionMatter as m', (j) => j.onRef('m.receptionId', '=', 'r.id').on('m.townId', '=', townId));
    if (last)
      q = q.where(
        after([
          { expr: sql.ref('r.date'), value: last.date },
          { expr: sql.ref('r.code'), value: last.code },
        ]),
      );
    const rows = await q
      .select((eb) => [
        'r.id',
        'r.code',
        'r.date',
        'r.startTime',
        'r.endTime',
        'st.name as stationName',
        'r.place',
        eb.fn.count<number>('m.id').as('matters'),
        eb.fn.coalesce(eb.fn.sum<number>('m.visitorCount'), sql<number>`0`).as('visitors'),
      ])
      .groupBy(['r.id', 'r.code', 'r.date', 'r.startTime', 'r.endTime', 'st.name', 'r.place'])
      .orderBy('r.date')
      .orderBy('r.code')
      .limit(size)
      .execute();
    if (rows.length === 0) return rows;
    // The deputies on duty of the whole batch in one query.
    const deps = await db
      .selectFrom('receptionDeputy as rd')
      .innerJoin('deputy as d', 'd.id', 'rd.deputyId')
      .select(['rd.receptionId', 'd.name'])
      .where('rd.townId', '=', townId)
      .where(
        'rd.receptionId',
        'in',
        rows.map((x) => x.id),
      )
      .orderBy('d.code')
      .execute();
    const by = groupBy(deps, (d) => d.receptionId);
    return rows.map((x) => ({ ...x, deputies: (by.get(x.id) ?? []).map((d) => d.name).join('、') }));
  };
}

type MatterRow = {
  id: string;
  receptionCode: string;
  date: string;
  stationId: string;
  seq: number;
  visitorName: string;
  visitorPhone: string | null;
  visitorCount: number;
  villageName: string | null;
  category: string;
  content: string;
  routing: string;
  routingNote: string;
  suggestionCode: string | null;
};

function matterPage(db: Kysely<DB>, townId: string, r: LedgerRange) {
  return (last: MatterRow | null, size: number) => {
    let q = receptions(db, townId, r)
      .innerJoin('receptionMatter as m', 'm.receptionId', 'r.id')
      .leftJoin('village as v', 'v.id', 'm.villageId')
      .leftJoin('suggestion as s', 's.id', 'm.suggestionId')
      .where('m.townId', '=', townId);
    if (last)
      q = q.where(
        after([
          { expr: sql.ref('r.date'), value: last.date },
          { expr: sql.ref('r.code'), value: last.receptionCode },
          { expr: sql.ref('m.seq'), value: last.seq },
          { expr: sql.ref('m.id'), value: last.id },
        ]),
      );
    return q
      .select([
        'm.id',
        'r.code as receptionCode',
        'r.date',
        'r.stationId',
        'm.seq',
        'm.visitorName',
        'm.visitorPhone',
        'm.visitorCount',
        'v.name as villageName',
        'm.category',
        'm.content',
        'm.routing',
        'm.routingNote',
        's.code as suggestionCode',
      ])
      .orderBy('r.date')
      .orderBy('r.code')
      .orderBy('m.seq')
      .orderBy('m.id')
      .limit(size)
      .execute();
  };
}

const RECEPTION_COLUMNS: LedgerColumn<ReceptionRow>[] = [
  { header: '编号', value: (x) => x.code },
  { header: '接待日期', kind: 'date', value: (x) => x.date },
  { header: '时间', value: (x) => (x.startTime ? `${x.startTime}${x.endTime ? `–${x.endTime}` : ''}` : '') },
  { header: '联络站', value: (x) => x.stationName },
  { header: '地点', value: (x) => x.place },
  { header: '接待代表', value: (x) => x.deputies },
  { header: '事项数', kind: 'number', value: (x) => num(x.matters) },
  { header: '来访人数', kind: 'number', value: (x) => num(x.visitors) },
];

function matterColumns(full: (stationId: string) => boolean): LedgerColumn<MatterRow>[] {
  return [
    { header: '接待编号', value: (m) => m.receptionCode },
    { header: '接待日期', kind: 'date', value: (m) => m.date },
    { header: '序号', kind: 'number', value: (m) => m.seq },
    { header: '来访人及电话', value: (m) => visitorText(m, full(m.stationId)) },
    { header: '人数', kind: 'number', value: (m) => m.visitorCount },
    { header: '村（社区）', value: (m) => m.villageName },
    { header: '类别', value: (m) => m.category },
    { header: '反映事项', width: 50, value: (m) => m.content },
    { header: '处理方式', value: (m) => ROUTING_LABEL[m.routing as keyof typeof ROUTING_LABEL] ?? m.routing },
    { header: '办理情况及说明', width: 40, value: (m) => m.routingNote },
    { header: '转建议编号', value: (m) => m.suggestionCode },
  ];
}

export const receptionsLedger: LedgerArea = {
  area: 'receptions',
  label: '接待群众台账',
  sheetNames: ['接待', '事项'],
  async counts(db, townId, r) {
    const [a, m] = await Promise.all([
      receptions(db, townId, r)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      receptions(db, townId, r)
        .innerJoin('receptionMatter as m', 'm.receptionId', 'r.id')
        .where('m.townId', '=', townId)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return [num(a.n), num(m.n)];
  },
  sheets(ctx, townId, r) {
    const p = ctx.principal;
    const full = (stationId: string) => ADMINS.includes(p.role) || (p.role === 'liaison' && p.stationId === stationId);
    return [
      { name: '接待', columns: RECEPTION_COLUMNS, batches: () => keyset(receptionPage(ctx.db, townId, r)) },
      { name: '事项', columns: matterColumns(full), batches: () => keyset(matterPage(ctx.db, townId, r)) },
    ];
  },
};
