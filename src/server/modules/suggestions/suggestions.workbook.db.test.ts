import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Client, type TestCtx, setupApi } from '../../../../test/app.ts';
import { freshDatabase } from '../../../../test/db.ts';
import { makeUnit, makeVillage, multipartFile } from '../../../../test/factories.ts';
import { type Database, openDatabase } from '../../db/kysely.ts';
import type { DB } from '../../db/schema.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import type { SuggestionRecord } from '../workbook/sections/suggestions.section.ts';
import type { WorkbookDocument } from '../workbook/workbook.document.ts';
import { exportWorkbook, serializeWorkbook } from '../workbook/workbook.export.ts';
import { CLI_ACTOR, WorkbookError, importWorkbook } from '../workbook/workbook.import.ts';

/*
 * Suggestions, their settings and the holiday calendar travel through the workbook: items made through
 * the API with their whole history (sponsors, offices, events, replies with a document, ratings,
 * requests, consultations, attachments, a merge) are exported, imported into an empty database — on
 * the engine under test and on SQLite — and exported again byte for byte. Files travel by content.
 */
let t: TestCtx;
let admin: Client;
let deputy: Client;
let handler: Client;
let b: Database;
let c: Database;
const URL = '/api/v1/suggestions';
const PDF = Buffer.from('%PDF-1.4\n% 答复函\n');
const SHA = createHash('sha256').update(PDF).digest('hex');

beforeAll(async () => {
  t = await setupApi();
  await makeUnit(t.db, t.world.townA.id, 'U002', '甲镇交通办');
  await makeVillage(t.db, t.world.townA.id, 'V01', '新民村');
  admin = await t.as('town_admin');
  deputy = await t.as('deputy');
  handler = await t.as('handler');
  b = await freshDatabase();
  c = openDatabase(':memory:');
  await migrateToLatest(c.db);
});
afterAll(async () => {
  await t.close();
  await b.close();
  await c.close();
});
afterEach(() => {
  vi.useRealTimers();
});

function setClock(iso: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
}

type S = { id: string; version: number; code: string };
async function ok(cl: Client, s: S, action: string, body: Record<string, unknown> = {}): Promise<S> {
  const res = await cl.post(`${URL}/${s.id}/actions/${action}`, { version: s.version, ...body });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}
async function create(title: string, over: Record<string, unknown> = {}): Promise<S> {
  const res = await admin.post(URL, {
    kind: 'suggestion',
    title,
    content: `${title}。`,
    category: '交通',
    sourceType: 'deputy',
    leadDeputyId: t.world.deputyA.id,
    submit: true,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const exportText = async (db: Kysely<DB>) => serializeWorkbook(await exportWorkbook(db, { townCode: 'T01', includePasswordHashes: true }));

/** Import into an empty database: the town first, then the files by content, then everything. */
async function importFresh(db: Database, doc: WorkbookDocument) {
  const { suggestions, ...rest } = structuredClone(doc);
  await importWorkbook(db.db, rest, CLI_ACTOR);
  const town = await db.db.selectFrom('town').select('id').where('code', '=', 'T01').executeTakeFirstOrThrow();
  await db.db
    .insertInto('storedFile')
    .values({
      id: `F-${town.id}`,
      townId: town.id,
      name: '答复函.pdf',
      kind: 'pdf',
      mime: 'application/pdf',
      size: PDF.length,
      sha256: SHA,
      storageKey: 'k',
      uploadedBy: null,
      uploadedAt: '2026-01-01T00:00:00.000Z',
    })
    .execute();
  return importWorkbook(db.db, { ...rest, suggestions }, CLI_ACTOR);
}

describe('suggestions in the workbook', () => {
  it('export -> import into an empty database -> export gives the same bytes, on this engine and on SQLite', async () => {
    setClock('2026-02-10T02:00:00Z');
    // Settings and holidays.
    const settings = (await admin.get('/api/v1/suggestion-settings')).json();
    expect((await admin.put('/api/v1/suggestion-settings', { ...settings, dueSoonDays: 10, categories: [...settings.categories, '水利'] })).statusCode).toBe(
      200,
    );
    expect(
      (
        await admin.put('/api/v1/holidays/2026', {
          items: [
            { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
            { date: '2026-10-10', kind: 'workday', name: '国庆调休' },
          ],
        })
      ).statusCode,
    ).toBe(200);
    const units = await t.db.selectFrom('handlingUnit').select(['id', 'code']).where('townId', '=', t.world.townA.id).execute();
    const u2 = units.find((u) => u.code === 'U002')?.id;
    // A whole history: attachment, assignment with a co-office, consultation, a refused extension,
    // reply with a document, dissatisfied, re-handling, second reply, rating, following, closed.
    const file = (await admin.request({ method: 'POST', url: '/api/v1/files?use=suggestion', ...multipartFile(PDF, '答复函.pdf') })).json().id;
    let s = await create('东风路路灯维修', { fileIds: [file], coSponsorIds: [] });
    s = await ok(admin, s, 'register');
    s = await ok(admin, s, 'key', { key: true, note: '群众反映集中' });
    s = await ok(admin, s, 'assign', { leadUnitId: t.world.unitA.id, coUnitIds: [u2] });
    s = await ok(handler, s, 'consult', { heldOn: '2026-02-10', method: 'face', stage: 'before', note: '当面商量' });
    s = await ok(handler, s, 'request-extension', { reason: '需招标', requestedDue: '2026-06-10' });
    s = await ok(admin, s, 'decide-extension', { approved: false, note: '按期办理' });
    const replyFile = (await handler.request({ method: 'POST', url: '/api/v1/files?use=document', ...multipartFile(PDF, '答复函.pdf') })).json().id;
    s = await ok(handler, s, 'reply', { grade: 'B', content: '已列入计划', fileId: replyFile });
    setClock('2026-03-01T02:00:00Z');
    s = await ok(deputy, s, 'rate', { attitude: 'satisfied', result: 'dissatisfied', comment: '太慢' });
    s = await ok(handler, s, 'reply', { grade: 'B', content: '下月施工' });
    s = await ok(deputy, s, 'rate', { attitude: 'satisfied', result: 'basically' });
    s = await ok(admin, s, 'close', { note: '已完工' });
    s = await ok(admin, s, 'publish', { published: true, publicAnswer: '路灯已修复' });
    // Not accepted, merged (into an item later in code order), a draft.
    await ok(admin, await create('个人纠纷'), 'not-accept', { reason: '不属于代表建议范围' });
    const target = await create('校门口减速带', {
      villageId: (await t.db.selectFrom('village').select('id').where('code', '=', 'V01').executeTakeFirstOrThrow()).id,
    });
    await ok(admin, await create('学校门口减速', {}), 'merge', { intoId: target.id });
    await create('草稿', { submit: false });
    vi.useRealTimers();

    const first = await exportText(t.db);
    const doc = JSON.parse(first) as WorkbookDocument & { suggestions: SuggestionRecord[] };
    expect(doc.suggestions).toHaveLength(5);
    expect(doc.suggestionSettings?.[0]).toMatchObject({ key: 'settings', dueSoonDays: 10 });
    expect(doc.holidays?.map((h) => h.date)).toEqual(['2026-10-01', '2026-10-10']);
    const walked = doc.suggestions.find((x) => x.title === '东风路路灯维修') as SuggestionRecord;
    expect(walked).toMatchObject({
      state: 'closed',
      round: 2,
      keySupervision: true,
      published: true,
      units: [
        { unit: 'U001', role: 'lead' },
        { unit: 'U002', role: 'co' },
      ],
      files: [{ name: '答复函.pdf', sha256: SHA }],
    });
    expect(walked.replies.map((r) => [r.round, r.grade, r.file?.sha256 ?? null])).toEqual([
      [1, 'B', SHA],
      [2, 'B', null],
    ]);
    expect(walked.ratings.map((r) => r.result)).toEqual(['dissatisfied', 'basically']);
    expect(walked.requests).toEqual([
      expect.objectContaining({ kind: 'extension', decision: 'refused', unit: 'U001', requestedBy: 'handler_a', decidedBy: 'admin_a' }),
    ]);
    expect(walked.events.map((e) => e.type)).toEqual([
      'create',
      'submit',
      'register',
      'key',
      'assign',
      'consult',
      'request_extension',
      'decide_extension',
      'reply',
      'rate',
      'reply',
      'rate',
      'close',
      'publish',
    ]);
    expect(doc.suggestions.find((x) => x.state === 'merged')?.mergedInto).toBe(target.code);

    const res = await importFresh(b, doc);
    expect(res.sections.suggestions).toEqual({ created: 5, updated: 0, unchanged: 0 });
    expect(await exportText(b.db)).toBe(first);
    await importFresh(c, doc);
    expect(await exportText(c.db)).toBe(first);
    // Importing the same document again changes nothing.
    const again = await importWorkbook(b.db, doc, CLI_ACTOR);
    expect(again.sections.suggestions).toEqual({ created: 0, updated: 0, unchanged: 5 });
    // The imported item reads as before: search text and the merge link are rebuilt.
    const town = await b.db.selectFrom('town').select('id').where('code', '=', 'T01').executeTakeFirstOrThrow();
    const merged = await b.db
      .selectFrom('suggestion')
      .select(['mergedIntoId', 'searchText'])
      .where('townId', '=', town.id)
      .where('state', '=', 'merged')
      .executeTakeFirstOrThrow();
    expect(merged.mergedIntoId).not.toBeNull();
    expect(merged.searchText).toContain('减速');
  });

  it('refuses broken items with the JSON path named, and writes nothing', async () => {
    const doc = JSON.parse(await exportText(t.db)) as WorkbookDocument & { suggestions: SuggestionRecord[] };
    const before = await exportText(b.db);
    const [s0, s1] = doc.suggestions as [SuggestionRecord, SuggestionRecord];
    s0.sponsors = [{ deputy: 'D999', role: 'lead' }];
    s0.units = [{ unit: 'U999', role: 'lead' }];
    s1.mergedInto = '2099-001';
    s1.state = 'merged';
    const err = (await importWorkbook(b.db, doc, CLI_ACTOR).catch((e: unknown) => e)) as WorkbookError;
    expect(err).toBeInstanceOf(WorkbookError);
    expect(err.issues.map((i) => i.field)).toEqual(
      expect.arrayContaining(['suggestions[0].sponsors[0].deputy', 'suggestions[0].units[0].unit', 'suggestions[1].mergedInto']),
    );
    const bad = JSON.parse(await exportText(t.db)) as WorkbookDocument & { suggestions: SuggestionRecord[] };
    (bad.suggestions[0] as SuggestionRecord).files = [{ name: 'x.pdf', sha256: 'a'.repeat(64) }];
    const err2 = (await importWorkbook(b.db, bad, CLI_ACTOR).catch((e: unknown) => e)) as WorkbookError;
    expect(err2.issues.map((i) => i.field)).toEqual(['suggestions[0].files[0].sha256']);
    expect(await exportText(b.db)).toBe(before);
  });
});
