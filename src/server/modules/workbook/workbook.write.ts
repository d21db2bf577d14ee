import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import { type Counts, planUpsert } from './workbook.rules.ts';
import type { ImportCtx, KeyKind, KeyMaps } from './workbook.types.ts';

/*
 * Batched writes for the importer. The workbook works directly on the tables instead of going
 * through the other modules' services: it is an interchange layer that must write a whole town in
 * one transaction with a handful of multi-row statements, not one service call per record.
 */

// Both engines cap bound parameters per statement (SQLite 32766, PostgreSQL 65535); stay well below.
const MAX_PARAMS = 30_000;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Multi-row inserts, as few statements as the parameter limit allows. */
export async function insertMany<T extends keyof DB & string>(trx: Kysely<DB>, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0] as object).length || 1;
  const size = Math.max(1, Math.floor(MAX_PARAMS / columns));
  for (const part of chunks(rows, size)) {
    await (trx as Kysely<any>).insertInto(table).values(part).execute();
  }
}

/** Delete the child rows (memberships, covered villages) of the given parents in this town. */
export async function deleteChildren(
  trx: Kysely<DB>,
  table: keyof DB & string,
  parentColumn: string,
  parentIds: readonly string[],
  townId: string,
): Promise<void> {
  for (const part of chunks(parentIds, 1000)) {
    await (trx as Kysely<any>).deleteFrom(table).where('townId', '=', townId).where(parentColumn, 'in', part).execute();
  }
}

/**
 * Replace the child rows (villages, members, invitations, …) of updated parents: the document carries
 * each parent's whole list, so the old children go and the document's are written.
 */
export async function replaceChildren<R>(
  trx: Kysely<DB>,
  townId: string,
  table: keyof DB & string,
  parentColumn: string,
  rows: readonly { id: string; after: R }[],
  write: (rows: { id: string; record: R }[]) => Promise<void>,
): Promise<void> {
  await deleteChildren(
    trx,
    table,
    parentColumn,
    rows.map((r) => r.id),
    townId,
  );
  await write(rows.map((r) => ({ id: r.id, record: r.after })));
}

/** Write changed fields of versioned rows, bumping the version so a form opened before the import sees a conflict. */
export async function updateVersionedRows<R>(
  trx: Kysely<DB>,
  townId: string,
  table: keyof DB & string,
  now: string,
  rows: readonly { id: string; after: R }[],
  fields: (r: R) => Record<string, unknown>,
): Promise<void> {
  for (const { id, after } of rows) {
    await (trx as Kysely<any>)
      .updateTable(table)
      .set((eb: any) => ({ ...fields(after), version: eb('version', '+', 1), updatedAt: now }))
      .where('townId', '=', townId)
      .where('id', '=', id)
      .execute();
  }
}

export type UpsertSpec<R> = {
  kind: KeyKind;
  keyOf(r: R): string;
  /** Audit entity name (the same names the modules use: 'deputy', 'station', 'handling_unit', …). */
  entity: string;
  /** Chinese noun and display name for the audit summary: 新增代表 李明华. */
  noun: string;
  nameOf(r: R): string;
  view?(existing: R, incoming: R): R;
  /** The record as written into the audit log (e.g. without the password hash). */
  auditView?(r: R): Record<string, unknown>;
  insert(rows: { id: string; record: R }[]): Promise<void>;
  update(rows: { id: string; before: R; after: R }[]): Promise<void>;
};

/**
 * The common upsert: compare in memory by external key, insert the new records in batches, update
 * only the records that differ, and queue one audit event per written record.
 */
export async function upsertRecords<R>(ictx: ImportCtx<R>, data: R[], keys: KeyMaps, spec: UpsertSpec<R>): Promise<Counts> {
  const plan = planUpsert(data, ictx.existing, spec.keyOf, spec.view);
  const creates = plan.creates.map((record) => ({ id: newId(), record }));
  for (const c of creates) keys.set(spec.kind, spec.keyOf(c.record), c.id);
  // Updates first: a record may hand a value over (a village from one station to another) to a new one.
  await spec.update(plan.updates);
  await spec.insert(creates);
  const view = spec.auditView ?? ((r: R) => r as Record<string, unknown>);
  for (const c of creates) {
    ictx.audit({
      entity: spec.entity,
      entityId: c.id,
      action: 'create',
      summary: `工作簿导入：新增${spec.noun} ${spec.nameOf(c.record)}`,
      after: view(c.record),
    });
  }
  for (const u of plan.updates) {
    ictx.audit({
      entity: spec.entity,
      entityId: u.id,
      action: 'update',
      summary: `工作簿导入：修改${spec.noun} ${spec.nameOf(u.after)}`,
      before: view(u.before),
      after: view(u.after),
    });
  }
  return { created: creates.length, updated: plan.updates.length, unchanged: plan.unchanged };
}

/** Flags are 0/1 in the tables and booleans in the workbook. */
export const flag = (b: boolean): number => (b ? 1 : 0);
export const bool = (n: number): boolean => n === 1;
