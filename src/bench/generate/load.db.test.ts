import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/db.ts';
import type { Database } from '../../server/db/kysely.ts';
import type { DB } from '../../server/db/schema.ts';
import { verifyPassword } from '../../server/lib/password.ts';
import { exportWorkbook } from '../../server/modules/workbook/workbook.export.ts';
import { BENCH_PASSWORD, documentRows, loadSize, totalRows } from './load.ts';
import { generateTownDocument } from './town-document.ts';

/*
 * Runs on SQLite and, with TEST_DB=postgres, on PostgreSQL: the tiny size goes in through the workbook
 * importer with no errors, the database then holds exactly the rows the document carries, and exporting the
 * town gives back the generated records (so the generator writes export form, and the bench data is what a
 * real town's workbook would be).
 */

const SEED = 20261207;
let d: Database;
const lines: string[] = [];

beforeAll(async () => {
  d = await freshDatabase();
});
afterAll(async () => {
  await d?.close();
});

describe('loadSize', () => {
  it('imports the tiny size and reports its rows', async () => {
    const result = await loadSize(d.db, 'tiny', SEED, (l) => lines.push(l));
    const expected = documentRows(generateTownDocument(SEED, 'tiny', 0));
    expect(result.towns).toBe(1);
    expect(result.rows).toEqual(expected);
    expect(totalRows(result.rows)).toBeGreaterThan(100);
    expect(result.seconds).toBeGreaterThan(0);
    // One line per town and a summary.
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^BT0001 .+镇: [\d,]+ rows/);
  });

  it('leaves exactly the document’s rows in the database, by table', async () => {
    const town = await d.db.selectFrom('town').select('id').where('code', '=', 'BT0001').executeTakeFirstOrThrow();
    const expected = documentRows(generateTownDocument(SEED, 'tiny', 0));
    const actual: Record<string, number> = {};
    for (const table of Object.keys(expected)) {
      // Every table counted here carries the town id; the name comes from documentRows, not from input.
      const row = await d.db
        .selectFrom(table as keyof DB)
        .select(sql<string | number>`count(*)`.as('n'))
        .where(sql.ref('townId'), '=', town.id)
        .executeTakeFirstOrThrow();
      actual[table] = Number(row.n);
    }
    expect(actual).toEqual(expected);
    // And every record was audited (one event per record written, plus the import's summary).
    const audits = await d.db.selectFrom('auditEvent').select(sql<string | number>`count(*)`.as('n')).where('townId', '=', town.id).executeTakeFirstOrThrow();
    expect(Number(audits.n)).toBeGreaterThan(expected.suggestion + expected.activity + expected.deputy);
  });

  it('exports the town as it was generated', async () => {
    const generated = generateTownDocument(SEED, 'tiny', 0) as Record<string, unknown>;
    const exported = (await exportWorkbook(d.db, { townCode: 'BT0001' })) as Record<string, unknown>;
    for (const key of Object.keys(generated)) expect({ key, value: exported[key] }).toEqual({ key, value: generated[key] });
  });

  it('gives the admin account the bench password', async () => {
    const u = await d.db.selectFrom('appUser').select(['passwordHash', 'role']).where('username', '=', 'bt0001-admin').executeTakeFirstOrThrow();
    expect(u.role).toBe('town_admin');
    expect(await verifyPassword(BENCH_PASSWORD, u.passwordHash)).toBe(true);
    expect(await verifyPassword('wrong', u.passwordHash)).toBe(false);
  });

  it('changes nothing when loaded again (the documents are in export form)', async () => {
    const before = await d.db.selectFrom('auditEvent').select(sql<string | number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    await loadSize(d.db, 'tiny', SEED);
    const after = await d.db.selectFrom('auditEvent').select(sql<string | number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    // Only the import's summary event (the password hash is salted anew, so the one account is updated).
    expect(Number(after.n) - Number(before.n)).toBeLessThanOrEqual(2);
  });
});
