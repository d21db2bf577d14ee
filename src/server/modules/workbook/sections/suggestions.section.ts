import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import { newId } from '../../../lib/ids.ts';
import { STATES } from '../../suggestions/suggestion.machine.ts';
import { textOf } from '../../suggestions/suggestions.service.ts';
import { IssueList } from '../workbook.check.ts';
import { sortByKey } from '../workbook.rules.ts';
import { DateField, Key, Name, NullableDate, Text } from '../workbook.schemas.ts';
import { defineSection } from '../workbook.types.ts';
import { bool, chunks, deleteChildren, flag, insertMany, upsertRecords } from '../workbook.write.ts';
import { UtcTime } from './activity.fields.ts';

/*
 * Suggestions (建议、批评和意见) with their whole history: sponsors and offices by code, the events of
 * the lifecycle, replies, ratings, requests and consultations in the order they happened, accounts by
 * username, and files by content (SHA-256) like the documents section — the bytes are not in the
 * workbook, so upload the same files first when moving to another installation. The item records the
 * source it came from (a reception matter by reception code and seq, an activity by code, a portal
 * submission by tracking code); an import links the matter or submission back to the item. Event data
 * is carried as recorded (it may name ids of the installation it was recorded in; the pages show names).
 */

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位小写十六进制 SHA-256');
const FileRef = z
  .strictObject({ name: Text(200).meta({ description: '文件名（仅供阅读）' }), sha256: Sha256 })
  .meta({ description: '按内容（SHA-256）对应本镇已上传的文件；文件内容不在工作簿中' });
const Rating = z.enum(['satisfied', 'basically', 'dissatisfied']);
const Role = z.enum(['lead', 'co']);

const Source = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('reception'),
      reception: Key.meta({ description: '接待编码' }),
      seq: z.number().int().min(1).meta({ description: '事项序号' }),
    }),
    z.strictObject({ type: z.literal('activity'), activity: Key.meta({ description: '活动编码' }) }),
    z.strictObject({ type: z.literal('portal'), trackingCode: Key.meta({ description: '群众意见查询码；本镇没有该意见时导入后不关联' }) }),
  ])
  .nullable()
  .meta({ description: '来源记录：接待事项、活动或门户群众意见；没有时为 null' });

export const SuggestionRecord = z
  .strictObject({
    code: Key.meta({ description: '建议编号（YYYY-NNN），本镇唯一' }),
    year: z.number().int().min(1900).max(2100),
    kind: z.enum(['suggestion', 'criticism', 'opinion']).meta({ description: 'suggestion 建议 / criticism 批评 / opinion 意见' }),
    title: Name(200),
    content: Text(20_000),
    grounds: Text(20_000),
    proposal: Text(20_000),
    category: Name(20),
    sourceType: z.enum(['deputy', 'reception', 'visit', 'portal', 'session', 'inspection']),
    source: Source,
    village: Key.nullable().meta({ description: '村（社区）编码' }),
    session: Key.nullable().meta({ description: '提出时的人代会会议编码（S001…）；不是在会议期间提出时为 null' }),
    state: z.enum(STATES),
    pending: z.enum(['return', 'extension']).nullable(),
    round: z.number().int().min(1).max(2),
    followUp: z.boolean(),
    notAcceptedReason: Text(2000),
    mergedInto: Key.nullable().meta({ description: '并入的建议编号' }),
    keySupervision: z.boolean().meta({ description: '重点督办' }),
    keyNote: Text(2000),
    assignedOn: NullableDate,
    dueDate: NullableDate,
    submittedAt: UtcTime.nullable(),
    registeredAt: UtcTime.nullable(),
    repliedOn: NullableDate,
    grade: Text(4).nullable(),
    rating: Rating.nullable(),
    closedAt: UtcTime.nullable(),
    published: z.boolean(),
    publicAnswer: Text(20_000),
    createdBy: Key.nullable().meta({ description: '创建的账号用户名' }),
    sponsors: z.array(z.strictObject({ deputy: Key, role: Role })).meta({ description: '领衔、附议代表，按代表编码排列' }),
    units: z.array(z.strictObject({ unit: Key, role: Role })).meta({ description: '主办、协办单位，按单位编码排列' }),
    files: z.array(FileRef).meta({ description: '附件，按顺序' }),
    events: z
      .array(
        z.strictObject({
          type: Name(40),
          fromState: z.enum(STATES).nullable(),
          toState: z.enum(STATES),
          round: z.number().int().min(1).max(2),
          actor: Key.nullable().meta({ description: '操作账号用户名' }),
          actorName: Text(100),
          at: UtcTime,
          data: z.record(z.string(), z.unknown()),
          note: Text(20_000),
        }),
      )
      .meta({ description: '办理过程，按发生顺序' }),
    replies: z
      .array(
        z.strictObject({
          round: z.number().int().min(1).max(2),
          unit: Key,
          grade: Name(4),
          content: Text(20_000),
          file: FileRef.nullable(),
          repliedOn: DateField,
          dueDate: DateField,
          repliedBy: Key.nullable(),
        }),
      )
      .meta({ description: '答复，按发生顺序' }),
    ratings: z
      .array(
        z.strictObject({
          round: z.number().int().min(1).max(2),
          deputy: Key.nullable(),
          attitude: Rating,
          result: Rating,
          comment: Text(2000),
          ratedOn: DateField,
          ratedBy: Key.nullable(),
        }),
      )
      .meta({ description: '代表评价，按发生顺序' }),
    requests: z
      .array(
        z.strictObject({
          unit: Key,
          kind: z.enum(['return', 'extension']),
          reason: Text(2000),
          requestedDue: NullableDate,
          requestedBy: Key.nullable(),
          requestedAt: UtcTime,
          decision: z.enum(['approved', 'refused', 'withdrawn']).nullable(),
          decisionNote: Text(2000),
          decidedBy: Key.nullable(),
          decidedAt: UtcTime.nullable(),
        }),
      )
      .meta({ description: '退回、延期申请，按发生顺序' }),
    consultations: z
      .array(
        z.strictObject({
          unit: Key.nullable(),
          heldOn: DateField,
          method: z.enum(['face', 'phone', 'site', 'other']),
          stage: z.enum(['before', 'during', 'after']),
          note: Text(2000),
          createdBy: Key.nullable(),
        }),
      )
      .meta({ description: '面商记录，按发生顺序' }),
  })
  .superRefine((s, ctx) => {
    if ((s.state === 'merged') !== (s.mergedInto !== null))
      ctx.addIssue({ code: 'custom', path: ['mergedInto'], message: '已并案的建议须写明并入的建议，其他状态为 null' });
    if (s.mergedInto === s.code) ctx.addIssue({ code: 'custom', path: ['mergedInto'], message: '不能并入自身' });
    const wanted = { reception: 'reception', portal: 'portal' } as Record<string, string>;
    if (s.source && s.source.type !== 'activity' && wanted[s.sourceType] !== s.source.type)
      ctx.addIssue({ code: 'custom', path: ['source'], message: `来源类型为 ${s.sourceType}，来源记录不符` });
    if (s.source?.type === 'activity' && !['visit', 'inspection', 'session'].includes(s.sourceType))
      ctx.addIssue({ code: 'custom', path: ['source'], message: '只有走访、视察、会议来源可以关联活动' });
  })
  .meta({ title: '建议、批评和意见', description: '按 code 匹配；代表、单位、附件和办理过程（事件、答复、评价、申请、面商）随建议整体替换' });
export type SuggestionRecord = z.infer<typeof SuggestionRecord>;

const keyOf = (r: SuggestionRecord) => r.code;

function parseData(json: string): Record<string, unknown> {
  try {
    const v = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

/**
 * Event data without the installation's internal ids (`id`, `unitId`, `requestId` …): the workbook refers
 * by external keys only, and the names and codes beside them say what they were.
 */
function withoutIds(v: Record<string, unknown>): Record<string, unknown> {
  const strip = (x: unknown): unknown => (Array.isArray(x) ? x.map(strip) : x && typeof x === 'object' ? withoutIds(x as Record<string, unknown>) : x);
  return Object.fromEntries(
    Object.entries(v)
      .filter(([k]) => k !== 'id' && !/Id$/.test(k))
      .map(([k, x]) => [k, strip(x)]),
  );
}

/** The town's stored files by content; the oldest upload wins when one file was uploaded twice. */
async function filesBySha(db: Kysely<DB>, townId: string | null, shas: string[]): Promise<Map<string, string>> {
  if (!townId || !shas.length) return new Map();
  const out = new Map<string, string>();
  for (const part of chunks([...new Set(shas)], 1000)) {
    const rows = await db
      .selectFrom('storedFile')
      .select(['id', 'sha256'])
      .where('townId', '=', townId)
      .where('sha256', 'in', part)
      .orderBy('uploadedAt', 'desc')
      .execute();
    for (const r of rows) out.set(r.sha256, r.id);
  }
  return out;
}

const shasOf = (data: SuggestionRecord[]) =>
  data.flatMap((s) => [...s.files.map((f) => f.sha256), ...s.replies.flatMap((r) => (r.file ? [r.file.sha256] : []))]);

/** Reception matters by `code/seq`, and portal submissions by tracking code, of the town. */
async function sourcesOf(db: Kysely<DB>, townId: string, data: SuggestionRecord[]) {
  const receptionCodes = [...new Set(data.flatMap((s) => (s.source?.type === 'reception' ? [s.source.reception] : [])))];
  const tracking = [...new Set(data.flatMap((s) => (s.source?.type === 'portal' ? [s.source.trackingCode] : [])))];
  const matters = new Map<string, string>();
  const portal = new Map<string, string>();
  for (const part of chunks(receptionCodes, 1000)) {
    const rows = await db
      .selectFrom('receptionMatter as m')
      .innerJoin('reception as r', 'r.id', 'm.receptionId')
      .select(['m.id', 'm.seq', 'r.code'])
      .where('m.townId', '=', townId)
      .where('r.code', 'in', part)
      .execute();
    for (const r of rows) matters.set(`${r.code}/${r.seq}`, r.id);
  }
  for (const part of chunks(tracking, 1000)) {
    const rows = await db
      .selectFrom('portalSubmission')
      .select(['id', 'trackingCode'])
      .where('townId', '=', townId)
      .where('trackingCode', 'in', part)
      .execute();
    for (const r of rows) portal.set(r.trackingCode, r.id);
  }
  return { matters, portal };
}

export const suggestionsSection = defineSection<'suggestions', SuggestionRecord>({
  key: 'suggestions',
  label: '建议、批评和意见',
  kind: 'suggestion',
  keyField: 'code',
  sortKey: (r) => r.code,
  keyOf,
  record: SuggestionRecord,
  // Sponsors and offices by code; the history keeps the order it happened in.
  canonical: (r: SuggestionRecord) => ({ ...r, sponsors: sortByKey(r.sponsors, (x) => x.deputy), units: sortByKey(r.units, (x) => x.unit) }),

  async load(db, townId) {
    const [rows, sponsors, units, files, events, replies, ratings, requests, consultations] = await Promise.all([
      db
        .selectFrom('suggestion as s')
        .leftJoin('village as v', 'v.id', 's.villageId')
        .leftJoin('congressSession as cs', 'cs.id', 's.sessionId')
        .leftJoin('suggestion as m', 'm.id', 's.mergedIntoId')
        .leftJoin('appUser as u', 'u.id', 's.createdBy')
        .leftJoin('receptionMatter as rm', (j) => j.onRef('rm.id', '=', 's.sourceId').on('s.sourceType', '=', 'reception'))
        .leftJoin('reception as rc', 'rc.id', 'rm.receptionId')
        .leftJoin('activity as a', (j) => j.onRef('a.id', '=', 's.sourceId').on('s.sourceType', 'in', ['visit', 'inspection', 'session']))
        .leftJoin('portalSubmission as ps', (j) => j.onRef('ps.id', '=', 's.sourceId').on('s.sourceType', '=', 'portal'))
        .selectAll('s')
        .select([
          'v.code as villageCode',
          'cs.code as sessionCode',
          'm.code as mergedCode',
          'u.username as createdByName',
          'rc.code as receptionCode',
          'rm.seq as matterSeq',
          'a.code as activityCode',
          'ps.trackingCode',
        ])
        .where('s.townId', '=', townId)
        .execute(),
      db
        .selectFrom('suggestionSponsor as sp')
        .innerJoin('deputy as d', 'd.id', 'sp.deputyId')
        .select(['sp.suggestionId', 'sp.role', 'd.code'])
        .where('sp.townId', '=', townId)
        .execute(),
      db
        .selectFrom('suggestionUnit as su')
        .innerJoin('handlingUnit as h', 'h.id', 'su.unitId')
        .select(['su.suggestionId', 'su.role', 'h.code'])
        .where('su.townId', '=', townId)
        .execute(),
      db
        .selectFrom('suggestionFile as sf')
        .innerJoin('storedFile as f', 'f.id', 'sf.fileId')
        .select(['sf.suggestionId', 'f.name', 'f.sha256'])
        .where('sf.townId', '=', townId)
        .orderBy('sf.sortOrder')
        .execute(),
      db
        .selectFrom('suggestionEvent as e')
        .leftJoin('appUser as u', 'u.id', 'e.actorUserId')
        .selectAll('e')
        .select('u.username')
        .where('e.townId', '=', townId)
        .orderBy('e.at')
        .orderBy('e.id')
        .execute(),
      db
        .selectFrom('suggestionReply as r')
        .innerJoin('handlingUnit as h', 'h.id', 'r.unitId')
        .leftJoin('storedFile as f', 'f.id', 'r.fileId')
        .leftJoin('appUser as u', 'u.id', 'r.repliedBy')
        .selectAll('r')
        .select(['h.code as unitCode', 'f.name as fileName', 'f.sha256', 'u.username'])
        .where('r.townId', '=', townId)
        .orderBy('r.createdAt')
        .orderBy('r.id')
        .execute(),
      db
        .selectFrom('suggestionRating as r')
        .leftJoin('deputy as d', 'd.id', 'r.deputyId')
        .leftJoin('appUser as u', 'u.id', 'r.ratedBy')
        .selectAll('r')
        .select(['d.code as deputyCode', 'u.username'])
        .where('r.townId', '=', townId)
        .orderBy('r.createdAt')
        .orderBy('r.id')
        .execute(),
      db
        .selectFrom('suggestionRequest as r')
        .innerJoin('handlingUnit as h', 'h.id', 'r.unitId')
        .leftJoin('appUser as u', 'u.id', 'r.requestedBy')
        .leftJoin('appUser as k', 'k.id', 'r.decidedBy')
        .selectAll('r')
        .select(['h.code as unitCode', 'u.username as requestedByName', 'k.username as decidedByName'])
        .where('r.townId', '=', townId)
        .orderBy('r.requestedAt')
        .orderBy('r.id')
        .execute(),
      db
        .selectFrom('suggestionConsultation as c')
        .leftJoin('handlingUnit as h', 'h.id', 'c.unitId')
        .leftJoin('appUser as u', 'u.id', 'c.createdBy')
        .selectAll('c')
        .select(['h.code as unitCode', 'u.username'])
        .where('c.townId', '=', townId)
        .orderBy('c.createdAt')
        .orderBy('c.id')
        .execute(),
    ]);
    const group = <T extends { suggestionId: string }, R>(list: T[], f: (x: T) => R) => {
      const m = new Map<string, R[]>();
      for (const x of list) m.set(x.suggestionId, [...(m.get(x.suggestionId) ?? []), f(x)]);
      return m;
    };
    const sponsorsOf = group(sponsors, (x) => ({ deputy: x.code, role: x.role }));
    const unitsOf = group(units, (x) => ({ unit: x.code, role: x.role }));
    const filesOf = group(files, (x) => ({ name: x.name, sha256: x.sha256 }));
    const eventsOf = group(events, (x) => ({
      type: x.type,
      fromState: x.fromState as SuggestionRecord['state'] | null,
      toState: x.toState as SuggestionRecord['state'],
      round: x.round,
      actor: x.username ?? null,
      actorName: x.actorName,
      at: x.at,
      data: withoutIds(parseData(x.data)),
      note: x.note,
    }));
    const repliesOf = group(replies, (x) => ({
      round: x.round,
      unit: x.unitCode,
      grade: x.grade,
      content: x.content,
      file: x.fileName && x.sha256 ? { name: x.fileName, sha256: x.sha256 } : null,
      repliedOn: x.repliedOn,
      dueDate: x.dueDate,
      repliedBy: x.username ?? null,
    }));
    const ratingsOf = group(ratings, (x) => ({
      round: x.round,
      deputy: x.deputyCode ?? null,
      attitude: x.attitude,
      result: x.result,
      comment: x.comment,
      ratedOn: x.ratedOn,
      ratedBy: x.username ?? null,
    }));
    const requestsOf = group(requests, (x) => ({
      unit: x.unitCode,
      kind: x.kind,
      reason: x.reason,
      requestedDue: x.requestedDue,
      requestedBy: x.requestedByName ?? null,
      requestedAt: x.requestedAt,
      decision: x.decision,
      decisionNote: x.decisionNote,
      decidedBy: x.decidedByName ?? null,
      decidedAt: x.decidedAt,
    }));
    const consultationsOf = group(consultations, (x) => ({
      unit: x.unitCode ?? null,
      heldOn: x.heldOn,
      method: x.method,
      stage: x.stage,
      note: x.note,
      createdBy: x.username ?? null,
    }));
    return rows.map((r) => {
      const source: SuggestionRecord['source'] =
        r.receptionCode && r.matterSeq !== null
          ? { type: 'reception', reception: r.receptionCode, seq: r.matterSeq }
          : r.activityCode
            ? { type: 'activity', activity: r.activityCode }
            : r.trackingCode
              ? { type: 'portal', trackingCode: r.trackingCode }
              : null;
      return {
        id: r.id,
        record: {
          code: r.code,
          year: r.year,
          kind: r.kind,
          title: r.title,
          content: r.content,
          grounds: r.grounds,
          proposal: r.proposal,
          category: r.category,
          sourceType: r.sourceType,
          source,
          village: r.villageCode ?? null,
          session: r.sessionCode ?? null,
          state: r.state,
          pending: r.pending,
          round: r.round,
          followUp: bool(r.followUp),
          notAcceptedReason: r.notAcceptedReason,
          mergedInto: r.mergedCode ?? null,
          keySupervision: bool(r.keySupervision),
          keyNote: r.keyNote,
          assignedOn: r.assignedOn,
          dueDate: r.dueDate,
          submittedAt: r.submittedAt,
          registeredAt: r.registeredAt,
          repliedOn: r.repliedOn,
          grade: r.grade,
          rating: r.rating,
          closedAt: r.closedAt,
          published: bool(r.published),
          publicAnswer: r.publicAnswer,
          createdBy: r.createdByName ?? null,
          sponsors: sortByKey(sponsorsOf.get(r.id) ?? [], (x) => x.deputy),
          units: sortByKey(unitsOf.get(r.id) ?? [], (x) => x.unit),
          files: filesOf.get(r.id) ?? [],
          events: eventsOf.get(r.id) ?? [],
          replies: repliesOf.get(r.id) ?? [],
          ratings: ratingsOf.get(r.id) ?? [],
          requests: requestsOf.get(r.id) ?? [],
          consultations: consultationsOf.get(r.id) ?? [],
        },
      };
    });
  },

  async check(data, cx) {
    const out = new IssueList();
    const files = await filesBySha(cx.db, cx.townId, shasOf(data));
    const receptions = cx.other<{ code: string; matters: { seq: number }[] }>('receptions');
    const seqsOf = new Map<string, number>();
    for (const r of receptions.existing) seqsOf.set(r.record.code, r.record.matters.length);
    for (const r of receptions.inDoc) seqsOf.set(r.code, r.matters.length);
    const existing = new Map(cx.existing.map((l) => [l.record.code, l.record]));
    const fileRef = (f: { name: string; sha256: string } | null, field: string) => {
      if (f && !files.has(f.sha256)) out.add(`${field}.sha256`, `本镇没有内容相同的已上传文件（${f.name}）：请先上传该文件`);
    };
    data.forEach((s, i) => {
      const at = `suggestions[${i}]`;
      out.ref(cx.known, 'village', s.village, `${at}.village`);
      out.ref(cx.known, 'session', s.session, `${at}.session`);
      out.ref(cx.known, 'user', s.createdBy, `${at}.createdBy`);
      out.ref(cx.known, 'suggestion', s.mergedInto, `${at}.mergedInto`);
      if (s.source?.type === 'reception') {
        out.ref(cx.known, 'reception', s.source.reception, `${at}.source.reception`);
        const n = seqsOf.get(s.source.reception);
        // An item already linked to this matter is guarded by the receptions section (the matter stays).
        const kept = JSON.stringify(existing.get(s.code)?.source) === JSON.stringify(s.source);
        if (!kept && n !== undefined && s.source.seq > n) out.add(`${at}.source.seq`, `接待 ${s.source.reception} 没有第 ${s.source.seq} 项事项`);
      }
      if (s.source?.type === 'activity') out.ref(cx.known, 'activity', s.source.activity, `${at}.source.activity`);
      out.uniqueList(
        s.sponsors.map((x) => x.deputy),
        `${at}.sponsors`,
      );
      if (s.sponsors.filter((x) => x.role === 'lead').length > 1) out.add(`${at}.sponsors`, '领衔代表至多一名');
      s.sponsors.forEach((x, j) => {
        out.ref(cx.known, 'deputy', x.deputy, `${at}.sponsors[${j}].deputy`);
      });
      out.uniqueList(
        s.units.map((x) => x.unit),
        `${at}.units`,
      );
      s.units.forEach((x, j) => {
        out.ref(cx.known, 'unit', x.unit, `${at}.units[${j}].unit`);
      });
      s.files.forEach((f, j) => {
        fileRef(f, `${at}.files[${j}]`);
      });
      s.events.forEach((e, j) => {
        out.ref(cx.known, 'user', e.actor, `${at}.events[${j}].actor`);
      });
      s.replies.forEach((r, j) => {
        out.ref(cx.known, 'unit', r.unit, `${at}.replies[${j}].unit`);
        out.ref(cx.known, 'user', r.repliedBy, `${at}.replies[${j}].repliedBy`);
        fileRef(r.file, `${at}.replies[${j}].file`);
      });
      s.ratings.forEach((r, j) => {
        out.ref(cx.known, 'deputy', r.deputy, `${at}.ratings[${j}].deputy`);
        out.ref(cx.known, 'user', r.ratedBy, `${at}.ratings[${j}].ratedBy`);
      });
      s.requests.forEach((r, j) => {
        out.ref(cx.known, 'unit', r.unit, `${at}.requests[${j}].unit`);
        out.ref(cx.known, 'user', r.requestedBy, `${at}.requests[${j}].requestedBy`);
        out.ref(cx.known, 'user', r.decidedBy, `${at}.requests[${j}].decidedBy`);
      });
      s.consultations.forEach((c, j) => {
        out.ref(cx.known, 'unit', c.unit, `${at}.consultations[${j}].unit`);
        out.ref(cx.known, 'user', c.createdBy, `${at}.consultations[${j}].createdBy`);
      });
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const [files, sources] = await Promise.all([filesBySha(trx, townId, shasOf(data)), sourcesOf(trx, townId, data)]);
    const user = (u: string | null) => keys.idOrNull('user', u);
    const sourceId = (r: SuggestionRecord): string | null => {
      const s = r.source;
      if (!s) return null;
      if (s.type === 'reception') return sources.matters.get(`${s.reception}/${s.seq}`) ?? null;
      if (s.type === 'activity') return keys.id('activity', s.activity);
      return sources.portal.get(s.trackingCode) ?? null;
    };
    const fields = (r: SuggestionRecord) => ({
      code: r.code,
      year: r.year,
      kind: r.kind,
      title: r.title,
      content: r.content,
      grounds: r.grounds,
      proposal: r.proposal,
      sourceType: r.sourceType,
      sourceId: sourceId(r),
      category: r.category,
      villageId: keys.idOrNull('village', r.village),
      sessionId: keys.idOrNull('session', r.session),
      state: r.state,
      pending: r.pending,
      round: r.round,
      followUp: flag(r.followUp),
      notAcceptedReason: r.notAcceptedReason,
      keySupervision: flag(r.keySupervision),
      keyNote: r.keyNote,
      assignedOn: r.assignedOn,
      dueDate: r.dueDate,
      submittedAt: r.submittedAt,
      registeredAt: r.registeredAt,
      repliedOn: r.repliedOn,
      grade: r.grade,
      rating: r.rating,
      closedAt: r.closedAt,
      published: flag(r.published),
      publicAnswer: r.publicAnswer,
      createdBy: user(r.createdBy),
      // Bookkeeping times are not in the workbook: an item was created when its history says so.
      createdAt: r.events.find((e) => e.type === 'create')?.at ?? r.submittedAt ?? now,
      updatedAt: r.events.at(-1)?.at ?? now,
    });
    // Sponsor names go into the search text, as when an item is saved through the API.
    const names = new Map<string, string>();
    const deputyIds = [...new Set(data.flatMap((s) => s.sponsors.map((x) => keys.id('deputy', x.deputy))))];
    for (const part of chunks(deputyIds, 1000)) {
      for (const d of await trx.selectFrom('deputy').select(['id', 'name']).where('townId', '=', townId).where('id', 'in', part).execute())
        names.set(d.id, d.name);
    }
    const searchOf = (r: SuggestionRecord) =>
      textOf(
        r,
        r.sponsors.map((x) => names.get(keys.id('deputy', x.deputy)) ?? ''),
      );
    // Ids made in order keep the history in the order it happened (the tables sort by time, then id).
    const ids = (n: number) => Array.from({ length: n }, () => newId());
    const writeChildren = async (rows: { id: string; record: SuggestionRecord }[]) => {
      await insertMany(
        trx,
        'suggestionSponsor',
        rows.flatMap(({ id, record }) => record.sponsors.map((x) => ({ suggestionId: id, deputyId: keys.id('deputy', x.deputy), townId, role: x.role }))),
      );
      await insertMany(
        trx,
        'suggestionUnit',
        rows.flatMap(({ id, record }) => record.units.map((x) => ({ suggestionId: id, unitId: keys.id('unit', x.unit), townId, role: x.role }))),
      );
      await insertMany(
        trx,
        'suggestionFile',
        rows.flatMap(({ id, record }) => record.files.map((f, i) => ({ suggestionId: id, fileId: files.get(f.sha256) as string, townId, sortOrder: i }))),
      );
      await insertMany(
        trx,
        'suggestionEvent',
        rows.flatMap(({ id, record }) => {
          const eid = ids(record.events.length);
          return record.events.map(({ actor, data, ...e }, i) => ({
            ...e,
            id: eid[i] as string,
            townId,
            suggestionId: id,
            actorUserId: user(actor),
            data: JSON.stringify(data),
          }));
        }),
      );
      await insertMany(
        trx,
        'suggestionReply',
        rows.flatMap(({ id, record }) => {
          const rid = ids(record.replies.length);
          return record.replies.map(({ unit, file, repliedBy, ...r }, i) => ({
            ...r,
            id: rid[i] as string,
            townId,
            suggestionId: id,
            unitId: keys.id('unit', unit),
            fileId: file ? (files.get(file.sha256) ?? null) : null,
            repliedBy: user(repliedBy),
            createdAt: now,
          }));
        }),
      );
      await insertMany(
        trx,
        'suggestionRating',
        rows.flatMap(({ id, record }) => {
          const rid = ids(record.ratings.length);
          return record.ratings.map(({ deputy, ratedBy, ...r }, i) => ({
            ...r,
            id: rid[i] as string,
            townId,
            suggestionId: id,
            deputyId: keys.idOrNull('deputy', deputy),
            ratedBy: user(ratedBy),
            createdAt: now,
          }));
        }),
      );
      await insertMany(
        trx,
        'suggestionRequest',
        rows.flatMap(({ id, record }) => {
          const rid = ids(record.requests.length);
          return record.requests.map(({ unit, requestedBy, decidedBy, ...r }, i) => ({
            ...r,
            id: rid[i] as string,
            townId,
            suggestionId: id,
            unitId: keys.id('unit', unit),
            requestedBy: user(requestedBy),
            decidedBy: user(decidedBy),
          }));
        }),
      );
      await insertMany(
        trx,
        'suggestionConsultation',
        rows.flatMap(({ id, record }) => {
          const rid = ids(record.consultations.length);
          return record.consultations.map(({ unit, createdBy, ...c }, i) => ({
            ...c,
            id: rid[i] as string,
            townId,
            suggestionId: id,
            unitId: keys.idOrNull('unit', unit),
            createdBy: user(createdBy),
            createdAt: now,
          }));
        }),
      );
      // The record an item came from links back to it, as when it is made through the API.
      for (const { id, record } of rows) {
        const src = sourceId(record);
        if (!src) continue;
        if (record.source?.type === 'reception')
          await trx.updateTable('receptionMatter').set({ suggestionId: id }).where('townId', '=', townId).where('id', '=', src).execute();
        if (record.source?.type === 'portal')
          await trx.updateTable('portalSubmission').set({ suggestionId: id }).where('townId', '=', townId).where('id', '=', src).execute();
      }
    };
    const CHILDREN = [
      'suggestionSponsor',
      'suggestionUnit',
      'suggestionFile',
      'suggestionEvent',
      'suggestionReply',
      'suggestionRating',
      'suggestionRequest',
      'suggestionConsultation',
    ] as const;
    return upsertRecords(ictx, data, keys, {
      kind: 'suggestion',
      keyOf,
      entity: 'suggestion',
      noun: '建议',
      nameOf: (r) => `${r.code} ${r.title}`,
      auditView: (r) => ({
        code: r.code,
        title: r.title,
        state: r.state,
        category: r.category,
        sponsors: r.sponsors.map((x) => `${x.deputy}${x.role === 'lead' ? '（领衔）' : ''}`).join('、'),
        units: r.units.map((x) => `${x.unit}${x.role === 'lead' ? '（主办）' : ''}`).join('、'),
        events: r.events.length,
      }),
      async insert(rows) {
        // mergedInto may point at an item later in the document: set in link.
        await insertMany(
          trx,
          'suggestion',
          rows.map(({ id, record: r }) => ({ id, townId, ...fields(r), mergedIntoId: null, searchText: searchOf(r), version: 1 })),
        );
        await writeChildren(rows);
      },
      async update(rows) {
        for (const { id, after } of rows) {
          await trx
            .updateTable('suggestion')
            .set((eb) => ({ ...fields(after), mergedIntoId: null, searchText: searchOf(after), version: eb('version', '+', 1) }))
            .where('townId', '=', townId)
            .where('id', '=', id)
            .execute();
        }
        for (const table of CHILDREN)
          await deleteChildren(
            trx,
            table,
            'suggestionId',
            rows.map((r) => r.id),
            townId,
          );
        await writeChildren(rows.map((r) => ({ id: r.id, record: r.after })));
      },
    });
  },

  async link(trx, ictx, data, keys) {
    const { townId } = ictx;
    // One statement per merged item (few): the target may come later in the document.
    for (const s of data) {
      if (!s.mergedInto) continue;
      await trx
        .updateTable('suggestion')
        .set({ mergedIntoId: keys.id('suggestion', s.mergedInto) })
        .where('townId', '=', townId)
        .where('id', '=', keys.id('suggestion', s.code))
        .execute();
    }
  },
});
