import {
  CamelCasePlugin,
  type CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { Engine } from '../../server/db/kysely.ts';
import type { DB } from '../../server/db/schema.ts';

/** One SQL statement as the app's repo code compiles it for an engine: the text and its parameters. */
export type Statement = { sql: string; parameters: readonly unknown[] };

/**
 * The SQL the app's own repo functions send, without running it: the function is called on a Kysely
 * that has the engine's adapter and compiler and the app's CamelCasePlugin, but a driver that answers
 * every query with no rows. So a floor reads with exactly the statement the app runs (same columns,
 * filters, order and page) and cannot drift from it when the repo changes.
 *
 * Only the statements a function sends before it needs a result are seen: a function that reads one
 * row and then queries with it (or throws on "no row") shows its first statement only. Errors from
 * the empty answers are expected and swallowed; the capture is checked by the caller (non-empty).
 */
export async function captureSql(engine: Engine, run: (db: Kysely<DB>) => Promise<unknown>): Promise<Statement[]> {
  const seen: CompiledQuery[] = [];
  const pgLike = engine === 'postgres';
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => (pgLike ? new PostgresAdapter() : new SqliteAdapter()),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => (pgLike ? new PostgresIntrospector(k) : new SqliteIntrospector(k)),
      createQueryCompiler: () => (pgLike ? new PostgresQueryCompiler() : new SqliteQueryCompiler()),
    },
    plugins: [new CamelCasePlugin()],
    log: (event) => {
      if (event.level === 'query') seen.push(event.query);
    },
  });
  try {
    await run(db);
  } catch {
    // An empty answer made the function give up after its first statements: those are what we want.
  }
  // Kysely logs after the (dummy) driver answers; let queries started in a Promise.all settle.
  await new Promise((r) => setImmediate(r));
  await db.destroy();
  return seen.map((q) => ({ sql: q.sql, parameters: q.parameters }));
}

/**
 * A list statement with the total added as a window count, so one statement answers the page and the
 * count the app gets from two (`count(*) over ()` is computed before LIMIT/OFFSET on both engines).
 */
export function withWindowTotal(s: Statement): Statement {
  if (!/^select /i.test(s.sql)) throw new Error(`bench: not a select: ${s.sql.slice(0, 60)}`);
  return { sql: s.sql.replace(/^select /i, 'select count(*) over () as total__, '), parameters: s.parameters };
}
