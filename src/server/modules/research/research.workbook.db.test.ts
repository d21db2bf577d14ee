import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/db.ts';
import { type Database, openDatabase } from '../../db/kysely.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { buildDemoCounty } from '../demo/demo.generator.ts';
import type { ResearchTopicRecord } from '../workbook/sections/research-topics.section.ts';
import { type WorkbookDocument, canonicalWorkbook } from '../workbook/workbook.document.ts';
import { exportWorkbook, serializeWorkbook } from '../workbook/workbook.export.ts';
import { CLI_ACTOR, WorkbookError, importWorkbook } from '../workbook/workbook.import.ts';

/*
 * Research topics travel through the workbook: export -> import -> export gives the same bytes, on
 * either engine and across them; references are checked with the JSON path named; the report file
 * stays where it is (its bytes are not in the workbook).
 */

const FAKE_HASH = 'scrypt$32768$8$1$c2FsdHNhbHQ=$a2V5a2V5a2V5';

const TOPIC: ResearchTopicRecord = {
  code: 'T001',
  year: 2026,
  title: '乡村振兴产业发展情况调研',
  description: '走访合作社和企业\n第二行',
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
};

function sampleDoc(): WorkbookDocument {
  const doc = structuredClone(buildDemoCounty(FAKE_HASH).documents[0]);
  doc.activityKinds = [{ code: 'K06', name: '调研', countsAs: 'research', sortOrder: 6, active: true }];
  doc.activitySeries = [];
  // The demo's meetings and documents point at the demo's activities, replaced here.
  doc.presidiumMeetings = [];
  doc.documents = [];
  doc.receptions = [];
  doc.suggestions = [];
  // The demo motion handled as a suggestion names one of the suggestions dropped above.
  doc.motions = doc.motions?.map((m) => ({ ...m, suggestion: null }));
  // The demo's findings, published points and achievements name the activities and records replaced here.
  Object.assign(doc, { findings: [], rectificationNotices: [], reinspections: [], pointsSnapshots: [], achievements: [] });
  doc.activities = [
    {
      code: 'A00001',
      title: '走访产业园',
      kind: 'K06',
      organiserType: 'station',
      organiser: 'S01',
      startAt: '2026-05-10T01:00:00.000Z',
      endAt: '2026-05-10T03:00:00.000Z',
      place: '',
      content: '',
      speakers: [],
      outcomes: '',
      status: 'held',
      series: null,
      seriesDate: null,
      moved: false,
      detached: false,
      signInCode: '123456',
      invitations: [],
    },
  ];
  doc.researchTopics = [
    TOPIC,
    {
      ...TOPIC,
      code: 'T002',
      title: '小组课题',
      status: 'claimed',
      claimantType: 'group',
      claimant: 'G01',
      claimedBy: null,
      reportSummary: '',
      submittedAt: null,
      submittedBy: null,
      returnNote: '请补充数据',
      grade: null,
      gradeComment: '',
      gradedAt: null,
      gradedBy: null,
      members: [],
      activities: [],
    },
    {
      ...TOPIC,
      code: 'T003',
      title: '待认领课题',
      status: 'open',
      claimantType: null,
      claimant: null,
      claimedAt: null,
      claimedBy: null,
      reportSummary: '',
      submittedAt: null,
      submittedBy: null,
      grade: null,
      gradeComment: '',
      gradedAt: null,
      gradedBy: null,
      members: [],
      activities: [],
    },
  ];
  return canonicalWorkbook(doc);
}

let a: Database;
let b: Database;
beforeAll(async () => {
  a = await freshDatabase();
  b = openDatabase(':memory:');
  await migrateToLatest(b.db);
});
afterAll(async () => {
  await a.close();
  await b.close();
});

const exportText = async (d: Database) => serializeWorkbook(await exportWorkbook(d.db, { townCode: 'DEMO01', includePasswordHashes: true }));

describe('research topics in the workbook', () => {
  it('round trip: import -> export gives the topics back, byte for byte, and across engines', async () => {
    const doc = sampleDoc();
    const res = await importWorkbook(a.db, doc, CLI_ACTOR);
    expect(res.sections.researchTopics).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const first = await exportText(a);
    const parsed = JSON.parse(first) as WorkbookDocument;
    expect(parsed.researchTopics).toEqual(doc.researchTopics);
    // Members come back in deputy-code order.
    expect(parsed.researchTopics?.[0].members.map((m) => m.deputy)).toEqual(['D001', 'D003']);

    await importWorkbook(b.db, JSON.parse(first), CLI_ACTOR);
    expect(await exportText(b)).toBe(first);
    const again = await importWorkbook(a.db, JSON.parse(first), CLI_ACTOR);
    expect(again.sections.researchTopics).toEqual({ created: 0, updated: 0, unchanged: 3 });
  });

  it('an update replaces members as a whole, bumps the version and keeps the stored report file', async () => {
    const town = await a.db.selectFrom('town').select('id').where('code', '=', 'DEMO01').executeTakeFirstOrThrow();
    const topic = await a.db.selectFrom('researchTopic').selectAll().where('townId', '=', town.id).where('code', '=', 'T001').executeTakeFirstOrThrow();
    const fileId = 'F-REPORT';
    await a.db
      .insertInto('storedFile')
      .values({ id: fileId, townId: town.id, name: '报告.pdf', kind: 'pdf', mime: 'application/pdf', size: 1, sha256: 'x', storageKey: fileId, uploadedBy: null, uploadedAt: '2026-09-20T03:00:00.000Z' })
      .execute();
    await a.db.updateTable('researchTopic').set({ reportFileId: fileId }).where('id', '=', topic.id).execute();

    const doc = sampleDoc();
    const t1 = doc.researchTopics?.[0] as ResearchTopicRecord;
    t1.grade = 'good';
    t1.members = [{ deputy: 'D002', role: 'lead' }];
    const res = await importWorkbook(a.db, doc, CLI_ACTOR);
    expect(res.sections.researchTopics).toEqual({ created: 0, updated: 1, unchanged: 2 });
    const after = await a.db.selectFrom('researchTopic').selectAll().where('id', '=', topic.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ grade: 'good', version: topic.version + 1, reportFileId: fileId });
    const members = await a.db.selectFrom('researchTopicMember as m').innerJoin('deputy as d', 'd.id', 'm.deputyId').select(['d.code', 'm.role']).where('m.topicId', '=', topic.id).execute();
    expect(members).toEqual([{ code: 'D002', role: 'lead' }]);
  });

  it('refuses broken topics with the JSON path named, and writes nothing', async () => {
    const before = await exportText(a);
    const doc = sampleDoc() as WorkbookDocument & { researchTopics: ResearchTopicRecord[] };
    doc.researchTopics[0].claimant = 'S99';
    doc.researchTopics[0].members = [{ deputy: 'D999', role: 'lead' }];
    doc.researchTopics[1].activities = ['A09999'];
    const err = await importWorkbook(a.db, doc, CLI_ACTOR).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkbookError);
    expect((err as WorkbookError).issues.map((i) => i.field)).toEqual(
      expect.arrayContaining(['researchTopics[0].claimant', 'researchTopics[0].members[0].deputy', 'researchTopics[1].activities[0]']),
    );
    expect((err as WorkbookError).issues.find((i) => i.field === 'researchTopics[0].claimant')?.message).toContain('联络站 “S99” 不存在');

    const shape = sampleDoc() as WorkbookDocument & { researchTopics: ResearchTopicRecord[] };
    shape.researchTopics[0].grade = null;
    shape.researchTopics[2].claimant = 'S01';
    const err2 = (await importWorkbook(a.db, shape, CLI_ACTOR).catch((e: unknown) => e)) as WorkbookError;
    expect(err2.issues.map((i) => i.field)).toEqual(expect.arrayContaining(['researchTopics[0].grade', 'researchTopics[2].claimant']));
    expect(await exportText(a)).toBe(before);
  });
});
