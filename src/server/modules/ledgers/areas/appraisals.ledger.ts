import { type Kysely, sql } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { RATING_LABEL } from '../../polls/polls.rules.ts';
import { type LedgerArea, type LedgerRange, num } from '../ledger.area.ts';
import { after, groupBy, keyset } from '../ledger.keyset.ts';
import type { LedgerColumn } from '../ledger.writer.ts';
import { type AppraisalHead, type ResultLine, questionsOfAppraisal, resultLines } from './appraisals.rows.ts';

/*
 * 评议台账: the appraisals of the period — the hearing (述职会) dated in it, or, without a hearing date yet,
 * created in it. 评议结果: one row per appraisal, office and question with the counts, the rating by the
 * published rule, the approval share and the office's rank; 问题清单: the issues raised to the offices.
 * Counters only: nothing about codes or voters.
 */

function appraisals(db: Kysely<DB>, townId: string, r: LedgerRange) {
  return db
    .selectFrom('appraisal as a')
    .where('a.townId', '=', townId)
    .where((eb) =>
      eb.or([
        eb.and([eb('a.hearingDate', '>=', r.from), eb('a.hearingDate', '<=', r.to)]),
        eb.and([eb('a.hearingDate', 'is', null), eb('a.createdAt', '>=', r.fromIso), eb('a.createdAt', '<', r.toIsoExclusive)]),
      ]),
    );
}

type Head = AppraisalHead & { pollId: string | null };

/** A batch of appraisals (keyset on code) turned into result lines: units, polls and counters in one query each. */
function resultPage(db: Kysely<DB>, townId: string, r: LedgerRange) {
  return async function* (): AsyncGenerator<ResultLine[]> {
    for await (const heads of keyset<Head>((last, size) => {
      let q = appraisals(db, townId, r).leftJoin('poll as p', (j) => j.onRef('p.id', '=', 'a.pollId').on('p.townId', '=', townId));
      if (last) q = q.where(after([{ expr: sql.ref('a.code'), value: last.code }]));
      return q.select(['a.id', 'a.code', 'a.title', 'a.dimensions', 'a.pollId', 'p.questionnaire']).orderBy('a.code').limit(size).execute();
    })) {
      const ids = heads.map((h) => h.id);
      const pollIds = heads.flatMap((h) => (h.pollId ? [h.pollId] : []));
      const [units, counts] = await Promise.all([
        db
          .selectFrom('appraisalUnit as au')
          .innerJoin('handlingUnit as u', 'u.id', 'au.unitId')
          .select(['au.appraisalId', 'u.id', 'u.name'])
          .where('au.townId', '=', townId)
          .where('au.appraisalId', 'in', ids)
          .orderBy('u.code')
          .execute(),
        pollIds.length
          ? db
              .selectFrom('pollCount')
              .select(['pollId', 'subjectId', 'question', 'answer', 'count'])
              .where('townId', '=', townId)
              .where('pollId', 'in', pollIds)
              .execute()
          : Promise.resolve([]),
      ]);
      const unitsOf = groupBy(units, (u) => u.appraisalId);
      const countsOf = groupBy(
        counts.map((c) => ({ ...c, count: Number(c.count) })),
        (c) => c.pollId,
      );
      yield heads.flatMap((h) => resultLines(h, unitsOf.get(h.id) ?? [], h.pollId ? (countsOf.get(h.pollId) ?? []) : []));
    }
  };
}

type IssueRow = {
  id: string;
  code: string;
  createdAt: string;
  unitName: string;
  description: string;
  deadline: string | null;
  status: string;
  doneOn: string | null;
  notes: string;
};

function issuePage(db: Kysely<DB>, townId: string, r: LedgerRange) {
  return (last: IssueRow | null, size: number): Promise<IssueRow[]> => {
    let q = appraisals(db, townId, r)
      .innerJoin('appraisalIssue as i', 'i.appraisalId', 'a.id')
      .innerJoin('handlingUnit as u', 'u.id', 'i.unitId')
      .where('i.townId', '=', townId);
    if (last)
      q = q.where(
        after([
          { expr: sql.ref('a.code'), value: last.code },
          { expr: sql.ref('i.createdAt'), value: last.createdAt },
          { expr: sql.ref('i.id'), value: last.id },
        ]),
      );
    return q
      .select(['i.id', 'a.code', 'i.createdAt', 'u.name as unitName', 'i.description', 'i.deadline', 'i.status', 'i.doneOn', 'i.notes'])
      .orderBy('a.code')
      .orderBy('i.createdAt')
      .orderBy('i.id')
      .limit(size)
      .execute();
  };
}

const RESULT_COLUMNS: LedgerColumn<ResultLine>[] = [
  { header: '评议编号', value: (x) => x.appraisalCode },
  { header: '评议名称', value: (x) => x.appraisalTitle },
  { header: '排名', kind: 'number', value: (x) => x.rank },
  { header: '被评议单位', value: (x) => x.unit },
  { header: '评议项目', value: (x) => x.question },
  { header: '满意', kind: 'number', value: (x) => x.satisfied },
  { header: '基本满意', kind: 'number', value: (x) => x.basic },
  { header: '不满意', kind: 'number', value: (x) => x.dissatisfied },
  { header: '有效票', kind: 'number', value: (x) => x.valid },
  { header: '评议结果', value: (x) => (x.rating ? RATING_LABEL[x.rating as keyof typeof RATING_LABEL] : '无有效票') },
  { header: '满意率（含基本满意）', kind: 'number', value: (x) => x.approval },
];

const ISSUE_COLUMNS: LedgerColumn<IssueRow>[] = [
  { header: '评议编号', value: (x) => x.code },
  { header: '单位', value: (x) => x.unitName },
  { header: '问题', width: 50, value: (x) => x.description },
  { header: '整改期限', kind: 'date', value: (x) => x.deadline },
  { header: '状态', value: (x) => (x.status === 'done' ? '已完成' : '整改中') },
  { header: '完成日期', kind: 'date', value: (x) => x.doneOn },
  { header: '备注', value: (x) => x.notes },
];

export const appraisalsLedger: LedgerArea = {
  area: 'appraisals',
  label: '工作评议台账',
  sheetNames: ['评议结果', '问题清单'],
  async counts(db, townId, r) {
    // A handful of appraisals a year: their questions are read whole to count the result lines.
    const [heads, units, issues] = await Promise.all([
      appraisals(db, townId, r)
        .leftJoin('poll as p', (j) => j.onRef('p.id', '=', 'a.pollId').on('p.townId', '=', townId))
        .select(['a.id', 'a.dimensions', 'p.questionnaire'])
        .execute(),
      appraisals(db, townId, r)
        .innerJoin('appraisalUnit as au', 'au.appraisalId', 'a.id')
        .where('au.townId', '=', townId)
        .select((eb) => ['a.id', eb.fn.countAll<number>().as('n')])
        .groupBy('a.id')
        .execute(),
      appraisals(db, townId, r)
        .innerJoin('appraisalIssue as i', 'i.appraisalId', 'a.id')
        .where('i.townId', '=', townId)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    const unitCount = new Map(units.map((u) => [u.id, num(u.n)]));
    const lines = heads.reduce((s, h) => s + (unitCount.get(h.id) ?? 0) * questionsOfAppraisal(h).length, 0);
    return [lines, num(issues.n)];
  },
  sheets(ctx, townId, r) {
    return [
      { name: '评议结果', columns: RESULT_COLUMNS, batches: resultPage(ctx.db, townId, r) },
      { name: '问题清单', columns: ISSUE_COLUMNS, batches: () => keyset(issuePage(ctx.db, townId, r)) },
    ];
  },
};
