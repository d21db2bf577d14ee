import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DocumentCategory } from '../../db/tables/documents.ts';

/*
 * What other modules ask of documents, without reaching into its tables: the documents a deputy read
 * (their duty record lists them) and the documents linked to an activity (its page shows them).
 */

export type DocumentDutyEntry = {
  source: 'document';
  id: string;
  code: string;
  title: string;
  category: DocumentCategory;
  sentAt: string;
  readAt: string;
};

/** The documents the deputy first opened within the half-open UTC range [start, end), in reading order; one query. */
export async function documentDutyEntries(db: Kysely<DB>, townId: string, deputyId: string, range: { start: string; end: string }): Promise<DocumentDutyEntry[]> {
  const rows = await db
    .selectFrom('documentRecipient')
    .innerJoin('document', 'document.id', 'documentRecipient.documentId')
    .select(['document.id', 'document.code', 'document.title', 'document.category', 'documentRecipient.sentAt', 'documentRecipient.firstReadAt'])
    .where('documentRecipient.townId', '=', townId)
    .where('document.townId', '=', townId)
    .where('documentRecipient.deputyId', '=', deputyId)
    .where('documentRecipient.firstReadAt', '>=', range.start)
    .where('documentRecipient.firstReadAt', '<', range.end)
    .orderBy('documentRecipient.firstReadAt')
    .orderBy('document.code')
    .execute();
  return rows.map((r) => ({ source: 'document', id: r.id, code: r.code, title: r.title, category: r.category, sentAt: r.sentAt, readAt: r.firstReadAt as string }));
}

export type LinkedDocument = { id: string; code: string; title: string; category: DocumentCategory; status: 'draft' | 'sent'; sentAt: string | null; fileName: string | null };

/** The town's documents linked to an activity (drafts too: staff prepare the papers before the meeting), by code; one query. */
export async function documentsLinkedToActivity(db: Kysely<DB>, townId: string, activityId: string): Promise<LinkedDocument[]> {
  return db
    .selectFrom('document')
    .leftJoin('storedFile', (j) => j.onRef('storedFile.id', '=', 'document.fileId').on('storedFile.townId', '=', townId))
    .select(['document.id', 'document.code', 'document.title', 'document.category', 'document.status', 'document.sentAt', 'storedFile.name as fileName'])
    .where('document.townId', '=', townId)
    .where('document.activityId', '=', activityId)
    .orderBy('document.code')
    .execute();
}
