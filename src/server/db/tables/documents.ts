import type { Generated } from 'kysely';

/*
 * Tables of one area, merged into the app's DB type in ../schema.ts. Table names are camelCase here
 * (the CamelCasePlugin maps them to snake_case in SQL).
 */

export type DocumentCategory = 'presidium' | 'study' | 'meeting' | 'notice' | 'other';
export type DocumentStatus = 'draft' | 'sent';

export interface DocumentTable {
  id: string;
  townId: string;
  code: string;
  title: string;
  category: DocumentCategory;
  docNumber: Generated<string>;
  issueDate: string | null;
  summary: Generated<string>;
  fileId: string | null;
  activityId: string | null;
  status: Generated<DocumentStatus>;
  sentAt: string | null;
  sentBy: string | null;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DocumentRecipientTable {
  id: string;
  townId: string;
  documentId: string;
  deputyId: string;
  sentAt: string;
  sentBy: string | null;
  firstReadAt: string | null;
  lastReadAt: string | null;
  readCount: Generated<number>;
  remindedCount: Generated<number>;
  lastRemindedAt: string | null;
}

export interface DocumentTables {
  document: DocumentTable;
  documentRecipient: DocumentRecipientTable;
}
