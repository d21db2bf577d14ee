import type { Engine } from '../../server/db/kysely.ts';
import { importWorkbook, readWorkbookText } from '../../server/modules/workbook/workbook.import.ts';
import { benchDatabase } from '../bench.database.ts';
import type { SizeName } from '../generate/sizes.ts';
import { townCode } from '../generate/sizes.ts';
import { generateTownDocument } from '../generate/town-document.ts';
import { BENCH_ACTOR_IMPORT } from './actor.ts';
import { insertStatements, readTownRows, runInserts, tableCounts } from './raw-copy.ts';

/*
 * Issue 8, measurement 4: the workbook import's rate as a ratio to a raw batched insert of the same rows.
 *
 * DB A: one generated town goes in as `renda import` takes it — JSON text → JSON.parse → importWorkbook
 * (validation, reference checks, upsert planning, audit events, one transaction). Then every row the import
 * left for that town (county and town rows, and every table with a town_id, audit events included) is read
 * back and written into a fresh DB B with multi-row INSERTs in dependency order, one transaction, foreign
 * keys ON. The row count is the same for both sides, so the ratio is (import rows/s) ÷ (raw rows/s) =
 * raw seconds ÷ import seconds. On SQLite the search triggers fire on both sides.
 *
 * The floor is built to be strict: its statements (SQL text and parameters) are prepared before the clock
 * starts, so it times only the database's work, while the import's time includes everything it does.
 */

export type ImportVsRaw = {
  engine: Engine;
  size: SizeName;
  town: string;
  jsonBytes: number;
  /** Rows per table the import left for the town (= what the raw copy wrote). */
  rows: Record<string, number>;
  totalRows: number;
  statements: number;
  /** Foreign keys closing a cycle among the copied tables; when any, the copy deferred or skipped the checks. */
  cycles: string[];
  importSeconds: number;
  rawSeconds: number;
  importRowsPerSecond: number;
  rawRowsPerSecond: number;
  /** importRowsPerSecond ÷ rawRowsPerSecond; target ≥ 0.5. */
  ratio: number;
  /** Rows per base table in each database after the run (triggers' tables included): a copy must match. */
  countsA: Record<string, number>;
  countsB: Record<string, number>;
};

export const IMPORT_RATIO_TARGET = 0.5;

export async function importVsRaw(engine: Engine, pgUrl: string, size: SizeName, townIndex: number, seed: number): Promise<ImportVsRaw> {
  // The document as a file's text; generating it is not part of the import.
  const text = JSON.stringify(generateTownDocument(seed, size, townIndex));
  const a = await benchDatabase(engine, pgUrl);
  const b = await benchDatabase(engine, pgUrl);
  try {
    const t0 = performance.now();
    await importWorkbook(a.db, readWorkbookText(text), BENCH_ACTOR_IMPORT);
    const importSeconds = (performance.now() - t0) / 1000;

    const rawA = a.db.withoutPlugins();
    const code = townCode(townIndex);
    const town = await a.db.selectFrom('town').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    const { tables, cycles } = await readTownRows(rawA, engine, town.id);
    const statements = insertStatements(engine, tables);
    const rawSeconds = await runInserts(b.db.withoutPlugins(), engine, statements, cycles.length > 0);

    const rows = Object.fromEntries(tables.map((t) => [t.table.name, t.rows.length]));
    const totalRows = tables.reduce((n, t) => n + t.rows.length, 0);
    const importRowsPerSecond = totalRows / importSeconds;
    const rawRowsPerSecond = totalRows / rawSeconds;
    return {
      engine,
      size,
      town: code,
      jsonBytes: Buffer.byteLength(text),
      rows,
      totalRows,
      statements: statements.length,
      cycles,
      importSeconds,
      rawSeconds,
      importRowsPerSecond,
      rawRowsPerSecond,
      ratio: importRowsPerSecond / rawRowsPerSecond,
      countsA: await tableCounts(rawA, engine),
      countsB: await tableCounts(b.db.withoutPlugins(), engine),
    };
  } finally {
    await a.close();
    await b.close();
  }
}
