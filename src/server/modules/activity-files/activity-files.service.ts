import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { assertVersion } from '../../db/versioned.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { type ActivityRow, findActivity, invitationsOf } from '../activities/activities.repo.ts';
import { canManageActivity } from '../activities/activities.rules.ts';
import { deputyOf, managedActivity } from '../activities/activities.service.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import type { StoredFileRow } from '../files/files.repo.ts';
import { requireFiles } from '../files/files.service.ts';
import { type ActivityFileView, deleteLink, insertLinks, linkOf, linksOf, setOrder, updateCaption } from './activity-files.repo.ts';
import { KINDS_BY_ROLE, MAX_PER_ROLE, ROLE_LABEL, appendedOrders, orderProblem, roomProblem } from './activity-files.rules.ts';
import type { ActivityFileOrder, ActivityFileOut, ActivityFileUpdate, ActivityFilesInput } from './activity-files.schemas.ts';

/*
 * Who may do what (the same checks as the activity itself, taken from the activities module):
 * - read the list and the bytes: whoever may read the activity (GET /activities/:id) — any staff of the
 *   town, and a deputy only for an activity they are invited to (any other answers 404);
 * - attach, caption, reorder, remove: whoever may edit the activity — admins, and a liaison for an
 *   activity organised by their own station (403 otherwise).
 */

/** An activity the caller may read, as in getActivity: a deputy who is not invited gets 404. */
async function readableActivity(ctx: Ctx, db: Kysely<DB>, townId: string, id: string): Promise<ActivityRow> {
  const a = await findActivity(db, townId, id);
  if (!a) throw new NotFoundError('活动');
  if (ctx.principal.role === 'deputy' && !(await invitationsOf(db, townId, deputyOf(ctx), [id])).has(id)) throw new NotFoundError('活动');
  return a;
}

function present(r: ActivityFileView): ActivityFileOut {
  return {
    fileId: r.fileId,
    role: r.role,
    name: r.name,
    kind: r.kind,
    mime: r.mime,
    size: r.size,
    caption: r.caption,
    sortOrder: r.sortOrder,
    addedAt: r.addedAt,
    addedByName: r.addedByName ?? null,
    version: r.version,
  };
}

const names = (rows: { name: string }[]) => rows.map((r) => r.name).join('、');

export async function listActivityFiles(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  const a = await readableActivity(ctx, ctx.db, townId, id);
  const rows = await linksOf(ctx.db, townId, id);
  return { items: rows.map(present), canEdit: canManageActivity(ctx.principal, a), limits: MAX_PER_ROLE };
}

/** The stored file behind one of the activity's photos or attachments, for a caller who may read the activity. */
export async function activityFileForReading(ctx: Ctx, id: string, fileId: string): Promise<{ row: StoredFileRow; photo: boolean }> {
  const townId = townOf(ctx);
  await readableActivity(ctx, ctx.db, townId, id);
  const link = await linkOf(ctx.db, townId, id, fileId);
  if (!link) throw new NotFoundError('活动文件');
  // The stored row itself, read in the same town: sendStoredFile needs its storage key and type.
  const row = await ctx.db.selectFrom('storedFile').selectAll().where('townId', '=', townId).where('id', '=', fileId).executeTakeFirst();
  if (!row) throw new NotFoundError('活动文件');
  return { row, photo: link.role === 'photo' };
}

/**
 * Link files uploaded earlier (POST /files) to the activity. Each must be a file of the town of the
 * role's kinds (a PDF is no photo), not on the activity already, and the role's limit must still hold.
 */
export async function attachFiles(ctx: Ctx, id: string, input: z.infer<typeof ActivityFilesInput>, now = new Date()) {
  const townId = townOf(ctx);
  const a = await managedActivity(ctx, ctx.db, townId, id);
  const ids = input.files.map((f) => f.fileId);
  if (new Set(ids).size !== ids.length) throw ValidationError.field('body.files', '同一文件选择了两次');
  const files = await requireFiles(ctx, ids, 'body.files', KINDS_BY_ROLE[input.role]);
  await ctx.db.transaction().execute(async (trx) => {
    const current = await linksOf(trx, townId, id);
    const taken = new Set(current.map((r) => r.fileId));
    const again = files.find((f) => taken.has(f.id));
    if (again) throw ValidationError.field('body.files', `文件 ${again.name} 已在本活动中`);
    const same = current.filter((r) => r.role === input.role);
    const problem = roomProblem(input.role, same.length, files.length);
    if (problem) throw ValidationError.field('body.files', problem);
    const orders = appendedOrders(same.length ? Math.max(...same.map((r) => r.sortOrder)) : null, files.length);
    const at = now.toISOString();
    await insertLinks(
      trx,
      input.files.map((f, i) => ({
        id: newId(),
        townId,
        activityId: id,
        fileId: f.fileId,
        role: input.role,
        caption: f.caption ?? '',
        sortOrder: orders[i],
        addedBy: ctx.principal.userId,
        addedAt: at,
      })),
    );
    const label = ROLE_LABEL[input.role];
    await recordAudit(trx, ctx, {
      entity: 'activity',
      entityId: id,
      action: input.role === 'photo' ? 'add_photos' : 'add_attachments',
      summary: `为活动 ${a.title} 添加${label} ${files.length} 个`,
      after: { [label]: names(files) },
    });
  });
  return listActivityFiles(ctx, id);
}

async function managedLink(ctx: Ctx, db: Kysely<DB>, townId: string, id: string, fileId: string) {
  const a = await managedActivity(ctx, db, townId, id);
  const link = await linkOf(db, townId, id, fileId);
  if (!link) throw new NotFoundError('活动文件');
  return { a, link };
}

export async function updateActivityFile(ctx: Ctx, id: string, fileId: string, input: z.infer<typeof ActivityFileUpdate>) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const { a, link } = await managedLink(ctx, trx, townId, id, fileId);
    assertVersion(link, input.version);
    if (!(await updateCaption(trx, townId, link.id, input.version, input.caption))) throw new ConflictError('该记录已被他人修改，请刷新后再编辑');
    await recordAudit(trx, ctx, {
      entity: 'activity',
      entityId: id,
      action: 'caption_file',
      summary: `修改活动 ${a.title} 的${ROLE_LABEL[link.role]}说明：${link.name}`,
      before: { caption: link.caption },
      after: { caption: input.caption },
    });
  });
  const updated = await linkOf(ctx.db, townId, id, fileId);
  if (!updated) throw new NotFoundError('活动文件');
  return present(updated);
}

/**
 * Take a file off the activity. Only the link goes: the stored file stays in the store (other records
 * may use the same upload, and the upload's audit event still names it); the store has no clean-up yet.
 */
export async function removeActivityFile(ctx: Ctx, id: string, fileId: string) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const { a, link } = await managedLink(ctx, trx, townId, id, fileId);
    await deleteLink(trx, townId, link.id);
    const label = ROLE_LABEL[link.role];
    await recordAudit(trx, ctx, {
      entity: 'activity',
      entityId: id,
      action: link.role === 'photo' ? 'remove_photo' : 'remove_attachment',
      summary: `从活动 ${a.title} 移除${label} ${link.name}`,
      before: { [label]: link.name, caption: link.caption },
    });
  });
  return { ok: true as const };
}

/** Put every file of one role in a new order; a list that misses or adds a file is refused whole. */
export async function reorderActivityFiles(ctx: Ctx, id: string, input: z.infer<typeof ActivityFileOrder>) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const a = await managedActivity(ctx, trx, townId, id);
    const current = (await linksOf(trx, townId, id)).filter((r) => r.role === input.role);
    const problem = orderProblem(
      current.map((r) => r.fileId),
      input.fileIds,
    );
    if (problem) throw ValidationError.field('body.fileIds', problem);
    if (current.every((r, i) => r.fileId === input.fileIds[i])) return;
    await setOrder(trx, townId, id, input.role, input.fileIds);
    const nameOf = new Map(current.map((r) => [r.fileId, r.name]));
    await recordAudit(trx, ctx, {
      entity: 'activity',
      entityId: id,
      action: 'reorder_files',
      summary: `调整活动 ${a.title} 的${ROLE_LABEL[input.role]}顺序`,
      before: { order: names(current) },
      after: { order: input.fileIds.map((f) => nameOf.get(f)).join('、') },
    });
  });
  return listActivityFiles(ctx, id);
}
