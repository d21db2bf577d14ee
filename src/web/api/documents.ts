import { API_BASE, http, type Page, type PageQuery, request } from './client.ts';
import type { InviteSelector } from './activities.ts';

export const DOCUMENT_CATEGORIES = ['presidium', 'study', 'meeting', 'notice', 'other'] as const;
export type DocumentCategory = (typeof DOCUMENT_CATEGORIES)[number];
export const DOCUMENT_STATUSES = ['draft', 'sent'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export type FileMeta = { id: string; name: string; kind: string; mime: string; size: number; uploadedAt: string };
export type ReadCounts = { recipients: number; read: number; reminded: number; rate: number | null };
export type Receipt = {
  sentAt: string;
  firstReadAt: string | null;
  lastReadAt: string | null;
  readCount: number;
  remindedCount: number;
  lastRemindedAt: string | null;
};

export type DocumentSummary = {
  id: string;
  code: string;
  title: string;
  category: DocumentCategory;
  docNumber: string;
  issueDate: string | null;
  status: DocumentStatus;
  sentAt: string | null;
  file: FileMeta | null;
  activity: { id: string; code: string; title: string } | null;
  counts: ReadCounts;
  updatedAt: string;
  version: number;
};

export type DocumentDetail = DocumentSummary & {
  summary: string;
  createdAt: string;
  viewer: 'admin' | 'liaison' | 'recipient';
  myReceipt: Receipt | null;
};

export type DocumentInput = {
  title: string;
  category: DocumentCategory;
  docNumber?: string | null;
  issueDate?: string | null;
  summary?: string;
  fileId?: string | null;
  activityId?: string | null;
};

export type Recipient = Receipt & {
  deputyId: string;
  deputyCode: string;
  deputyName: string;
  phone: string | null;
  stationId: string | null;
  stationName: string | null;
};

export type MineItem = {
  id: string;
  code: string;
  title: string;
  category: DocumentCategory;
  docNumber: string;
  issueDate: string | null;
  file: FileMeta | null;
  receipt: Receipt;
};
export type MinePage = Page<MineItem> & { counts: { total: number; unread: number; reminded: number } };

export type UnreadCall = {
  deputyId: string;
  deputyCode: string;
  deputyName: string;
  phone: string | null;
  stationName: string | null;
  documents: { id: string; code: string; title: string; category: DocumentCategory; sentAt: string; remindedCount: number }[];
};

export type DocumentFilters = { category?: DocumentCategory; status?: DocumentStatus; activityId?: string; q?: string };

export const documentsApi = {
  list: (q: DocumentFilters & PageQuery) => http.get<Page<DocumentSummary>>('/documents', q),
  get: (id: string) => http.get<DocumentDetail>(`/documents/${id}`),
  create: (body: DocumentInput) => http.post<DocumentDetail>('/documents', body),
  update: (id: string, body: Partial<DocumentInput> & { version: number }) => http.patch<DocumentDetail>(`/documents/${id}`, body),
  remove: (id: string) => request<{ ok: true }>('DELETE', `/documents/${id}`),
  send: (id: string, body: InviteSelector) => http.post<{ added: number; alreadySent: number; recipientCount: number }>(`/documents/${id}/send`, body),
  recipients: (id: string, q: PageQuery & { read?: 'read' | 'unread' } = {}) => http.get<Page<Recipient>>(`/documents/${id}/recipients`, q),
  remind: (id: string, deputyIds?: string[]) => http.post<{ reminded: number; alreadyRead: number }>(`/documents/${id}/remind`, deputyIds ? { deputyIds } : {}),
  mine: (q: PageQuery & { unread?: '1' } = {}) => http.get<MinePage>('/documents/mine', q),
  unreadCalls: (q: PageQuery & { stationId?: string } = {}) => http.get<Page<UnreadCall>>('/documents/unread-calls', q),
  /** Upload the file first; the document then stores its id. */
  uploadFile: (file: File) => http.upload<FileMeta>('POST', '/files?use=document', file),
  /** Where the browser opens the document's file; for a deputy, opening it is a read receipt. */
  fileUrl: (id: string) => `${API_BASE}/documents/${id}/file`,
};
