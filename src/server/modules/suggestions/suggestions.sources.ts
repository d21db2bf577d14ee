import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { SuggestionSource } from '../../db/tables/suggestions.ts';
import { ConflictError } from '../../http/errors.ts';
import type { Principal } from '../../http/principal.ts';
import { badField } from './suggestions.errors.ts';
import type { SuggestionRow } from './suggestions.repo.ts';

/*
 * The record a suggestion came from. A reception matter (接待事项) and a portal submission (群众意见)
 * link back to the suggestion in the same transaction that creates it: the matter's routing becomes
 * 'suggestion', the submission becomes 'accepted'. A visit, inspection or session item may name the
 * activity it came from. Those tables belong to other areas; this file is the only place this area
 * touches them.
 */

export type SourcePlan = { type: SuggestionSource; id: string | null };

/** Check the source named on creation; 400 naming `sourceId` or `sourceType` when it cannot be used. */
export async function checkSource(
  db: Kysely<DB>,
  p: Pick<Principal, 'role' | 'stationId'>,
  townId: string,
  type: SuggestionSource,
  id: string | null | undefined,
): Promise<SourcePlan> {
  const sourceId = id || null;
  if (type === 'deputy') {
    if (sourceId) throw badField('body.sourceId', '代表本人提出的建议不关联来源记录');
    return { type, id: null };
  }
  if (type === 'reception') {
    if (!sourceId) throw badField('body.sourceId', '请选择接待事项');
    const m = await db
      .selectFrom('receptionMatter as m')
      .innerJoin('reception as r', 'r.id', 'm.receptionId')
      .select(['m.id', 'm.suggestionId', 'r.stationId'])
      .where('m.townId', '=', townId)
      .where('r.townId', '=', townId)
      .where('m.id', '=', sourceId)
      .executeTakeFirst();
    if (!m) throw badField('body.sourceId', '接待事项不存在或不属于本镇');
    if (m.suggestionId) throw badField('body.sourceId', '该接待事项已转为建议');
    if (p.role === 'liaison' && m.stationId !== p.stationId) throw badField('body.sourceId', '只能关联本联络站的接待事项');
    return { type, id: m.id };
  }
  if (type === 'portal') {
    if (!sourceId) throw badField('body.sourceId', '请选择群众意见');
    const s = await db
      .selectFrom('portalSubmission as ps')
      .leftJoin('deputy as d', 'd.id', 'ps.deputyId')
      .select(['ps.id', 'ps.status', 'ps.stationId', 'd.stationId as deputyStationId'])
      .where('ps.townId', '=', townId)
      .where('ps.id', '=', sourceId)
      .executeTakeFirst();
    if (!s) throw badField('body.sourceId', '群众意见不存在或不属于本镇');
    if (s.status !== 'received') throw badField('body.sourceId', '该群众意见已处理');
    if (p.role === 'liaison' && (s.stationId ?? s.deputyStationId) !== p.stationId) throw badField('body.sourceId', '只能受理本联络站收到的群众意见');
    return { type, id: s.id };
  }
  // visit, inspection, session: optionally the activity it was raised at.
  if (!sourceId) return { type, id: null };
  const a = await db.selectFrom('activity').select('id').where('townId', '=', townId).where('id', '=', sourceId).executeTakeFirst();
  if (!a) throw badField('body.sourceId', '活动不存在或不属于本镇');
  return { type, id: a.id };
}

/**
 * Link the source back to the new suggestion, in its transaction. The link is conditional on the state
 * checkSource saw (a matter not yet linked, a submission still received) and must change exactly one
 * row: a reception edited or deleted, or a submission declined, between the check and this write
 * answers 409 and the suggestion is not created, so no suggestion points at a record that is gone.
 */
export async function linkSource(db: Kysely<DB>, townId: string, plan: SourcePlan, suggestionId: string, userId: string, at: string): Promise<void> {
  if (!plan.id) return;
  if (plan.type === 'reception') {
    const res = await db
      .updateTable('receptionMatter')
      .set({ routing: 'suggestion', suggestionId, updatedAt: at })
      .where('townId', '=', townId)
      .where('id', '=', plan.id)
      .where('suggestionId', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new ConflictError('该接待事项已被删除或已转为建议，请刷新后再操作');
  } else if (plan.type === 'portal') {
    const res = await db
      .updateTable('portalSubmission')
      .set((eb) => ({ status: 'accepted', suggestionId, handledBy: userId, handledAt: at, updatedAt: at, version: eb('version', '+', 1) }))
      .where('townId', '=', townId)
      .where('id', '=', plan.id)
      .where('status', '=', 'received')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new ConflictError('该群众意见已被他人处理，请刷新后再操作');
  }
}

/** What the detail shows of the source: a label and a page to open. */
export async function sourceOf(db: Kysely<DB>, townId: string, r: Pick<SuggestionRow, 'sourceType' | 'sourceId'>) {
  if (!r.sourceId) return null;
  const id = r.sourceId;
  if (r.sourceType === 'reception') {
    const m = await db
      .selectFrom('receptionMatter as m')
      .innerJoin('reception as r', 'r.id', 'm.receptionId')
      .select(['m.seq', 'r.id as receptionId', 'r.code', 'r.date'])
      .where('m.townId', '=', townId)
      .where('m.id', '=', id)
      .executeTakeFirst();
    return m ? { type: r.sourceType, id, label: `接待 ${m.code}（${m.date}）第 ${m.seq} 项`, link: `/receptions/${m.receptionId}` } : null;
  }
  if (r.sourceType === 'portal') {
    const s = await db.selectFrom('portalSubmission').select(['trackingCode']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
    return s ? { type: r.sourceType, id, label: `群众意见 ${s.trackingCode}`, link: `/portal-submissions/${id}` } : null;
  }
  const a = await db.selectFrom('activity').select(['code', 'title']).where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
  return a ? { type: r.sourceType, id, label: `${a.code} ${a.title}`, link: `/activities/${id}` } : null;
}
