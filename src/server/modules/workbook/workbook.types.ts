import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { FieldIssue } from '../../http/errors.ts';
import type { Ctx } from '../../http/principal.ts';
import { type Counts, type SortKey, sortByKey } from './workbook.rules.ts';

/** The kinds of record other records refer to by external key. */
export type KeyKind =
  | 'village'
  | 'term'
  | 'constituency'
  | 'station'
  | 'unit'
  | 'deputy'
  | 'group'
  | 'presidium'
  | 'user'
  | 'activity_kind'
  | 'activity_series'
  | 'activity'
  | 'presidium_meeting'
  | 'research_topic'
  | 'document'
  | 'reception'
  | 'suggestion_settings'
  | 'holiday'
  | 'suggestion'
  | 'session'
  | 'session_roll'
  | 'session_item'
  | 'motion'
  | 'session_vote'
  | 'election'
  | 'finding'
  | 'rectification_notice'
  | 'reinspection'
  | 'appraisal'
  | 'appraisal_issue'
  | 'duty_report'
  | 'deputy_review'
  | 'points_scheme'
  | 'points_adjustment'
  | 'presidium_rating'
  | 'points_snapshot'
  | 'achievement'
  | 'portal_submission';

/**
 * External key -> internal id, per kind: filled from the database before the import, then by each
 * section as it creates records, so later sections can resolve references to earlier ones.
 */
export class KeyMaps {
  private readonly maps = new Map<KeyKind, Map<string, string>>();

  private of(kind: KeyKind): Map<string, string> {
    let m = this.maps.get(kind);
    if (!m) this.maps.set(kind, (m = new Map()));
    return m;
  }

  set(kind: KeyKind, key: string, id: string): void {
    this.of(kind).set(key, id);
  }

  has(kind: KeyKind, key: string): boolean {
    return this.of(kind).has(key);
  }

  /** The id of a reference that has passed the reference check; a miss is a bug, not bad input. */
  id(kind: KeyKind, key: string): string {
    const id = this.of(kind).get(key);
    if (id === undefined) throw new Error(`workbook: unresolved ${kind} key ${key}`);
    return id;
  }

  idOrNull(kind: KeyKind, key: string | null): string | null {
    return key === null ? null : this.id(kind, key);
  }
}

/** A record in its workbook form, with the internal id it has in this database. */
export type Loaded<R> = { id: string; record: R };

export type ExportOptions = {
  countyId: string;
  /** Only `renda export --include-password-hashes` sets this; imports always load hashes to compare. */
  includePasswordHashes: boolean;
};

/** One per-record audit event; the importer writes them in batches at the end of the transaction. */
export type AuditEntry = {
  entity: string;
  entityId: string;
  action: 'create' | 'update';
  summary: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
};

export type CheckCtx<R> = {
  db: Kysely<DB>;
  /** Null when the town is not in the database yet. */
  townId: string | null;
  countyId: string | null;
  existing: Loaded<R>[];
  /** Whether a record of this kind and key is in the document or in the database. */
  known(kind: KeyKind, key: string): boolean;
  /** Another section's records, in the document and in the database (e.g. a deputy's term for the presidium). */
  other<T = any>(key: string): { inDoc: T[]; existing: Loaded<T>[] };
};

export type ImportCtx<R> = {
  /** The actor, for audit; its principal carries the county and town being imported. */
  ctx: Ctx;
  townId: string;
  countyId: string;
  now: string;
  existing: Loaded<R>[];
  audit(entry: AuditEntry): void;
};

/**
 * One part of the workbook (villages, deputies, …). Later features add their records by writing a
 * section and adding it to the registry in workbook.sections.ts: the document schema, the JSON
 * schema, export and import all follow from the registry.
 */
export interface WorkbookSection<K extends string = string, R = any> {
  /** The property of the document that holds this section's array. */
  key: K;
  /** Chinese name for messages and the CLI summary. */
  label: string;
  /** The kind of key the section's records provide to others. */
  kind: KeyKind;
  /** The external key of a record (composite keys joined with '/'). */
  keyOf(r: R): string;
  /** The field named when two records share a key. */
  keyField: string;
  /** Export order (numbers numerically, text by code point): every array of a document is sorted. */
  sortKey(r: R): SortKey | readonly SortKey[];
  /** The zod schema of one record. */
  record: z.ZodType<R>;
  /** The record with its inner lists in key order; documents may list them in any order. */
  canonical?(r: R): R;
  /** Every record of the town in workbook form (defineSection sorts them by sortKey). */
  load(db: Kysely<DB>, townId: string, opts: ExportOptions): Promise<Loaded<R>[]>;
  /** The section of an exported document. */
  export(db: Kysely<DB>, townId: string, opts: ExportOptions): Promise<R[]>;
  /** References and uniqueness beyond the schema; issues name JSON paths such as `deputies[3].station`. */
  check?(data: R[], cx: CheckCtx<R>): FieldIssue[] | Promise<FieldIssue[]>;
  /** Upsert by external key inside the import transaction; never deletes a record. */
  import(trx: Kysely<DB>, ictx: ImportCtx<R>, data: R[], keys: KeyMaps): Promise<Counts>;
  /** Second pass, after every section's import: references that point forward (a station's head deputy). */
  link?(trx: Kysely<DB>, ictx: ImportCtx<R>, data: R[], keys: KeyMaps): Promise<void>;
}

export type SectionSpec<K extends string, R> = Omit<WorkbookSection<K, R>, 'export'> & Partial<Pick<WorkbookSection<K, R>, 'export'>>;

/** A section whose load is sorted, and whose export is its load without the ids unless it says otherwise. */
export function defineSection<K extends string, R>(spec: SectionSpec<K, R>): WorkbookSection<K, R> {
  const load: WorkbookSection<K, R>['load'] = async (db, townId, opts) => sortByKey(await spec.load(db, townId, opts), (l) => spec.sortKey(l.record));
  return {
    ...spec,
    load,
    export: spec.export ?? (async (db, townId, opts) => (await load(db, townId, opts)).map((l) => l.record)),
  };
}
