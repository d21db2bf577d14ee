import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { DateStr, IdField, NonEmpty, OptText, PageQuery, pageOf } from '../../http/schemas.ts';
import { FileMeta } from '../files/files.schemas.ts';
import { DeputySelector } from '../roster/deputy-selection.ts';
import { DOCUMENT_CATEGORIES, DOCUMENT_STATUSES } from './documents.rules.ts';

registerFieldLabels({
  category: '文件类别',
  docNumber: '文号',
  issueDate: '印发日期',
  summary: '内容摘要',
  fileId: '文件附件',
  activityId: '关联活动',
  deputyIds: '代表',
  read: '阅读情况',
  unread: '只看未读',
});

// ---- Inputs (no .default(): the service fills defaults on create) ----

export const DocumentInput = z.object({
  title: NonEmpty(200),
  category: z.enum(DOCUMENT_CATEGORIES),
  docNumber: OptText(100),
  issueDate: DateStr.nullish(),
  summary: z.string().trim().max(20_000, '不能超过 20000 个字').optional(),
  fileId: IdField.nullish(),
  activityId: IdField.nullish(),
});
export const DocumentUpdate = DocumentInput.partial().extend({ version: z.number().int().positive() });

export const DocumentQuery = PageQuery.extend({
  category: z.enum(DOCUMENT_CATEGORIES).optional(),
  status: z.enum(DOCUMENT_STATUSES).optional(),
  activityId: IdField.optional(),
  q: z.string().trim().max(100).optional(),
});

/** Send to more deputies: the selector that activities invite with. */
export const SendInput = DeputySelector;
export const SendResult = z.object({ added: z.number().int(), alreadySent: z.number().int(), recipientCount: z.number().int() });

/** No deputies chosen: every unread recipient the caller may remind. */
export const RemindInput = z.object({ deputyIds: z.array(IdField).min(1, '至少选择一位代表').max(500).optional() });
export const RemindResult = z.object({ reminded: z.number().int(), alreadyRead: z.number().int() });

export const RecipientQuery = PageQuery.extend({ read: z.enum(['read', 'unread']).optional() });
export const MineQuery = PageQuery.extend({ unread: z.enum(['0', '1']).optional(), category: z.enum(DOCUMENT_CATEGORIES).optional() });
export const UnreadCallsQuery = PageQuery.extend({ stationId: IdField.optional() });

// ---- Outputs ----

const Ref = z.object({ id: z.string(), code: z.string(), title: z.string() });

export const ReadCounts = z.object({
  recipients: z.number().int(),
  read: z.number().int(),
  /** Unread recipients reminded at least once. */
  reminded: z.number().int(),
  /** read / recipients (0.8333); null when sent to nobody. */
  rate: z.number().nullable(),
});

export const DocumentSummary = z.object({
  id: z.string(),
  /** External key (F0001…), unique in the town. */
  code: z.string(),
  title: z.string(),
  category: z.enum(DOCUMENT_CATEGORIES),
  docNumber: z.string(),
  issueDate: z.string().nullable(),
  status: z.enum(DOCUMENT_STATUSES),
  sentAt: z.string().nullable(),
  file: FileMeta.nullable(),
  activity: Ref.nullable(),
  /** For a liaison: the deputies of their own station only. */
  counts: ReadCounts,
  updatedAt: z.string(),
  version: z.number().int(),
});
export const DocumentPage = pageOf(DocumentSummary);

export const Receipt = z.object({
  sentAt: z.string(),
  firstReadAt: z.string().nullable(),
  lastReadAt: z.string().nullable(),
  readCount: z.number().int(),
  remindedCount: z.number().int(),
  lastRemindedAt: z.string().nullable(),
});

export const DocumentDetail = DocumentSummary.extend({
  summary: z.string(),
  createdAt: z.string(),
  /** How the caller sees it: admin (everything), liaison (own station's deputies), recipient (a deputy it was sent to). */
  viewer: z.enum(['admin', 'liaison', 'recipient']),
  /** The calling deputy's own receipt, after this opening was recorded; null for staff. */
  myReceipt: Receipt.nullable(),
});

export const RecipientOut = Receipt.extend({
  deputyId: z.string(),
  deputyCode: z.string(),
  deputyName: z.string(),
  phone: z.string().nullable(),
  stationId: z.string().nullable(),
  stationName: z.string().nullable(),
});
export const RecipientPage = pageOf(RecipientOut);

export const MineItem = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  category: z.enum(DOCUMENT_CATEGORIES),
  docNumber: z.string(),
  issueDate: z.string().nullable(),
  file: FileMeta.nullable(),
  receipt: Receipt,
});
export const MinePage = pageOf(MineItem).extend({
  /** Over all the deputy's documents, whatever the filter: the badge on their home page. */
  counts: z.object({ total: z.number().int(), unread: z.number().int(), reminded: z.number().int() }),
});

/** Per deputy, the documents they have not opened: the list a liaison reads out on the phone. */
export const UnreadCall = z.object({
  deputyId: z.string(),
  deputyCode: z.string(),
  deputyName: z.string(),
  phone: z.string().nullable(),
  stationName: z.string().nullable(),
  documents: z.array(
    z.object({ id: z.string(), code: z.string(), title: z.string(), category: z.enum(DOCUMENT_CATEGORIES), sentAt: z.string(), remindedCount: z.number().int() }),
  ),
});
export const UnreadCallPage = pageOf(UnreadCall);
