import { z } from 'zod';
import { maskPhone } from '../../lib/mask.ts';
import { UtcTime } from '../workbook/sections/activity.fields.ts';
import { IssueList } from '../workbook/workbook.check.ts';
import { Key, Name, Phone, Text } from '../workbook/workbook.schemas.ts';
import { defineSection } from '../workbook/workbook.types.ts';
import { chunks, insertMany, updateVersionedRows, upsertRecords } from '../workbook/workbook.write.ts';
import { CODE_ALPHABET, CODE_LENGTH, phoneProblem } from './portal.rules.ts';

/*
 * Public portal submissions (群众意见, docs/portal.md) in the workbook: a submission by its tracking code,
 * the station or deputy it was sent to, the village, and the suggestion it became by their codes. Comes
 * after stations, deputies, villages and suggestions in the registry.
 *
 * What the workbook does not carry:
 * - idempotencyKey: the page's retry key only matters while the resident's page is open. An imported row
 *   gets `workbook:<tracking code>`: deterministic (a re-import finds the same row by tracking code and
 *   keeps whatever key the row already has), unique in the town as the tracking code is, and never one the
 *   page can send (the portal accepts only `A-Z a-z 0-9 _ -`, no colon), so it cannot swallow a real retry.
 * - clientHash: a keyed hash of the sender's address, for rate limits and abuse review. An imported row has
 *   no address; it gets `workbook:<tracking code>`, which no HMAC hex digest equals, so imported rows never
 *   count against a real resident's per-client limit. (Rows dated within the last hour do count towards
 *   the town's hourly limit, which counts by created time.)
 * - handledBy (the staff account): left null on insert, kept on update; handledAt is carried.
 * - matterId (a link to a reception matter): nothing in the product sets it today; null on insert, kept on update.
 *
 * The time it came in is `receivedAt` (the row's created_at; the public tracking page calls it receivedAt too):
 * exports never carry a field named createdAt, which elsewhere would be an internal bookkeeping column.
 *
 * The phone is exported in full, as the receptions section exports a visitor's phone (the workbook is the
 * town's own data for its administrators); the audit log keeps it masked, as the portal's own audit does.
 */

const TrackingCode = z
  .string()
  .regex(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`), `查询码应为 ${CODE_LENGTH} 位，由 ${CODE_ALPHABET} 中的字符组成`)
  .meta({ description: `查询码：${CODE_LENGTH} 位（${CODE_ALPHABET}），所有乡镇中唯一` });

export const PortalSubmissionRecord = z
  .strictObject({
    trackingCode: TrackingCode,
    receivedAt: UtcTime.meta({ description: '收到时间（表中的 created_at），UTC 毫秒精度，如 2026-06-06T01:00:00.000Z' }),
    target: z.enum(['station', 'deputy']).meta({ description: 'station 向联络站提出 / deputy 向某位代表提出' }),
    station: Key.nullable().meta({ description: '联络站编码（target 为 station 时填写，否则为 null）' }),
    deputy: Key.nullable().meta({ description: '代表编码（target 为 deputy 时填写，否则为 null）' }),
    name: Text(20).meta({ description: '群众姓名，可为空' }),
    phone: Phone.meta({ description: '联系电话（11 位手机号或带区号的固定电话），没有时为 null' }),
    village: Key.nullable().meta({ description: '所在村（社区）编码' }),
    category: Name(20).meta({ description: '类别，如 交通、卫生、城建' }),
    content: z.string().min(5, '至少 5 个字').max(2000, '不能超过 2000 个字'),
    status: z.enum(['received', 'accepted', 'declined']).meta({ description: 'received 待处理 / accepted 已受理 / declined 不予受理' }),
    declineReason: Text(500).meta({ description: '不予受理的理由；不予受理时必填，否则为空' }),
    suggestion: Key.nullable().meta({ description: '受理后转成的建议编号；该建议的来源应为本条意见' }),
    publicReply: Text(2000).meta({ description: '公开答复（群众凭查询码可见）' }),
    handledAt: UtcTime.nullable().meta({ description: '处理（受理、答复或不予受理）时间，UTC；未处理时为 null' }),
  })
  .superRefine((r, ctx) => {
    if (r.phone !== null) {
      const problem = phoneProblem(r.phone);
      if (problem) ctx.addIssue({ code: 'custom', path: ['phone'], message: problem });
    }
  })
  .meta({ title: '群众意见', description: '按 trackingCode 匹配' });
export type PortalSubmissionRecord = z.infer<typeof PortalSubmissionRecord>;

const keyOf = (r: PortalSubmissionRecord) => r.trackingCode;
/** What an imported row carries in place of the page's retry key and the sender's address hash (see above). */
export const importedMarker = (trackingCode: string) => `workbook:${trackingCode}`;

const STATUS_LABEL = { received: '待处理', accepted: '已受理', declined: '不予受理' } as const;

type SuggestionSource = { sourceType: string; source: { type: string; trackingCode?: string } | null };

export const portalSubmissionsSection = defineSection<'portalSubmissions', PortalSubmissionRecord>({
  key: 'portalSubmissions',
  label: '群众意见',
  kind: 'portal_submission',
  keyField: 'trackingCode',
  sortKey: keyOf,
  keyOf,
  record: PortalSubmissionRecord,

  async load(db, townId) {
    const rows = await db
      .selectFrom('portalSubmission as p')
      .leftJoin('station as st', 'st.id', 'p.stationId')
      .leftJoin('deputy as d', 'd.id', 'p.deputyId')
      .leftJoin('village as v', 'v.id', 'p.villageId')
      .leftJoin('suggestion as s', 's.id', 'p.suggestionId')
      .selectAll('p')
      .select(['st.code as stationCode', 'd.code as deputyCode', 'v.code as villageCode', 's.code as suggestionCode'])
      .where('p.townId', '=', townId)
      .execute();
    return rows.map((p) => ({
      id: p.id,
      record: {
        trackingCode: p.trackingCode,
        receivedAt: p.createdAt,
        target: p.targetType,
        station: p.stationCode ?? null,
        deputy: p.deputyCode ?? null,
        name: p.name,
        phone: p.phone,
        village: p.villageCode ?? null,
        category: p.category,
        content: p.content,
        status: p.status,
        declineReason: p.declineReason,
        suggestion: p.suggestionCode ?? null,
        publicReply: p.publicReply,
        handledAt: p.handledAt,
      },
    }));
  },

  async check(data, cx) {
    const out = new IssueList();
    // The suggestion a submission became must say it came from this submission (the two links travel in
    // both sections; a disagreement would make the import depend on the order of the writes).
    const suggestions = cx.other<SuggestionSource & { code: string }>('suggestions');
    const suggestionOf = new Map<string, SuggestionSource>();
    for (const e of suggestions.existing) suggestionOf.set(e.record.code, e.record);
    for (const s of suggestions.inDoc) suggestionOf.set(s.code, s);
    const claimedBy = new Map<string, number>();
    data.forEach((r, i) => {
      const at = `portalSubmissions[${i}]`;
      if (r.target === 'station') {
        if (r.station === null) out.add(`${at}.station`, '提交对象为联络站时须填写联络站编码');
        if (r.deputy !== null) out.add(`${at}.deputy`, '提交对象为联络站时 deputy 应为 null');
      } else {
        if (r.deputy === null) out.add(`${at}.deputy`, '提交对象为代表时须填写代表编码');
        if (r.station !== null) out.add(`${at}.station`, '提交对象为代表时 station 应为 null');
      }
      out.ref(cx.known, 'station', r.station, `${at}.station`);
      out.ref(cx.known, 'deputy', r.deputy, `${at}.deputy`);
      out.ref(cx.known, 'village', r.village, `${at}.village`);
      if (r.status === 'declined' && !r.declineReason.trim()) out.add(`${at}.declineReason`, '不予受理的意见须填写理由');
      if (r.status !== 'declined' && r.declineReason !== '') out.add(`${at}.declineReason`, '只有不予受理的意见才有理由');
      if (r.suggestion !== null) {
        if (r.status !== 'accepted') out.add(`${at}.suggestion`, '只有已受理的意见才能转为建议');
        out.ref(cx.known, 'suggestion', r.suggestion, `${at}.suggestion`);
        const s = suggestionOf.get(r.suggestion);
        if (s && (s.sourceType !== 'portal' || (s.source !== null && s.source.trackingCode !== r.trackingCode)))
          out.add(`${at}.suggestion`, `建议 ${r.suggestion} 的来源不是本条群众意见`);
        const j = claimedBy.get(r.suggestion);
        if (j !== undefined) out.add(`${at}.suggestion`, `与 portalSubmissions[${j}] 转成的是同一条建议`);
        else claimedBy.set(r.suggestion, i);
      }
    });
    // The other direction: a suggestion in the document that names a submission of the document as its source.
    const index = new Map(data.map((r, i) => [r.trackingCode, i]));
    for (const s of suggestions.inDoc) {
      const code = s.source?.type === 'portal' ? s.source.trackingCode : undefined;
      const i = code === undefined ? undefined : index.get(code);
      if (i !== undefined && data[i].suggestion !== s.code)
        out.add(`portalSubmissions[${i}].suggestion`, `建议 ${s.code} 的来源是本条群众意见，suggestion 应为 ${s.code}`);
    }
    // Tracking codes are unique across all towns (the resident types only the code).
    const codes = data.map(keyOf);
    const elsewhere = new Set<string>();
    for (const part of chunks(codes, 1000)) {
      let q = cx.db.selectFrom('portalSubmission').select('trackingCode').where('trackingCode', 'in', part);
      if (cx.townId) q = q.where('townId', '<>', cx.townId);
      for (const row of await q.execute()) elsewhere.add(row.trackingCode);
    }
    data.forEach((r, i) => {
      if (elsewhere.has(r.trackingCode)) out.add(`portalSubmissions[${i}].trackingCode`, '查询码已被其他乡镇的群众意见使用');
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const fields = (r: PortalSubmissionRecord) => ({
      targetType: r.target,
      stationId: keys.idOrNull('station', r.station),
      deputyId: keys.idOrNull('deputy', r.deputy),
      name: r.name,
      phone: r.phone,
      villageId: keys.idOrNull('village', r.village),
      category: r.category,
      content: r.content,
      status: r.status,
      declineReason: r.declineReason,
      suggestionId: keys.idOrNull('suggestion', r.suggestion),
      publicReply: r.publicReply,
      handledAt: r.handledAt,
      createdAt: r.receivedAt,
    });
    // A suggestion imported before its submission existed (suggestions come first) could not name it as its
    // source; link it back now, as turning a submission into a suggestion does through the API.
    const linkBack = async (rows: { id: string; record: PortalSubmissionRecord }[]) => {
      for (const { id, record } of rows) {
        if (record.suggestion === null) continue;
        await trx
          .updateTable('suggestion')
          .set({ sourceId: id })
          .where('townId', '=', townId)
          .where('id', '=', keys.id('suggestion', record.suggestion))
          .where('sourceType', '=', 'portal')
          .execute();
      }
    };
    return upsertRecords(ictx, data, keys, {
      kind: 'portal_submission',
      keyOf,
      entity: 'portal_submission',
      noun: '群众意见',
      nameOf: (r) => `${r.trackingCode}（${r.category}）`,
      auditView: (r) => ({ ...r, status: STATUS_LABEL[r.status], phone: maskPhone(r.phone) }),
      async insert(rows) {
        await insertMany(
          trx,
          'portalSubmission',
          rows.map(({ id, record: r }) => ({
            id,
            townId,
            trackingCode: r.trackingCode,
            idempotencyKey: importedMarker(r.trackingCode),
            clientHash: importedMarker(r.trackingCode),
            ...fields(r),
            matterId: null,
            handledBy: null,
            version: 1,
            updatedAt: now,
          })),
        );
        await linkBack(rows);
      },
      async update(rows) {
        await updateVersionedRows(trx, townId, 'portalSubmission', now, rows, fields);
        await linkBack(rows.map((r) => ({ id: r.id, record: r.after })));
      },
    });
  },
});
