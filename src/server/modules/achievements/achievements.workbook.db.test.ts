import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/db.ts';
import { type Database, openDatabase } from '../../db/kysely.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { buildDemoCounty } from '../demo/demo.generator.ts';
import type { WorkbookDocument } from '../workbook/workbook.document.ts';
import { exportWorkbook, serializeWorkbook } from '../workbook/workbook.export.ts';
import { CLI_ACTOR, WorkbookError, importWorkbook, readWorkbookText } from '../workbook/workbook.import.ts';

/*
 * The achievements section on the demo town: a round trip (import into an empty database, export, the same
 * text; across engines in the PostgreSQL run), a second import that changes nothing, an edit that updates,
 * and bad references reported by path with nothing written.
 */

const AS_OF = new Date('2026-12-07T02:00:00Z');
const demo = (): WorkbookDocument => structuredClone(buildDemoCounty(undefined, AS_OF).documents[0]);

async function sqliteMemory(): Promise<Database> {
  const d = openDatabase(':memory:');
  await migrateToLatest(d.db);
  return d;
}

let a: Database;
beforeAll(async () => {
  a = await freshDatabase();
});
afterAll(async () => a.close());

describe('achievements in the workbook', () => {
  it('the demo town carries the ledger, linked by code to an inspection and a suggestion', () => {
    const doc = demo();
    const list = doc.achievements ?? [];
    expect(list.length).toBeGreaterThanOrEqual(6);
    const tax = list.find((x) => x.title === '新增税收');
    expect(tax).toMatchObject({ amount: 1967, unit: '万元', category: 'economy' });
    expect(doc.activities?.some((x) => x.code === tax?.activity)).toBe(true);
    expect(list.some((x) => x.suggestion !== null && doc.suggestions?.some((s) => s.code === x.suggestion))).toBe(true);
    // The second town has none.
    expect(buildDemoCounty(undefined, AS_OF).documents[1].achievements ?? []).toEqual([]);
  });

  it('round trip: import -> export gives the document back, byte for byte, across engines', async () => {
    const doc = demo();
    const text = serializeWorkbook(doc);
    const first = await importWorkbook(a.db, readWorkbookText(text), CLI_ACTOR);
    expect(first.sections.achievements.created).toBe(doc.achievements?.length);
    const out = serializeWorkbook(await exportWorkbook(a.db, { townCode: doc.town.code }));
    expect(out).toBe(text);
    const other = await sqliteMemory();
    try {
      await importWorkbook(other.db, readWorkbookText(out), CLI_ACTOR);
      expect(serializeWorkbook(await exportWorkbook(other.db, { townCode: doc.town.code }))).toBe(out);
    } finally {
      await other.close();
    }
  });

  it('a second import changes nothing; an edited entry is updated and audited', async () => {
    const n = demo().achievements?.length;
    const again = await importWorkbook(a.db, demo(), CLI_ACTOR);
    expect(again.sections.achievements).toEqual({ created: 0, updated: 0, unchanged: n });
    const doc = demo();
    const first = doc.achievements?.[0];
    if (!first) throw new Error('no demo achievement');
    first.amount = 4;
    first.description = '又引进一个项目';
    const edited = await importWorkbook(a.db, doc, CLI_ACTOR);
    expect(edited.sections.achievements).toMatchObject({ updated: 1 });
    const row = await a.db.selectFrom('achievement').select(['amount', 'version', 'searchText']).where('code', '=', first.code).executeTakeFirstOrThrow();
    expect(Number(row.amount)).toBe(4);
    expect(row.version).toBe(2);
    expect(row.searchText).toContain('项目');
  });

  it('an entry naming an activity or a suggestion that exists nowhere is reported by path; nothing is written', async () => {
    const fresh = await sqliteMemory();
    try {
      const doc = demo();
      const list = doc.achievements ?? [];
      list[0].activity = 'A99999';
      list[1].suggestion = '2026-999';
      const err = await importWorkbook(fresh.db, doc, CLI_ACTOR).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(WorkbookError);
      const fields = (err as WorkbookError).issues.map((i) => i.field);
      expect(fields).toContain('achievements[0].activity');
      expect(fields).toContain('achievements[1].suggestion');
      expect(await fresh.db.selectFrom('achievement').select('id').execute()).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
