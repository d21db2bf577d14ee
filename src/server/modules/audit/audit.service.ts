import type { z } from 'zod';
import { type Ctx, townOf } from '../../http/principal.ts';
import { containsCi } from '../../db/sql-helpers.ts';
import type { AuditQuery } from './audit.schemas.ts';

/** Browse the town's audit trail, newest first, with filters. */
export async function listAudit(ctx: Ctx, q: z.infer<typeof AuditQuery>) {
  const townId = townOf(ctx);
  let base = ctx.db.selectFrom('auditEvent').where('townId', '=', townId);
  if (q.entity) base = base.where('entity', '=', q.entity);
  if (q.entityId) base = base.where('entityId', '=', q.entityId);
  if (q.action) base = base.where('action', '=', q.action);
  if (q.actor) base = base.where(containsCi('actor_name', q.actor));
  // Dates are China dates; stored times are UTC: shift the window by 8 hours.
  if (q.from) base = base.where('at', '>=', new Date(`${q.from}T00:00:00+08:00`).toISOString());
  if (q.to) base = base.where('at', '<', new Date(Date.parse(`${q.to}T00:00:00+08:00`) + 86_400_000).toISOString());
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorName: r.actorName,
      actorRole: r.actorRole,
      entity: r.entity,
      entityId: r.entityId,
      action: r.action,
      summary: r.summary,
      changes: r.changes ? (JSON.parse(r.changes) as Record<string, [unknown, unknown]>) : null,
      requestId: r.requestId,
      ip: r.ip,
    })),
    total: Number(total),
    page: q.page,
    pageSize: q.pageSize,
  };
}
