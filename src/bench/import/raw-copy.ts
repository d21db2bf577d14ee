import { CompiledQuery, type Kysely, sql } from 'kysely';
import type { Engine } from '../../server/db/kysely.ts';

/*
 * The floor for the workbook import (issue 8, measurement 4): the same rows written with plain multi-row
 * INSERTs and nothing else. The table list, the columns and the foreign keys are read from the schema
 * (sqlite_master / pragmas, or pg_catalog), so a table a later feature adds is copied without touching
 * this file. Everything here goes through a Kysely without plugins: snake_case names, no camelCase
 * mapping, no query builder on the timed path (CompiledQuery.raw straight to the driver).
 */

/** Bound parameters per statement each engine accepts (SQLite's SQLITE_MAX_VARIABLE_NUMBER, PostgreSQL's wire limit). */
export const PARAM_LIMIT: Record<Engine, number> = { sqlite: 32_766, postgres: 65_535 };

export type TableInfo = {
  name: string;
  /** Insertable columns (generated ones left out), in schema order. */
  columns: string[];
  /** Columns PostgreSQL returns parsed (json, jsonb): written back as text. */
  jsonColumns: string[];
  hasTownId: boolean;
  /** Foreign keys: column -> referenced table and column. */
  refs: { column: string; table: string; to: string }[];
};

type AnyDb = Kysely<any>;
type Row = Record<string, unknown>;

const quote = (id: string) => `"${id.replaceAll('"', '""')}"`;

/** The base tables of the database with their columns and foreign keys (migration bookkeeping left out). */
export async function readSchema(db: AnyDb, engine: Engine): Promise<TableInfo[]> {
  const out: TableInfo[] = [];
  if (engine === 'sqlite') {
    // table_list tells base tables from virtual FTS tables and their shadow tables, which triggers fill.
    const tables = (await sql<{ name: string; type: string; schema: string }>`pragma table_list`.execute(db)).rows
      .filter((t) => t.schema === 'main' && t.type === 'table' && !/^(sqlite_|kysely_)/.test(t.name))
      .map((t) => t.name)
      .sort();
    for (const name of tables) {
      const cols = (await sql<{ name: string; hidden: number }>`select name, hidden from pragma_table_xinfo(${name})`.execute(db)).rows;
      const fks = (
        await sql<{ from: string; table: string; to: string | null }>`select "from", "table", "to" from pragma_foreign_key_list(${name})`.execute(db)
      ).rows;
      const columns = cols.filter((c) => c.hidden === 0).map((c) => c.name);
      out.push({
        name,
        columns,
        jsonColumns: [],
        hasTownId: columns.includes('town_id'),
        refs: fks.map((f) => ({ column: f.from, table: f.table, to: f.to ?? 'id' })),
      });
    }
    return out;
  }
  const cols = (
    await sql<{ table_name: string; column_name: string; data_type: string; is_generated: string }>`
      select c.table_name, c.column_name, c.data_type, c.is_generated
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.table_name not like 'kysely\\_%'
      order by c.table_name, c.ordinal_position`.execute(db)
  ).rows;
  const fks = (
    await sql<{ table_name: string; column_name: string; ref_table: string; ref_column: string }>`
      select cl.relname as table_name, a.attname as column_name, rcl.relname as ref_table, ra.attname as ref_column
      from pg_constraint c
      join pg_class cl on cl.oid = c.conrelid
      join pg_namespace n on n.oid = cl.relnamespace
      join pg_class rcl on rcl.oid = c.confrelid
      cross join lateral unnest(c.conkey, c.confkey) as k(attnum, refnum)
      join pg_attribute a on a.attrelid = cl.oid and a.attnum = k.attnum
      join pg_attribute ra on ra.attrelid = rcl.oid and ra.attnum = k.refnum
      where c.contype = 'f' and n.nspname = current_schema()`.execute(db)
  ).rows;
  const byTable = new Map<string, TableInfo>();
  for (const c of cols) {
    let t = byTable.get(c.table_name);
    if (!t) {
      t = { name: c.table_name, columns: [], jsonColumns: [], hasTownId: false, refs: [] };
      byTable.set(c.table_name, t);
      out.push(t);
    }
    if (c.is_generated === 'ALWAYS') continue;
    t.columns.push(c.column_name);
    if (c.data_type === 'json' || c.data_type === 'jsonb') t.jsonColumns.push(c.column_name);
    if (c.column_name === 'town_id') t.hasTownId = true;
  }
  for (const f of fks) byTable.get(f.table_name)?.refs.push({ column: f.column_name, table: f.ref_table, to: f.ref_column });
  return out;
}

/**
 * Tables in an order where every table comes after the tables it references (self-references aside).
 * A cycle between tables (on PostgreSQL, station.head_deputy_id → deputy → station, which the importer
 * closes in its `link` pass) has no such order: the edge that closes it is dropped and reported in `cycles`,
 * and the caller must then defer or disable the checks for the copy.
 */
export function dependencyOrder(tables: readonly TableInfo[]): { order: TableInfo[]; cycles: string[] } {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: TableInfo[] = [];
  const cycles: string[] = [];
  const visit = (t: TableInfo) => {
    if (done.has(t.name)) return;
    visiting.add(t.name);
    for (const r of t.refs) {
      const dep = byName.get(r.table);
      if (!dep || dep.name === t.name) continue;
      if (visiting.has(dep.name)) cycles.push(`${t.name}.${r.column} → ${dep.name}`);
      else visit(dep);
    }
    visiting.delete(t.name);
    done.add(t.name);
    order.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t);
  return { order, cycles };
}

/** Rows of a self-referencing table, each after the row it points to (a merged suggestion after its target). */
function selfOrdered(t: TableInfo, rows: Row[]): Row[] {
  const self = t.refs.filter((r) => r.table === t.name);
  if (!self.length) return rows;
  const present = new Set<unknown>();
  for (const r of rows) for (const s of self) present.add(r[s.to]);
  const placed = new Set<unknown>();
  let left = rows;
  const out: Row[] = [];
  while (left.length) {
    const next: Row[] = [];
    for (const r of left) {
      const ready = self.every((s) => r[s.column] == null || !present.has(r[s.column]) || placed.has(r[s.column]) || r[s.column] === r[s.to]);
      if (ready) {
        out.push(r);
        for (const s of self) placed.add(r[s.to]);
      } else next.push(r);
    }
    if (next.length === left.length) throw new Error(`raw copy: rows of ${t.name} reference each other in a cycle`);
    left = next;
  }
  return out;
}

/** Every row of one town: the county and town rows, and each table with a town_id column that has rows. */
export type TownRows = {
  tables: { table: TableInfo; rows: Row[] }[];
  /** Foreign keys that close a cycle between the copied tables (see dependencyOrder). */
  cycles: string[];
};

export async function readTownRows(db: AnyDb, engine: Engine, townId: string): Promise<TownRows> {
  const schema = await readSchema(db, engine);
  const town = (await sql<{ county_id: string }>`select county_id from town where id = ${townId}`.execute(db)).rows[0];
  if (!town) throw new Error(`raw copy: no town ${townId}`);
  const out: { table: TableInfo; rows: Row[] }[] = [];
  // audit_chain (the head of the county's audit hash chain) goes with the county, so the copy's audit
  // events keep a head to verify against and both databases hold the same rows.
  const { order, cycles } = dependencyOrder(schema.filter((t) => t.hasTownId || t.name === 'town' || t.name === 'county' || t.name === 'audit_chain'));
  for (const t of order) {
    const cols = t.columns.map(quote).join(', ');
    const where =
      t.name === 'county'
        ? sql`id = ${town.county_id}`
        : t.name === 'audit_chain'
          ? sql`chain = ${town.county_id}`
          : t.name === 'town'
            ? sql`id = ${townId}`
            : sql`${sql.id('town_id')} = ${townId}`;
    const rows = (await sql<Row>`select ${sql.raw(cols)} from ${sql.id(t.name)} where ${where}`.execute(db)).rows;
    if (rows.length) out.push({ table: t, rows: selfOrdered(t, rows) });
  }
  const copied = new Set(out.map((t) => t.table.name));
  // Only a cycle among tables that actually got rows matters.
  return { tables: out, cycles: cycles.filter((c) => copied.has(c.split('.')[0]) && copied.has(c.split(' → ')[1])) };
}

/** Multi-row INSERT statements for the rows, each under the engine's parameter limit. */
export function insertStatements(engine: Engine, tables: readonly { table: TableInfo; rows: Row[] }[]): CompiledQuery[] {
  const out: CompiledQuery[] = [];
  for (const { table, rows } of tables) {
    const cols = table.columns;
    const json = new Set(table.jsonColumns);
    const perStatement = Math.max(1, Math.floor(PARAM_LIMIT[engine] / cols.length));
    const head = `insert into ${quote(table.name)} (${cols.map(quote).join(', ')}) values `;
    for (let i = 0; i < rows.length; i += perStatement) {
      const part = rows.slice(i, i + perStatement);
      const params: unknown[] = [];
      const tuples: string[] = [];
      for (const r of part) {
        const marks: string[] = [];
        for (const c of cols) {
          const v = r[c];
          params.push(json.has(c) && v != null ? JSON.stringify(v) : v);
          marks.push(engine === 'sqlite' ? '?' : `$${params.length}`);
        }
        tuples.push(`(${marks.join(', ')})`);
      }
      out.push(CompiledQuery.raw(head + tuples.join(', '), params));
    }
  }
  return out;
}

/**
 * Runs the statements in one transaction; returns the seconds spent (begin to commit). Foreign keys stay
 * ON and the statements are in dependency order, so the floor pays the checks the import pays. When the
 * copied tables form a cycle (`relaxChecks`), SQLite defers the checks to the commit (still paid) and
 * PostgreSQL, whose constraints are not DEFERRABLE, skips them for this transaction
 * (session_replication_role = replica; the schema's only triggers on PostgreSQL are audit_event's, which
 * refuse UPDATE and DELETE and never fire on these INSERTs, so only the foreign-key checks are skipped): that makes the floor faster and the ratio stricter, never kinder.
 */
export async function runInserts(db: AnyDb, engine: Engine, statements: readonly CompiledQuery[], relaxChecks: boolean): Promise<number> {
  const t0 = performance.now();
  await db.transaction().execute(async (trx) => {
    if (relaxChecks) {
      await sql.raw(engine === 'sqlite' ? 'pragma defer_foreign_keys = on' : 'set local session_replication_role = replica').execute(trx);
    }
    for (const q of statements) await trx.executeQuery(q);
  });
  return (performance.now() - t0) / 1000;
}

/** Rows per base table (migration bookkeeping and FTS shadow tables left out): what a copy must reproduce. */
export async function tableCounts(db: AnyDb, engine: Engine): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await readSchema(db, engine)) {
    const n = (await sql<{ n: number | string }>`select count(*) as n from ${sql.id(t.name)}`.execute(db)).rows[0]?.n ?? 0;
    if (Number(n) > 0) out[t.name] = Number(n);
  }
  return out;
}
