import { z } from 'zod';
import { newId } from '../../../lib/ids.ts';
import { closingProblem, dueDateProblem, meetingStatusProblem, timesProblem } from '../../presidium-meetings/presidium-meetings.rules.ts';
import { DECISION_STATUSES, MEETING_STATUSES, OWNER_TYPES } from '../../presidium-meetings/presidium-meetings.schemas.ts';
import { IssueList, checkExclusive, finalState } from '../workbook.check.ts';
import { sortByKey } from '../workbook.rules.ts';
import { DateField, Key, Name, NullableDate, TermNumber, Text } from '../workbook.schemas.ts';
import { defineSection } from '../workbook.types.ts';
import { chunks, deleteChildren, insertMany, upsertRecords } from '../workbook.write.ts';
import { UtcTime } from './activity.fields.ts';

const ClockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时刻格式应为 HH:MM')
  .nullable()
  .meta({ description: '北京时间 HH:MM；没有时为 null' });

export const ProgressRecord = z
  .strictObject({
    date: DateField.meta({ description: '进展发生的日期' }),
    note: Name(2000),
    by: Key.nullable().meta({ description: '记录人的账号用户名；账号不在本镇时为 null' }),
    byName: Name(50).meta({ description: '记录时显示的记录人姓名' }),
    at: UtcTime,
  })
  .meta({ title: '决议落实进展' });
type ProgressRecord = z.infer<typeof ProgressRecord>;

export const DecisionRecord = z
  .strictObject({
    seq: z.number().int('应为整数').min(1, '应为正整数').max(999).meta({ description: '会议内的决议序号：会议 M003 的第 2 项决议为 M003-2' }),
    content: Name(2000),
    ownerType: z.enum(OWNER_TYPES).meta({ description: 'deputy 代表 / unit 承办单位 / other 其他（填名称）' }),
    owner: Name(100).meta({ description: '责任方：代表编码、承办单位编码，或其他责任方的名称' }),
    dueDate: DateField,
    status: z.enum(DECISION_STATUSES).meta({ description: 'open 未开始 / in_progress 落实中 / done 已办结 / cancelled 已取消' }),
    doneDate: NullableDate.meta({ description: '办结日期；未办结为 null' }),
    result: Text(2000).meta({ description: '落实结果，或取消的原因' }),
    progress: z.array(ProgressRecord).meta({ description: '落实进展，按日期排列' }),
  })
  .meta({ title: '会议决议' });
type DecisionRecord = z.infer<typeof DecisionRecord>;

export const AgendaRecord = z.strictObject({ title: Name(200), presenter: Text(50), notes: Text(2000) }).meta({ title: '议程' });

export const PresidiumMeetingRecord = z
  .strictObject({
    code: Key.meta({ description: '会议编码（M001…），本镇唯一' }),
    term: TermNumber,
    ordinal: z.number().int('应为整数').min(1, '应为正整数').max(999).meta({ description: '本届第几次主席团会议' }),
    title: Name(100),
    date: DateField,
    startTime: ClockTime,
    endTime: ClockTime,
    place: Text(200),
    presider: Text(50),
    attendees: Text(1000),
    status: z.enum(MEETING_STATUSES).meta({ description: 'planned 计划召开 / held 已召开' }),
    activity: Key.nullable().meta({ description: '关联活动的编码（邀请、请假、签到在活动中）；没有时为 null' }),
    minutes: Text(20000).meta({ description: '会议纪要正文（纪要附件文件不随工作簿导出）' }),
    agenda: z.array(AgendaRecord).meta({ description: '议程，按会议顺序' }),
    decisions: z.array(DecisionRecord).meta({ description: '会议决议，按序号排列' }),
  })
  .superRefine((m, ctx) => {
    const times = timesProblem(m.startTime, m.endTime);
    if (times) ctx.addIssue({ code: 'custom', path: ['endTime'], message: times });
    // A planned meeting has made no decisions (the API refuses them too).
    if (m.decisions.length && meetingStatusProblem('held', m.status, { date: m.date, decisionCount: m.decisions.length }, m.date)) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: '有决议的会议应为 held（已召开）' });
    }
    m.decisions.forEach((d, i) => {
      const due = dueDateProblem(d.dueDate, m.date);
      if (due) ctx.addIssue({ code: 'custom', path: ['decisions', i, 'dueDate'], message: due });
      // "Today" of a document is unknown: only the meeting bound is checked for the done day.
      const closing = closingProblem(d, m.date, '9999-12-31');
      if (closing) ctx.addIssue({ code: 'custom', path: ['decisions', i, closing.field], message: closing.message });
      if (d.status !== 'done' && d.doneDate !== null) ctx.addIssue({ code: 'custom', path: ['decisions', i, 'doneDate'], message: '未办结的决议 doneDate 应为 null' });
    });
  })
  .meta({
    title: '主席团会议',
    description: '按 code 匹配；议程、决议及其落实进展是会议的一部分，随会议整体写入（决议按序号对应，文档中没有的决议被删除）',
  });
export type PresidiumMeetingRecord = z.infer<typeof PresidiumMeetingRecord>;

const keyOf = (r: PresidiumMeetingRecord) => r.code;

/** What the audit log keeps: the meeting, with its agenda and decisions as one line each. */
const auditView = (r: PresidiumMeetingRecord) => ({
  ...r,
  agenda: r.agenda.map((a, i) => `${i + 1}. ${a.title}`).join('；'),
  decisions: r.decisions.map((d) => `${r.code}-${d.seq} ${d.status} ${d.owner} ${d.dueDate}（进展 ${d.progress.length} 条）`).join('；'),
});

const sortProgress = (ps: readonly ProgressRecord[]) => sortByKey(ps, (p) => [p.date, p.at]);

export const presidiumMeetingsSection = defineSection<'presidiumMeetings', PresidiumMeetingRecord>({
  key: 'presidiumMeetings',
  label: '主席团会议',
  kind: 'presidium_meeting',
  keyField: 'code',
  sortKey: (r) => r.code,
  keyOf,
  record: PresidiumMeetingRecord,
  // The agenda keeps the document's order (it is the order of the meeting); decisions go by number.
  canonical: (r: PresidiumMeetingRecord) => ({
    ...r,
    decisions: sortByKey(r.decisions, (d) => d.seq).map((d) => ({ ...d, progress: sortProgress(d.progress) })),
  }),

  async load(db, townId) {
    const [rows, agenda, decisions, progress] = await Promise.all([
      db
        .selectFrom('presidiumMeeting as m')
        .innerJoin('term as t', 't.id', 'm.termId')
        .leftJoin('activity as a', 'a.id', 'm.activityId')
        .selectAll('m')
        .select(['t.number as termNumber', 'a.code as activityCode'])
        .where('m.townId', '=', townId)
        .execute(),
      db.selectFrom('presidiumAgendaItem').selectAll().where('townId', '=', townId).orderBy('sortOrder').execute(),
      db
        .selectFrom('presidiumDecision as d')
        .leftJoin('deputy as dep', 'dep.id', 'd.ownerDeputyId')
        .leftJoin('handlingUnit as u', 'u.id', 'd.ownerUnitId')
        .selectAll('d')
        .select(['dep.code as deputyCode', 'u.code as unitCode'])
        .where('d.townId', '=', townId)
        .execute(),
      db
        .selectFrom('presidiumDecisionProgress as p')
        .leftJoin('appUser as au', 'au.id', 'p.authorUserId')
        .selectAll('p')
        .select('au.username')
        .where('p.townId', '=', townId)
        .execute(),
    ]);
    const progressOf = new Map<string, ProgressRecord[]>();
    for (const p of progress) {
      const rec: ProgressRecord = { date: p.date, note: p.note, by: p.username ?? null, byName: p.authorName, at: p.createdAt };
      progressOf.set(p.decisionId, [...(progressOf.get(p.decisionId) ?? []), rec]);
    }
    const decisionsOf = new Map<string, DecisionRecord[]>();
    for (const d of decisions) {
      const rec: DecisionRecord = {
        seq: d.seq,
        content: d.content,
        ownerType: d.ownerType,
        owner: (d.ownerType === 'deputy' ? d.deputyCode : d.ownerType === 'unit' ? d.unitCode : d.ownerName) ?? '',
        dueDate: d.dueDate,
        status: d.status,
        doneDate: d.doneDate,
        result: d.result,
        progress: sortProgress(progressOf.get(d.id) ?? []),
      };
      decisionsOf.set(d.meetingId, [...(decisionsOf.get(d.meetingId) ?? []), rec]);
    }
    const agendaOf = new Map<string, z.infer<typeof AgendaRecord>[]>();
    for (const a of agenda) agendaOf.set(a.meetingId, [...(agendaOf.get(a.meetingId) ?? []), { title: a.title, presenter: a.presenter, notes: a.notes }]);
    return rows.map((m) => ({
      id: m.id,
      record: {
        code: m.code,
        term: m.termNumber,
        ordinal: m.number,
        title: m.title,
        date: m.date,
        startTime: m.startTime,
        endTime: m.endTime,
        place: m.place,
        presider: m.presider,
        attendees: m.attendees,
        status: m.status,
        activity: m.activityCode ?? null,
        minutes: m.minutes,
        agenda: agendaOf.get(m.id) ?? [],
        decisions: sortByKey(decisionsOf.get(m.id) ?? [], (d) => d.seq),
      },
    }));
  },

  check(data, cx) {
    const out = new IssueList();
    data.forEach((m, i) => {
      const at = `presidiumMeetings[${i}]`;
      out.ref(cx.known, 'term', String(m.term), `${at}.term`, `第 ${m.term} 届`);
      out.ref(cx.known, 'activity', m.activity, `${at}.activity`);
      const seqs = new Map<number, number>();
      m.decisions.forEach((d, j) => {
        const first = seqs.get(d.seq);
        if (first !== undefined) out.add(`${at}.decisions[${j}].seq`, `与 decisions[${first}] 的序号重复`);
        else seqs.set(d.seq, j);
        if (d.ownerType === 'deputy') out.ref(cx.known, 'deputy', d.owner, `${at}.decisions[${j}].owner`);
        if (d.ownerType === 'unit') out.ref(cx.known, 'unit', d.owner, `${at}.decisions[${j}].owner`);
        d.progress.forEach((p, k) => {
          out.ref(cx.known, 'user', p.by, `${at}.decisions[${j}].progress[${k}].by`);
        });
      });
    });
    const records = finalState(data, cx.existing, keyOf);
    // One activity holds one meeting's attendance (a unique index guards it too).
    checkExclusive(out, {
      section: 'presidiumMeetings',
      field: 'activity',
      rule: '一个活动只能关联一次主席团会议',
      records,
      itemsOf: (m) => (m.activity ? [m.activity] : []),
      labelOf: (m) => `会议 ${m.code}`,
      describe: (a) => `活动 “${a}”`,
    });
    // 第N次 once per term, in the town as it will be.
    const holder = new Map<string, string>();
    for (const { record: m, index } of records) if (index === null) holder.set(`${m.term}/${m.ordinal}`, `数据库中的会议 ${m.code}`);
    for (const { record: m, index } of records) {
      if (index === null) continue;
      const k = `${m.term}/${m.ordinal}`;
      const h = holder.get(k);
      if (h) out.add(`presidiumMeetings[${index}].ordinal`, `第 ${m.term} 届第 ${m.ordinal} 次会议已是${h}`);
      else holder.set(k, `presidiumMeetings[${index}]（${m.code}）`);
    }
    // checkExclusive names list items (activity[0]); a meeting's activity is a single field.
    return out.issues.map((iss) => (iss.field.endsWith('.activity[0]') ? { ...iss, field: iss.field.slice(0, -3) } : iss));
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const fields = (r: PresidiumMeetingRecord) => ({
      termId: keys.id('term', String(r.term)),
      number: r.ordinal,
      title: r.title,
      date: r.date,
      startTime: r.startTime,
      endTime: r.endTime,
      place: r.place,
      presider: r.presider,
      attendees: r.attendees,
      status: r.status,
      activityId: keys.idOrNull('activity', r.activity),
      minutes: r.minutes,
    });
    const decisionFields = (d: DecisionRecord) => ({
      content: d.content,
      ownerType: d.ownerType,
      ownerDeputyId: d.ownerType === 'deputy' ? keys.id('deputy', d.owner) : null,
      ownerUnitId: d.ownerType === 'unit' ? keys.id('unit', d.owner) : null,
      ownerName: d.ownerType === 'other' ? d.owner : '',
      dueDate: d.dueDate,
      status: d.status,
      doneDate: d.doneDate,
      result: d.result,
    });
    const writeAgenda = (rows: { id: string; record: PresidiumMeetingRecord }[]) =>
      insertMany(
        trx,
        'presidiumAgendaItem',
        rows.flatMap(({ id, record }) =>
          record.agenda.map((a, i) => ({ id: newId(), townId, meetingId: id, sortOrder: i + 1, title: a.title, presenter: a.presenter, notes: a.notes })),
        ),
      );
    const writeProgress = (items: { decisionId: string; d: DecisionRecord }[]) =>
      insertMany(
        trx,
        'presidiumDecisionProgress',
        items.flatMap(({ decisionId, d }) =>
          d.progress.map((p) => ({
            id: newId(),
            townId,
            decisionId,
            date: p.date,
            note: p.note,
            authorUserId: keys.idOrNull('user', p.by),
            authorName: p.byName,
            createdAt: p.at,
          })),
        ),
      );
    const insertDecisions = async (items: { meetingId: string; d: DecisionRecord }[]) => {
      const rows = items.map(({ meetingId, d }) => ({ id: newId(), meetingId, d }));
      await insertMany(
        trx,
        'presidiumDecision',
        rows.map(({ id, meetingId, d }) => ({ id, townId, meetingId, seq: d.seq, ...decisionFields(d), version: 1, createdBy: null, createdAt: now, updatedAt: now })),
      );
      await writeProgress(rows.map(({ id, d }) => ({ decisionId: id, d })));
    };

    return upsertRecords(ictx, data, keys, {
      kind: 'presidium_meeting',
      keyOf,
      entity: 'presidium_meeting',
      noun: '主席团会议',
      nameOf: (r) => `${r.code} ${r.title}`,
      auditView,
      async insert(rows) {
        await insertMany(
          trx,
          'presidiumMeeting',
          rows.map(({ id, record: r }) => ({ id, townId, code: r.code, ...fields(r), minutesFileId: null, version: 1, createdBy: null, createdAt: now, updatedAt: now })),
        );
        await writeAgenda(rows);
        await insertDecisions(rows.flatMap(({ id, record }) => record.decisions.map((d) => ({ meetingId: id, d }))));
      },
      async update(rows) {
        // A meeting freed of its activity first, so that another may take it in the same import.
        const ordered = [...rows].sort((x, y) => Number(x.after.activity !== null) - Number(y.after.activity !== null));
        for (const { id, after } of ordered) {
          await trx
            .updateTable('presidiumMeeting')
            .set((eb) => ({ ...fields(after), version: eb('version', '+', 1), updatedAt: now }))
            .where('townId', '=', townId)
            .where('id', '=', id)
            .execute();
        }
        const meetingIds = rows.map((r) => r.id);
        await deleteChildren(trx, 'presidiumAgendaItem', 'meetingId', meetingIds, townId);
        await writeAgenda(rows.map((r) => ({ id: r.id, record: r.after })));

        // Decisions keep their ids by number (their audit trail and open forms stay valid); those the
        // document no longer has go; the progress of every kept decision is rewritten from the document.
        const stored: { id: string; meetingId: string; seq: number }[] = [];
        for (const part of chunks(meetingIds, 1000)) {
          stored.push(
            ...(await trx.selectFrom('presidiumDecision').select(['id', 'meetingId', 'seq']).where('townId', '=', townId).where('meetingId', 'in', part).execute()),
          );
        }
        const storedId = new Map(stored.map((s) => [`${s.meetingId}/${s.seq}`, s.id]));
        const kept = new Set<string>();
        const fresh: { meetingId: string; d: DecisionRecord }[] = [];
        const rewritten: { decisionId: string; d: DecisionRecord }[] = [];
        for (const { id: meetingId, before, after } of rows) {
          const old = new Map(before.decisions.map((d) => [d.seq, JSON.stringify(d)]));
          for (const d of after.decisions) {
            const id = storedId.get(`${meetingId}/${d.seq}`);
            if (!id) {
              fresh.push({ meetingId, d });
              continue;
            }
            kept.add(id);
            rewritten.push({ decisionId: id, d });
            if (old.get(d.seq) === JSON.stringify(d)) continue;
            await trx
              .updateTable('presidiumDecision')
              .set((eb) => ({ ...decisionFields(d), version: eb('version', '+', 1), updatedAt: now }))
              .where('townId', '=', townId)
              .where('id', '=', id)
              .execute();
          }
        }
        const dropped = stored.filter((s) => !kept.has(s.id)).map((s) => s.id);
        await deleteChildren(
          trx,
          'presidiumDecisionProgress',
          'decisionId',
          stored.map((s) => s.id),
          townId,
        );
        for (const part of chunks(dropped, 1000)) await trx.deleteFrom('presidiumDecision').where('townId', '=', townId).where('id', 'in', part).execute();
        await writeProgress(rewritten);
        await insertDecisions(fresh);
      },
    });
  },
});
