import { z } from 'zod';
import { searchText } from '../../lib/search-text.ts';
import { UtcTime } from '../workbook/sections/activity.fields.ts';
import { checkSeqs } from '../workbook/sections/seq.check.ts';
import { IssueList } from '../workbook/workbook.check.ts';
import { sortByKey, sortedTexts } from '../workbook/workbook.rules.ts';
import { DateField, Key, Name, NullableDate, Text } from '../workbook/workbook.schemas.ts';
import { type Loaded, defineSection } from '../workbook/workbook.types.ts';
import { insertMany, replaceChildren, updateVersionedRows, upsertRecords } from '../workbook/workbook.write.ts';
import { FINDING_STATUSES, REINSPECTION_RESULTS, RESPONSIBLE_TYPES, SEVERITIES } from './findings.schemas.ts';

/*
 * Findings and rectification in the workbook (docs/findings.md): findings by code on an activity by code,
 * the responsible party by unit or village code (an enterprise or other party by name), rectification
 * notices by number with the codes of the findings they cover, re-inspections by finding code + seq with
 * the codes of the deputies who went. Photos and notice files are not carried (the workbook is text): an
 * import keeps the files a record already has.
 */

// ---------------------------------------------------------------- findings

export const FindingRecord = z
  .strictObject({
    code: Key.meta({ description: '问题编码（F00001…），本镇唯一' }),
    activity: Key.meta({ description: '发现问题的视察、检查活动编码' }),
    foundOn: DateField,
    description: Name(2000),
    place: Text(200),
    responsibleType: z.enum(RESPONSIBLE_TYPES).meta({ description: 'unit 承办单位 / village 村（社区） / enterprise 企业 / other 其他' }),
    responsible: Key.nullable().meta({ description: '责任单位编码或村（社区）编码；企业和其他时为 null' }),
    responsibleName: Text(100).meta({ description: '企业或其他责任方的名称；单位、村（社区）时为空' }),
    severity: z.enum(SEVERITIES).meta({ description: 'minor 轻微 / general 一般 / major 重大' }),
    status: z.enum(FINDING_STATUSES).meta({ description: 'open 待整改 / rectifying 整改中 / reinspected 已复查 / closed 已销号' }),
    closedOn: NullableDate,
    closeReason: Text(500),
  })
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const byKey = r.responsibleType === 'unit' || r.responsibleType === 'village';
    if (byKey && r.responsible === null) issue('responsible', '责任方为单位或村（社区）时须填写其编码');
    if (byKey && r.responsibleName !== '') issue('responsibleName', '责任方为单位或村（社区）时应为空');
    if (!byKey && r.responsible !== null) issue('responsible', '责任方为企业或其他时应为 null');
    if (!byKey && !r.responsibleName.trim()) issue('responsibleName', '请填写责任方名称');
    if ((r.status === 'closed') !== (r.closedOn !== null)) issue('closedOn', '已销号的问题须有销号日期，其他状态应为 null');
    if (r.closedOn !== null && r.closedOn < r.foundOn) issue('closedOn', '销号日期不能早于发现日期');
  })
  .meta({ title: '问题（隐患）', description: '按 code 匹配；照片不随工作簿导出' });
export type FindingRecord = z.infer<typeof FindingRecord>;

export const findingsSection = defineSection<'findings', FindingRecord>({
  key: 'findings',
  label: '问题（隐患）',
  kind: 'finding',
  keyField: 'code',
  sortKey: (r) => r.code,
  keyOf: (r) => r.code,
  record: FindingRecord,

  async load(db, townId) {
    const rows = await db
      .selectFrom('finding as f')
      .innerJoin('activity as a', 'a.id', 'f.activityId')
      .leftJoin('handlingUnit as u', 'u.id', 'f.responsibleUnitId')
      .leftJoin('village as v', 'v.id', 'f.responsibleVillageId')
      .selectAll('f')
      .select(['a.code as activityCode', 'u.code as unitCode', 'v.code as villageCode'])
      .where('f.townId', '=', townId)
      .execute();
    return rows.map((f) => ({
      id: f.id,
      record: {
        code: f.code,
        activity: f.activityCode,
        foundOn: f.foundOn,
        description: f.description,
        place: f.place,
        responsibleType: f.responsibleType,
        responsible: f.responsibleType === 'unit' ? (f.unitCode ?? null) : f.responsibleType === 'village' ? (f.villageCode ?? null) : null,
        responsibleName: f.responsibleName,
        severity: f.severity,
        status: f.status,
        closedOn: f.closedOn,
        closeReason: f.closeReason,
      },
    }));
  },

  check(data, cx) {
    const out = new IssueList();
    data.forEach((r, i) => {
      const at = `findings[${i}]`;
      out.ref(cx.known, 'activity', r.activity, `${at}.activity`);
      if (r.responsibleType === 'unit' || r.responsibleType === 'village') out.ref(cx.known, r.responsibleType, r.responsible, `${at}.responsible`);
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    // The search text names the responsible party as the findings module does: by the unit's or village's name.
    const [units, villages] = await Promise.all([
      trx.selectFrom('handlingUnit').select(['id', 'name']).where('townId', '=', townId).execute(),
      trx.selectFrom('village').select(['id', 'name']).where('townId', '=', townId).execute(),
    ]);
    const nameOf = new Map([...units, ...villages].map((x) => [x.id, x.name]));
    const fields = (r: FindingRecord) => {
      const unitId = r.responsibleType === 'unit' ? keys.idOrNull('unit', r.responsible) : null;
      const villageId = r.responsibleType === 'village' ? keys.idOrNull('village', r.responsible) : null;
      const party = unitId ? nameOf.get(unitId) : villageId ? nameOf.get(villageId) : r.responsibleName;
      return {
        activityId: keys.id('activity', r.activity),
        foundOn: r.foundOn,
        description: r.description,
        place: r.place,
        responsibleType: r.responsibleType,
        responsibleUnitId: unitId,
        responsibleVillageId: villageId,
        responsibleName: r.responsibleName,
        severity: r.severity,
        status: r.status,
        closedOn: r.closedOn,
        closeReason: r.closeReason,
        searchText: searchText(r.description, r.place, party),
      };
    };
    return upsertRecords(ictx, data, keys, {
      kind: 'finding',
      keyOf: (r) => r.code,
      entity: 'finding',
      noun: '问题',
      nameOf: (r) => r.code,
      insert: (rows) =>
        insertMany(
          trx,
          'finding',
          rows.map(({ id, record: r }) => ({ id, townId, code: r.code, ...fields(r), version: 1, createdBy: null, createdAt: now, updatedAt: now })),
        ),
      update: (rows) => updateVersionedRows(trx, townId, 'finding', now, rows, fields),
    });
  },
});

// ---------------------------------------------------------------- notices

export const NoticeRecord = z
  .strictObject({
    number: Name(64).meta({ description: '通知书文号，如 青人整〔2026〕3号；本镇唯一' }),
    issuedOn: DateField,
    deadline: DateField.meta({ description: '整改期限' }),
    addressee: Name(100),
    content: Text(5000),
    findings: z.array(Key).min(1, '至少涉及一个问题').meta({ description: '涉及的问题编码，按编码排列' }),
  })
  .superRefine((r, ctx) => {
    if (r.deadline < r.issuedOn) ctx.addIssue({ code: 'custom', path: ['deadline'], message: '整改期限不能早于发出日期' });
  })
  .meta({ title: '限期整改通知书', description: '按文号匹配；涉及的问题随通知书整体替换；通知书文件不随工作簿导出' });
export type NoticeRecord = z.infer<typeof NoticeRecord>;

export const rectificationNoticesSection = defineSection<'rectificationNotices', NoticeRecord>({
  key: 'rectificationNotices',
  label: '限期整改通知书',
  kind: 'rectification_notice',
  keyField: 'number',
  sortKey: (r) => r.number,
  keyOf: (r) => r.number,
  record: NoticeRecord,
  canonical: (r) => ({ ...r, findings: sortedTexts(r.findings) }),

  async load(db, townId) {
    const [rows, links] = await Promise.all([
      db.selectFrom('rectificationNotice').selectAll().where('townId', '=', townId).execute(),
      db
        .selectFrom('noticeFinding as l')
        .innerJoin('finding as f', 'f.id', 'l.findingId')
        .select(['l.noticeId', 'f.code'])
        .where('l.townId', '=', townId)
        .execute(),
    ]);
    const findingsOf = new Map<string, string[]>();
    for (const l of links) findingsOf.set(l.noticeId, [...(findingsOf.get(l.noticeId) ?? []), l.code]);
    return rows.map((n) => ({
      id: n.id,
      record: {
        number: n.number,
        issuedOn: n.issuedOn,
        deadline: n.deadline,
        addressee: n.addressee,
        content: n.content,
        findings: sortedTexts(findingsOf.get(n.id) ?? []),
      },
    }));
  },

  check(data, cx) {
    const out = new IssueList();
    data.forEach((r, i) => {
      const at = `rectificationNotices[${i}]`;
      out.uniqueList(r.findings, `${at}.findings`);
      r.findings.forEach((f, j) => {
        out.ref(cx.known, 'finding', f, `${at}.findings[${j}]`);
      });
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const fields = (r: NoticeRecord) => ({ issuedOn: r.issuedOn, deadline: r.deadline, addressee: r.addressee, content: r.content });
    const writeLinks = (rows: { id: string; record: NoticeRecord }[]) =>
      insertMany(
        trx,
        'noticeFinding',
        rows.flatMap(({ id, record }) => record.findings.map((f) => ({ noticeId: id, findingId: keys.id('finding', f), townId }))),
      );
    return upsertRecords(ictx, data, keys, {
      kind: 'rectification_notice',
      keyOf: (r) => r.number,
      entity: 'rectification_notice',
      noun: '整改通知书',
      nameOf: (r) => r.number,
      auditView: (r) => ({ ...r, findings: r.findings.join('、') }),
      async insert(rows) {
        await insertMany(
          trx,
          'rectificationNotice',
          rows.map(({ id, record: r }) => ({ id, townId, number: r.number, ...fields(r), fileId: null, createdBy: null, createdAt: now })),
        );
        await writeLinks(rows);
      },
      async update(rows) {
        for (const { id, after } of rows)
          await trx.updateTable('rectificationNotice').set(fields(after)).where('townId', '=', townId).where('id', '=', id).execute();
        await replaceChildren(trx, townId, 'noticeFinding', 'noticeId', rows, writeLinks);
      },
    });
  },
});

// ---------------------------------------------------------------- re-inspections

export const ReinspectionRecord = z
  .strictObject({
    finding: Key.meta({ description: '问题编码' }),
    seq: z.number().int('应为整数').min(1, '应为正整数').max(999).meta({ description: '该问题的第几次复查（按复查日期排列，从 1 起）' }),
    notice: Name(64).nullable().meta({ description: '复查时有效的整改通知书文号；没有时为 null' }),
    date: DateField,
    result: z.enum(REINSPECTION_RESULTS).meta({ description: 'fixed 已整改 / not_fixed 未整改' }),
    notes: Text(2000),
    deputies: z.array(Key).meta({ description: '参加复查的代表编码，按编码排列' }),
    recordedAt: UtcTime,
  })
  .meta({ title: '复查', description: '按问题编码 + 序号匹配；参加的代表随复查整体替换' });
export type ReinspectionRecord = z.infer<typeof ReinspectionRecord>;

const reinspectionKey = (r: ReinspectionRecord) => `${r.finding}/${r.seq}`;

export const reinspectionsSection = defineSection<'reinspections', ReinspectionRecord>({
  key: 'reinspections',
  label: '复查',
  kind: 'reinspection',
  keyField: 'seq',
  sortKey: (r) => [r.finding, r.seq],
  keyOf: reinspectionKey,
  record: ReinspectionRecord,
  canonical: (r) => ({ ...r, deputies: sortedTexts(r.deputies) }),

  async load(db, townId) {
    const [rows, deputies] = await Promise.all([
      db
        .selectFrom('reinspection as r')
        .innerJoin('finding as f', 'f.id', 'r.findingId')
        .leftJoin('rectificationNotice as n', 'n.id', 'r.noticeId')
        .selectAll('r')
        .select(['f.code as findingCode', 'n.number as noticeNumber'])
        .where('r.townId', '=', townId)
        .execute(),
      db
        .selectFrom('reinspectionDeputy as x')
        .innerJoin('deputy as d', 'd.id', 'x.deputyId')
        .select(['x.reinspectionId', 'd.code'])
        .where('x.townId', '=', townId)
        .execute(),
    ]);
    const deputiesOf = new Map<string, string[]>();
    for (const d of deputies) deputiesOf.set(d.reinspectionId, [...(deputiesOf.get(d.reinspectionId) ?? []), d.code]);
    // seq: the order of a finding's re-inspections by date, then by when they were recorded.
    const ordered = sortByKey(rows, (r) => [r.findingCode, r.date, r.recordedAt, r.id]);
    const seen = new Map<string, number>();
    return ordered.map((r): Loaded<ReinspectionRecord> => {
      const seq = (seen.get(r.findingCode) ?? 0) + 1;
      seen.set(r.findingCode, seq);
      return {
        id: r.id,
        record: {
          finding: r.findingCode,
          seq,
          notice: r.noticeNumber ?? null,
          date: r.date,
          result: r.result,
          notes: r.notes,
          deputies: sortedTexts(deputiesOf.get(r.id) ?? []),
          recordedAt: r.recordedAt,
        },
      };
    });
  },

  check(data, cx) {
    const out = new IssueList();
    data.forEach((r, i) => {
      const at = `reinspections[${i}]`;
      out.ref(cx.known, 'finding', r.finding, `${at}.finding`);
      out.ref(cx.known, 'rectification_notice', r.notice, `${at}.notice`);
      out.uniqueList(r.deputies, `${at}.deputies`);
      r.deputies.forEach((d, j) => {
        out.ref(cx.known, 'deputy', d, `${at}.deputies[${j}]`);
      });
    });
    checkSeqs(out, 'reinspections', data, cx.existing, reinspectionKey, (r) => r.finding);
    // seq follows the order the export gives (date, then the moment recorded), or a round trip would renumber.
    const byFinding = new Map<string, { r: ReinspectionRecord; i: number }[]>();
    data.forEach((r, i) => {
      byFinding.set(r.finding, [...(byFinding.get(r.finding) ?? []), { r, i }]);
    });
    for (const list of byFinding.values()) {
      const bySeq = sortByKey(list, (x) => x.r.seq);
      bySeq.forEach((x, k) => {
        const prev = bySeq[k - 1]?.r;
        if (prev && (prev.date > x.r.date || (prev.date === x.r.date && prev.recordedAt > x.r.recordedAt)))
          out.add(`reinspections[${x.i}].seq`, `第 ${x.r.seq} 次复查不能早于第 ${prev.seq} 次（序号按复查日期排列）`);
      });
    }
    // A fixed re-inspection is what moves a finding to reinspected or closed: the finding must say so.
    const findings = cx.other<FindingRecord>('findings');
    const status = new Map([...findings.existing.map((e) => e.record), ...findings.inDoc].map((f) => [f.code, f.status]));
    data.forEach((r, i) => {
      const s = status.get(r.finding);
      if (r.result === 'fixed' && (s === 'open' || s === 'rectifying'))
        out.add(`reinspections[${i}].result`, `复查结果为已整改，问题 ${r.finding} 的状态应为已复查或已销号（现为 ${s}）`);
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId } = ictx;
    const fields = (r: ReinspectionRecord) => ({
      noticeId: keys.idOrNull('rectification_notice', r.notice),
      date: r.date,
      result: r.result,
      notes: r.notes,
      recordedAt: r.recordedAt,
    });
    const writeDeputies = (rows: { id: string; record: ReinspectionRecord }[]) =>
      insertMany(
        trx,
        'reinspectionDeputy',
        rows.flatMap(({ id, record }) => record.deputies.map((d) => ({ reinspectionId: id, deputyId: keys.id('deputy', d), townId }))),
      );
    return upsertRecords(ictx, data, keys, {
      kind: 'reinspection',
      keyOf: reinspectionKey,
      entity: 'reinspection',
      noun: '复查',
      nameOf: (r) => `${r.finding} 第${r.seq}次`,
      auditView: (r) => ({ ...r, deputies: r.deputies.join('、') }),
      async insert(rows) {
        await insertMany(
          trx,
          'reinspection',
          rows.map(({ id, record: r }) => ({ id, townId, findingId: keys.id('finding', r.finding), ...fields(r), recordedBy: null })),
        );
        await writeDeputies(rows);
      },
      async update(rows) {
        for (const { id, after } of rows) await trx.updateTable('reinspection').set(fields(after)).where('townId', '=', townId).where('id', '=', id).execute();
        await replaceChildren(trx, townId, 'reinspectionDeputy', 'reinspectionId', rows, writeDeputies);
      },
    });
  },
});
