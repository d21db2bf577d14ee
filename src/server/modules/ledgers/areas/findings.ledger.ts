import { type Kysely, sql } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { type LedgerArea, type LedgerRange, num } from '../ledger.area.ts';
import { after, groupBy, keyset } from '../ledger.keyset.ts';
import type { LedgerColumn } from '../ledger.writer.ts';

/*
 * 问题台账: the findings found in the period (found_on in it), with the activity, the party responsible,
 * severity, status and the notices that cover each; 整改通知书: the notices issued in the period with the
 * findings they cover.
 */

const SEVERITY: Record<string, string> = { minor: '一般', general: '较重', major: '重大' };
const STATUS: Record<string, string> = { open: '待整改', rectifying: '整改中', reinspected: '已复查', closed: '已销号' };
const RESPONSIBLE: Record<string, string> = { unit: '单位', village: '村（社区）', enterprise: '企业', other: '其他' };

function findings(db: Kysely<DB>, townId: string, r: LedgerRange) {
  return db.selectFrom('finding as f').where('f.townId', '=', townId).where('f.foundOn', '>=', r.from).where('f.foundOn', '<=', r.to);
}
function notices(db: Kysely<DB>, townId: string, r: LedgerRange) {
  return db.selectFrom('rectificationNotice as n').where('n.townId', '=', townId).where('n.issuedOn', '>=', r.from).where('n.issuedOn', '<=', r.to);
}

type FindingRow = {
  id: string;
  code: string;
  foundOn: string;
  activityCode: string | null;
  activityTitle: string | null;
  description: string;
  place: string;
  responsibleType: string;
  unitName: string | null;
  villageName: string | null;
  responsibleName: string;
  severity: string;
  status: string;
  closedOn: string | null;
  notices?: string;
};

function findingPage(db: Kysely<DB>, townId: string, r: LedgerRange) {
  return async (last: FindingRow | null, size: number): Promise<FindingRow[]> => {
    let q = findings(db, townId, r)
      .leftJoin('activity as a', 'a.id', 'f.activityId')
      .leftJoin('handlingUnit as u', 'u.id', 'f.responsibleUnitId')
      .leftJoin('village as v', 'v.id', 'f.responsibleVillageId');
    if (last)
      q = q.where(
        after([
          { expr: sql.ref('f.foundOn'), value: last.foundOn },
          { expr: sql.ref('f.code'), value: last.code },
        ]),
      );
    const rows = await q
      .select([
        'f.id',
        'f.code',
        'f.foundOn',
        'a.code as activityCode',
        'a.title as activityTitle',
        'f.description',
        'f.place',
        'f.responsibleType',
        'u.name as unitName',
        'v.name as villageName',
        'f.responsibleName',
        'f.severity',
        'f.status',
        'f.closedOn',
      ])
      .orderBy('f.foundOn')
      .orderBy('f.code')
      .limit(size)
      .execute();
    if (rows.length === 0) return rows;
    const links = await db
      .selectFrom('noticeFinding as nf')
      .innerJoin('rectificationNotice as n', 'n.id', 'nf.noticeId')
      .select(['nf.findingId', 'n.number'])
      .where('nf.townId', '=', townId)
      .where(
        'nf.findingId',
        'in',
        rows.map((x) => x.id),
      )
      .orderBy('n.issuedOn')
      .orderBy('n.number')
      .execute();
    const by = groupBy(links, (l) => l.findingId);
    return rows.map((x) => ({ ...x, notices: (by.get(x.id) ?? []).map((l) => l.number).join('、') }));
  };
}

type NoticeRow = { id: string; number: string; issuedOn: string; deadline: string; addressee: string; content: string; findings?: string };

function noticePage(db: Kysely<DB>, townId: string, r: LedgerRange) {
  return async (last: NoticeRow | null, size: number): Promise<NoticeRow[]> => {
    let q = notices(db, townId, r);
    if (last)
      q = q.where(
        after([
          { expr: sql.ref('n.issuedOn'), value: last.issuedOn },
          { expr: sql.ref('n.number'), value: last.number },
          { expr: sql.ref('n.id'), value: last.id },
        ]),
      );
    const rows = await q
      .select(['n.id', 'n.number', 'n.issuedOn', 'n.deadline', 'n.addressee', 'n.content'])
      .orderBy('n.issuedOn')
      .orderBy('n.number')
      .orderBy('n.id')
      .limit(size)
      .execute();
    if (rows.length === 0) return rows;
    const links = await db
      .selectFrom('noticeFinding as nf')
      .innerJoin('finding as f', 'f.id', 'nf.findingId')
      .select(['nf.noticeId', 'f.code'])
      .where('nf.townId', '=', townId)
      .where(
        'nf.noticeId',
        'in',
        rows.map((x) => x.id),
      )
      .orderBy('f.code')
      .execute();
    const by = groupBy(links, (l) => l.noticeId);
    return rows.map((x) => ({ ...x, findings: (by.get(x.id) ?? []).map((l) => l.code).join('、') }));
  };
}

const FINDING_COLUMNS: LedgerColumn<FindingRow>[] = [
  { header: '编号', value: (f) => f.code },
  { header: '发现日期', kind: 'date', value: (f) => f.foundOn },
  { header: '活动编号', value: (f) => f.activityCode },
  { header: '活动名称', value: (f) => f.activityTitle },
  { header: '问题描述', width: 50, value: (f) => f.description },
  { header: '地点', value: (f) => f.place },
  { header: '责任类型', value: (f) => RESPONSIBLE[f.responsibleType] ?? f.responsibleType },
  { header: '责任主体', value: (f) => f.unitName ?? f.villageName ?? f.responsibleName },
  { header: '严重程度', value: (f) => SEVERITY[f.severity] ?? f.severity },
  { header: '状态', value: (f) => STATUS[f.status] ?? f.status },
  { header: '销号日期', kind: 'date', value: (f) => f.closedOn },
  { header: '整改通知书', value: (f) => f.notices },
];

const NOTICE_COLUMNS: LedgerColumn<NoticeRow>[] = [
  { header: '文号', value: (n) => n.number },
  { header: '发出日期', kind: 'date', value: (n) => n.issuedOn },
  { header: '整改期限', kind: 'date', value: (n) => n.deadline },
  { header: '送达单位', value: (n) => n.addressee },
  { header: '涉及问题', value: (n) => n.findings },
  { header: '整改要求', width: 50, value: (n) => n.content },
];

export const findingsLedger: LedgerArea = {
  area: 'findings',
  label: '视察发现问题及整改台账',
  sheetNames: ['问题', '整改通知书'],
  async counts(db, townId, r) {
    const [f, n] = await Promise.all([
      findings(db, townId, r)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      notices(db, townId, r)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return [num(f.n), num(n.n)];
  },
  sheets(ctx, townId, r) {
    return [
      { name: '问题', columns: FINDING_COLUMNS, batches: () => keyset(findingPage(ctx.db, townId, r)) },
      { name: '整改通知书', columns: NOTICE_COLUMNS, batches: () => keyset(noticePage(ctx.db, townId, r)) },
    ];
  },
};
