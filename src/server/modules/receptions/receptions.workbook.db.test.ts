import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/db.ts';
import { type Database, openDatabase } from '../../db/kysely.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { buildDemoCounty } from '../demo/demo.generator.ts';
import type { ReceptionRecord } from '../workbook/sections/receptions.section.ts';
import type { WorkbookDocument } from '../workbook/workbook.document.ts';
import { exportWorkbook, serializeWorkbook } from '../workbook/workbook.export.ts';
import { CLI_ACTOR, WorkbookError, importWorkbook } from '../workbook/workbook.import.ts';

/*
 * Receptions travel through the workbook: export -> import -> export gives the same bytes, on either
 * engine and across them; a matter is matched by its seq, so it keeps its id (and the suggestion made
 * from it); such a matter cannot be dropped or routed elsewhere by an import; references are checked.
 */

const FAKE_HASH = 'scrypt$32768$8$1$c2FsdHNhbHQ=$a2V5a2V5a2V5';
const AS_OF = new Date('2026-11-28T12:00:00Z');
type Doc = WorkbookDocument & { receptions: ReceptionRecord[] };
// Without the demo's suggestions: these tests link a matter to a suggestion of their own (the demo motion
// handled as a suggestion then names none).
const demoDoc = () => {
  const doc = structuredClone(buildDemoCounty(FAKE_HASH, AS_OF).documents[0]);
  // The demo's published points name the suggestions dropped here.
  return { ...doc, suggestions: [], motions: doc.motions?.map((m) => ({ ...m, suggestion: null })), pointsSnapshots: [], achievements: [] } as Doc;
};

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
const matterOf = (code: string, seq: number) =>
  a.db
    .selectFrom('receptionMatter as m')
    .innerJoin('reception as r', 'r.id', 'm.receptionId')
    .select(['m.id', 'm.content', 'm.suggestionId', 'm.searchText', 'r.version'])
    .where('r.code', '=', code)
    .where('m.seq', '=', seq)
    .executeTakeFirst();

describe('receptions in the workbook', () => {
  it('round trip: import -> export gives the receptions back, byte for byte, and across engines', async () => {
    const doc = demoDoc();
    const n = doc.receptions.length;
    expect(n).toBeGreaterThan(10);
    const res = await importWorkbook(a.db, doc, CLI_ACTOR);
    expect(res.sections.receptions).toEqual({ created: n, updated: 0, unchanged: 0 });
    const first = await exportText(a);
    expect((JSON.parse(first) as Doc).receptions).toEqual(doc.receptions);
    // The search text is made on import, from the matter's words and its village.
    const m = await matterOf('R0001', 1);
    expect(m?.searchText.length).toBeGreaterThan(0);

    await importWorkbook(b.db, JSON.parse(first), CLI_ACTOR);
    expect(await exportText(b)).toBe(first);
    const again = await importWorkbook(a.db, JSON.parse(first), CLI_ACTOR);
    expect(again.sections.receptions).toEqual({ created: 0, updated: 0, unchanged: n });
  });

  it('an update matches matters by seq: the matter keeps its id and suggestion; extra ones are added, dropped ones removed', async () => {
    const doc = demoDoc();
    const r = doc.receptions.find((x) => x.matters.length >= 2) as ReceptionRecord;
    const before = await matterOf(r.code, 1);
    const second = await matterOf(r.code, 2);
    const town = await a.db.selectFrom('town').select('id').where('code', '=', 'DEMO01').executeTakeFirstOrThrow();
    const ts = new Date().toISOString();
    await a.db
      .insertInto('suggestion')
      .values({
        id: 'SUG1',
        townId: town.id,
        code: '2026-001',
        year: 2026,
        kind: 'opinion',
        title: '由接待转来',
        sourceType: 'reception',
        sourceId: before?.id ?? '',
        category: r.matters[0].category,
        createdAt: ts,
        updatedAt: ts,
      })
      .execute();
    await a.db
      .updateTable('receptionMatter')
      .set({ suggestionId: 'SUG1', routing: 'suggestion' })
      .where('id', '=', before?.id ?? '')
      .execute();
    const [m1, m2] = r.matters;
    r.matters = [
      { ...m1, routing: 'suggestion', content: '改写后的反映内容' },
      m2,
      { ...m2, seq: 3, content: '新增的事项', routing: 'on_spot', routingNote: '' },
    ];
    const res = await importWorkbook(a.db, doc, CLI_ACTOR);
    expect(res.sections.receptions).toMatchObject({ updated: 1 });
    const after = await matterOf(r.code, 1);
    expect(after).toMatchObject({ id: before?.id, suggestionId: 'SUG1', content: '改写后的反映内容', version: (before?.version ?? 0) + 1 });
    expect((await matterOf(r.code, 2))?.id).toBe(second?.id);
    expect((await matterOf(r.code, 3))?.content).toBe('新增的事项');
  });

  it('refuses to drop or reroute a matter a suggestion was made from, and broken references, writing nothing', async () => {
    const before = await exportText(a);
    const current = JSON.parse(before) as Doc;
    const linked = current.receptions.find((x) => x.matters.some((m) => m.content === '改写后的反映内容')) as ReceptionRecord;
    const i = current.receptions.indexOf(linked);

    const dropped = structuredClone(current);
    dropped.receptions[i].matters = [];
    const rerouted = structuredClone(current);
    rerouted.receptions[i].matters[0].routing = 'village';
    const broken = structuredClone(current);
    broken.receptions[0].station = 'S99';
    broken.receptions[0].deputies = ['D999'];
    broken.receptions[0].matters[0].village = 'V99';
    broken.receptions[1].matters[0].seq = 7;

    const errOf = async (d: Doc) =>
      (await importWorkbook(a.db, d, CLI_ACTOR).then(
        () => null,
        (e: unknown) => e,
      )) as WorkbookError;
    const e1 = await errOf(dropped);
    expect(e1).toBeInstanceOf(WorkbookError);
    expect(e1.issues).toEqual([{ field: `receptions[${i}].matters`, message: '第 1 项事项已转为建议 2026-001，不能删除' }]);
    const e2 = await errOf(rerouted);
    expect(e2.issues.map((x) => x.field)).toContain(`receptions[${i}].matters[0].routing`);
    expect(e2.issues[0].message).toContain('2026-001');
    const e3 = await errOf(broken);
    expect(e3.issues.map((x) => x.field)).toEqual(expect.arrayContaining(['receptions[1].matters[0].seq']));
    const fixedSeq = structuredClone(broken);
    fixedSeq.receptions[1].matters[0].seq = 1;
    const e4 = await errOf(fixedSeq);
    expect(e4.issues.map((x) => x.field)).toEqual(
      expect.arrayContaining(['receptions[0].station', 'receptions[0].deputies[0]', 'receptions[0].matters[0].village']),
    );
    expect(await exportText(a)).toBe(before);
  });
});
