import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { Kysely } from 'kysely';
import type { ItemKind } from '../../db/tables/sessions.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findFile } from '../files/files.repo.ts';
import { requireFiles } from '../files/files.service.ts';
import { updateMotionRow } from './motions.repo.ts';
import { assertNotClosed, loadSession, lockSession } from './session-state.ts';
import type { ItemInput, ItemOrderInput, ItemUpdate } from './sessions.schemas.ts';
import { type ItemRow, findItem, itemExtras, itemRows, maxSeq, renumberItems, replaceItemFiles, updateVersionedRow } from './sessions.repo.ts';

/* The agenda (议程) of a session: items in order, with their documents, motion, election and last vote. */

export const ITEM_KIND_LABEL: Record<ItemKind, string> = {
  work_report: '工作报告',
  written_report: '书面报告',
  motion: '议案',
  election: '选举',
  decision: '决定事项',
  other: '其他',
};

/** Reports are reviewed (审议); decisions and motions are voted; elections elect. */
const REVIEWABLE: readonly ItemKind[] = ['work_report', 'written_report'];

/** The agenda items of a session as the API answers them. */
export async function presentItems(db: Kysely<DB>, townId: string, sessionId: string) {
  const rows = await itemRows(db, townId, sessionId);
  return presentRows(db, townId, rows);
}

async function presentRows(db: Kysely<DB>, townId: string, rows: ItemRow[]) {
  const ex = await itemExtras(
    db,
    townId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const motion = ex.motions.find((m) => m.itemId === r.id);
    const election = ex.elections.find((e) => e.itemId === r.id);
    const vote = ex.votes.filter((v) => v.itemId === r.id).at(-1);
    return {
      ...r,
      files: ex.files.filter((f) => f.itemId === r.id).map((f) => ({ id: f.id, name: f.name, kind: f.kind, size: f.size })),
      motion: motion ? { id: motion.id, number: motion.number, status: motion.status } : null,
      election: election ? { id: election.id } : null,
      lastVote: vote
        ? { round: vote.round, result: vote.result, for: vote.forCount, against: vote.againstCount, abstain: vote.abstainCount, notVoting: vote.notVotingCount }
        : null,
    };
  });
}

async function presentOne(db: Kysely<DB>, townId: string, sessionId: string, itemId: string) {
  const row = await findItem(db, townId, sessionId, itemId);
  if (!row) throw new NotFoundError('议程');
  return (await presentRows(db, townId, [row]))[0];
}

function itemAudit(r: { seq: number; kind: ItemKind; title: string; presenter: string; status: string; notes: string }, files: string[]) {
  return { seq: r.seq, kind: ITEM_KIND_LABEL[r.kind], title: r.title, presenter: r.presenter, status: r.status, notes: r.notes, files };
}

async function fileNames(db: Kysely<DB>, townId: string, itemId: string): Promise<string[]> {
  const ex = await itemExtras(db, townId, [itemId]);
  return ex.files.map((f) => f.name);
}

export async function createItem(ctx: Ctx, sessionId: string, input: z.infer<typeof ItemInput>) {
  const townId = townOf(ctx);
  if (input.kind === 'election') throw ValidationError.field('body.kind', '选举事项请在“选举”中新增');
  if (input.kind === 'motion') throw ValidationError.field('body.kind', '议案由主席团决定列入议程后自动加入');
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const s = await lockSession(trx, townId, sessionId);
    assertNotClosed(s);
    const fileIds = [...new Set(input.fileIds ?? [])];
    const files = fileIds.length ? await requireFiles({ ...ctx, db: trx }, fileIds, 'body.fileIds') : [];
    const ts = nowIso();
    const row = {
      id,
      townId,
      sessionId,
      seq: (await maxSeq(trx, townId, sessionId)) + 1,
      kind: input.kind,
      title: input.title,
      presenter: input.presenter ?? '',
      notes: input.notes ?? '',
      createdAt: ts,
      updatedAt: ts,
    };
    await trx.insertInto('sessionItem').values(row).execute();
    await replaceItemFiles(trx, townId, id, fileIds);
    await recordAudit(trx, ctx, {
      entity: 'session_item',
      entityId: id,
      action: 'create',
      summary: `${s.shortName}会议新增议程 ${row.seq}. ${row.title}`,
      after: itemAudit(
        { ...row, status: 'pending' },
        files.map((f) => f.name),
      ),
    });
  });
  return presentOne(ctx.db, townId, sessionId, id);
}

export async function updateItem(ctx: Ctx, sessionId: string, itemId: string, input: z.infer<typeof ItemUpdate>) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const s = await lockSession(trx, townId, sessionId);
    assertNotClosed(s);
    const before = await findItem(trx, townId, sessionId, itemId);
    if (!before) throw new NotFoundError('议程');
    if (before.version !== input.version) throw new ConflictError('该议程已被他人修改，请刷新后再编辑', { currentVersion: before.version });
    if (input.status !== undefined && input.status !== before.status) {
      if (input.status === 'passed' || input.status === 'failed') throw ValidationError.field('body.status', '通过或未通过由表决结果决定，不能直接设置');
      if (!REVIEWABLE.includes(before.kind)) throw ValidationError.field('body.status', `${ITEM_KIND_LABEL[before.kind]}不是报告，不能标记为已审议`);
      // An item that was voted on has the status its votes gave it (changed only by deleting a round).
      const voted = (await itemExtras(trx, townId, [itemId])).votes.length > 0;
      if (voted) throw new ConflictError(`议程“${before.title}”已有表决记录，其状态由表决结果决定，不能修改`, { reason: 'HAS_VOTES' });
    }
    const beforeFiles = await fileNames(trx, townId, itemId);
    let afterFiles = beforeFiles;
    if (input.fileIds !== undefined) {
      const ids = [...new Set(input.fileIds)];
      const files = ids.length ? await requireFiles({ ...ctx, db: trx }, ids, 'body.fileIds') : [];
      await replaceItemFiles(trx, townId, itemId, ids);
      afterFiles = files.map((f) => f.name);
    }
    const after = {
      ...before,
      title: input.title ?? before.title,
      presenter: input.presenter ?? before.presenter,
      notes: input.notes ?? before.notes,
      status: input.status ?? before.status,
    };
    await updateVersionedRow(trx, 'sessionItem', townId, itemId, input.version, {
      title: after.title,
      presenter: after.presenter,
      notes: after.notes,
      status: after.status,
      updatedAt: nowIso(),
    });
    const reviewed = after.status === 'reviewed' && before.status !== 'reviewed';
    await recordAudit(trx, ctx, {
      entity: 'session_item',
      entityId: itemId,
      action: reviewed ? 'review' : 'update',
      summary: `${s.shortName}会议${reviewed ? '审议' : '修改议程'} ${before.seq}. ${after.title}`,
      before: itemAudit(before, beforeFiles),
      after: itemAudit(after, afterFiles),
    });
  });
  return presentOne(ctx.db, townId, sessionId, itemId);
}

export async function deleteItem(ctx: Ctx, sessionId: string, itemId: string) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const s = await lockSession(trx, townId, sessionId);
    assertNotClosed(s);
    const item = await findItem(trx, townId, sessionId, itemId);
    if (!item) throw new NotFoundError('议程');
    const [ex] = [await itemExtras(trx, townId, [itemId])];
    if (ex.votes.length) throw new ConflictError(`议程“${item.title}”已有表决记录，不能删除`, { reason: 'HAS_VOTES' });
    if (ex.elections.length) throw new ConflictError(`议程“${item.title}”是选举事项，请在“选举”中处理`, { reason: 'HAS_ELECTION' });
    const motion = ex.motions[0];
    // A motion withdrawn while on the agenda leaves its item behind: that one may go (the motion keeps its record).
    if (motion && motion.status !== 'withdrawn')
      throw new ConflictError(`议程“${item.title}”来自第 ${motion.number} 号议案，不能删除`, { reason: 'HAS_MOTION' });
    if (motion) await updateMotionRow(trx, townId, motion.id, motion.version, { itemId: null, updatedAt: nowIso() });
    await trx.deleteFrom('sessionItem').where('townId', '=', townId).where('id', '=', itemId).execute();
    const rest = await itemRows(trx, townId, sessionId);
    await renumberItems(
      trx,
      townId,
      sessionId,
      rest.map((r) => r.id),
    );
    await recordAudit(trx, ctx, {
      entity: 'session_item',
      entityId: itemId,
      action: 'delete',
      summary: `${s.shortName}会议删除议程 ${item.seq}. ${item.title}`,
      before: itemAudit(
        item,
        ex.files.map((f) => f.name),
      ),
    });
  });
  return { ok: true as const };
}

export async function reorderItems(ctx: Ctx, sessionId: string, input: z.infer<typeof ItemOrderInput>) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const s = await lockSession(trx, townId, sessionId);
    assertNotClosed(s);
    const rows = await itemRows(trx, townId, sessionId);
    const have = new Set(rows.map((r) => r.id));
    const given = new Set(input.ids);
    if (given.size !== input.ids.length || given.size !== have.size || input.ids.some((id) => !have.has(id)))
      throw ValidationError.field('body.ids', `须列出本次会议的每一项议程各一次（共 ${have.size} 项）`);
    await renumberItems(trx, townId, sessionId, input.ids);
    const title = new Map(rows.map((r) => [r.id, r.title]));
    await recordAudit(trx, ctx, {
      entity: 'congress_session',
      entityId: sessionId,
      action: 'reorder_items',
      summary: `${s.shortName}会议调整议程顺序`,
      before: { agenda: rows.map((r) => `${r.seq}. ${r.title}`) },
      after: { agenda: input.ids.map((id, i) => `${i + 1}. ${title.get(id)}`) },
    });
  });
  return { items: await presentItems(ctx.db, townId, sessionId) };
}

/** A document of an item, for anyone who may read the session (deputies included: the session papers are theirs). */
export async function itemFileOf(ctx: Ctx, sessionId: string, itemId: string, fileId: string) {
  const townId = townOf(ctx);
  await loadSession(ctx.db, townId, sessionId);
  const item = await findItem(ctx.db, townId, sessionId, itemId);
  if (!item) throw new NotFoundError('议程');
  const link = await ctx.db
    .selectFrom('sessionItemFile')
    .select('fileId')
    .where('townId', '=', townId)
    .where('itemId', '=', itemId)
    .where('fileId', '=', fileId)
    .executeTakeFirst();
  const file = link ? await findFile(ctx.db, townId, fileId) : undefined;
  if (!file) throw new NotFoundError('文件');
  return file;
}
