import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { containsCi } from '../../db/sql-helpers.ts';
import type { DocumentCategory, DocumentRecipientTable, DocumentStatus, DocumentTable } from '../../db/tables/documents.ts';
import { codeCounter } from '../../lib/auto-code.ts';

/*
 * Queries of documents and their recipients. Every function takes the town: nothing is read or written
 * across towns. Lists and counts are one statement each, whatever the page size.
 */

export type DocumentRow = Selectable<DocumentTable>;
export type RecipientRow = Selectable<DocumentRecipientTable>;

export function findDocument(db: Kysely<DB>, townId: string, id: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('document').selectAll().where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

/**
 * The next code F0001…: unique in the town and never reused (the workbook refers to documents by it).
 * Two creations racing may pick the same code; the unique index (town, code) refuses the second.
 */
export async function nextDocumentCode(db: Kysely<DB>, townId: string): Promise<string> {
  const rows = await db.selectFrom('document').select('code').where('townId', '=', townId).execute();
  return codeCounter(
    'F',
    4,
    rows.map((r) => r.code),
  )();
}

export async function insertDocument(db: Kysely<DB>, row: Insertable<DocumentTable>): Promise<void> {
  await db.insertInto('document').values(row).execute();
}

/** Update only if the stored version is still `version`, moving it on by one; whether a row changed. */
export async function updateDocumentIf(
  db: Kysely<DB>,
  townId: string,
  id: string,
  version: number,
  patch: Partial<Omit<DocumentRow, 'id' | 'townId' | 'code' | 'version' | 'createdAt' | 'createdBy'>>,
): Promise<boolean> {
  const res = await db
    .updateTable('document')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('townId', '=', townId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteDocumentRow(db: Kysely<DB>, townId: string, id: string): Promise<void> {
  await db.deleteFrom('documentRecipient').where('townId', '=', townId).where('documentId', '=', id).execute();
  await db.deleteFrom('document').where('townId', '=', townId).where('id', '=', id).execute();
}

/** An activity of the town, for the link (a document may point at the meeting it was handed out at). */
export function activityRef(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('activity').select(['id', 'code', 'title']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

// ---- Views with the file and the linked activity ----

function viewBase(db: Kysely<DB>, townId: string) {
  return db
    .selectFrom('document')
    .leftJoin('storedFile', (j) => j.onRef('storedFile.id', '=', 'document.fileId').on('storedFile.townId', '=', townId))
    .leftJoin('activity', (j) => j.onRef('activity.id', '=', 'document.activityId').on('activity.townId', '=', townId))
    .where('document.townId', '=', townId);
}

const VIEW_COLUMNS = [
  'storedFile.name as fileName',
  'storedFile.kind as fileKind',
  'storedFile.mime as fileMime',
  'storedFile.size as fileSize',
  'storedFile.uploadedAt as fileUploadedAt',
  'activity.code as activityCode',
  'activity.title as activityTitle',
] as const;

export function findDocumentView(db: Kysely<DB>, townId: string, id: string) {
  return viewBase(db, townId).selectAll('document').select(VIEW_COLUMNS).where('document.id', '=', id).executeTakeFirst();
}

export type DocumentView = NonNullable<Awaited<ReturnType<typeof findDocumentView>>>;

export type DocumentFilter = {
  category?: DocumentCategory;
  status?: DocumentStatus;
  activityId?: string;
  q?: string;
  /** A liaison's station: only sent documents that reached at least one of its deputies. */
  stationId?: string;
  limit: number;
  offset: number;
};

export async function listDocumentViews(db: Kysely<DB>, townId: string, f: DocumentFilter): Promise<{ rows: DocumentView[]; total: number }> {
  let base = viewBase(db, townId);
  if (f.category) base = base.where('document.category', '=', f.category);
  if (f.status) base = base.where('document.status', '=', f.status);
  if (f.activityId) base = base.where('document.activityId', '=', f.activityId);
  if (f.q) {
    const q = f.q;
    base = base.where((eb) => eb.or([containsCi('document.title', q), containsCi('document.docNumber', q), eb('document.code', '=', q)]));
  }
  if (f.stationId) {
    const s = f.stationId;
    base = base.where('document.status', '=', 'sent').where((eb) =>
      eb.exists(
        eb
          .selectFrom('documentRecipient')
          .innerJoin('deputy', 'deputy.id', 'documentRecipient.deputyId')
          .select('documentRecipient.id')
          .whereRef('documentRecipient.documentId', '=', 'document.id')
          .where('documentRecipient.townId', '=', townId)
          .where('deputy.stationId', '=', s),
      ),
    );
  }
  const [c, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .selectAll('document')
      .select(VIEW_COLUMNS)
      .orderBy('document.createdAt', 'desc')
      .orderBy('document.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  ]);
  return { rows, total: Number(c.n) };
}

// ---- Read counts ----

export type Counts = { recipients: number; read: number; reminded: number };

/** Recipients, readers and reminded-but-unread per document, one grouped query for a whole page (optionally one station's deputies). */
export async function readCounts(db: Kysely<DB>, townId: string, documentIds: string[], stationId?: string): Promise<Map<string, Counts>> {
  if (!documentIds.length) return new Map();
  let q = db
    .selectFrom('documentRecipient')
    .innerJoin('deputy', 'deputy.id', 'documentRecipient.deputyId')
    .select((eb) => [
      'documentRecipient.documentId',
      eb.fn.countAll<number>().as('recipients'),
      eb.fn.count<number>('documentRecipient.firstReadAt').as('read'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('documentRecipient.firstReadAt', 'is', null), eb('documentRecipient.remindedCount', '>', 0)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('reminded'),
    ])
    .where('documentRecipient.townId', '=', townId)
    .where('documentRecipient.documentId', 'in', documentIds);
  if (stationId) q = q.where('deputy.stationId', '=', stationId);
  const rows = await q.groupBy('documentRecipient.documentId').execute();
  // PostgreSQL answers count/sum as bigint text; SQLite as numbers.
  return new Map(rows.map((r) => [r.documentId, { recipients: Number(r.recipients), read: Number(r.read), reminded: Number(r.reminded ?? 0) }]));
}

// ---- Recipients ----

export function findRecipient(db: Kysely<DB>, townId: string, documentId: string, deputyId: string): Promise<RecipientRow | undefined> {
  return db
    .selectFrom('documentRecipient')
    .selectAll()
    .where('townId', '=', townId)
    .where('documentId', '=', documentId)
    .where('deputyId', '=', deputyId)
    .executeTakeFirst();
}

/**
 * One opening by the recipient, in one statement: the first sets first_read_at (later ones keep it, also
 * when two arrive at once), every one moves last_read_at and the count. Whether this was the first.
 */
export async function recordRead(db: Kysely<DB>, townId: string, recipientId: string, at: string): Promise<boolean> {
  const first = await db
    .updateTable('documentRecipient')
    .set((eb) => ({ firstReadAt: at, lastReadAt: at, readCount: eb('readCount', '+', 1) }))
    .where('townId', '=', townId)
    .where('id', '=', recipientId)
    .where('firstReadAt', 'is', null)
    .executeTakeFirst();
  if (Number(first.numUpdatedRows) === 1) return true;
  await db
    .updateTable('documentRecipient')
    .set((eb) => ({ lastReadAt: at, readCount: eb('readCount', '+', 1) }))
    .where('townId', '=', townId)
    .where('id', '=', recipientId)
    .execute();
  return false;
}

export async function recipientDeputyIds(db: Kysely<DB>, townId: string, documentId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('documentRecipient').select('deputyId').where('townId', '=', townId).where('documentId', '=', documentId).execute();
  return new Set(rows.map((r) => r.deputyId));
}

/** Insert recipients, skipping those that exist (also when another request added them a moment ago). */
export async function insertRecipients(db: Kysely<DB>, rows: Insertable<DocumentRecipientTable>[]): Promise<number> {
  let n = 0;
  // 6 columns a row: 500 rows stay far below either engine's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 500) {
    const res = await db
      .insertInto('documentRecipient')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['documentId', 'deputyId']).doNothing())
      .executeTakeFirst();
    n += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return n;
}

function recipientBase(db: Kysely<DB>, townId: string, documentId: string) {
  return db
    .selectFrom('documentRecipient')
    .innerJoin('deputy', 'deputy.id', 'documentRecipient.deputyId')
    .leftJoin('station', 'station.id', 'deputy.stationId')
    .where('documentRecipient.townId', '=', townId)
    .where('deputy.townId', '=', townId)
    .where('documentRecipient.documentId', '=', documentId);
}

export async function listRecipients(
  db: Kysely<DB>,
  townId: string,
  documentId: string,
  f: { read?: 'read' | 'unread'; stationId?: string; limit: number; offset: number },
) {
  let base = recipientBase(db, townId, documentId);
  if (f.read) base = base.where('documentRecipient.firstReadAt', f.read === 'read' ? 'is not' : 'is', null);
  if (f.stationId) base = base.where('deputy.stationId', '=', f.stationId);
  const [c, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .selectAll('documentRecipient')
      .select(['deputy.code as deputyCode', 'deputy.name as deputyName', 'deputy.phone', 'deputy.stationId', 'station.name as stationName'])
      .orderBy('deputy.code')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  ]);
  return { rows, total: Number(c.n) };
}

/** Every recipient of a document with what a reminder needs: read or not, the deputy's name and station. */
export function receiptStates(db: Kysely<DB>, townId: string, documentId: string) {
  return recipientBase(db, townId, documentId)
    .select(['documentRecipient.deputyId', 'documentRecipient.firstReadAt', 'deputy.name', 'deputy.stationId'])
    .orderBy('deputy.code')
    .execute();
}

/** Count one reminder for each of these recipients that is still unread, in one statement; how many. */
export async function markReminded(db: Kysely<DB>, townId: string, documentId: string, deputyIds: string[], at: string): Promise<number> {
  if (!deputyIds.length) return 0;
  const res = await db
    .updateTable('documentRecipient')
    .set((eb) => ({ remindedCount: eb('remindedCount', '+', 1), lastRemindedAt: at }))
    .where('townId', '=', townId)
    .where('documentId', '=', documentId)
    .where('deputyId', 'in', deputyIds)
    .where('firstReadAt', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

// ---- A deputy's own documents ----

function mineBase(db: Kysely<DB>, townId: string, deputyId: string) {
  return db
    .selectFrom('documentRecipient')
    .innerJoin('document', 'document.id', 'documentRecipient.documentId')
    .leftJoin('storedFile', (j) => j.onRef('storedFile.id', '=', 'document.fileId').on('storedFile.townId', '=', townId))
    .where('documentRecipient.townId', '=', townId)
    .where('document.townId', '=', townId)
    .where('documentRecipient.deputyId', '=', deputyId);
}

/** Unread first (reminded ones before the others), then newest sending first. */
export async function listMine(db: Kysely<DB>, townId: string, deputyId: string, f: { unread?: boolean; category?: DocumentCategory; limit: number; offset: number }) {
  let base = mineBase(db, townId, deputyId);
  if (f.unread) base = base.where('documentRecipient.firstReadAt', 'is', null);
  if (f.category) base = base.where('document.category', '=', f.category);
  const [c, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .selectAll('documentRecipient')
      .select([
        'document.code',
        'document.title',
        'document.category',
        'document.docNumber',
        'document.issueDate',
        'document.fileId',
        'storedFile.name as fileName',
        'storedFile.kind as fileKind',
        'storedFile.mime as fileMime',
        'storedFile.size as fileSize',
        'storedFile.uploadedAt as fileUploadedAt',
      ])
      .orderBy(sql`case when ${sql.ref('documentRecipient.firstReadAt')} is null then 0 else 1 end`)
      // Among the unread, the reminded ones first; a reminder stops mattering once the document is read.
      .orderBy(sql`case when ${sql.ref('documentRecipient.firstReadAt')} is null and ${sql.ref('documentRecipient.remindedCount')} > 0 then 0 else 1 end`)
      .orderBy('documentRecipient.sentAt', 'desc')
      .orderBy('documentRecipient.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  ]);
  return { rows, total: Number(c.n) };
}

/** The deputy's badge: all, unread, and unread that were reminded, in one query. */
export async function mineCounts(db: Kysely<DB>, townId: string, deputyId: string): Promise<{ total: number; unread: number; reminded: number }> {
  const r = await mineBase(db, townId, deputyId)
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('documentRecipient.firstReadAt', 'is', null).then(1).else(0).end()).as('unread'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('documentRecipient.firstReadAt', 'is', null), eb('documentRecipient.remindedCount', '>', 0)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('reminded'),
    ])
    .executeTakeFirstOrThrow();
  return { total: Number(r.total), unread: Number(r.unread ?? 0), reminded: Number(r.reminded ?? 0) };
}

// ---- Unread by deputy (the phone list) ----

function unreadBase(db: Kysely<DB>, townId: string, stationId?: string) {
  let q = db
    .selectFrom('documentRecipient')
    .innerJoin('document', 'document.id', 'documentRecipient.documentId')
    .innerJoin('deputy', 'deputy.id', 'documentRecipient.deputyId')
    .where('documentRecipient.townId', '=', townId)
    .where('document.townId', '=', townId)
    .where('deputy.townId', '=', townId)
    .where('deputy.status', '=', 'serving')
    .where('documentRecipient.firstReadAt', 'is', null);
  if (stationId) q = q.where('deputy.stationId', '=', stationId);
  return q;
}

/**
 * The deputies with unread documents (a page of them, by code) and, in a second query for that page,
 * their unread documents, oldest sending first.
 */
export async function unreadByDeputy(db: Kysely<DB>, townId: string, f: { stationId?: string; limit: number; offset: number }) {
  const base = unreadBase(db, townId, f.stationId);
  const [c, deputies] = await Promise.all([
    db
      .selectFrom(base.select('documentRecipient.deputyId').distinct().as('u'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    base
      .leftJoin('station', 'station.id', 'deputy.stationId')
      .select(['deputy.id as deputyId', 'deputy.code as deputyCode', 'deputy.name as deputyName', 'deputy.phone', 'station.name as stationName'])
      .distinct()
      .orderBy('deputy.code')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  ]);
  const ids = deputies.map((d) => d.deputyId);
  const docs = ids.length
    ? await base
        .select([
          'documentRecipient.deputyId',
          'document.id',
          'document.code',
          'document.title',
          'document.category',
          'documentRecipient.sentAt',
          'documentRecipient.remindedCount',
        ])
        .where('documentRecipient.deputyId', 'in', ids)
        .orderBy('documentRecipient.sentAt')
        .orderBy('document.code')
        .execute()
    : [];
  return { deputies, docs, total: Number(c.n) };
}
