import type { Kysely } from 'kysely';
import { lockTownCodes, retryOnUniqueViolation } from '../../db/unique.ts';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { type StoredFileRow, findFile as fileRow } from '../files/files.repo.ts';
import { DOCUMENT_KINDS } from '../files/files.rules.ts';
import { requireFiles } from '../files/files.service.ts';
import { checkDeputySelection, resolveDeputySelection } from '../roster/deputy-selection.ts';
import {
  type Counts,
  type DocumentRow,
  type DocumentView,
  activityRef,
  deleteDocumentRow,
  findDocument,
  findDocumentView,
  findRecipient,
  insertDocument,
  insertRecipients,
  listDocumentViews,
  listMine,
  listRecipients,
  markReminded,
  mineCounts,
  nextDocumentCode,
  readCounts,
  receiptStates,
  recipientDeputyIds,
  recordRead,
  unreadByDeputy,
  updateDocumentIf,
} from './documents.repo.ts';
import { CATEGORY_LABEL, type ReaderKind, canDelete, lockedFieldChanged, readRate, readerKind, remindTargets } from './documents.rules.ts';
import type { DocumentInput, DocumentQuery, DocumentUpdate, MineQuery, RecipientQuery, RemindInput, SendInput, UnreadCallsQuery } from './documents.schemas.ts';

const STALE = '该文件已被他人修改，请刷新后再编辑';
const NOT_FOUND = '文件';

// ---- Presenting ----

function presentFile(v: DocumentView) {
  if (!v.fileId || !v.fileName || !v.fileKind || !v.fileMime || v.fileSize === null || !v.fileUploadedAt) return null;
  return { id: v.fileId, name: v.fileName, kind: v.fileKind, mime: v.fileMime, size: Number(v.fileSize), uploadedAt: v.fileUploadedAt };
}

function presentCounts(c: Counts | undefined) {
  const x = c ?? { recipients: 0, read: 0, reminded: 0 };
  return { ...x, rate: readRate(x.read, x.recipients) };
}

function presentSummary(v: DocumentView, c: Counts | undefined) {
  return {
    id: v.id,
    code: v.code,
    title: v.title,
    category: v.category,
    docNumber: v.docNumber,
    issueDate: v.issueDate,
    status: v.status,
    sentAt: v.sentAt,
    file: presentFile(v),
    activity: v.activityId && v.activityCode && v.activityTitle ? { id: v.activityId, code: v.activityCode, title: v.activityTitle } : null,
    counts: presentCounts(c),
    updatedAt: v.updatedAt,
    version: v.version,
  };
}

function presentReceipt(r: {
  sentAt: string;
  firstReadAt: string | null;
  lastReadAt: string | null;
  readCount: number;
  remindedCount: number;
  lastRemindedAt: string | null;
}) {
  return {
    sentAt: r.sentAt,
    firstReadAt: r.firstReadAt,
    lastReadAt: r.lastReadAt,
    readCount: r.readCount,
    remindedCount: r.remindedCount,
    lastRemindedAt: r.lastRemindedAt,
  };
}

/** What the audit log keeps of a document: names rather than ids, so the entry reads on its own. */
function auditView(
  d: Pick<DocumentRow, 'title' | 'category' | 'docNumber' | 'issueDate' | 'summary' | 'status'>,
  names: { file: string | null; activity: string | null },
) {
  return {
    title: d.title,
    category: CATEGORY_LABEL[d.category],
    docNumber: d.docNumber,
    issueDate: d.issueDate,
    summary: d.summary,
    file: names.file,
    activity: names.activity,
    status: d.status,
  };
}

// ---- Who sees what ----

const liaisonStation = (ctx: Ctx) => (ctx.principal.role === 'liaison' ? (ctx.principal.stationId ?? undefined) : undefined);

/**
 * A document of this town as the caller may see it, with how they see it; 404 for another town's and
 * for one the caller may not see (a deputy it was not sent to must not learn that it exists).
 */
async function visibleDocument(ctx: Ctx, db: Kysely<DB>, townId: string, id: string): Promise<{ doc: DocumentRow; kind: ReaderKind }> {
  const doc = await findDocument(db, townId, id);
  if (!doc) throw new NotFoundError(NOT_FOUND);
  const p = ctx.principal;
  const station = liaisonStation(ctx);
  const [recipient, stationCounts] = await Promise.all([
    p.role === 'deputy' && p.deputyId ? findRecipient(db, townId, id, p.deputyId) : undefined,
    station ? readCounts(db, townId, [id], station) : undefined,
  ]);
  const kind = readerKind(p, doc, { isRecipient: recipient !== undefined, stationRecipients: stationCounts?.get(id)?.recipients ?? 0 });
  if (!kind) throw new NotFoundError(NOT_FOUND);
  return { doc, kind };
}

/** A document an admin changes: 404 for another town's. */
async function ownDocument(db: Kysely<DB>, townId: string, id: string): Promise<DocumentRow> {
  const doc = await findDocument(db, townId, id);
  if (!doc) throw new NotFoundError(NOT_FOUND);
  return doc;
}

/**
 * The calling deputy opened the document (its page or its file): the receipt is written in the same
 * request. Only the first opening goes to the audit log; later ones only move the receipt's count and
 * last time, so a deputy re-reading a page does not flood the log.
 */
async function recordOpening(ctx: Ctx, townId: string, doc: DocumentRow, how: 'view' | 'file') {
  const deputyId = ctx.principal.deputyId;
  if (!deputyId) throw new NotFoundError(NOT_FOUND);
  return ctx.db.transaction().execute(async (trx) => {
    const r = await findRecipient(trx, townId, doc.id, deputyId);
    if (!r) throw new NotFoundError(NOT_FOUND);
    const at = new Date().toISOString();
    const first = await recordRead(trx, townId, r.id, at);
    if (first) {
      await recordAudit(trx, ctx, {
        entity: 'document_recipient',
        entityId: r.id,
        action: 'read',
        summary: `${how === 'file' ? '下载' : '阅读'}文件 ${doc.code} ${doc.title}`,
        before: { firstReadAt: null },
        after: { firstReadAt: at },
      });
    }
    return (await findRecipient(trx, townId, doc.id, deputyId)) ?? r;
  });
}

// ---- Checks of input ----

async function checkFile(ctx: Ctx, fileId: string | null | undefined): Promise<StoredFileRow | null> {
  if (!fileId) return null;
  const [row] = await requireFiles(ctx, [fileId], 'body.fileId', DOCUMENT_KINDS);
  return row;
}

async function checkActivity(db: Kysely<DB>, townId: string, activityId: string | null | undefined) {
  if (!activityId) return null;
  const a = await activityRef(db, townId, activityId);
  if (!a) throw ValidationError.field('body.activityId', '活动不存在或不属于本镇');
  return a;
}

// ---- Reads ----

export async function listDocumentsUseCase(ctx: Ctx, q: z.infer<typeof DocumentQuery>) {
  const townId = townOf(ctx);
  const p = ctx.principal;
  // A liaison without a station sees no deputy's receipts, so no document; the impossible id keeps one query shape.
  const stationId = p.role === 'liaison' ? (p.stationId ?? '-') : undefined;
  const { rows, total } = await listDocumentViews(ctx.db, townId, {
    category: q.category,
    status: q.status,
    activityId: q.activityId,
    q: q.q || undefined,
    stationId,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const counts = await readCounts(
    ctx.db,
    townId,
    rows.map((r) => r.id),
    stationId,
  );
  return { items: rows.map((r) => presentSummary(r, counts.get(r.id))), total, page: q.page, pageSize: q.pageSize };
}

async function detail(ctx: Ctx, townId: string, id: string, kind: ReaderKind, myReceipt: ReturnType<typeof presentReceipt> | null) {
  const v = await findDocumentView(ctx.db, townId, id);
  if (!v) throw new NotFoundError(NOT_FOUND);
  const station = kind === 'liaison' ? liaisonStation(ctx) : undefined;
  // A deputy sees their own receipt, not how the others read.
  const counts = kind === 'recipient' ? undefined : (await readCounts(ctx.db, townId, [id], station)).get(id);
  return { ...presentSummary(v, counts), summary: v.summary, createdAt: v.createdAt, viewer: kind, myReceipt };
}

/** One document; a deputy's opening is their read receipt, recorded in this request. */
export async function getDocument(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  const { doc, kind } = await visibleDocument(ctx, ctx.db, townId, id);
  const receipt = kind === 'recipient' ? presentReceipt(await recordOpening(ctx, townId, doc, 'view')) : null;
  return detail(ctx, townId, id, kind, receipt);
}

/** The document's file for the caller to download; a deputy's download is a read receipt too. */
export async function documentFile(ctx: Ctx, id: string): Promise<StoredFileRow> {
  const townId = townOf(ctx);
  const { doc, kind } = await visibleDocument(ctx, ctx.db, townId, id);
  if (!doc.fileId) throw new NotFoundError('文件附件');
  const row = await fileRow(ctx.db, townId, doc.fileId);
  if (!row) throw new NotFoundError('文件附件');
  if (kind === 'recipient') await recordOpening(ctx, townId, doc, 'file');
  return row;
}

export async function listRecipientsUseCase(ctx: Ctx, id: string, q: z.infer<typeof RecipientQuery>) {
  const townId = townOf(ctx);
  const { kind } = await visibleDocument(ctx, ctx.db, townId, id);
  const { rows, total } = await listRecipients(ctx.db, townId, id, {
    read: q.read,
    stationId: kind === 'liaison' ? liaisonStation(ctx) : undefined,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const items = rows.map((r) => ({
    ...presentReceipt(r),
    deputyId: r.deputyId,
    deputyCode: r.deputyCode,
    deputyName: r.deputyName,
    // Staff call deputies who have not read; their phone is part of the roster staff see.
    phone: r.phone,
    stationId: r.stationId,
    stationName: r.stationName,
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function listMineUseCase(ctx: Ctx, q: z.infer<typeof MineQuery>) {
  const townId = townOf(ctx);
  const deputyId = ctx.principal.deputyId;
  if (!deputyId) throw new ForbiddenError('当前账号未关联代表');
  const [{ rows, total }, counts] = await Promise.all([
    listMine(ctx.db, townId, deputyId, { unread: q.unread === '1', category: q.category, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    mineCounts(ctx.db, townId, deputyId),
  ]);
  const items = rows.map((r) => ({
    id: r.documentId,
    code: r.code,
    title: r.title,
    category: r.category,
    docNumber: r.docNumber,
    issueDate: r.issueDate,
    file:
      r.fileId && r.fileName && r.fileKind && r.fileMime && r.fileSize !== null && r.fileUploadedAt
        ? { id: r.fileId, name: r.fileName, kind: r.fileKind, mime: r.fileMime, size: Number(r.fileSize), uploadedAt: r.fileUploadedAt }
        : null,
    receipt: presentReceipt(r),
  }));
  return { items, total, page: q.page, pageSize: q.pageSize, counts };
}

/** Per deputy, what they have not read: an admin's for the town (or one station), a liaison's for their station. */
export async function unreadCalls(ctx: Ctx, q: z.infer<typeof UnreadCallsQuery>) {
  const townId = townOf(ctx);
  const p = ctx.principal;
  const stationId = p.role === 'liaison' ? (p.stationId ?? '-') : q.stationId;
  const { deputies, docs, total } = await unreadByDeputy(ctx.db, townId, { stationId, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const byDeputy = new Map<string, typeof docs>();
  for (const d of docs) byDeputy.set(d.deputyId, [...(byDeputy.get(d.deputyId) ?? []), d]);
  const items = deputies.map((d) => ({
    ...d,
    documents: (byDeputy.get(d.deputyId) ?? []).map((x) => ({
      id: x.id,
      code: x.code,
      title: x.title,
      category: x.category,
      sentAt: x.sentAt,
      remindedCount: x.remindedCount,
    })),
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

// ---- Writes (admins) ----

export async function createDocument(ctx: Ctx, input: z.infer<typeof DocumentInput>) {
  const townId = townOf(ctx);
  const id = newId();
  // Checked before the transaction: requireFiles reads through ctx.db, which SQLite's one connection
  // cannot serve while the transaction holds it. An uploaded file is never deleted, so it stays valid.
  const file = await checkFile(ctx, input.fileId);
  await retryOnUniqueViolation(() =>
    ctx.db.transaction().execute(async (trx) => {
      await lockTownCodes(trx, townId);
      const activity = await checkActivity(trx, townId, input.activityId);
      const ts = new Date().toISOString();
      const row = {
        id,
        townId,
        code: await nextDocumentCode(trx, townId),
        title: input.title,
        category: input.category,
        docNumber: input.docNumber ?? '',
        issueDate: input.issueDate ?? null,
        summary: input.summary ?? '',
        fileId: file?.id ?? null,
        activityId: activity?.id ?? null,
        status: 'draft' as const,
        sentAt: null,
        sentBy: null,
        createdBy: ctx.principal.userId,
        createdAt: ts,
        updatedAt: ts,
      };
      await insertDocument(trx, row);
      await recordAudit(trx, ctx, {
        entity: 'document',
        entityId: id,
        action: 'create',
        summary: `新增文件 ${row.code} ${row.title}`,
        after: auditView(row, { file: file?.name ?? null, activity: activity ? `${activity.code} ${activity.title}` : null }),
      });
    }),
  );
  return detail(ctx, townId, id, 'admin', null);
}

export async function updateDocument(ctx: Ctx, id: string, input: z.infer<typeof DocumentUpdate>) {
  const townId = townOf(ctx);
  // Before the transaction, as in createDocument.
  const newFile = input.fileId ? await checkFile(ctx, input.fileId) : null;
  await ctx.db.transaction().execute(async (trx) => {
    const before = await ownDocument(trx, townId, id);
    if (before.version !== input.version) throw new ConflictError(STALE, { currentVersion: before.version });
    const next = {
      title: input.title ?? before.title,
      category: input.category ?? before.category,
      docNumber: input.docNumber === undefined ? before.docNumber : (input.docNumber ?? ''),
      issueDate: input.issueDate === undefined ? before.issueDate : input.issueDate,
      summary: input.summary ?? before.summary,
      fileId: input.fileId === undefined ? before.fileId : input.fileId,
      activityId: input.activityId === undefined ? before.activityId : input.activityId,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== before[k]);
    const locked = lockedFieldChanged(before.status, changed);
    if (locked) throw new ConflictError('文件已发送，标题、文号、日期、内容和附件不能再修改；如有更正请另发新文件', { field: `body.${locked}` });
    if (!changed.length) return;
    const [oldFile, oldActivity, activity] = await Promise.all([
      before.fileId ? fileRow(trx, townId, before.fileId) : null,
      before.activityId ? activityRef(trx, townId, before.activityId) : null,
      changed.includes('activityId') ? checkActivity(trx, townId, next.activityId) : undefined,
    ]);
    const file = changed.includes('fileId') ? newFile : undefined;
    const ok = await updateDocumentIf(trx, townId, id, input.version, { ...next, updatedAt: new Date().toISOString() });
    if (!ok) throw new ConflictError(STALE);
    const nameOf = (a: { code: string; title: string } | null | undefined) => (a ? `${a.code} ${a.title}` : null);
    await recordAudit(trx, ctx, {
      entity: 'document',
      entityId: id,
      action: 'update',
      summary: `修改文件 ${before.code} ${next.title}`,
      before: auditView(before, { file: oldFile?.name ?? null, activity: nameOf(oldActivity) }),
      after: auditView(
        { ...before, ...next },
        {
          file: file === undefined ? (oldFile?.name ?? null) : (file?.name ?? null),
          activity: activity === undefined ? nameOf(oldActivity) : nameOf(activity),
        },
      ),
    });
  });
  return detail(ctx, townId, id, 'admin', null);
}

export async function deleteDocument(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const d = await ownDocument(trx, townId, id);
    if (!canDelete(d.status)) throw new ConflictError('文件已发送，不能删除');
    await deleteDocumentRow(trx, townId, id);
    await recordAudit(trx, ctx, {
      entity: 'document',
      entityId: id,
      action: 'delete',
      summary: `删除文件草稿 ${d.code} ${d.title}`,
      before: auditView(d, { file: null, activity: null }),
    });
  });
  return { ok: true as const };
}

/** Send to the chosen deputies; sending again adds the ones not yet reached. The first sending makes it `sent`. */
export async function sendDocument(ctx: Ctx, id: string, sel: z.infer<typeof SendInput>) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const d = await ownDocument(trx, townId, id);
    if (!d.fileId && !d.summary.trim()) throw new ConflictError('文件没有附件也没有内容，请先上传附件或填写内容再发送');
    const spec = await checkDeputySelection(trx, townId, sel, { emptyMessage: '请选择要发送的联络站、代表小组、代表层级或代表' });
    const [chosen, already] = await Promise.all([resolveDeputySelection(trx, townId, spec), recipientDeputyIds(trx, townId, id)]);
    const fresh = chosen.filter((x) => !already.has(x.id));
    const ts = new Date().toISOString();
    const added = await insertRecipients(
      trx,
      fresh.map((x) => ({ id: newId(), townId, documentId: id, deputyId: x.id, sentAt: ts, sentBy: ctx.principal.userId })),
    );
    if (added > 0) {
      if (d.status === 'draft') {
        const ok = await updateDocumentIf(trx, townId, id, d.version, { status: 'sent', sentAt: ts, sentBy: ctx.principal.userId, updatedAt: ts });
        if (!ok) throw new ConflictError(STALE);
      }
      await recordAudit(trx, ctx, {
        entity: 'document',
        entityId: id,
        action: 'send',
        summary: `发送文件 ${d.code} ${d.title} 给 ${added} 位代表`,
        before: { status: d.status },
        after: { status: 'sent', recipients: fresh.map((x) => x.name).join('、') },
      });
    }
    return { added, alreadySent: chosen.length - fresh.length, recipientCount: already.size + added };
  });
}

// ---- Reminders (admins; a liaison for their station's deputies) ----

export async function remindUnread(ctx: Ctx, id: string, input: z.infer<typeof RemindInput>) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const { doc, kind } = await visibleDocument(ctx, trx, townId, id);
    if (doc.status !== 'sent') throw new ConflictError('文件尚未发送，没有可提醒的代表');
    const states = await receiptStates(trx, townId, id);
    const station = kind === 'liaison' ? liaisonStation(ctx) : undefined;
    if (station && input.deputyIds) {
      const other = states.find((s) => input.deputyIds?.includes(s.deputyId) && s.stationId !== station);
      if (other) throw new ForbiddenError(`联络员只能提醒本联络站的代表（${other.name} 不是本站代表）`);
    }
    const pool = station ? states.filter((s) => s.stationId === station) : states;
    const t = remindTargets(pool, input.deputyIds);
    if (t.unknown.length) {
      throw ValidationError.of(t.unknown.map((u) => ({ field: `body.deputyIds[${input.deputyIds?.indexOf(u) ?? 0}]`, message: '该代表没有收到这份文件' })));
    }
    const ts = new Date().toISOString();
    const reminded = await markReminded(trx, townId, id, t.remind, ts);
    if (reminded > 0) {
      const names = new Map(states.map((s) => [s.deputyId, s.name]));
      await recordAudit(trx, ctx, {
        entity: 'document',
        entityId: id,
        action: 'remind',
        summary: `提醒 ${reminded} 位代表阅读文件 ${doc.code} ${doc.title}`,
        after: { reminded: t.remind.map((x) => names.get(x) ?? x).join('、') },
      });
    }
    return { reminded, alreadyRead: t.alreadyRead.length };
  });
}
