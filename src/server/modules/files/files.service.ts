import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { contentDisposition } from '../../http/content-disposition.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { tooLargeError } from '../../http/upload.ts';
import { newId } from '../../lib/ids.ts';
import type { FileStore } from '../../lib/storage.ts';
import { nowIso } from '../../lib/time.ts';
import { refuseZipBomb } from '../../lib/zip-guard.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { type StoredFileRow, findFile, findFiles } from './files.repo.ts';
import { ALL_KINDS, DOCUMENT_KINDS, type FileKind, IMAGE_KINDS, MIME, cleanFileName, kindsMessage, sniffKind } from './files.rules.ts';
import type { FileMeta } from './files.schemas.ts';

/** The largest file accepted: a scanned minutes PDF or a phone photo fits; a video does not. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILE_LABEL = '文件不能超过 10 MB';

export type UploadUse = 'image' | 'document' | 'any' | 'suggestion';
const ZIP_KINDS: readonly FileKind[] = ['docx', 'xlsx', 'pptx'];

export const KINDS_BY_USE: Record<UploadUse, readonly FileKind[]> = { image: IMAGE_KINDS, document: DOCUMENT_KINDS, any: ALL_KINDS, suggestion: ALL_KINDS };

/**
 * Deputies and handlers upload only for suggestions (a deputy's attachments, an office's signed reply);
 * every other use belongs to staff. Their files are read back through the suggestion, never GET /files/:id.
 */
const OUTSIDE_STAFF_USES: readonly UploadUse[] = ['document', 'suggestion'];

/** Refuses an upload the caller's role may not make; staff may upload for any use. */
export function assertUploadUse(ctx: Ctx, use: UploadUse): void {
  const role = ctx.principal.role;
  if ((role === 'deputy' || role === 'handler') && !OUTSIDE_STAFF_USES.includes(use)) throw new ForbiddenError('代表和承办单位只能上传建议的附件或答复文件（use=suggestion 或 document）');
}

export function fileMeta(r: StoredFileRow): FileMeta {
  return { id: r.id, name: r.name, kind: r.kind, mime: r.mime, size: r.size, uploadedAt: r.uploadedAt };
}

/**
 * Keep an uploaded file: check its size and its type by content, write the bytes to the store, then the
 * row and its audit event in one transaction. If the row cannot be written the bytes are removed again,
 * so a failed upload leaves nothing behind.
 */
export async function storeUpload(ctx: Ctx, store: FileStore, upload: { fileName: string; bytes: Buffer }, kinds: readonly FileKind[] = ALL_KINDS): Promise<FileMeta> {
  const townId = townOf(ctx);
  const { bytes } = upload;
  if (bytes.length === 0) throw ValidationError.field('file', '文件为空');
  if (bytes.length > MAX_FILE_BYTES) throw tooLargeError(MAX_FILE_LABEL);
  const kind = sniffKind(bytes, upload.fileName);
  if (!kind || !kinds.includes(kind)) throw ValidationError.field('file', `文件类型不符：${kindsMessage(kinds)}`);
  // Not unpacked here, but people open it (and the workbook export carries it): no zip bombs kept.
  if (ZIP_KINDS.includes(kind) && !(await refuseZipBomb(bytes, 'file'))) throw ValidationError.field('file', `文件已损坏，无法打开：${kindsMessage(kinds)}`);

  const id = newId();
  const row: StoredFileRow = {
    id,
    townId,
    name: cleanFileName(upload.fileName, kind),
    kind,
    mime: MIME[kind],
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    storageKey: id,
    uploadedBy: ctx.principal.userId,
    uploadedAt: nowIso(),
  };
  await store.put(row.storageKey, bytes);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('storedFile').values(row).execute();
      await recordAudit(trx, ctx, { entity: 'file', entityId: id, action: 'upload', summary: `上传文件 ${row.name}`, after: { name: row.name, kind, size: row.size } });
    });
  } catch (err) {
    await store.remove(row.storageKey).catch(() => undefined);
    throw err;
  }
  return fileMeta(row);
}

/**
 * The town's files named by `ids`, each checked to exist in the town (else a 400 naming `field`) and,
 * when `kinds` is given, to be of one of them. For records that attach files uploaded earlier.
 */
export async function requireFiles(ctx: Ctx, ids: readonly string[], field: string, kinds?: readonly FileKind[]): Promise<StoredFileRow[]> {
  const unique = [...new Set(ids)];
  const rows = await findFiles(ctx.db, townOf(ctx), unique);
  const byId = new Map(rows.map((r) => [r.id, r]));
  unique.forEach((id) => {
    const r = byId.get(id);
    if (!r) throw ValidationError.field(field, `文件不存在：${id}`);
    if (kinds && !kinds.includes(r.kind)) throw ValidationError.field(field, `文件 ${r.name} 类型不符：${kindsMessage(kinds)}`);
  });
  return unique.map((id) => byId.get(id) as StoredFileRow);
}

/**
 * Files a caller attaches to a record they may write. Only admins (county, town) read every file of the
 * town; for everyone else — liaisons, deputies, handlers — a file must be their own upload or already on
 * the record (`keep`): an id learnt elsewhere does not let them read a file through their own record.
 */
export async function requireAttachableFiles(ctx: Ctx, ids: readonly string[], field: string, keep: ReadonlySet<string> = new Set(), kinds?: readonly FileKind[]): Promise<StoredFileRow[]> {
  const rows = await requireFiles(ctx, ids, field, kinds);
  const role = ctx.principal.role;
  if (role !== 'county_admin' && role !== 'town_admin')
    for (const r of rows) if (r.uploadedBy !== ctx.principal.userId && !keep.has(r.id)) throw ValidationError.field(field, `文件不存在：${r.id}`);
  return rows;
}

/**
 * A stored file for the plain download route. Admins read any file of the town; a liaison only the
 * files they uploaded themselves — everything else is read through the record that uses it, whose
 * route knows who may see it (a draft document's file is not a liaison's to read).
 */
export async function getFileRow(ctx: Ctx, id: string): Promise<StoredFileRow> {
  const row = await findFile(ctx.db, townOf(ctx), id);
  if (!row) throw new NotFoundError('文件');
  if (ctx.principal.role === 'liaison' && row.uploadedBy !== ctx.principal.userId) throw new NotFoundError('文件');
  return row;
}

/**
 * Send a stored file. Images may show in the page; everything else downloads. The name goes in
 * filename* (RFC 6266) so Chinese names survive; the ASCII fallback is a neutral "file.<ext>".
 */
export async function sendStoredFile(reply: FastifyReply, store: FileStore, row: StoredFileRow, opts: { inline?: boolean } = {}) {
  const bytes = await store.get(row.storageKey);
  if (!bytes) throw new NotFoundError('文件内容');
  const inline = opts.inline && IMAGE_KINDS.includes(row.kind);
  const ext = row.name.split('.').pop() ?? 'bin';
  return reply
    .header('content-type', row.mime)
    .header('content-disposition', contentDisposition(row.name, { ascii: `file.${ext}`, inline }))
    .header('cache-control', 'private, no-store')
    .send(bytes);
}
