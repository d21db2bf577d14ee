import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshDatabase } from '../../../../test/db.ts';
import { type Database, openDatabase } from '../../db/kysely.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import type { DB } from '../../db/schema.ts';
import { verifyPassword } from '../../lib/password.ts';
import { buildDemoCounty } from '../demo/demo.generator.ts';
import { usersSection } from './sections/users.section.ts';
import { type WorkbookDocument, canonicalWorkbook } from './workbook.document.ts';
import { exportWorkbook, serializeWorkbook } from './workbook.export.ts';
import { CLI_ACTOR, type ImportResult, WorkbookError, importWorkbook, readWorkbookText } from './workbook.import.ts';

/*
 * Runs on SQLite and, with TEST_DB=postgres, on PostgreSQL. The round trip always crosses engines
 * in the PostgreSQL run: PostgreSQL -> SQLite -> PostgreSQL must give the same bytes.
 */

const FAKE_HASH = 'scrypt$32768$8$1$c2FsdHNhbHQ=$a2V5a2V5a2V5';
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/**
 * A demo town without the records that name accounts (who sent a document, wrote a progress note, graded
 * a topic): for the tests below that rename or take over the accounts themselves.
 */
function withoutUserReferences(doc: WorkbookDocument): WorkbookDocument {
  // Without the suggestions the demo motion handled as a suggestion names none.
  const motions = doc.motions?.map((m) => ({ ...m, suggestion: null }));
  // (An achievement may name a suggestion, so the ledger goes with them.)
  return { ...doc, documents: [], presidiumMeetings: [], researchTopics: [], receptions: [], suggestions: [], motions, pointsSnapshots: [], achievements: [] };
}

/** Town 1 of the demo, plus the kinds of value the demo does not use, so every field travels. */
function sampleDoc(): WorkbookDocument {
  const doc = structuredClone(buildDemoCounty(FAKE_HASH).documents[0]);
  const d = doc.deputies ?? [];
  d[0].photo = PNG;
  d[1].birthDate = null;
  d[1].idNumber = null;
  d[1].phone = null;
  d[2].notes = '备注里有 "引号"、换行\n和 emoji 🙂';
  doc.units?.push({ code: 'U99', name: '已撤销的站所', kind: 'other', contactName: '', contactPhone: '', address: '', active: false });
  doc.stations?.push({
    code: 'S02',
    name: '桥东代表之家',
    kind: 'home',
    address: '',
    phone: null,
    head: null,
    scheduleRule: { type: 'monthly_nth_weekday', nth: -1, weekday: 5 },
    description: '',
    villages: [],
  });
  doc.stations?.push({
    code: 'S03',
    name: '流动联络点',
    kind: 'station',
    address: '',
    phone: null,
    head: 'D002',
    scheduleRule: { type: 'weekly', weekdays: [3, 1] },
    description: '',
    villages: [],
  });
  doc.groups?.push({ code: 'G99', name: '未分站小组', station: null, description: '', members: [] });
  // A deputy of the previous term, who chaired its presidium.
  d.push({
    ...d[3],
    code: 'D900',
    term: 17,
    name: '上届代表',
    idNumber: null,
    phone: null,
    constituency: null,
    station: null,
    status: 'terminated',
    statusDate: '2021-12-27',
    statusReason: '任期届满',
  });
  doc.presidium?.push({ term: 17, deputy: 'D900', position: 'chair', startDate: '2016-12-26', endDate: '2021-12-27', sortOrder: 1, liaisons: [] });
  addActivities(doc);
  addPresidiumMeetings(doc);
  addResearchTopics(doc);
  addDocuments(doc);
  addReceptions(doc);
  // The demo's suggestions name the demo's reception matters, replaced just above.
  for (const x of doc.suggestions ?? []) if (x.source?.type === 'reception') x.source = null;
  // The demo's findings and published points name the demo's activities and records, replaced above (evaluation.workbook.db.test.ts carries them).
  Object.assign(doc, { findings: [], rectificationNotices: [], reinspections: [], pointsSnapshots: [] });
  // So do the achievements (achievements.workbook.db.test.ts carries them).
  Object.assign(doc, { achievements: [] });
  return canonicalWorkbook(doc);
}

const INVITATION = {
  invitedAt: '2026-03-20T02:00:00.000Z',
  invitedBy: null,
  response: 'pending',
  respondedAt: null,
  leaveStatus: null,
  leaveReason: '',
  leaveRequestedAt: null,
  leaveDecidedBy: null,
  leaveDecidedAt: null,
  leaveNote: '',
  attendance: null,
  attendanceBy: null,
  attendanceAt: null,
  signedInAt: null,
} as const;

/** Kinds, a series with its occurrences (one moved, one cancelled), a one-off activity, and every state of an invitation. */
function addActivities(doc: WorkbookDocument) {
  doc.activityKinds = [
    { code: 'K02', name: '固定活动日', countsAs: 'fixed_day', sortOrder: 2, active: true },
    { code: 'K01', name: '培训学习', countsAs: 'training', sortOrder: 1, active: true },
    { code: 'K09', name: '已停用类型', countsAs: 'other', sortOrder: 9, active: false },
  ];
  doc.activitySeries = [
    {
      code: 'R001',
      title: '联络站固定活动日',
      kind: 'K02',
      organiserType: 'station',
      organiser: 'S01',
      rule: { type: 'monthly_days', days: [19, 9] },
      startTime: '09:00',
      durationMinutes: 120,
      fromDate: '2026-06-01',
      untilDate: '2026-07-31',
      place: '联络站',
      content: '',
      speakers: [],
      invite: { stations: ['S01'], groups: ['G02', 'G01'], levels: ['town', 'county'], deputies: ['D005', 'D002'] },
    },
    {
      code: 'R002',
      title: '小组活动',
      kind: 'K02',
      organiserType: 'group',
      organiser: 'G01',
      rule: { type: 'first_weekend' },
      startTime: '14:30',
      durationMinutes: 90,
      fromDate: '2026-06-01',
      untilDate: '2026-06-30',
      place: '',
      content: '',
      speakers: [],
      invite: null,
    },
  ];
  doc.activities = [
    {
      code: 'A00003',
      title: '固定活动日（取消）',
      kind: 'K02',
      organiserType: 'station',
      organiser: 'S01',
      startAt: '2026-06-19T01:00:00.000Z',
      endAt: '2026-06-19T03:00:00.000Z',
      place: '联络站',
      content: '',
      speakers: [],
      outcomes: '',
      status: 'cancelled',
      series: 'R001',
      seriesDate: '2026-06-19',
      moved: false,
      detached: true,
      signInCode: '000042',
      invitations: [{ ...INVITATION, deputy: 'D003', invitedBy: 'liaison' }],
    },
    {
      code: 'A00001',
      title: '宪法学习培训',
      kind: 'K01',
      organiserType: 'town',
      organiser: null,
      // March 31st, 23:30 China time.
      startAt: '2026-03-31T15:30:00.000Z',
      endAt: '2026-03-31T17:00:00.000Z',
      place: '镇政府三楼会议室',
      content: '学习宪法\n第二行',
      speakers: ['张教授', '李老师'],
      outcomes: '形成建议 2 条',
      status: 'held',
      series: null,
      seriesDate: null,
      moved: false,
      detached: false,
      signInCode: '012345',
      invitations: [
        {
          ...INVITATION,
          deputy: 'D002',
          invitedBy: 'admin',
          response: 'accepted',
          respondedAt: '2026-03-21T02:00:00.000Z',
          attendance: 'late',
          attendanceBy: 'self',
          attendanceAt: '2026-03-31T15:50:00.000Z',
          signedInAt: '2026-03-31T15:50:00.000Z',
        },
        {
          ...INVITATION,
          deputy: 'D001',
          leaveStatus: 'approved',
          leaveReason: '外出',
          leaveRequestedAt: '2026-03-22T02:00:00.000Z',
          leaveDecidedBy: 'admin',
          leaveDecidedAt: '2026-03-23T02:00:00.000Z',
          leaveNote: '同意',
        },
        {
          ...INVITATION,
          deputy: 'D004',
          leaveStatus: 'refused',
          leaveReason: '有事',
          leaveRequestedAt: '2026-03-22T03:00:00.000Z',
          attendance: 'absent',
          attendanceBy: 'staff',
          attendanceAt: '2026-03-31T17:10:00.000Z',
        },
      ],
    },
    {
      code: 'A00002',
      title: '联络站固定活动日',
      kind: 'K02',
      organiserType: 'station',
      organiser: 'S01',
      startAt: '2026-06-10T01:00:00.000Z',
      endAt: '2026-06-10T03:00:00.000Z',
      place: '联络站',
      content: '',
      speakers: [],
      outcomes: '',
      status: 'planned',
      series: 'R001',
      seriesDate: '2026-06-09',
      moved: true,
      detached: true,
      signInCode: '654321',
      invitations: [],
    },
  ];
}

/** A held meeting with agenda, minutes and decisions in every state (owners of each kind, progress by a user and by none), and a planned one. */
function addPresidiumMeetings(doc: WorkbookDocument) {
  const decision = { dueDate: '2026-04-30', doneDate: null, result: '', progress: [] };
  doc.presidiumMeetings = [
    {
      code: 'M002',
      term: 18,
      ordinal: 2,
      title: '第二季度主席团例会',
      date: '2026-06-30',
      startTime: null,
      endTime: null,
      place: '',
      presider: '',
      attendees: '',
      status: 'planned',
      activity: null,
      minutes: '',
      agenda: [],
      decisions: [],
    },
    {
      code: 'M001',
      term: 18,
      ordinal: 1,
      title: '第一季度主席团例会',
      date: '2026-03-31',
      startTime: '09:00',
      endTime: '11:30',
      place: '镇人大会议室',
      presider: '主席',
      attendees: '主席团成员 7 人，列席 2 人',
      status: 'held',
      activity: 'A00001',
      minutes: '会议纪要\n第二段',
      // The agenda keeps the meeting's order, which is not alphabetical.
      agenda: [
        { title: '听取联络站工作汇报', presenter: '站长', notes: '' },
        { title: '研究代表建议交办', presenter: '', notes: '同意交办' },
      ],
      decisions: [
        { ...decision, seq: 3, content: '拟定视察计划', ownerType: 'other', owner: '人大办', status: 'cancelled', result: '并入年度计划' },
        {
          ...decision,
          seq: 1,
          content: '督促修复村道',
          ownerType: 'unit',
          owner: 'U01',
          status: 'done',
          doneDate: '2026-04-20',
          result: '已修复',
          progress: [
            { date: '2026-04-15', note: '现场查看', by: null, byName: '已删除的账号', at: '2026-04-15T02:00:00.000Z' },
            { date: '2026-04-10', note: '已联系施工队', by: 'admin', byName: '管理员', at: '2026-04-10T02:00:00.000Z' },
          ],
        },
        { ...decision, seq: 2, content: '走访困难代表', ownerType: 'deputy', owner: 'D003', status: 'in_progress' },
      ],
    },
  ];
}

/** Research topics: one graded with members and a linked activity, one open (more in research.workbook.db.test.ts). */
function addResearchTopics(doc: WorkbookDocument) {
  const none = { claimedAt: null, claimedBy: null, reportSummary: '', submittedAt: null, submittedBy: null, returnNote: '', grade: null, gradeComment: '', gradedAt: null, gradedBy: null };
  doc.researchTopics = [
    { code: 'T002', year: 2026, title: '待认领课题', description: '', dueDate: '2027-01-31', status: 'open', claimantType: null, claimant: null, ...none, members: [], activities: [] },
    {
      code: 'T001',
      year: 2026,
      title: '乡村振兴产业发展情况调研',
      description: '走访合作社\n第二行',
      dueDate: '2026-10-31',
      status: 'graded',
      claimantType: 'station',
      claimant: 'S01',
      claimedAt: '2026-03-02T02:00:00.000Z',
      claimedBy: 'liaison',
      reportSummary: '提出建议 5 条',
      submittedAt: '2026-09-20T03:00:00.000Z',
      submittedBy: 'liaison',
      returnNote: '',
      grade: 'excellent',
      gradeComment: '问题找得准',
      gradedAt: '2026-10-08T02:00:00.000Z',
      gradedBy: 'admin',
      members: [
        { deputy: 'D003', role: 'member' },
        { deputy: 'D001', role: 'lead' },
      ],
      activities: ['A00001'],
    },
  ];
}

/** Documents: a draft, and one sent with a reader, a reminded non-reader and one left alone (files by content: see documents.workbook.db.test.ts). */
function addDocuments(doc: WorkbookDocument) {
  const unread = { sentBy: null, firstReadAt: null, lastReadAt: null, readCount: 0, remindedCount: 0, lastRemindedAt: null } as const;
  doc.documents = [
    {
      code: 'F0002',
      title: '草稿：年度学习计划',
      category: 'study',
      docNumber: '',
      issueDate: null,
      summary: '',
      file: null,
      activity: null,
      status: 'draft',
      sentAt: null,
      sentBy: null,
      recipients: [],
    },
    {
      code: 'F0001',
      title: '关于开展代表集中学习的通知',
      category: 'presidium',
      docNumber: '某人主〔2026〕3号',
      issueDate: '2026-03-18',
      summary: '请各位代表认真学习。\n第二段',
      file: null,
      activity: 'A00001',
      status: 'sent',
      sentAt: '2026-03-19T02:00:00.000Z',
      sentBy: 'admin',
      recipients: [
        { ...unread, deputy: 'D003', sentAt: '2026-03-19T02:00:00.000Z', remindedCount: 2, lastRemindedAt: '2026-03-25T01:00:00.000Z' },
        {
          ...unread,
          deputy: 'D001',
          sentAt: '2026-03-19T02:00:00.000Z',
          sentBy: 'admin',
          firstReadAt: '2026-03-19T03:00:00.000Z',
          lastReadAt: '2026-03-20T03:00:00.000Z',
          readCount: 3,
        },
        { ...unread, deputy: 'D002', sentAt: '2026-03-21T02:00:00.000Z' },
      ],
    },
  ];
}

/** Receptions: one with its activity, an account and matters of several kinds; one with no matters (more in receptions.workbook.db.test.ts). */
function addReceptions(doc: WorkbookDocument) {
  const matter = { visitorName: '', visitorPhone: null, visitorCount: 1, village: null, routingNote: '' } as const;
  doc.receptions = [
    {
      code: 'R0002',
      station: 'S02',
      date: '2026-04-24',
      startTime: null,
      endTime: null,
      place: '',
      activity: null,
      notes: '',
      createdBy: null,
      deputies: ['D002'],
      matters: [],
    },
    {
      code: 'R0001',
      station: 'S01',
      date: '2026-03-19',
      startTime: '09:00',
      endTime: '11:30',
      place: '工作室',
      activity: 'A00001',
      notes: '备注\n第二行',
      createdBy: 'liaison',
      deputies: ['D003', 'D001'],
      matters: [
        { ...matter, seq: 1, visitorName: '王大爷', visitorPhone: '13912345678', village: 'V01', category: '交通', content: '路灯不亮', routing: 'on_spot', routingNote: '已报修' },
        { ...matter, seq: 2, visitorCount: 5, category: '民政', content: '低保评定不公开', routing: 'suggestion' },
        { ...matter, seq: 3, category: '国土', content: '宅基地纠纷', routing: 'not_accepted', routingNote: '已进入诉讼' },
      ],
    },
  ];
}

const TABLES = [
  'county',
  'town',
  'village',
  'term',
  'constituency',
  'constituencyVillage',
  'station',
  'stationVillage',
  'deputy',
  'deputyGroup',
  'groupMember',
  'presidiumMember',
  'presidiumLiaison',
  'handlingUnit',
  'appUser',
  'activityKind',
  'activitySeries',
  'activity',
  'activityInvitation',
  'presidiumMeeting',
  'presidiumAgendaItem',
  'presidiumDecision',
  'presidiumDecisionProgress',
  'document',
  'documentRecipient',
  'reception',
  'receptionDeputy',
  'receptionMatter',
  'auditEvent',
] as const;

/** Row counts of every table and the town's full export: equal snapshots mean nothing was written. */
async function snapshot(db: Kysely<DB>) {
  const counts: Record<string, number> = {};
  for (const t of TABLES) {
    const r = await (db as Kysely<any>)
      .selectFrom(t)
      .select((eb: any) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    counts[t] = Number((r as { n: unknown }).n);
  }
  const town = await db.selectFrom('town').select('code').where('code', '=', 'DEMO01').executeTakeFirst();
  const text = town ? serializeWorkbook(await exportWorkbook(db, { townCode: 'DEMO01', includePasswordHashes: true })) : '';
  return { counts, text };
}

const totals = (r: ImportResult) =>
  Object.values(r.sections).reduce((n, c) => ({ created: n.created + c.created, updated: n.updated + c.updated, unchanged: n.unchanged + c.unchanged }), {
    created: 0,
    updated: 0,
    unchanged: 0,
  });

async function sqliteMemory(): Promise<Database> {
  const d = openDatabase(':memory:');
  await migrateToLatest(d.db);
  return d;
}

async function issuesOf(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkbookError);
  return (err as WorkbookError).issues;
}

let a: Database;
let exported = '';
beforeAll(async () => {
  a = await freshDatabase();
});
afterAll(async () => {
  await a.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('workbook export and import', () => {
  it('round trip: import -> export gives the document back, byte for byte, across engines', async () => {
    const doc = sampleDoc();
    // SQLite first, then this run's engine (PostgreSQL in the PostgreSQL run), then SQLite again.
    const s1 = await sqliteMemory();
    const s2 = await sqliteMemory();
    try {
      await importWorkbook(s1.db, doc, CLI_ACTOR);
      const fromSqlite = serializeWorkbook(await exportWorkbook(s1.db, { townCode: 'DEMO01', includePasswordHashes: true }));
      expect(fromSqlite).toBe(serializeWorkbook(doc));

      const first = await importWorkbook(a.db, readWorkbookText(fromSqlite), CLI_ACTOR);
      expect(first.county.status).toBe('created');
      expect(first.town.status).toBe('created');
      expect(first.sections.deputies).toEqual({ created: 80, updated: 0, unchanged: 0 });
      expect(totals(first).updated).toBe(0);
      exported = serializeWorkbook(await exportWorkbook(a.db, { townCode: 'DEMO01', includePasswordHashes: true }));
      expect(exported).toBe(fromSqlite);
      expect(exported).not.toMatch(/"id"|createdAt|updatedAt|"version"/);

      await importWorkbook(s2.db, readWorkbookText(exported), CLI_ACTOR);
      expect(serializeWorkbook(await exportWorkbook(s2.db, { townCode: 'DEMO01', includePasswordHashes: true }))).toBe(exported);
    } finally {
      await s1.close();
      await s2.close();
    }
  });

  it('exports password hashes only when asked', async () => {
    const plain = await exportWorkbook(a.db, { townCode: 'DEMO01' });
    expect(plain.users?.length).toBeGreaterThan(0);
    expect(plain.users?.some((u) => 'passwordHash' in u)).toBe(false);
    await expect(exportWorkbook(a.db, { townCode: 'NOPE' })).rejects.toMatchObject({ status: 404 });
  });

  it('a second import of the same document changes nothing', async () => {
    const before = await snapshot(a.db);
    const again = await importWorkbook(a.db, readWorkbookText(exported), CLI_ACTOR);
    expect(again.county.status).toBe('unchanged');
    expect(again.town.status).toBe('unchanged');
    for (const [key, c] of Object.entries(again.sections)) expect([key, c.created, c.updated]).toEqual([key, 0, 0]);
    expect(totals(again).unchanged).toBeGreaterThan(140);
    const after = await snapshot(a.db);
    expect(after.text).toBe(before.text);
    // Only the one summary event is added.
    expect(after.counts).toEqual({ ...before.counts, auditEvent: before.counts.auditEvent + 1 });
    // A document without hashes says nothing about passwords: still unchanged.
    const noHashes = await importWorkbook(a.db, await exportWorkbook(a.db, { townCode: 'DEMO01' }), CLI_ACTOR);
    expect(totals(noHashes)).toMatchObject({ created: 0, updated: 0 });
    // Lists in another order are the same record.
    const shuffled = readWorkbookText(exported) as WorkbookDocument;
    shuffled.deputies?.reverse();
    for (const s of shuffled.stations ?? []) {
      s.villages.reverse();
      if (s.scheduleRule?.type === 'monthly_days') s.scheduleRule.days.reverse();
    }
    expect(totals(await importWorkbook(a.db, shuffled, CLI_ACTOR))).toMatchObject({ created: 0, updated: 0 });
  });

  it('updates only what changed, bumps versions, audits with masked values, and never deletes', async () => {
    const doc = readWorkbookText(exported) as WorkbookDocument;
    const deputies = doc.deputies ?? [];
    const target = deputies[4];
    target.phone = '13900001234';
    const dropped = deputies.pop();
    const g = doc.groups?.find((x) => x.code === 'G01');
    const leaving = g?.members.find((m) => m.role === 'member');
    if (g) g.members = g.members.filter((m) => m !== leaving);
    doc.villages?.push({ code: 'V13', name: '新建村', kind: 'village', sortOrder: 13 });
    const res = await importWorkbook(a.db, doc, CLI_ACTOR);
    expect(res.sections.deputies).toEqual({ created: 0, updated: 1, unchanged: 78 });
    expect(res.sections.groups).toMatchObject({ created: 0, updated: 1 });
    expect(res.sections.villages).toMatchObject({ created: 1, updated: 0 });
    expect(res.sections.users).toMatchObject({ created: 0, updated: 0 });

    const row = await a.db.selectFrom('deputy').select(['id', 'phone', 'version']).where('code', '=', target.code).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ phone: '13900001234', version: 2 });
    expect(
      await a.db
        .selectFrom('deputy')
        .select('id')
        .where('code', '=', dropped?.code ?? '')
        .executeTakeFirst(),
    ).toBeTruthy();
    const members = await a.db
      .selectFrom('groupMember')
      .innerJoin('deputyGroup', 'deputyGroup.id', 'groupMember.groupId')
      .select('groupMember.deputyId')
      .where('deputyGroup.code', '=', 'G01')
      .execute();
    expect(members).toHaveLength((g?.members.length ?? 0) as number);

    const events = await a.db.selectFrom('auditEvent').selectAll().where('entityId', '=', row.id).orderBy('at').execute();
    expect(events.map((e) => e.action)).toEqual(['create', 'update']);
    expect(JSON.parse(events[1].changes ?? '{}')).toEqual({ phone: [expect.stringMatching(/^138\*{4}\d{4}$/), '139****1234'] });
    expect(events[1]).toMatchObject({ actorName: 'cli', actorRole: 'county_admin', entity: 'deputy' });
    const summary = await a.db.selectFrom('auditEvent').selectAll().where('action', '=', 'workbook_import').orderBy('at', 'desc').executeTakeFirstOrThrow();
    expect(summary.summary).toMatch(/新增 1，修改 2/);
    expect(summary.requestId).toBe(events[1].requestId);
  });

  it('an activity changes as a whole: its invitations are replaced and its version moves on', async () => {
    const doc = readWorkbookText(exported) as WorkbookDocument;
    const act = doc.activities?.find((x) => x.code === 'A00001');
    if (!act) throw new Error('A00001 missing');
    act.invitations = act.invitations
      .filter((i) => i.deputy !== 'D004')
      .map((i) =>
        i.deputy === 'D001' ? { ...i, attendance: 'present' as const, attendanceBy: 'staff' as const, attendanceAt: '2026-03-31T15:40:00.000Z' } : i,
      );
    const res = await importWorkbook(a.db, doc, CLI_ACTOR);
    expect(res.sections.activities).toEqual({ created: 0, updated: 1, unchanged: 2 });
    expect(res.sections.activitySeries).toEqual({ created: 0, updated: 0, unchanged: 2 });
    const row = await a.db.selectFrom('activity').select(['id', 'version']).where('code', '=', 'A00001').executeTakeFirstOrThrow();
    expect(row.version).toBe(2);
    const invs = await a.db
      .selectFrom('activityInvitation')
      .innerJoin('deputy', 'deputy.id', 'activityInvitation.deputyId')
      .select(['deputy.code', 'activityInvitation.attendance', 'activityInvitation.leaveStatus'])
      .where('activityInvitation.activityId', '=', row.id)
      .orderBy('deputy.code')
      .execute();
    expect(invs).toEqual([
      { code: 'D001', attendance: 'present', leaveStatus: 'approved' },
      { code: 'D002', attendance: 'late', leaveStatus: null },
    ]);
    const again = await importWorkbook(a.db, doc, CLI_ACTOR);
    expect(again.sections.activities).toEqual({ created: 0, updated: 0, unchanged: 3 });
  });

  it('a partial document may refer to records that are only in the database', async () => {
    const doc = {
      format: 'renda-workbook',
      formatVersion: 1,
      county: { code: 'DEMO', name: '云溪县' },
      town: { code: 'DEMO01', name: '青石镇', population: 51200 },
      deputies: [
        {
          code: 'D200',
          term: 18,
          name: '补选代表',
          gender: 'female',
          birthDate: '1990-05-01',
          ethnicity: '汉族',
          party: '群众',
          isTownLevel: true,
          isCountyLevel: false,
          constituency: 'C03',
          station: 'S01',
          occupation: '农民',
          workplace: '',
          title: '',
          phone: null,
          idNumber: null,
          status: 'serving',
          statusDate: null,
          statusReason: null,
          hardship: false,
          photo: null,
          notes: '',
        },
      ],
    };
    const res = await importWorkbook(a.db, doc, CLI_ACTOR);
    expect(res.sections.deputies).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(res.sections.villages).toEqual({ created: 0, updated: 0, unchanged: 0 });
    const row = await a.db
      .selectFrom('deputy')
      .innerJoin('station', 'station.id', 'deputy.stationId')
      .innerJoin('constituency', 'constituency.id', 'deputy.constituencyId')
      .select(['station.code as station', 'constituency.code as constituency'])
      .where('deputy.code', '=', 'D200')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ station: 'S01', constituency: 'C03' });
  });

  describe('broken documents: a clear error naming the JSON path, and nothing written', () => {
    const cases: [string, (doc: any) => void, string, RegExp?][] = [
      ['wrong format tag', (d) => (d.format = 'excel'), 'format', /renda-workbook/],
      ['newer format version', (d) => (d.formatVersion = 2), 'formatVersion', /格式版本/],
      ['an impossible date', (d) => (d.deputies[3].birthDate = '2021-02-30'), 'deputies[3].birthDate', /日期/],
      ['a malformed date', (d) => (d.terms[0].startDate = '2021/12/28'), 'terms[0].startDate', /YYYY-MM-DD/],
      ['a station code that exists nowhere', (d) => (d.deputies[5].station = 'S99'), 'deputies[5].station', /S99.*不存在/],
      ['a constituency of another term', (d) => (d.deputies[5].term = 17), 'deputies[5].constituency', /第 17 届/],
      ['a village code that exists nowhere', (d) => d.constituencies[0].villages.push('V77'), 'constituencies[0].villages[1]', /V77/],
      ['duplicate deputy codes', (d) => (d.deputies[6].code = d.deputies[2].code), 'deputies[6].code', /deputies\[2\]/],
      ['duplicate ID numbers', (d) => (d.deputies[7].idNumber = d.deputies[0].idNumber), 'deputies[7].idNumber', /身份证号与 deputies\[0\] 重复/],
      [
        'an ID number with a wrong check digit',
        (d) => (d.deputies[4].idNumber = `${d.deputies[4].idNumber.slice(0, 17)}${d.deputies[4].idNumber.endsWith('1') ? '2' : '1'}`),
        'deputies[4].idNumber',
        /校验位/,
      ],
      ['an unknown party', (d) => (d.deputies[8].party = '某党'), 'deputies[8].party'],
      ['neither level', (d) => Object.assign(d.deputies[9], { isTownLevel: false, isCountyLevel: false }), 'deputies[9].isTownLevel', /至少/],
      [
        'a leaver without a date',
        (d) => Object.assign(d.deputies[10], { status: 'resigned', statusDate: null, statusReason: '辞职' }),
        'deputies[10].statusDate',
      ],
      ['a flag as 0/1 instead of a boolean', (d) => (d.units[0].active = 1), 'units[0].active'],
      ['an unknown property', (d) => (d.deputies[0].internalId = 'x'), 'deputies[0]', /internalId/],
      ['an unknown section', (d) => (d.petitions = []), '', /petitions/],
      ['a deputy account without its deputy', (d) => (d.users.find((u: any) => u.role === 'deputy').deputy = null), 'users[2].deputy', /代表/],
      ['a plain password in passwordHash', (d) => (d.users[0].passwordHash = 'Renda@2026'), 'users[0].passwordHash', /明文/],
      ['two group leaders', (d) => (d.groups[0].members[1].role = 'leader'), 'groups[0].members', /组长/],
      ['an activity of a kind that exists nowhere', (d) => (d.activities[0].kind = 'K77'), 'activities[0].kind', /活动类型 “K77” 不存在/],
      ['an activity time not in stored form', (d) => (d.activities[0].startAt = '2026-03-31 23:30'), 'activities[0].startAt', /UTC/],
      ['an activity ending before it starts', (d) => (d.activities[0].endAt = d.activities[0].startAt), 'activities[0].endAt', /晚于/],
      ['a deputy invited twice', (d) => d.activities[0].invitations.push({ ...d.activities[0].invitations[0] }), 'activities[0].invitations[3]', /重复/],
      ['an invitation of a deputy that exists nowhere', (d) => (d.activities[0].invitations[0].deputy = 'D999'), 'activities[0].invitations[0].deputy', /D999/],
      ['a meeting of an activity that exists nowhere', (d) => (d.presidiumMeetings[0].activity = 'A99999'), 'presidiumMeetings[0].activity', /活动 “A99999” 不存在/],
      ['two meetings with one activity', (d) => (d.presidiumMeetings[1].activity = 'A00001'), 'presidiumMeetings[1].activity', /一个活动只能关联一次/],
      ['a decision owner that exists nowhere', (d) => (d.presidiumMeetings[0].decisions[1].owner = 'D999'), 'presidiumMeetings[0].decisions[1].owner', /D999/],
      ['a decision done without its day', (d) => (d.presidiumMeetings[0].decisions[0].doneDate = null), 'presidiumMeetings[0].decisions[0].doneDate', /办结日期/],
      ['a second 第1次 in the term', (d) => (d.presidiumMeetings[1].ordinal = 1), 'presidiumMeetings[1].ordinal', /第 18 届第 1 次/],
      ['a series date taken twice', (d) => (d.activities[2].seriesDate = d.activities[1].seriesDate), 'activities[2].seriesDate', /已有一次活动/],
      ['a town organiser with a code', (d) => (d.activities[0].organiser = 'S01'), 'activities[0].organiser', /null/],
      ['a document file not uploaded to the town', (d) => (d.documents[0].file = { name: '通知.pdf', sha256: 'a'.repeat(64) }), 'documents[0].file.sha256', /先上传/],
      ['a document sent to a deputy that exists nowhere', (d) => (d.documents[0].recipients[0].deputy = 'D999'), 'documents[0].recipients[0].deputy', /D999/],
      ['a read receipt without a read count', (d) => (d.documents[0].recipients[0].readCount = 0), 'documents[0].recipients[0].readCount', /阅读次数/],
      ['a series invite naming an unknown group', (d) => d.activitySeries[0].invite.groups.push('G77'), 'activitySeries[0].invite.groups[2]', /G77/],
    ];
    for (const [title, mutate, field, message] of cases) {
      it(title, async () => {
        const before = await snapshot(a.db);
        const doc = readWorkbookText(exported) as any;
        mutate(doc);
        const issues = await issuesOf(importWorkbook(a.db, doc, CLI_ACTOR));
        expect(issues.map((i) => i.field)).toContain(field);
        const issue = issues.find((i) => i.field === field);
        if (message) expect(issue?.message).toMatch(message);
        expect(await snapshot(a.db)).toEqual(before);
      });
    }

    it('a wrong format tag is the only error reported', async () => {
      const doc = readWorkbookText(exported) as any;
      doc.format = 'other';
      doc.deputies[0].birthDate = 'bad';
      expect((await issuesOf(importWorkbook(a.db, doc, CLI_ACTOR))).map((i) => i.field)).toEqual(['format']);
    });

    it('text that is not JSON', () => {
      expect(() => readWorkbookText('{"format": ')).toThrow(WorkbookError);
    });

    it('moving an ID number from one deputy to another in one import is refused', async () => {
      const before = await snapshot(a.db);
      const doc = readWorkbookText(exported) as any;
      const [x, y] = [doc.deputies[11], doc.deputies[12]];
      [x.idNumber, y.idNumber] = [y.idNumber, x.idNumber];
      const issues = await issuesOf(importWorkbook(a.db, doc, CLI_ACTOR));
      expect(issues.find((i) => i.field === 'deputies[11].idNumber')?.message).toMatch(/分两次导入/);
      expect(await snapshot(a.db)).toEqual(before);
    });

    it('a username or town code that belongs to another town or county', async () => {
      const before = await snapshot(a.db);
      const town2 = withoutUserReferences(structuredClone(buildDemoCounty().documents[1]));
      if (town2.users) town2.users[0].username = 'admin';
      expect((await issuesOf(importWorkbook(a.db, town2, CLI_ACTOR))).map((i) => i.field)).toEqual(['users[0].username']);
      const elsewhere = readWorkbookText(exported) as any;
      elsewhere.county = { code: 'OTHER', name: '另一个县' };
      expect((await issuesOf(importWorkbook(a.db, elsewhere, CLI_ACTOR))).map((i) => i.field)).toEqual(['town.code']);
      expect(await snapshot(a.db)).toEqual(before);
    });

    it('a failure while writing rolls back everything', async () => {
      const before = await snapshot(a.db);
      const doc = readWorkbookText(exported) as any;
      doc.deputies[0].name = '改过的名字';
      doc.villages.push({ code: 'V50', name: '又一个村', kind: 'village', sortOrder: 50 });
      // Users are the last section: every other section has written by the time it fails.
      vi.spyOn(usersSection, 'import').mockRejectedValueOnce(new Error('disk full'));
      await expect(importWorkbook(a.db, doc, CLI_ACTOR)).rejects.toThrow('disk full');
      expect(await snapshot(a.db)).toEqual(before);
    });
  });

  it('accounts imported without a hash cannot log in until a password is set', async () => {
    // A county of its own in the same database (one PostgreSQL schema per test file).
    const rename = (doc: WorkbookDocument, town: string): WorkbookDocument => ({
      ...withoutUserReferences(doc),
      county: { code: 'NOHASH', name: '无哈希县' },
      town: { ...doc.town, code: town },
      users: doc.users?.map((u) => ({ ...u, username: `nh_${u.username}`, phone: null })),
      // Tracking codes are unique across all towns, and the demo town is already in this database.
      portalSubmissions: [],
    });
    const [one, two] = buildDemoCounty().documents;
    await importWorkbook(a.db, rename(one, 'NH01'), CLI_ACTOR);
    const users = (await a.db.selectFrom('appUser').select(['username', 'passwordHash', 'mustChangePassword']).execute()).filter((u) =>
      u.username.startsWith('nh_'),
    );
    expect(users).toHaveLength(one.users?.length ?? 0);
    for (const u of users) {
      expect(u.mustChangePassword).toBe(1);
      expect(u.passwordHash).toMatch(/^unusable\$/);
      expect(await verifyPassword('Renda@2026', u.passwordHash)).toBe(false);
    }
    // The county administrator belongs to the county, not to the town.
    const county = await a.db.selectFrom('appUser').select(['townId', 'role']).where('username', '=', 'nh_county').executeTakeFirstOrThrow();
    expect(county).toEqual({ townId: null, role: 'county_admin' });
    // The second town of the county brings the same administrator along without conflict.
    const second = rename(two, 'NH02');
    second.users?.push({ ...(rename(one, 'NH01').users?.find((u) => u.username === 'nh_county') as NonNullable<typeof second.users>[number]) });
    const res = await importWorkbook(a.db, second, CLI_ACTOR);
    expect(res.county.status).toBe('unchanged');
    expect(res.sections.users).toEqual({ created: 1, updated: 0, unchanged: 1 });
    // The county's towns are separate: the first town's export does not list the second town's admin.
    const names = (await exportWorkbook(a.db, { townCode: 'NH01' })).users?.map((u) => u.username);
    expect(names).toContain('nh_county');
    expect(names).not.toContain('nh_admin2');
  });
});
