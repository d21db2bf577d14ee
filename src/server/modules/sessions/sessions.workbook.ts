import type { Insertable, Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import { UtcTime } from '../workbook/sections/activity.fields.ts';
import { IssueList, finalState } from '../workbook/workbook.check.ts';
import { compareText, sortByKey } from '../workbook/workbook.rules.ts';
import { DateField, Key, KeyList, Name, NullableDate, TermNumber, Text } from '../workbook/workbook.schemas.ts';
import { type KeyKind, type KeyMaps, defineSection } from '../workbook/workbook.types.ts';
import { bool, chunks, deleteChildren, flag, insertMany, upsertRecords } from '../workbook/workbook.write.ts';
import {
  COUNTS_PRESENT,
  NOMINATION_MIN_SIGNERS,
  checkTally,
  checkVoteCounts,
  majorityNeeded,
  motionSponsorsOk,
  quorumNeeded,
  tallyRound,
  voteResult,
} from './sessions.rules.ts';

/*
 * The congress sessions area in the workbook: sessions (with the presidium), the roll, agenda items,
 * motions (with sponsors), votes (with per-deputy ballots) and elections (with candidates,
 * nominations, rounds and tallies). Records refer to each other by external key only: a session by its
 * code, an agenda item by session code + seq, a deputy by code, a candidate by name.
 *
 * The recorded results are checked against the legal rules (sessions.rules.ts): a vote's result must be
 * what voteResult gives for its counts, a round's elected flags and outcome what tallyRound decides.
 * Section order: sessions, sessionRoll and sessionItems come before suggestions (a suggestion names the
 * session it was raised at); motions (which may name the suggestion they became), sessionVotes and
 * elections come after.
 */

const SessionCode = Key.meta({ description: '会议编码（S001…），本镇唯一' });
const Seq = z.number().int('应为整数').min(1, '应为正整数').max(999, '不能超过 999');
const Count = z.number().int('应为整数').min(0, '不能为负数').max(100_000);
const itemKey = (session: string, seq: number) => `${session}/${seq}`;

// ---------------------------------------------------------------- sessions

export const SessionRecord = z
  .strictObject({
    code: SessionCode,
    term: TermNumber,
    number: z.number().int('应为整数').min(1, '应为正整数').max(99, '不能超过 99').meta({ description: '本届第几次会议' }),
    kind: z.enum(['ordinary', 'extraordinary']).meta({ description: 'ordinary 例会 / extraordinary 临时会议' }),
    startDate: DateField,
    endDate: DateField,
    place: Text(200),
    status: z.enum(['preparing', 'open', 'closed']).meta({ description: 'preparing 筹备中 / open 会议中 / closed 已闭会' }),
    secretaryGeneral: Key.nullable().meta({ description: '秘书长的代表编码；没有时为 null' }),
    presidium: z
      .array(z.strictObject({ deputy: Key, executive: z.boolean().meta({ description: '常务（执行）主席' }) }))
      .meta({ description: '大会主席团成员的代表编码，按名单顺序' }),
    rollTakenAt: UtcTime.nullable().meta({ description: '点名（生成应到名单）的时间；未点名为 null' }),
    openedAt: UtcTime.nullable(),
    closedAt: UtcTime.nullable(),
    notes: Text(2000),
  })
  .superRefine((s, ctx) => {
    if (s.endDate < s.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: '结束日期不能早于开始日期' });
  })
  .meta({ title: '人代会会议', description: '按 code 匹配；主席团名单随会议整体写入' });
export type SessionRecord = z.infer<typeof SessionRecord>;

export const sessionsSection = defineSection<'sessions', SessionRecord>({
  key: 'sessions',
  label: '人代会会议',
  kind: 'session',
  keyField: 'code',
  sortKey: (r) => r.code,
  keyOf: (r) => r.code,
  record: SessionRecord,

  async load(db, townId) {
    const [rows, presidium] = await Promise.all([
      db
        .selectFrom('congressSession as s')
        .innerJoin('term as t', 't.id', 's.termId')
        .leftJoin('deputy as d', 'd.id', 's.secretaryGeneralId')
        .selectAll('s')
        .select(['t.number as termNumber', 'd.code as secretaryCode'])
        .where('s.townId', '=', townId)
        .execute(),
      db
        .selectFrom('sessionPresidium as p')
        .innerJoin('deputy as d', 'd.id', 'p.deputyId')
        .select(['p.sessionId', 'p.executive', 'p.sortOrder', 'd.code'])
        .where('p.townId', '=', townId)
        .execute(),
    ]);
    const presidiumOf = new Map<string, { sortOrder: number; code: string; executive: boolean }[]>();
    for (const p of presidium)
      presidiumOf.set(p.sessionId, [...(presidiumOf.get(p.sessionId) ?? []), { sortOrder: p.sortOrder, code: p.code, executive: bool(p.executive) }]);
    return rows.map((s) => ({
      id: s.id,
      record: {
        code: s.code,
        term: s.termNumber,
        number: s.number,
        kind: s.kind,
        startDate: s.startDate,
        endDate: s.endDate,
        place: s.place,
        status: s.status,
        secretaryGeneral: s.secretaryCode ?? null,
        presidium: sortByKey(presidiumOf.get(s.id) ?? [], (p) => [p.sortOrder, p.code]).map((p) => ({ deputy: p.code, executive: p.executive })),
        rollTakenAt: s.rollTakenAt,
        openedAt: s.openedAt,
        closedAt: s.closedAt,
        notes: s.notes,
      },
    }));
  },

  check(data, cx) {
    const out = new IssueList();
    data.forEach((s, i) => {
      const at = `sessions[${i}]`;
      out.ref(cx.known, 'term', String(s.term), `${at}.term`, `第 ${s.term} 届`);
      out.ref(cx.known, 'deputy', s.secretaryGeneral, `${at}.secretaryGeneral`);
      s.presidium.forEach((p, j) => {
        out.ref(cx.known, 'deputy', p.deputy, `${at}.presidium[${j}].deputy`);
      });
      out.uniqueList(
        s.presidium.map((p) => p.deputy),
        `${at}.presidium`,
      );
    });
    // 第N次会议 once per term, in the town as it will be.
    const records = finalState(data, cx.existing, (r) => r.code);
    const holder = new Map<string, string>();
    for (const { record: s, index } of records) if (index === null) holder.set(`${s.term}/${s.number}`, `数据库中的会议 ${s.code}`);
    for (const { record: s, index } of records) {
      if (index === null) continue;
      const k = `${s.term}/${s.number}`;
      const h = holder.get(k);
      if (h) out.add(`sessions[${index}].number`, `第 ${s.term} 届第 ${s.number} 次会议已是${h}`);
      else holder.set(k, `sessions[${index}]（${s.code}）`);
    }
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const fields = (r: SessionRecord) => ({
      termId: keys.id('term', String(r.term)),
      number: r.number,
      kind: r.kind,
      startDate: r.startDate,
      endDate: r.endDate,
      place: r.place,
      status: r.status,
      secretaryGeneralId: keys.idOrNull('deputy', r.secretaryGeneral),
      rollTakenAt: r.rollTakenAt,
      openedAt: r.openedAt,
      closedAt: r.closedAt,
      notes: r.notes,
    });
    const writePresidium = (rows: { id: string; record: SessionRecord }[]) =>
      insertMany(
        trx,
        'sessionPresidium',
        rows.flatMap(({ id, record }) =>
          record.presidium.map((p, i) => ({ sessionId: id, deputyId: keys.id('deputy', p.deputy), townId, executive: flag(p.executive), sortOrder: i + 1 })),
        ),
      );
    return upsertRecords(ictx, data, keys, {
      kind: 'session',
      keyOf: (r) => r.code,
      entity: 'congress_session',
      noun: '人代会会议',
      nameOf: (r) => `${r.code} 第${r.term}届第${r.number}次会议`,
      async insert(rows) {
        await insertMany(
          trx,
          'congressSession',
          rows.map(({ id, record: r }) => ({ id, townId, code: r.code, ...fields(r), version: 1, createdBy: null, createdAt: now, updatedAt: now })),
        );
        await writePresidium(rows);
      },
      async update(rows) {
        // Numbers may be swapped between sessions of a term: free them first.
        for (const { id } of rows) {
          await trx
            .updateTable('congressSession')
            .set({ number: -1 - rows.findIndex((r) => r.id === id) })
            .where('townId', '=', townId)
            .where('id', '=', id)
            .execute();
        }
        for (const { id, after } of rows) {
          await trx
            .updateTable('congressSession')
            .set((eb) => ({ ...fields(after), version: eb('version', '+', 1), updatedAt: now }))
            .where('townId', '=', townId)
            .where('id', '=', id)
            .execute();
        }
        await deleteChildren(
          trx,
          'sessionPresidium',
          'sessionId',
          rows.map((r) => r.id),
          townId,
        );
        await writePresidium(rows.map((r) => ({ id: r.id, record: r.after })));
      },
    });
  },
});

// ---------------------------------------------------------------- roll

export const ROLL_STATUSES = ['expected', 'present', 'late', 'on_leave', 'absent'] as const;

export const RollRecord = z
  .strictObject({
    session: SessionCode,
    deputy: Key.meta({ description: '代表编码' }),
    status: z.enum(ROLL_STATUSES).meta({ description: 'expected 应到未签到 / present 出席 / late 迟到 / on_leave 请假 / absent 缺席' }),
    leaveReason: Text(500).meta({ description: '请假事由；请假时必填' }),
    arrivedAt: UtcTime.nullable(),
    markedAt: UtcTime.nullable(),
  })
  .superRefine((r, ctx) => {
    if (r.status === 'on_leave' && !r.leaveReason.trim()) ctx.addIssue({ code: 'custom', path: ['leaveReason'], message: '请假须填写事由' });
  })
  .meta({ title: '会议应到名单', description: '按会议编码 + 代表编码匹配；一名代表在一次会议的应到名单中一行（全体代表 = 名单人数）' });
export type RollRecord = z.infer<typeof RollRecord>;

const rollKey = (r: RollRecord) => `${r.session}/${r.deputy}`;

export const sessionRollSection = defineSection<'sessionRoll', RollRecord>({
  key: 'sessionRoll',
  label: '会议应到名单',
  kind: 'session_roll',
  keyField: 'deputy',
  sortKey: (r) => [r.session, r.deputy],
  keyOf: rollKey,
  record: RollRecord,

  async load(db, townId) {
    const rows = await db
      .selectFrom('sessionAttendee as a')
      .innerJoin('congressSession as s', 's.id', 'a.sessionId')
      .innerJoin('deputy as d', 'd.id', 'a.deputyId')
      .selectAll('a')
      .select(['s.code as sessionCode', 'd.code as deputyCode'])
      .where('a.townId', '=', townId)
      .execute();
    return rows.map((a) => ({
      id: `${a.sessionId}|${a.deputyId}`,
      record: {
        session: a.sessionCode,
        deputy: a.deputyCode,
        status: a.status,
        leaveReason: a.leaveReason,
        arrivedAt: a.arrivedAt,
        markedAt: a.markedAt,
      },
    }));
  },

  check(data, cx) {
    const out = new IssueList();
    data.forEach((r, i) => {
      out.ref(cx.known, 'session', r.session, `sessionRoll[${i}].session`);
      out.ref(cx.known, 'deputy', r.deputy, `sessionRoll[${i}].deputy`);
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId } = ictx;
    const fields = (r: RollRecord) => ({ status: r.status, leaveReason: r.leaveReason, arrivedAt: r.arrivedAt, markedAt: r.markedAt });
    return upsertRecords(ictx, data, keys, {
      kind: 'session_roll',
      keyOf: rollKey,
      entity: 'session_attendee',
      noun: '应到代表',
      nameOf: (r) => `${r.session} ${r.deputy}`,
      async insert(rows) {
        await insertMany(
          trx,
          'sessionAttendee',
          rows.map(({ record: r }) => ({
            sessionId: keys.id('session', r.session),
            deputyId: keys.id('deputy', r.deputy),
            townId,
            ...fields(r),
            markedBy: null,
          })),
        );
      },
      async update(rows) {
        for (const { id, after } of rows) {
          const [sessionId, deputyId] = id.split('|');
          await trx
            .updateTable('sessionAttendee')
            .set(fields(after))
            .where('townId', '=', townId)
            .where('sessionId', '=', sessionId)
            .where('deputyId', '=', deputyId)
            .execute();
        }
      },
    });
  },
});

// ---------------------------------------------------------------- agenda items

export const ITEM_KINDS = ['work_report', 'written_report', 'motion', 'election', 'decision', 'other'] as const;

export const ItemRecord = z
  .strictObject({
    session: SessionCode,
    seq: Seq.meta({ description: '议程序号，从 1 起' }),
    kind: z
      .enum(ITEM_KINDS)
      .meta({ description: 'work_report 工作报告 / written_report 书面报告 / motion 议案 / election 选举 / decision 决议、决定 / other 其他' }),
    title: Name(200),
    presenter: Text(50),
    status: z.enum(['pending', 'reviewed', 'passed', 'failed']).meta({ description: 'pending 待审议 / reviewed 已审议 / passed 通过 / failed 未通过' }),
    notes: Text(2000),
  })
  .meta({ title: '会议议程', description: '按会议编码 + 议程序号匹配（议程文件不随工作簿导出）' });
export type ItemRecord = z.infer<typeof ItemRecord>;

const itemKeyOf = (r: ItemRecord) => itemKey(r.session, r.seq);

export const sessionItemsSection = defineSection<'sessionItems', ItemRecord>({
  key: 'sessionItems',
  label: '会议议程',
  kind: 'session_item',
  keyField: 'seq',
  sortKey: (r) => [r.session, r.seq],
  keyOf: itemKeyOf,
  record: ItemRecord,

  async load(db, townId) {
    const rows = await db
      .selectFrom('sessionItem as i')
      .innerJoin('congressSession as s', 's.id', 'i.sessionId')
      .selectAll('i')
      .select('s.code as sessionCode')
      .where('i.townId', '=', townId)
      .execute();
    return rows.map((i) => ({
      id: i.id,
      record: { session: i.sessionCode, seq: i.seq, kind: i.kind, title: i.title, presenter: i.presenter, status: i.status, notes: i.notes },
    }));
  },

  check(data, cx) {
    const out = new IssueList();
    data.forEach((r, i) => {
      out.ref(cx.known, 'session', r.session, `sessionItems[${i}].session`);
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const fields = (r: ItemRecord) => ({ seq: r.seq, kind: r.kind, title: r.title, presenter: r.presenter, status: r.status, notes: r.notes });
    return upsertRecords(ictx, data, keys, {
      kind: 'session_item',
      keyOf: itemKeyOf,
      entity: 'session_item',
      noun: '会议议程',
      nameOf: (r) => `${r.session}-${r.seq} ${r.title}`,
      async insert(rows) {
        await insertMany(
          trx,
          'sessionItem',
          rows.map(({ id, record: r }) => ({ id, townId, sessionId: keys.id('session', r.session), ...fields(r), version: 1, createdAt: now, updatedAt: now })),
        );
      },
      async update(rows) {
        for (const { id, after } of rows) {
          await trx
            .updateTable('sessionItem')
            .set((eb) => ({ ...fields(after), version: eb('version', '+', 1), updatedAt: now }))
            .where('townId', '=', townId)
            .where('id', '=', id)
            .execute();
        }
      },
    });
  },
});

/** The rolls of the town as they will be after the import: session code -> deputy code -> status. */
type Rolls = Map<string, Map<string, RollRecord['status']>>;
function rollsOf(cx: { other<T>(key: string): { inDoc: T[]; existing: { record: T }[] } }): Rolls {
  const o = cx.other<RollRecord>('sessionRoll');
  const m: Rolls = new Map();
  for (const { record: r } of finalState(o.inDoc, o.existing, rollKey)) {
    const one = m.get(r.session) ?? new Map<string, RollRecord['status']>();
    one.set(r.deputy, r.status);
    m.set(r.session, one);
  }
  return m;
}

/**
 * A vote or an election round against the session's roll in the workbook: all deputies is the roll's
 * size, those present reach the quorum (more than two-thirds), and — for per-deputy ballots — each
 * deputy who voted is present or late on the roll.
 */
function checkAgainstRoll(
  out: IssueList,
  at: string,
  session: string,
  roll: Map<string, RollRecord['status']> | undefined,
  r: { allDeputies: number; present: number },
  what: string,
): void {
  const size = roll?.size ?? 0;
  if (r.allDeputies !== size) out.add(`${at}.allDeputies`, `全体代表（${r.allDeputies}）应等于会议 ${session} 应到名单的人数（${size} 名）`);
  const needed = quorumNeeded(r.allDeputies);
  if (r.present < needed)
    out.add(`${at}.present`, `出席代表 ${r.present} 名，未超过全体代表 ${r.allDeputies} 名的三分之二（须至少 ${needed} 名），不能${what}`);
}

/** Agenda items of the town as they will be after the import: session/seq -> kind. */
function itemKinds(cx: { other<T>(key: string): { inDoc: T[]; existing: { record: T }[] } }): Map<string, ItemRecord['kind']> {
  const o = cx.other<ItemRecord>('sessionItems');
  const m = new Map<string, ItemRecord['kind']>();
  for (const e of o.existing) m.set(itemKeyOf(e.record), e.record.kind);
  for (const r of o.inDoc) m.set(itemKeyOf(r), r.kind);
  return m;
}

// ---------------------------------------------------------------- motions

export const MotionRecord = z
  .strictObject({
    session: SessionCode,
    number: Seq.meta({ description: '议案编号（第N号），会议内唯一' }),
    proposerType: z.enum(['deputies', 'presidium', 'government']).meta({ description: 'deputies 代表联名 / presidium 主席团 / government 镇人民政府' }),
    subject: Name(200).meta({ description: '案由' }),
    grounds: Text(20_000).meta({ description: '案据' }),
    solution: Text(20_000).meta({ description: '方案' }),
    submittedOn: DateField,
    status: z.enum(['submitted', 'on_agenda', 'to_suggestion', 'not_accepted', 'withdrawn', 'passed', 'failed']).meta({
      description:
        'submitted 已提出 / on_agenda 列入议程 / to_suggestion 作为建议办理 / not_accepted 不予列入 / withdrawn 已撤回 / passed 通过 / failed 未通过',
    }),
    decisionReason: Text(2000).meta({ description: '不予列入或撤回的理由' }),
    decidedAt: UtcTime.nullable(),
    item: Seq.nullable().meta({ description: '列入议程后议程项的序号（同一会议）；没有时为 null' }),
    suggestion: Key.nullable().meta({ description: '作为建议办理时建议的编号；没有时为 null' }),
    sponsors: z
      .array(z.strictObject({ deputy: Key, role: z.enum(['lead', 'co']).meta({ description: 'lead 领衔 / co 附议' }) }))
      .meta({ description: '领衔、联名代表，按代表编码排列' }),
  })
  .superRefine((m, ctx) => {
    if (!motionSponsorsOk(m.proposerType, m.sponsors.length)) ctx.addIssue({ code: 'custom', path: ['sponsors'], message: '议案须由 5 名以上代表联名' });
    if (m.proposerType !== 'deputies' && m.sponsors.length)
      ctx.addIssue({ code: 'custom', path: ['sponsors'], message: '主席团或镇人民政府提出的议案没有联名代表' });
    if (m.proposerType === 'deputies' && m.sponsors.filter((s) => s.role === 'lead').length !== 1)
      ctx.addIssue({ code: 'custom', path: ['sponsors'], message: '代表联名的议案应有且只有一名领衔代表' });
    if (m.status === 'not_accepted' && !m.decisionReason.trim()) ctx.addIssue({ code: 'custom', path: ['decisionReason'], message: '不予列入议程须说明理由' });
    if (['on_agenda', 'passed', 'failed'].includes(m.status) && m.item === null)
      ctx.addIssue({ code: 'custom', path: ['item'], message: '列入议程的议案应填写议程序号' });
  })
  .meta({ title: '议案', description: '按会议编码 + 议案编号匹配；联名代表随议案整体写入' });
export type MotionRecord = z.infer<typeof MotionRecord>;

const motionKey = (r: MotionRecord) => `${r.session}/${r.number}`;
const sortSponsors = (s: MotionRecord['sponsors']) => sortByKey(s, (x) => x.deputy);

export const motionsSection = defineSection<'motions', MotionRecord>({
  key: 'motions',
  label: '议案',
  kind: 'motion',
  keyField: 'number',
  sortKey: (r) => [r.session, r.number],
  keyOf: motionKey,
  record: MotionRecord,
  canonical: (r) => ({ ...r, sponsors: sortSponsors(r.sponsors) }),

  async load(db, townId) {
    const [rows, sponsors] = await Promise.all([
      db
        .selectFrom('motion as m')
        .innerJoin('congressSession as s', 's.id', 'm.sessionId')
        .leftJoin('sessionItem as i', 'i.id', 'm.itemId')
        .leftJoin('suggestion as g', 'g.id', 'm.suggestionId')
        .selectAll('m')
        .select(['s.code as sessionCode', 'i.seq as itemSeq', 'g.code as suggestionCode'])
        .where('m.townId', '=', townId)
        .execute(),
      db
        .selectFrom('motionSponsor as p')
        .innerJoin('deputy as d', 'd.id', 'p.deputyId')
        .select(['p.motionId', 'p.role', 'd.code'])
        .where('p.townId', '=', townId)
        .execute(),
    ]);
    const sponsorsOf = new Map<string, MotionRecord['sponsors']>();
    for (const p of sponsors) sponsorsOf.set(p.motionId, [...(sponsorsOf.get(p.motionId) ?? []), { deputy: p.code, role: p.role }]);
    return rows.map((m) => ({
      id: m.id,
      record: {
        session: m.sessionCode,
        number: m.number,
        proposerType: m.proposerType,
        subject: m.subject,
        grounds: m.grounds,
        solution: m.solution,
        submittedOn: m.submittedOn,
        status: m.status,
        decisionReason: m.decisionReason,
        decidedAt: m.decidedAt,
        item: m.itemSeq ?? null,
        suggestion: m.suggestionCode ?? null,
        sponsors: sortSponsors(sponsorsOf.get(m.id) ?? []),
      },
    }));
  },

  check(data, cx) {
    const out = new IssueList();
    const kinds = itemKinds(cx);
    data.forEach((m, i) => {
      const at = `motions[${i}]`;
      out.ref(cx.known, 'session', m.session, `${at}.session`);
      if (m.item !== null) {
        const kind = kinds.get(itemKey(m.session, m.item));
        if (kind === undefined) out.add(`${at}.item`, `会议 ${m.session} 没有第 ${m.item} 项议程`);
        else if (kind !== 'motion') out.add(`${at}.item`, `会议 ${m.session} 第 ${m.item} 项议程不是议案（motion）`);
      }
      out.ref(cx.known, 'suggestion', m.suggestion, `${at}.suggestion`);
      m.sponsors.forEach((s, j) => {
        out.ref(cx.known, 'deputy', s.deputy, `${at}.sponsors[${j}].deputy`);
      });
      out.uniqueList(
        m.sponsors.map((s) => s.deputy),
        `${at}.sponsors`,
      );
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const fields = (r: MotionRecord) => ({
      proposerType: r.proposerType,
      subject: r.subject,
      grounds: r.grounds,
      solution: r.solution,
      submittedOn: r.submittedOn,
      status: r.status,
      decisionReason: r.decisionReason,
      decidedAt: r.decidedAt,
      itemId: r.item === null ? null : keys.id('session_item', itemKey(r.session, r.item)),
      suggestionId: keys.idOrNull('suggestion', r.suggestion),
    });
    const writeSponsors = (rows: { id: string; record: MotionRecord }[]) =>
      insertMany(
        trx,
        'motionSponsor',
        rows.flatMap(({ id, record }) => record.sponsors.map((s) => ({ motionId: id, deputyId: keys.id('deputy', s.deputy), townId, role: s.role }))),
      );
    return upsertRecords(ictx, data, keys, {
      kind: 'motion',
      keyOf: motionKey,
      entity: 'motion',
      noun: '议案',
      nameOf: (r) => `${r.session} 第${r.number}号 ${r.subject}`,
      async insert(rows) {
        await insertMany(
          trx,
          'motion',
          rows.map(({ id, record: r }) => ({
            id,
            townId,
            sessionId: keys.id('session', r.session),
            number: r.number,
            ...fields(r),
            version: 1,
            createdBy: null,
            createdAt: now,
            updatedAt: now,
          })),
        );
        await writeSponsors(rows);
      },
      async update(rows) {
        for (const { id, after } of rows) {
          await trx
            .updateTable('motion')
            .set((eb) => ({ ...fields(after), version: eb('version', '+', 1), updatedAt: now }))
            .where('townId', '=', townId)
            .where('id', '=', id)
            .execute();
        }
        await deleteChildren(
          trx,
          'motionSponsor',
          'motionId',
          rows.map((r) => r.id),
          townId,
        );
        await writeSponsors(rows.map((r) => ({ id: r.id, record: r.after })));
      },
    });
  },
});

// ---------------------------------------------------------------- votes

const Ballot = z.strictObject({ deputy: Key, choice: z.enum(['for', 'against', 'abstain', 'not_voting']) });

export const VoteRecord = z
  .strictObject({
    session: SessionCode,
    item: Seq.meta({ description: '表决的议程项序号（同一会议）' }),
    round: Seq.meta({ description: '第几轮表决（票数相等时再次表决）' }),
    method: z.enum(['count', 'per_deputy']).meta({ description: 'count 按票数录入 / per_deputy 逐人录入' }),
    for: Count.meta({ description: '赞成票' }),
    against: Count.meta({ description: '反对票' }),
    abstain: Count.meta({ description: '弃权票' }),
    notVoting: Count.meta({ description: '未按表决器' }),
    allDeputies: Count.meta({ description: '表决时的全体代表人数（应到名单人数）' }),
    present: Count.meta({ description: '表决时出席的代表人数' }),
    result: z.enum(['passed', 'failed', 'tie']).meta({ description: 'passed 通过 / failed 未通过 / tie 票数相等；须与票数按规则算出的结果一致' }),
    announcement: Text(2000),
    recordedAt: UtcTime,
    ballots: z.array(Ballot).meta({ description: '逐人录入时每名出席代表的表决，按代表编码排列；按票数录入时为空' }),
  })
  .superRefine((v, ctx) => {
    const counts = { for: v.for, against: v.against, abstain: v.abstain, notVoting: v.notVoting };
    const c = checkVoteCounts(counts, v.present);
    if (!c.ok) ctx.addIssue({ code: 'custom', path: [c.field === 'total' ? 'present' : c.field], message: c.message });
    if (v.present > v.allDeputies) ctx.addIssue({ code: 'custom', path: ['present'], message: `出席人数（${v.present}）不能多于全体代表（${v.allDeputies}）` });
    const expected = voteResult(counts, v.allDeputies);
    if (v.result !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['result'],
        message: `表决结果应为 ${expected}：赞成 ${v.for} 票，全体代表 ${v.allDeputies} 名，通过需 ${majorityNeeded(v.allDeputies)} 票`,
      });
    }
    if (v.method === 'count' && v.ballots.length) ctx.addIssue({ code: 'custom', path: ['ballots'], message: '按票数录入的表决没有逐人表决记录' });
    if (v.method === 'per_deputy') {
      const n = (choice: string) => v.ballots.filter((b) => b.choice === choice).length;
      if (n('for') !== v.for || n('against') !== v.against || n('abstain') !== v.abstain || n('not_voting') !== v.notVoting) {
        ctx.addIssue({ code: 'custom', path: ['ballots'], message: '逐人表决记录与赞成、反对、弃权、未按表决器票数不一致' });
      }
    }
  })
  .meta({ title: '表决', description: '按会议编码 + 议程序号 + 轮次匹配；逐人表决记录随表决整体写入' });
export type VoteRecord = z.infer<typeof VoteRecord>;

const voteKey = (r: VoteRecord) => `${r.session}/${r.item}/${r.round}`;
const sortBallots = (b: VoteRecord['ballots']) => sortByKey(b, (x) => x.deputy);

export const sessionVotesSection = defineSection<'sessionVotes', VoteRecord>({
  key: 'sessionVotes',
  label: '表决',
  kind: 'session_vote',
  keyField: 'round',
  sortKey: (r) => [r.session, r.item, r.round],
  keyOf: voteKey,
  record: VoteRecord,
  canonical: (r) => ({ ...r, ballots: sortBallots(r.ballots) }),

  async load(db, townId) {
    const [rows, ballots] = await Promise.all([
      db
        .selectFrom('sessionVote as v')
        .innerJoin('congressSession as s', 's.id', 'v.sessionId')
        .innerJoin('sessionItem as i', 'i.id', 'v.itemId')
        .selectAll('v')
        .select(['s.code as sessionCode', 'i.seq as itemSeq'])
        .where('v.townId', '=', townId)
        .execute(),
      db
        .selectFrom('sessionVoteBallot as b')
        .innerJoin('deputy as d', 'd.id', 'b.deputyId')
        .select(['b.voteId', 'b.choice', 'd.code'])
        .where('b.townId', '=', townId)
        .execute(),
    ]);
    const ballotsOf = new Map<string, VoteRecord['ballots']>();
    for (const b of ballots) ballotsOf.set(b.voteId, [...(ballotsOf.get(b.voteId) ?? []), { deputy: b.code, choice: b.choice }]);
    return rows.map((v) => ({
      id: v.id,
      record: {
        session: v.sessionCode,
        item: v.itemSeq,
        round: v.round,
        method: v.method,
        for: v.forCount,
        against: v.againstCount,
        abstain: v.abstainCount,
        notVoting: v.notVotingCount,
        allDeputies: v.allDeputies,
        present: v.presentCount,
        result: v.result,
        announcement: v.announcement,
        recordedAt: v.recordedAt,
        ballots: sortBallots(ballotsOf.get(v.id) ?? []),
      },
    }));
  },

  check(data, cx) {
    const out = new IssueList();
    const kinds = itemKinds(cx);
    const rolls = rollsOf(cx);
    data.forEach((v, i) => {
      const at = `sessionVotes[${i}]`;
      out.ref(cx.known, 'session', v.session, `${at}.session`);
      const roll = rolls.get(v.session);
      checkAgainstRoll(out, at, v.session, roll, v, '表决');
      const kind = kinds.get(itemKey(v.session, v.item));
      if (kind === undefined) out.add(`${at}.item`, `会议 ${v.session} 没有第 ${v.item} 项议程`);
      else if (kind === 'election') out.add(`${at}.item`, '选举事项按选举轮次记录，不作表决');
      v.ballots.forEach((b, j) => {
        out.ref(cx.known, 'deputy', b.deputy, `${at}.ballots[${j}].deputy`);
        const st = roll?.get(b.deputy);
        if (!st || !COUNTS_PRESENT.includes(st))
          out.add(`${at}.ballots[${j}].deputy`, `代表 ${b.deputy} 在会议 ${v.session} 的应到名单中不是出席或迟到，不能参加表决`);
      });
      out.uniqueList(
        v.ballots.map((b) => b.deputy),
        `${at}.ballots`,
      );
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId } = ictx;
    const fields = (r: VoteRecord) => ({
      method: r.method,
      forCount: r.for,
      againstCount: r.against,
      abstainCount: r.abstain,
      notVotingCount: r.notVoting,
      allDeputies: r.allDeputies,
      presentCount: r.present,
      result: r.result,
      announcement: r.announcement,
      recordedAt: r.recordedAt,
    });
    const writeBallots = (rows: { id: string; record: VoteRecord }[]) =>
      insertMany(
        trx,
        'sessionVoteBallot',
        rows.flatMap(({ id, record }) => record.ballots.map((b) => ({ voteId: id, deputyId: keys.id('deputy', b.deputy), townId, choice: b.choice }))),
      );
    return upsertRecords(ictx, data, keys, {
      kind: 'session_vote',
      keyOf: voteKey,
      entity: 'session_vote',
      noun: '表决',
      nameOf: (r) => `${r.session}-${r.item} 第${r.round}轮`,
      async insert(rows) {
        await insertMany(
          trx,
          'sessionVote',
          rows.map(({ id, record: r }) => ({
            id,
            townId,
            sessionId: keys.id('session', r.session),
            itemId: keys.id('session_item', itemKey(r.session, r.item)),
            round: r.round,
            ...fields(r),
            recordedBy: null,
          })),
        );
        await writeBallots(rows);
      },
      async update(rows) {
        for (const { id, after } of rows) await trx.updateTable('sessionVote').set(fields(after)).where('townId', '=', townId).where('id', '=', id).execute();
        await deleteChildren(
          trx,
          'sessionVoteBallot',
          'voteId',
          rows.map((r) => r.id),
          townId,
        );
        await writeBallots(rows.map((r) => ({ id: r.id, record: r.after })));
      },
    });
  },
});

// ---------------------------------------------------------------- elections

const CandidateRecord = z.strictObject({
  name: Name(50).meta({ description: '候选人姓名，在本次选举中唯一（提名、计票按姓名引用）' }),
  deputy: Key.nullable().meta({ description: '候选人是代表时的代表编码；不是代表时为 null' }),
  gender: z.enum(['male', 'female']).nullable(),
  birthDate: NullableDate,
  party: Text(50),
  title: Text(100).meta({ description: '现任职务' }),
  withdrawn: z.boolean().meta({ description: '已退出' }),
});

const NominationRecord = z.strictObject({
  nominator: z.enum(['presidium', 'deputies']).meta({ description: 'presidium 主席团提名 / deputies 代表联合提名' }),
  submittedOn: DateField,
  notes: Text(2000),
  signers: KeyList.meta({ description: '联合提名代表的代表编码，按编码排列；主席团提名时为空' }),
  candidates: z.array(Name(50)).meta({ description: '所提候选人的姓名' }),
});

const TallyRecord = z.strictObject({
  candidate: Name(50).nullable().meta({ description: '候选人姓名；另选他人时为 null' }),
  writeIn: Name(50).nullable().meta({ description: '另选他人的姓名；候选人时为 null' }),
  for: Count,
  against: Count,
  abstain: Count,
  elected: z.boolean().meta({ description: '当选；须与按规则计票的结果一致' }),
});

const RoundRecord = z.strictObject({
  round: Seq,
  seats: Seq.meta({ description: '本轮应选名额' }),
  issued: Count.meta({ description: '发出选票' }),
  returned: Count.meta({ description: '收回选票' }),
  valid: Count.meta({ description: '有效票' }),
  invalid: Count.meta({ description: '无效票' }),
  allDeputies: Count,
  present: Count,
  outcome: z.enum(['filled', 'partly', 'none', 'void']).meta({ description: 'filled 选满 / partly 未选满 / none 无人当选 / void 选举无效；须与计票规则一致' }),
  announcement: Text(5000),
  recordedAt: UtcTime,
  tallies: z.array(TallyRecord).meta({ description: '计票：候选人按名单顺序，另选他人按姓名' }),
});

export const ElectionRecord = z
  .strictObject({
    session: SessionCode,
    item: Seq.meta({ description: '选举的议程项序号（同一会议）' }),
    post: z.enum(['chair', 'vice_chair', 'town_head', 'deputy_head', 'presidium_member', 'other']),
    postName: Name(100),
    seats: Seq.meta({ description: '应选名额' }),
    status: z.enum(['nominating', 'voting', 'done']).meta({ description: 'nominating 提名中 / voting 投票中 / done 已完成' }),
    candidates: z.array(CandidateRecord).meta({ description: '候选人，按选票上的顺序' }),
    nominations: z.array(NominationRecord).meta({ description: '提名' }),
    rounds: z.array(RoundRecord).meta({ description: '投票轮次，按轮次排列' }),
  })
  .meta({ title: '选举', description: '按会议编码 + 议程序号匹配；候选人、提名、轮次和计票随选举整体写入' });
export type ElectionRecord = z.infer<typeof ElectionRecord>;

const electionKey = (r: ElectionRecord) => itemKey(r.session, r.item);

function canonicalElection(r: ElectionRecord): ElectionRecord {
  const order = new Map(r.candidates.map((c, i) => [c.name, i]));
  const nominations = sortByKey(
    r.nominations.map((n) => ({ ...n, signers: [...n.signers].sort(compareText), candidates: sortByKey(n.candidates, (c) => [order.get(c) ?? 9999, c]) })),
    (n) => [n.submittedOn, n.nominator, n.signers.join(','), n.candidates.join(',')],
  );
  const rounds = sortByKey(r.rounds, (x) => x.round).map((x) => ({
    ...x,
    tallies: sortByKey(x.tallies, (t) => (t.candidate !== null ? [0, order.get(t.candidate) ?? 9999, t.candidate] : [1, 0, t.writeIn ?? ''])),
  }));
  return { ...r, nominations, rounds };
}

function checkElection(
  e: ElectionRecord,
  at: string,
  out: IssueList,
  known: (kind: KeyKind, key: string) => boolean,
  roll: Map<string, RollRecord['status']> | undefined,
): void {
  const names = new Set<string>();
  e.candidates.forEach((c, j) => {
    if (names.has(c.name)) out.add(`${at}.candidates[${j}].name`, `候选人 “${c.name}” 重复出现`);
    names.add(c.name);
    out.ref(known, 'deputy', c.deputy, `${at}.candidates[${j}].deputy`);
  });
  e.nominations.forEach((n, j) => {
    const nat = `${at}.nominations[${j}]`;
    n.signers.forEach((s, k) => {
      out.ref(known, 'deputy', s, `${nat}.signers[${k}]`);
    });
    out.uniqueList(n.signers, `${nat}.signers`);
    if (n.nominator === 'deputies' && n.signers.length < NOMINATION_MIN_SIGNERS)
      out.add(`${nat}.signers`, `代表联合提名须有 ${NOMINATION_MIN_SIGNERS} 名以上代表`);
    if (n.nominator === 'presidium' && n.signers.length) out.add(`${nat}.signers`, '主席团提名没有联名代表');
    n.candidates.forEach((c, k) => {
      if (!names.has(c)) out.add(`${nat}.candidates[${k}]`, `候选人 “${c}” 不在本次选举的候选人名单中`);
    });
  });
  const rounds = new Set<number>();
  e.rounds.forEach((r, j) => {
    const rat = `${at}.rounds[${j}]`;
    if (rounds.has(r.round)) out.add(`${rat}.round`, `第 ${r.round} 轮重复出现`);
    rounds.add(r.round);
    let shapeOk = true;
    const seen = new Set<string>();
    r.tallies.forEach((t, k) => {
      if ((t.candidate === null) === (t.writeIn === null)) {
        out.add(`${rat}.tallies[${k}]`, 'candidate 与 writeIn 应有且只有一个');
        shapeOk = false;
        return;
      }
      if (t.candidate !== null && !names.has(t.candidate)) {
        out.add(`${rat}.tallies[${k}].candidate`, `候选人 “${t.candidate}” 不在本次选举的候选人名单中`);
        shapeOk = false;
      }
      const key = t.candidate !== null ? `c:${t.candidate}` : `w:${t.writeIn}`;
      if (seen.has(key)) {
        out.add(`${rat}.tallies[${k}]`, '同一人在本轮计票中重复出现');
        shapeOk = false;
      }
      seen.add(key);
    });
    if (!shapeOk) return;
    const lines = r.tallies.map((t, k) => ({ key: String(k), for: t.for, against: t.against, abstain: t.abstain }));
    const b = { issued: r.issued, returned: r.returned, valid: r.valid, invalid: r.invalid };
    if (r.present > r.allDeputies) out.add(`${rat}.present`, `出席人数（${r.present}）不能多于全体代表（${r.allDeputies}）`);
    checkAgainstRoll(out, rat, e.session, roll, r, '选举');
    const tc = checkTally(b, r.present, lines, r.seats);
    if (!tc.ok) {
      out.add(`${rat}.${tc.field.replace(/^lines/, 'tallies')}`, tc.message);
      return;
    }
    const res = tallyRound(b, r.allDeputies, r.seats, lines);
    if (r.outcome !== res.outcome) out.add(`${rat}.outcome`, `按计票规则本轮结果应为 ${res.outcome}（当选需赞成票 ${res.needed} 票）`);
    const elected = new Set(res.elected);
    r.tallies.forEach((t, k) => {
      const should = elected.has(String(k));
      if (t.elected !== should) {
        out.add(
          `${rat}.tallies[${k}].elected`,
          should
            ? `赞成 ${t.for} 票，按计票规则应当选（需 ${res.needed} 票）`
            : `赞成 ${t.for} 票，按计票规则不应当选（需 ${res.needed} 票，应选 ${r.seats} 名）`,
        );
      }
    });
  });
}

export const electionsSection = defineSection<'elections', ElectionRecord>({
  key: 'elections',
  label: '选举',
  kind: 'election',
  keyField: 'item',
  sortKey: (r) => [r.session, r.item],
  keyOf: electionKey,
  record: ElectionRecord,
  canonical: canonicalElection,

  async load(db, townId) {
    const [rows, candidates, nominations, nomCandidates, signers, rounds, tallies] = await Promise.all([
      db
        .selectFrom('election as e')
        .innerJoin('congressSession as s', 's.id', 'e.sessionId')
        .innerJoin('sessionItem as i', 'i.id', 'e.itemId')
        .selectAll('e')
        .select(['s.code as sessionCode', 'i.seq as itemSeq'])
        .where('e.townId', '=', townId)
        .execute(),
      db
        .selectFrom('electionCandidate as c')
        .leftJoin('deputy as d', 'd.id', 'c.deputyId')
        .selectAll('c')
        .select('d.code as deputyCode')
        .where('c.townId', '=', townId)
        .execute(),
      db.selectFrom('electionNomination').selectAll().where('townId', '=', townId).execute(),
      db.selectFrom('electionNominationCandidate').selectAll().where('townId', '=', townId).execute(),
      db
        .selectFrom('electionNominationSigner as g')
        .innerJoin('deputy as d', 'd.id', 'g.deputyId')
        .select(['g.nominationId', 'd.code'])
        .where('g.townId', '=', townId)
        .execute(),
      db.selectFrom('electionRound').selectAll().where('townId', '=', townId).execute(),
      db.selectFrom('electionTally').selectAll().where('townId', '=', townId).execute(),
    ]);
    const group = <T>(items: T[], by: (t: T) => string) => {
      const m = new Map<string, T[]>();
      for (const t of items) m.set(by(t), [...(m.get(by(t)) ?? []), t]);
      return m;
    };
    const candidatesOf = group(candidates, (c) => c.electionId);
    const candidateName = new Map(candidates.map((c) => [c.id, c.name]));
    const nominationsOf = group(nominations, (n) => n.electionId);
    const nomCandidatesOf = group(nomCandidates, (n) => n.nominationId);
    const signersOf = group(signers, (s) => s.nominationId);
    const roundsOf = group(rounds, (r) => r.electionId);
    const talliesOf = group(tallies, (t) => t.roundId);
    return rows.map((e) => ({
      id: e.id,
      record: canonicalElection({
        session: e.sessionCode,
        item: e.itemSeq,
        post: e.post,
        postName: e.postName,
        seats: e.seats,
        status: e.status,
        candidates: sortByKey(candidatesOf.get(e.id) ?? [], (c) => [c.sortOrder, c.name]).map((c) => ({
          name: c.name,
          deputy: c.deputyCode ?? null,
          gender: c.gender,
          birthDate: c.birthDate,
          party: c.party,
          title: c.title,
          withdrawn: bool(c.withdrawn),
        })),
        nominations: (nominationsOf.get(e.id) ?? []).map((n) => ({
          nominator: n.nominator,
          submittedOn: n.submittedOn,
          notes: n.notes,
          signers: (signersOf.get(n.id) ?? []).map((s) => s.code),
          candidates: (nomCandidatesOf.get(n.id) ?? []).map((c) => candidateName.get(c.candidateId) ?? ''),
        })),
        rounds: (roundsOf.get(e.id) ?? []).map((r) => ({
          round: r.round,
          seats: r.seats,
          issued: r.ballotsIssued,
          returned: r.ballotsReturned,
          valid: r.ballotsValid,
          invalid: r.ballotsInvalid,
          allDeputies: r.allDeputies,
          present: r.presentCount,
          outcome: r.outcome,
          announcement: r.announcement,
          recordedAt: r.recordedAt,
          tallies: (talliesOf.get(r.id) ?? []).map((t) => ({
            candidate: t.candidateId ? (candidateName.get(t.candidateId) ?? null) : null,
            writeIn: t.candidateId ? null : (t.writeInName ?? ''),
            for: t.forVotes,
            against: t.againstVotes,
            abstain: t.abstainVotes,
            elected: bool(t.elected),
          })),
        })),
      }),
    }));
  },

  check(data, cx) {
    const out = new IssueList();
    const kinds = itemKinds(cx);
    const rolls = rollsOf(cx);
    data.forEach((e, i) => {
      const at = `elections[${i}]`;
      out.ref(cx.known, 'session', e.session, `${at}.session`);
      const kind = kinds.get(itemKey(e.session, e.item));
      if (kind === undefined) out.add(`${at}.item`, `会议 ${e.session} 没有第 ${e.item} 项议程`);
      else if (kind !== 'election') out.add(`${at}.item`, `会议 ${e.session} 第 ${e.item} 项议程不是选举（election）`);
      checkElection(e, at, out, cx.known, rolls.get(e.session));
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const fields = (r: ElectionRecord) => ({ post: r.post, postName: r.postName, seats: r.seats, status: r.status });
    const writeChildren = (rows: { id: string; record: ElectionRecord }[]) => writeElectionChildren(trx, townId, now, rows, keys);
    return upsertRecords(ictx, data, keys, {
      kind: 'election',
      keyOf: electionKey,
      entity: 'election',
      noun: '选举',
      nameOf: (r) => `${r.session}-${r.item} ${r.postName}`,
      auditView: (r) => ({ ...r, rounds: r.rounds.map((x) => `第${x.round}轮 ${x.outcome}`).join('；') }),
      async insert(rows) {
        await insertMany(
          trx,
          'election',
          rows.map(({ id, record: r }) => ({
            id,
            townId,
            sessionId: keys.id('session', r.session),
            itemId: keys.id('session_item', itemKey(r.session, r.item)),
            ...fields(r),
            version: 1,
            createdAt: now,
            updatedAt: now,
          })),
        );
        await writeChildren(rows);
      },
      async update(rows) {
        const ids = rows.map((r) => r.id);
        for (const { id, after } of rows) {
          await trx
            .updateTable('election')
            .set((eb) => ({ ...fields(after), version: eb('version', '+', 1), updatedAt: now }))
            .where('townId', '=', townId)
            .where('id', '=', id)
            .execute();
        }
        // The whole election is rewritten from the document: children first, leaves before parents.
        const roundIds: string[] = [];
        const nominationIds: string[] = [];
        for (const part of chunks(ids, 1000)) {
          roundIds.push(
            ...(await trx.selectFrom('electionRound').select('id').where('townId', '=', townId).where('electionId', 'in', part).execute()).map((r) => r.id),
          );
          nominationIds.push(
            ...(await trx.selectFrom('electionNomination').select('id').where('townId', '=', townId).where('electionId', 'in', part).execute()).map(
              (r) => r.id,
            ),
          );
        }
        await deleteChildren(trx, 'electionTally', 'roundId', roundIds, townId);
        await deleteChildren(trx, 'electionRound', 'electionId', ids, townId);
        await deleteChildren(trx, 'electionNominationCandidate', 'nominationId', nominationIds, townId);
        await deleteChildren(trx, 'electionNominationSigner', 'nominationId', nominationIds, townId);
        await deleteChildren(trx, 'electionNomination', 'electionId', ids, townId);
        await deleteChildren(trx, 'electionCandidate', 'electionId', ids, townId);
        await writeChildren(rows.map((r) => ({ id: r.id, record: r.after })));
      },
    });
  },
});

async function writeElectionChildren(
  trx: Kysely<DB>,
  townId: string,
  now: string,
  rows: { id: string; record: ElectionRecord }[],
  keys: KeyMaps,
): Promise<void> {
  const candidates: Insertable<DB['electionCandidate']>[] = [];
  const nominations: Insertable<DB['electionNomination']>[] = [];
  const nomCandidates: Insertable<DB['electionNominationCandidate']>[] = [];
  const signers: Insertable<DB['electionNominationSigner']>[] = [];
  const rounds: Insertable<DB['electionRound']>[] = [];
  const tallies: Insertable<DB['electionTally']>[] = [];
  for (const { id: electionId, record: e } of rows) {
    const candidateId = new Map<string, string>();
    e.candidates.forEach((c, i) => {
      const id = newId();
      candidateId.set(c.name, id);
      candidates.push({
        id,
        townId,
        electionId,
        deputyId: keys.idOrNull('deputy', c.deputy),
        name: c.name,
        gender: c.gender,
        birthDate: c.birthDate,
        party: c.party,
        title: c.title,
        sortOrder: i + 1,
        withdrawn: flag(c.withdrawn),
      });
    });
    for (const n of e.nominations) {
      const id = newId();
      nominations.push({ id, townId, electionId, nominator: n.nominator, submittedOn: n.submittedOn, notes: n.notes, createdAt: now });
      for (const c of n.candidates) nomCandidates.push({ nominationId: id, candidateId: candidateId.get(c) ?? '', townId });
      for (const s of n.signers) signers.push({ nominationId: id, deputyId: keys.id('deputy', s), townId });
    }
    for (const r of e.rounds) {
      const id = newId();
      rounds.push({
        id,
        townId,
        electionId,
        round: r.round,
        seats: r.seats,
        ballotsIssued: r.issued,
        ballotsReturned: r.returned,
        ballotsValid: r.valid,
        ballotsInvalid: r.invalid,
        allDeputies: r.allDeputies,
        presentCount: r.present,
        outcome: r.outcome,
        announcement: r.announcement,
        recordedBy: null,
        recordedAt: r.recordedAt,
      });
      for (const t of r.tallies) {
        tallies.push({
          id: newId(),
          townId,
          roundId: id,
          candidateId: t.candidate !== null ? (candidateId.get(t.candidate) ?? null) : null,
          writeInName: t.candidate !== null ? null : t.writeIn,
          forVotes: t.for,
          againstVotes: t.against,
          abstainVotes: t.abstain,
          elected: flag(t.elected),
        });
      }
    }
  }
  await insertMany(trx, 'electionCandidate', candidates);
  await insertMany(trx, 'electionNomination', nominations);
  await insertMany(trx, 'electionNominationCandidate', nomCandidates);
  await insertMany(trx, 'electionNominationSigner', signers);
  await insertMany(trx, 'electionRound', rounds);
  await insertMany(trx, 'electionTally', tallies);
}
