import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../../test/db.ts';
import type { Database } from '../../../db/kysely.ts';
import { buildDemoCounty } from '../../demo/demo.generator.ts';
import type { WorkbookDocument } from '../workbook.document.ts';
import { exportWorkbook, serializeWorkbook } from '../workbook.export.ts';
import { CLI_ACTOR, importWorkbook } from '../workbook.import.ts';
import type { PresidiumMeetingRecord } from './presidium-meetings.section.ts';

/*
 * The presidium-meetings section on its own (both engines): a meeting changes as a whole, its
 * decisions keep their ids by number, and progress notes travel with their author.
 */
const FAKE_HASH = 'scrypt$32768$8$1$c2FsdHNhbHQ=$a2V5a2V5a2V5';

const progress = (date: string, note: string, by: string | null) => ({ date, note, by, byName: by ?? '已删除的账号', at: `${date}T02:00:00.000Z` });

function meeting(): PresidiumMeetingRecord {
  return {
    code: 'M001',
    term: 18,
    ordinal: 1,
    title: '第一季度主席团例会',
    date: '2026-03-31',
    startTime: '09:00',
    endTime: null,
    place: '镇人大会议室',
    presider: '主席',
    attendees: '',
    status: 'held',
    activity: null,
    minutes: '纪要',
    agenda: [
      { title: '第二项在前', presenter: '', notes: '' },
      { title: '第一项在后', presenter: '站长', notes: '同意' },
    ],
    decisions: [
      { seq: 1, content: '修复村道', ownerType: 'unit', owner: 'U01', dueDate: '2026-04-30', status: 'in_progress', doneDate: null, result: '', progress: [progress('2026-04-10', '已联系', 'admin')] },
      { seq: 2, content: '走访代表', ownerType: 'deputy', owner: 'D003', dueDate: '2026-05-31', status: 'open', doneDate: null, result: '', progress: [] },
    ],
  };
}

function doc(meetings: PresidiumMeetingRecord[]): WorkbookDocument {
  return { ...structuredClone(buildDemoCounty(FAKE_HASH).documents[0]), presidiumMeetings: meetings };
}

let a: Database;
beforeAll(async () => {
  a = await freshDatabase();
});
afterAll(async () => a.close());

const decisionRows = () => a.db.selectFrom('presidiumDecision').select(['id', 'seq', 'status', 'version', 'ownerName']).orderBy('seq').execute();

describe('workbook: presidium meetings', () => {
  it('imports a meeting with agenda (in meeting order), decisions and progress, and exports it back unchanged', async () => {
    const first = await importWorkbook(a.db, doc([meeting()]), CLI_ACTOR);
    expect(first.sections.presidiumMeetings).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const out = await exportWorkbook(a.db, { townCode: 'DEMO01' });
    expect(out.presidiumMeetings).toEqual([meeting()]);
    const agenda = await a.db.selectFrom('presidiumAgendaItem').select(['title', 'sortOrder']).orderBy('sortOrder').execute();
    expect(agenda.map((x) => x.title)).toEqual(['第二项在前', '第一项在后']);
    const p = await a.db
      .selectFrom('presidiumDecisionProgress as p')
      .innerJoin('appUser as u', 'u.id', 'p.authorUserId')
      .select(['u.username', 'p.authorName'])
      .executeTakeFirstOrThrow();
    expect(p).toEqual({ username: 'admin', authorName: 'admin' });
    const again = await importWorkbook(a.db, JSON.parse(serializeWorkbook(out)), CLI_ACTOR);
    expect(again.sections.presidiumMeetings).toEqual({ created: 0, updated: 0, unchanged: 1 });
  });

  it('an update keeps decisions by number, bumps only changed ones, drops those the document no longer has', async () => {
    const before = await decisionRows();
    const m = meeting();
    m.decisions = [
      { ...m.decisions[0], status: 'done', doneDate: '2026-04-20', result: '已修复', progress: [...m.decisions[0].progress, progress('2026-04-18', '现场验收', null)] },
      { seq: 3, content: '新决议', ownerType: 'other', owner: '人大办', dueDate: '2026-06-30', status: 'open', doneDate: null, result: '', progress: [] },
    ];
    const res = await importWorkbook(a.db, doc([m]), CLI_ACTOR);
    expect(res.sections.presidiumMeetings).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const after = await decisionRows();
    expect(after.map((d) => [d.seq, d.status, d.version])).toEqual([
      [1, 'done', 2],
      [3, 'open', 1],
    ]);
    expect(after[0].id).toBe(before[0].id);
    expect(after[1].ownerName).toBe('人大办');
    const notes = await a.db.selectFrom('presidiumDecisionProgress').select(['note', 'authorUserId']).orderBy('date').execute();
    expect(notes).toEqual([
      { note: '已联系', authorUserId: expect.any(String) },
      { note: '现场验收', authorUserId: null },
    ]);
    const version = await a.db.selectFrom('presidiumMeeting').select('version').executeTakeFirstOrThrow();
    expect(version.version).toBe(2);
    expect((await exportWorkbook(a.db, { townCode: 'DEMO01' })).presidiumMeetings).toEqual([m]);
  });

  it('refuses a decision due before its meeting and decisions of a planned meeting, naming the path', async () => {
    const m = meeting();
    m.decisions[1].dueDate = '2026-03-30';
    m.status = 'planned';
    const err = await importWorkbook(a.db, doc([m]), CLI_ACTOR).then(
      () => null,
      (e) => e,
    );
    const fields = (err?.details?.issues ?? []).map((i: { field: string }) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['presidiumMeetings[0].decisions[1].dueDate', 'presidiumMeetings[0].status']));
  });
});
