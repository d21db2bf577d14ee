import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { DEFAULT_DIMENSIONS } from '../polls/polls.rules.ts';
import { PollRecord, canonicalPoll, checkPoll, checkPollChange, loadPolls, pollIdFor, subjectKeys, writePolls } from '../workbook/sections/poll.fields.ts';
import { checkSeqs } from '../workbook/sections/seq.check.ts';
import { IssueList } from '../workbook/workbook.check.ts';
import { sortByKey, sortedTexts } from '../workbook/workbook.rules.ts';
import { Key, Name, NullableDate, Text } from '../workbook/workbook.schemas.ts';
import { type Loaded, defineSection } from '../workbook/workbook.types.ts';
import { insertMany, replaceChildren, updateVersionedRows, upsertRecords } from '../workbook/workbook.write.ts';

/*
 * The democratic appraisal of offices (民主评议, docs/appraisals.md) in the workbook: the appraisal by code
 * with its offices by unit code, the previous appraisal by code (a second vote), and its poll as results
 * only (counts per office, question and answer; see poll.fields.ts: never a code or a voter). The issue
 * list is its own section, by appraisal code + seq. Offices' report files are not carried.
 */

const DIMENSION_KEYS = DEFAULT_DIMENSIONS.map((d) => d.key) as [string, ...string[]];

export const AppraisalRecord = z
  .strictObject({
    code: Key.meta({ description: '评议编码（P001…），本镇唯一' }),
    title: Name(200),
    year: z.number().int('应为整数').min(2000).max(2100),
    hearingDate: NullableDate.meta({ description: '述职会日期' }),
    hearingNotes: Text(5000),
    dimensions: z
      .array(z.enum(DIMENSION_KEYS))
      .meta({ description: '分项评价：policy 政策法规 / duty 工作职责 / service 为民服务 / style 工作作风 / integrity 勤政廉洁' }),
    previous: Key.nullable().meta({ description: '整改后再次评议时，上一次评议的编码' }),
    status: z.enum(['draft', 'voting', 'closed']).meta({ description: 'draft 草稿 / voting 投票中 / closed 已结束' }),
    units: z.array(Key).min(1, '至少一个被评议单位').meta({ description: '被评议的承办单位编码，按编码排列' }),
    poll: PollRecord.nullable().meta({ description: '投票结果；草稿为 null' }),
  })
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (r.previous === r.code) issue('previous', '不能指向本次评议');
    if ((r.status === 'draft') !== (r.poll === null)) issue('poll', '草稿没有投票；投票中和已结束的评议须有投票结果');
    if (r.poll && r.poll.status !== (r.status === 'closed' ? 'closed' : 'open'))
      issue('poll', `评议状态为 ${r.status} 时投票状态应为 ${r.status === 'closed' ? 'closed' : 'open'}`);
  })
  .meta({ title: '民主评议', description: '按 code 匹配；被评议单位随评议整体替换；述职报告文件不随工作簿导出' });
export type AppraisalRecord = z.infer<typeof AppraisalRecord>;

export const appraisalsSection = defineSection<'appraisals', AppraisalRecord>({
  key: 'appraisals',
  label: '民主评议',
  kind: 'appraisal',
  keyField: 'code',
  sortKey: (r) => r.code,
  keyOf: (r) => r.code,
  record: AppraisalRecord,
  canonical: (r) => ({ ...r, dimensions: [...r.dimensions].sort(), units: sortedTexts(r.units), poll: canonicalPoll(r.poll) }),

  async load(db, townId) {
    const [rows, units, polls] = await Promise.all([
      db
        .selectFrom('appraisal as a')
        .leftJoin('appraisal as p', 'p.id', 'a.previousId')
        .selectAll('a')
        .select('p.code as previousCode')
        .where('a.townId', '=', townId)
        .execute(),
      db
        .selectFrom('appraisalUnit as x')
        .innerJoin('handlingUnit as u', 'u.id', 'x.unitId')
        .select(['x.appraisalId', 'u.code'])
        .where('x.townId', '=', townId)
        .execute(),
      subjectKeys(db, townId).then((k) => loadPolls(db, townId, k)),
    ]);
    const unitsOf = new Map<string, string[]>();
    for (const u of units) unitsOf.set(u.appraisalId, [...(unitsOf.get(u.appraisalId) ?? []), u.code]);
    return rows.map((a) => ({
      id: a.id,
      record: {
        code: a.code,
        title: a.title,
        year: a.year,
        hearingDate: a.hearingDate,
        hearingNotes: a.hearingNotes,
        dimensions: (JSON.parse(a.dimensions) as string[]).sort(),
        previous: a.previousCode ?? null,
        status: a.status,
        units: sortedTexts(unitsOf.get(a.id) ?? []),
        poll: (a.pollId && polls.get(a.pollId)) || null,
      },
    }));
  },

  check(data, cx) {
    const out = new IssueList();
    const before = new Map(cx.existing.map((e) => [e.record.code, e.record]));
    data.forEach((r, i) => {
      const at = `appraisals[${i}]`;
      out.ref(cx.known, 'appraisal', r.previous, `${at}.previous`);
      out.uniqueList(r.units, `${at}.units`);
      out.uniqueList(r.dimensions, `${at}.dimensions`);
      r.units.forEach((u, j) => {
        out.ref(cx.known, 'unit', u, `${at}.units[${j}]`);
      });
      if (r.poll) {
        checkPoll(out, cx.known, 'unit', r.poll, `${at}.poll`);
        const units = new Set(r.units);
        r.poll.subjects.forEach((s, j) => {
          if (!units.has(s.key)) out.add(`${at}.poll.subjects[${j}].key`, `“${s.key}” 不是本次评议的被评议单位`);
        });
      }
      checkPollChange(out, before.get(r.code)?.poll ?? null, r.poll, `${at}.poll`);
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const pollIds = await existingPollIds(trx, townId, ictx.existing);
    const fields = (r: AppraisalRecord) => ({
      title: r.title,
      year: r.year,
      hearingDate: r.hearingDate,
      hearingNotes: r.hearingNotes,
      dimensions: JSON.stringify(r.dimensions),
      status: r.status,
    });
    const writeUnits = (rows: { id: string; record: AppraisalRecord }[]) =>
      insertMany(
        trx,
        'appraisalUnit',
        rows.flatMap(({ id, record }) => record.units.map((u) => ({ appraisalId: id, unitId: keys.id('unit', u), townId, reportFileId: null }))),
      );
    /** The polls of the written records, before the records (the record points at its poll). */
    const polls = async (rows: { id: string; record: AppraisalRecord }[]) => {
      const out = new Map<string, string | null>();
      const writes = rows.flatMap(({ id, record }) => {
        const p = pollIdFor(pollIds.get(id), record.poll);
        out.set(id, p?.pollId ?? null);
        return p && record.poll ? [{ ...p, poll: record.poll }] : [];
      });
      await writePolls(trx, townId, now, keys, 'unit', 'appraisal', writes);
      return out;
    };
    return upsertRecords(ictx, data, keys, {
      kind: 'appraisal',
      keyOf: (r) => r.code,
      entity: 'appraisal',
      noun: '民主评议',
      nameOf: (r) => `${r.code} ${r.title}`,
      auditView: (r) => ({ ...r, units: r.units.join('、'), poll: r.poll && { status: r.poll.status, ballots: r.poll.codesUsed + r.poll.paperBallots } }),
      async insert(rows) {
        const pollOf = await polls(rows);
        await insertMany(
          trx,
          'appraisal',
          rows.map(({ id, record: r }) => ({
            id,
            townId,
            code: r.code,
            ...fields(r),
            previousId: null,
            pollId: pollOf.get(id) ?? null,
            version: 1,
            createdBy: null,
            createdAt: now,
            updatedAt: now,
          })),
        );
        await writeUnits(rows);
      },
      async update(rows) {
        const pollOf = await polls(rows.map((r) => ({ id: r.id, record: r.after })));
        await updateVersionedRows(trx, townId, 'appraisal', now, rows, (r) => ({ ...fields(r) }));
        for (const { id } of rows)
          await trx
            .updateTable('appraisal')
            .set({ pollId: pollOf.get(id) ?? null })
            .where('townId', '=', townId)
            .where('id', '=', id)
            .execute();
        await replaceChildren(trx, townId, 'appraisalUnit', 'appraisalId', rows, writeUnits);
      },
    });
  },

  // A second vote names the first, which may come later in the document: set once every appraisal exists.
  async link(trx, ictx, data, keys) {
    for (const r of data) {
      await trx
        .updateTable('appraisal')
        .set({ previousId: keys.idOrNull('appraisal', r.previous) })
        .where('townId', '=', ictx.townId)
        .where('id', '=', keys.id('appraisal', r.code))
        .execute();
    }
  },
});

/** record id → its poll id, for the records already in the database (one query). */
async function existingPollIds(trx: Kysely<DB>, townId: string, existing: readonly Loaded<unknown>[]): Promise<Map<string, string>> {
  if (!existing.length) return new Map();
  const rows = await trx.selectFrom('appraisal').select(['id', 'pollId']).where('townId', '=', townId).execute();
  return new Map(rows.filter((r) => r.pollId).map((r) => [r.id, r.pollId as string]));
}

// ---------------------------------------------------------------- issue list

export const AppraisalIssueRecord = z
  .strictObject({
    appraisal: Key.meta({ description: '评议编码' }),
    seq: z.number().int('应为整数').min(1, '应为正整数').max(9999).meta({ description: '问题清单中的序号（按录入顺序，从 1 起）' }),
    unit: Key.meta({ description: '承办单位编码（须是被评议单位）' }),
    description: Name(2000),
    deadline: NullableDate,
    status: z.enum(['open', 'done']).meta({ description: 'open 整改中 / done 已整改' }),
    doneOn: NullableDate,
    notes: Text(2000),
  })
  .superRefine((r, ctx) => {
    if ((r.status === 'done') !== (r.doneOn !== null))
      ctx.addIssue({ code: 'custom', path: ['doneOn'], message: '已整改的问题须有完成日期，整改中的应为 null' });
  })
  .meta({ title: '评议问题清单', description: '按评议编码 + 序号匹配' });
export type AppraisalIssueRecord = z.infer<typeof AppraisalIssueRecord>;

const issueKey = (r: AppraisalIssueRecord) => `${r.appraisal}/${r.seq}`;

export const appraisalIssuesSection = defineSection<'appraisalIssues', AppraisalIssueRecord>({
  key: 'appraisalIssues',
  label: '评议问题清单',
  kind: 'appraisal_issue',
  keyField: 'seq',
  sortKey: (r) => [r.appraisal, r.seq],
  keyOf: issueKey,
  record: AppraisalIssueRecord,

  async load(db, townId) {
    const rows = await db
      .selectFrom('appraisalIssue as i')
      .innerJoin('appraisal as a', 'a.id', 'i.appraisalId')
      .innerJoin('handlingUnit as u', 'u.id', 'i.unitId')
      .selectAll('i')
      .select(['a.code as appraisalCode', 'u.code as unitCode'])
      .where('i.townId', '=', townId)
      .execute();
    // seq: the order of entry (created_at, then the time-ordered id), which an import keeps.
    const seen = new Map<string, number>();
    return sortByKey(rows, (r) => [r.appraisalCode, r.createdAt, r.id]).map((r) => {
      const seq = (seen.get(r.appraisalCode) ?? 0) + 1;
      seen.set(r.appraisalCode, seq);
      return {
        id: r.id,
        record: {
          appraisal: r.appraisalCode,
          seq,
          unit: r.unitCode,
          description: r.description,
          deadline: r.deadline,
          status: r.status,
          doneOn: r.doneOn,
          notes: r.notes,
        },
      };
    });
  },

  check(data, cx) {
    const out = new IssueList();
    const appraisals = cx.other<AppraisalRecord>('appraisals');
    const unitsOf = new Map([...appraisals.existing.map((e) => e.record), ...appraisals.inDoc].map((a) => [a.code, new Set(a.units)]));
    checkSeqs(out, 'appraisalIssues', data, cx.existing, issueKey, (r) => r.appraisal);
    data.forEach((r, i) => {
      const at = `appraisalIssues[${i}]`;
      out.ref(cx.known, 'appraisal', r.appraisal, `${at}.appraisal`);
      out.ref(cx.known, 'unit', r.unit, `${at}.unit`);
      const units = unitsOf.get(r.appraisal);
      if (units && !units.has(r.unit)) out.add(`${at}.unit`, `“${r.unit}” 不是评议 ${r.appraisal} 的被评议单位`);
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const fields = (r: AppraisalIssueRecord) => ({
      unitId: keys.id('unit', r.unit),
      description: r.description,
      deadline: r.deadline,
      status: r.status,
      doneOn: r.doneOn,
      notes: r.notes,
    });
    return upsertRecords(ictx, data, keys, {
      kind: 'appraisal_issue',
      keyOf: issueKey,
      entity: 'appraisal_issue',
      noun: '评议问题',
      nameOf: (r) => `${r.appraisal}-${r.seq}`,
      insert: (rows) =>
        insertMany(
          trx,
          'appraisalIssue',
          rows.map(({ id, record: r }) => ({
            id,
            townId,
            appraisalId: keys.id('appraisal', r.appraisal),
            ...fields(r),
            version: 1,
            createdAt: now,
            updatedAt: now,
          })),
        ),
      update: (rows) => updateVersionedRows(trx, townId, 'appraisalIssue', now, rows, fields),
    });
  },
});
