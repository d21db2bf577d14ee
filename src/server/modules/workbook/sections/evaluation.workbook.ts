import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import { type Band, approvalShare, bandOf, bandsProblem, countsOf, scalePointsProblem } from '../../polls/polls.rules.ts';
import { IssueList } from '../workbook.check.ts';
import { DateField, Key, Name, Text } from '../workbook.schemas.ts';
import { type Loaded, defineSection } from '../workbook.types.ts';
import { insertMany, updateVersionedRows, upsertRecords } from '../workbook.write.ts';
import { PollRecord, canonicalPoll, checkPoll, checkPollChange, loadPolls, pollIdFor, subjectKeys, writePolls } from './poll.fields.ts';

/*
 * Duty reports to voters (述职) and peer / voter reviews (互评 / 比评) in the workbook: each by its natural key
 * (a duty report by code, a review by kind + station code + period), deputies and stations by code, and
 * each with its poll as results only (poll.fields.ts: counts, never a code or a voter). A closed duty
 * report's result and approval must be what the published rule (polls.rules.ts bandOf, approvalShare)
 * gives for its counts. Report files are not carried.
 */

/** Stored as REAL (float4 on PostgreSQL): the workbook carries 4 decimals, so both engines export the same. */
export const share4 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10_000) / 10_000);

const Year = z.number().int('应为整数').min(2000).max(2100);
const BandRecord = z.strictObject({ label: Name(20), minPercent: z.number().min(0, '不能小于 0').max(100, '不能大于 100') });

// ---------------------------------------------------------------- duty reports

export const DutyReportRecord = z
  .strictObject({
    code: Key.meta({ description: '述职编码（SZ00001…），本镇唯一' }),
    deputy: Key.meta({ description: '述职代表编码' }),
    year: Year,
    heldOn: DateField,
    place: Text(200),
    station: Key.nullable().meta({ description: '述职所在联络站编码' }),
    voterReps: z.number().int('应为整数').min(0, '不能为负数').max(10_000).meta({ description: '到会选民代表人数' }),
    summary: Text(5000),
    bands: z.array(BandRecord).meta({ description: '评价档次 [{label, minPercent}]，如 称职 80 / 基本称职 50 / 不称职 0' }),
    status: z.enum(['draft', 'voting', 'closed']).meta({ description: 'draft 草稿 / voting 测评中 / closed 已结束' }),
    result: Name(20).nullable().meta({ description: '测评结果（档次名称），结束时按规则得出' }),
    approval: z.number().min(0).max(1).nullable().meta({ description: '（满意 + 基本满意）÷ 有效票，0–1，四位小数' }),
    notes: Text(2000),
    poll: PollRecord.nullable().meta({ description: '测评投票结果；草稿为 null' }),
  })
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const bands = bandsProblem(r.bands);
    if (bands) issue('bands', bands);
    if ((r.status === 'draft') !== (r.poll === null)) issue('poll', '草稿没有投票；测评中和已结束的述职须有投票结果');
    if (r.poll && r.poll.status !== (r.status === 'closed' ? 'closed' : 'open'))
      issue('poll', `述职状态为 ${r.status} 时投票状态应为 ${r.status === 'closed' ? 'closed' : 'open'}`);
    if (r.status !== 'closed' && (r.result !== null || r.approval !== null)) issue('result', '测评结束前没有结果，应为 null');
    if (r.heldOn.slice(0, 4) !== String(r.year)) issue('heldOn', `述职日期应在 ${r.year} 年`);
  })
  .meta({ title: '代表述职', description: '按 code 匹配；述职报告文件不随工作簿导出' });
export type DutyReportRecord = z.infer<typeof DutyReportRecord>;

/** What the published rule gives for a closed report's counts: the band label and the approval share. */
export function dutyReportOutcome(bands: readonly Band[], poll: PollRecord, deputy: string): { result: string | null; approval: number | null } {
  const rows = poll.counts.map((c) => ({ subjectId: c.subject, question: c.question, answer: c.answer, count: c.count }));
  const c = countsOf(rows, deputy, 'overall');
  return { result: bandOf(bands, c)?.label ?? null, approval: share4(approvalShare(c)) };
}

/** record id -> its poll id, for records of `table` already in the database (one query). */
async function pollIdsOf(
  db: Kysely<DB>,
  table: 'dutyReport' | 'deputyReview',
  townId: string,
  existing: readonly Loaded<unknown>[],
): Promise<Map<string, string>> {
  if (!existing.length) return new Map();
  const rows = await db.selectFrom(table).select(['id', 'pollId']).where('townId', '=', townId).execute();
  return new Map(rows.flatMap((r) => (r.pollId ? [[r.id, r.pollId] as const] : [])));
}

/** Write the polls of the given records first (a record points at its poll) and return record id -> poll id. */
async function writeRecordPolls<R extends { poll: PollRecord | null }>(
  trx: Kysely<DB>,
  townId: string,
  now: string,
  keys: Parameters<typeof writePolls>[3],
  kind: Parameters<typeof writePolls>[5],
  existing: ReadonlyMap<string, string>,
  rows: readonly { id: string; record: R }[],
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const writes = rows.flatMap(({ id, record }) => {
    const p = pollIdFor(existing.get(id), record.poll);
    out.set(id, p?.pollId ?? null);
    return p && record.poll ? [{ ...p, poll: record.poll }] : [];
  });
  await writePolls(trx, townId, now, keys, 'deputy', kind, writes);
  return out;
}

export const dutyReportsSection = defineSection<'dutyReports', DutyReportRecord>({
  key: 'dutyReports',
  label: '代表述职',
  kind: 'duty_report',
  keyField: 'code',
  sortKey: (r) => r.code,
  keyOf: (r) => r.code,
  record: DutyReportRecord,
  canonical: (r) => ({ ...r, poll: canonicalPoll(r.poll) }),

  async load(db, townId) {
    const [rows, polls] = await Promise.all([
      db
        .selectFrom('dutyReport as r')
        .innerJoin('deputy as d', 'd.id', 'r.deputyId')
        .leftJoin('station as s', 's.id', 'r.stationId')
        .selectAll('r')
        .select(['d.code as deputyCode', 's.code as stationCode'])
        .where('r.townId', '=', townId)
        .execute(),
      subjectKeys(db, townId).then((k) => loadPolls(db, townId, k)),
    ]);
    return rows.map((r) => ({
      id: r.id,
      record: {
        code: r.code,
        deputy: r.deputyCode,
        year: r.year,
        heldOn: r.heldOn,
        place: r.place,
        station: r.stationCode ?? null,
        voterReps: r.voterReps,
        summary: r.summary,
        bands: (JSON.parse(r.bands) as Band[]).map((b) => ({ label: b.label, minPercent: b.minPercent })),
        status: r.status,
        result: r.result,
        approval: share4(r.approval === null ? null : Number(r.approval)),
        notes: r.notes,
        poll: (r.pollId && polls.get(r.pollId)) || null,
      },
    }));
  },

  check(data, cx) {
    const out = new IssueList();
    const before = new Map(cx.existing.map((e) => [e.record.code, e.record]));
    data.forEach((r, i) => {
      const at = `dutyReports[${i}]`;
      out.ref(cx.known, 'deputy', r.deputy, `${at}.deputy`);
      out.ref(cx.known, 'station', r.station, `${at}.station`);
      checkPollChange(out, before.get(r.code)?.poll ?? null, r.poll, `${at}.poll`);
      if (!r.poll) return;
      checkPoll(out, cx.known, 'deputy', r.poll, `${at}.poll`);
      if (r.poll.subjects.length !== 1 || r.poll.subjects[0].key !== r.deputy) out.add(`${at}.poll.subjects`, `述职测评的评议对象应只有述职代表 ${r.deputy}`);
      if (r.status !== 'closed' || bandsProblem(r.bands)) return;
      const want = dutyReportOutcome(r.bands, r.poll, r.deputy);
      if (r.result !== want.result) out.add(`${at}.result`, `按票数和档次，测评结果应为 ${want.result ?? 'null'}`);
      if ((r.approval === null) !== (want.approval === null) || Math.abs((r.approval ?? 0) - (want.approval ?? 0)) > 0.00005)
        out.add(`${at}.approval`, `按票数，满意率应为 ${want.approval ?? 'null'}`);
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const pollIds = await pollIdsOf(trx, 'dutyReport', townId, ictx.existing);
    const fields = (r: DutyReportRecord) => ({
      deputyId: keys.id('deputy', r.deputy),
      year: r.year,
      heldOn: r.heldOn,
      place: r.place,
      stationId: keys.idOrNull('station', r.station),
      voterReps: r.voterReps,
      summary: r.summary,
      bands: JSON.stringify(r.bands),
      status: r.status,
      result: r.result,
      approval: r.approval,
      notes: r.notes,
    });
    return upsertRecords(ictx, data, keys, {
      kind: 'duty_report',
      keyOf: (r) => r.code,
      entity: 'duty_report',
      noun: '代表述职',
      nameOf: (r) => `${r.code} ${r.deputy}`,
      auditView: (r) => ({ ...r, poll: r.poll && { status: r.poll.status, ballots: r.poll.codesUsed + r.poll.paperBallots } }),
      async insert(rows) {
        const pollOf = await writeRecordPolls(trx, townId, now, keys, 'duty_report', pollIds, rows);
        await insertMany(
          trx,
          'dutyReport',
          rows.map(({ id, record: r }) => ({
            id,
            townId,
            code: r.code,
            ...fields(r),
            reportFileId: null,
            pollId: pollOf.get(id) ?? null,
            version: 1,
            createdBy: null,
            createdAt: now,
            updatedAt: now,
          })),
        );
      },
      async update(rows) {
        const pollOf = await writeRecordPolls(
          trx,
          townId,
          now,
          keys,
          'duty_report',
          pollIds,
          rows.map((r) => ({ id: r.id, record: r.after })),
        );
        await updateVersionedRows(trx, townId, 'dutyReport', now, rows, (r) => ({ ...fields(r), pollId: pollOf.get(keys.id('duty_report', r.code)) ?? null }));
      },
    });
  },
});

// ---------------------------------------------------------------- peer and voter reviews

const PERIOD = { peer_review: /^\d{4}-(0[1-9]|1[0-2])$/, voter_review: /^\d{4}-Q[1-4]$/ } as const;

export const DeputyReviewRecord = z
  .strictObject({
    kind: z.enum(['peer_review', 'voter_review']).meta({ description: 'peer_review 代表互评（按月） / voter_review 选民比评（按季度）' }),
    station: Key.meta({ description: '联络站编码' }),
    period: z.string().meta({ description: '互评为 YYYY-MM，比评为 YYYY-Qn' }),
    scalePoints: z.strictObject({ satisfied: z.number(), basic: z.number(), dissatisfied: z.number() }).meta({ description: '各评价折算的分值（百分制）' }),
    status: z.enum(['draft', 'voting', 'closed']).meta({ description: 'draft 草稿 / voting 投票中 / closed 已结束' }),
    poll: PollRecord.nullable().meta({ description: '投票结果（每位代表一个评议对象）；草稿为 null' }),
  })
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (!PERIOD[r.kind].test(r.period)) issue('period', r.kind === 'peer_review' ? '互评的期间应为 YYYY-MM' : '比评的期间应为 YYYY-Qn');
    const p = scalePointsProblem(r.scalePoints);
    if (p) issue('scalePoints', p);
    if ((r.status === 'draft') !== (r.poll === null)) issue('poll', '草稿没有投票；投票中和已结束的评议须有投票结果');
    if (r.poll && r.poll.status !== (r.status === 'closed' ? 'closed' : 'open'))
      issue('poll', `评议状态为 ${r.status} 时投票状态应为 ${r.status === 'closed' ? 'closed' : 'open'}`);
  })
  .meta({ title: '代表互评、选民比评', description: '按 kind + 联络站编码 + 期间匹配' });
export type DeputyReviewRecord = z.infer<typeof DeputyReviewRecord>;

const reviewKey = (r: DeputyReviewRecord) => `${r.kind}/${r.station}/${r.period}`;

export const deputyReviewsSection = defineSection<'deputyReviews', DeputyReviewRecord>({
  key: 'deputyReviews',
  label: '代表互评、选民比评',
  kind: 'deputy_review',
  keyField: 'period',
  sortKey: (r) => [r.kind, r.station, r.period],
  keyOf: reviewKey,
  record: DeputyReviewRecord,
  canonical: (r) => ({ ...r, poll: canonicalPoll(r.poll) }),

  async load(db, townId) {
    const [rows, polls] = await Promise.all([
      db
        .selectFrom('deputyReview as r')
        .innerJoin('station as s', 's.id', 'r.stationId')
        .selectAll('r')
        .select('s.code as stationCode')
        .where('r.townId', '=', townId)
        .execute(),
      subjectKeys(db, townId).then((k) => loadPolls(db, townId, k)),
    ]);
    return rows.map((r) => {
      const sp = JSON.parse(r.scalePoints) as DeputyReviewRecord['scalePoints'];
      return {
        id: r.id,
        record: {
          kind: r.kind,
          station: r.stationCode,
          period: r.period,
          scalePoints: { satisfied: sp.satisfied, basic: sp.basic, dissatisfied: sp.dissatisfied },
          status: r.status,
          poll: (r.pollId && polls.get(r.pollId)) || null,
        },
      };
    });
  },

  check(data, cx) {
    const out = new IssueList();
    const before = new Map(cx.existing.map((e) => [reviewKey(e.record), e.record]));
    data.forEach((r, i) => {
      const at = `deputyReviews[${i}]`;
      out.ref(cx.known, 'station', r.station, `${at}.station`);
      if (r.poll) checkPoll(out, cx.known, 'deputy', r.poll, `${at}.poll`);
      checkPollChange(out, before.get(reviewKey(r))?.poll ?? null, r.poll, `${at}.poll`);
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const pollIds = await pollIdsOf(trx, 'deputyReview', townId, ictx.existing);
    const fields = (r: DeputyReviewRecord) => ({ scalePoints: JSON.stringify(r.scalePoints), status: r.status });
    return upsertRecords(ictx, data, keys, {
      kind: 'deputy_review',
      keyOf: reviewKey,
      entity: 'deputy_review',
      noun: '代表评议',
      nameOf: (r) => `${r.station} ${r.period}`,
      auditView: (r) => ({ ...r, poll: r.poll && { status: r.poll.status, ballots: r.poll.codesUsed + r.poll.paperBallots } }),
      async insert(rows) {
        const pollOf = new Map<string, string | null>();
        // Peer and voter polls differ in kind: write each group with its own.
        for (const kind of ['peer_review', 'voter_review'] as const) {
          const part = rows.filter((x) => x.record.kind === kind);
          for (const [k, v] of await writeRecordPolls(trx, townId, now, keys, kind, pollIds, part)) pollOf.set(k, v);
        }
        await insertMany(
          trx,
          'deputyReview',
          rows.map(({ id, record: r }) => ({
            id,
            townId,
            kind: r.kind,
            stationId: keys.id('station', r.station),
            period: r.period,
            ...fields(r),
            pollId: pollOf.get(id) ?? null,
            version: 1,
            createdBy: null,
            createdAt: now,
            updatedAt: now,
          })),
        );
      },
      async update(rows) {
        const pollOf = new Map<string, string | null>();
        for (const kind of ['peer_review', 'voter_review'] as const) {
          const part = rows.filter((x) => x.after.kind === kind).map((x) => ({ id: x.id, record: x.after }));
          for (const [k, v] of await writeRecordPolls(trx, townId, now, keys, kind, pollIds, part)) pollOf.set(k, v);
        }
        await updateVersionedRows(trx, townId, 'deputyReview', now, rows, (r) => ({
          ...fields(r),
          pollId: pollOf.get(keys.id('deputy_review', reviewKey(r))) ?? null,
        }));
      },
    });
  },
});
