import type { DocumentCategory, DocumentStatus } from '../../db/tables/documents.ts';
import type { Role } from '../../db/schema.ts';

/*
 * Pure rules of documents and study material: categories, who may read what, what may change once a
 * document is sent, read rates, and whom a reminder (催阅) reaches. No I/O; unit-tested.
 */

export const DOCUMENT_CATEGORIES = ['presidium', 'study', 'meeting', 'notice', 'other'] as const satisfies readonly DocumentCategory[];
export const DOCUMENT_STATUSES = ['draft', 'sent'] as const satisfies readonly DocumentStatus[];

export const CATEGORY_LABEL: Record<DocumentCategory, string> = {
  presidium: '主席团文件',
  study: '学习材料',
  meeting: '会议材料',
  notice: '通知',
  other: '其他',
};

export const STATUS_LABEL: Record<DocumentStatus, string> = { draft: '草稿', sent: '已发送' };

export type Actor = { role: Role; stationId: string | null; deputyId: string | null };

/**
 * How a caller sees one document, or null when they may not see it at all (answered as 404, so a
 * document's existence does not leak):
 * - `admin`: town and county admins, every document and every recipient;
 * - `liaison`: a liaison with a station, a sent document that reached at least one deputy of that
 *   station; they see (and remind) only those deputies;
 * - `recipient`: a deputy the document was sent to; opening it is the read receipt.
 * A handler, a liaison without a station and a deputy it was not sent to see nothing.
 */
export type ReaderKind = 'admin' | 'liaison' | 'recipient';

export function readerKind(p: Actor, d: { status: DocumentStatus }, facts: { isRecipient: boolean; stationRecipients: number }): ReaderKind | null {
  if (p.role === 'town_admin' || p.role === 'county_admin') return 'admin';
  if (p.role === 'liaison') return p.stationId !== null && d.status === 'sent' && facts.stationRecipients > 0 ? 'liaison' : null;
  if (p.role === 'deputy') return p.deputyId !== null && facts.isRecipient ? 'recipient' : null;
  return null;
}

/** Fields an edit may carry. Once sent, what the deputies read is fixed: only the category and the activity link may change. */
export const CONTENT_FIELDS = ['title', 'docNumber', 'issueDate', 'summary', 'fileId'] as const;

/** The first content field a change touches on a sent document (to name it in the 409), or null when the change is allowed. */
export function lockedFieldChanged(status: DocumentStatus, changed: readonly string[]): string | null {
  if (status === 'draft') return null;
  return changed.find((f) => (CONTENT_FIELDS as readonly string[]).includes(f)) ?? null;
}

/** A draft may be deleted; a sent document is a record of what the deputies were given. */
export function canDelete(status: DocumentStatus): boolean {
  return status === 'draft';
}

/**
 * Share of recipients who opened the document, rounded to 4 places (0.8333). No recipients gives null:
 * "not sent to anyone" is not 0 %.
 */
export function readRate(read: number, recipients: number): number | null {
  if (recipients <= 0) return null;
  return Math.round((Math.min(read, recipients) / recipients) * 10_000) / 10_000;
}

export type ReceiptState = { deputyId: string; firstReadAt: string | null };

/**
 * Whom a reminder reaches: the unread recipients among those chosen (all recipients when none are
 * chosen). Chosen deputies who already read it are skipped, and chosen ones who are not recipients are
 * reported as unknown, so the caller can name them.
 */
export function remindTargets(recipients: readonly ReceiptState[], chosen?: readonly string[]): { remind: string[]; alreadyRead: string[]; unknown: string[] } {
  const byDeputy = new Map(recipients.map((r) => [r.deputyId, r]));
  const pool = chosen ? [...new Set(chosen)] : recipients.map((r) => r.deputyId);
  const out = { remind: [] as string[], alreadyRead: [] as string[], unknown: [] as string[] };
  for (const id of pool) {
    const r = byDeputy.get(id);
    if (!r) out.unknown.push(id);
    else if (r.firstReadAt) out.alreadyRead.push(id);
    else out.remind.push(id);
  }
  return out;
}
