import type { z } from 'zod';
import type { Config } from '../../config.ts';
import { NotFoundError, ValidationError } from '../../http/errors.ts';
import type { Ctx } from '../../http/principal.ts';
import { nowIso } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import type { MailSettingsInput, NotificationOut, NotificationQuery } from './notifications.schemas.ts';
import { isMailAddress } from './smtp.ts';

/*
 * A user's own notifications. Everything here is keyed by the session's user, never by a parameter:
 * another user's notification is "not found" (404), like another town's record. Reading a notification
 * is the user's own inbox state, not a change to a record, so it is not written to the audit log.
 */

const COLUMNS = ['id', 'kind', 'title', 'body', 'link', 'createdAt', 'readAt'] as const;

export async function listNotifications(ctx: Ctx, q: z.infer<typeof NotificationQuery>) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const me = ctx.principal.userId;
  let base = ctx.db.selectFrom('notification').where('userId', '=', me);
  if (q.unread === 'true') base = base.where('readAt', 'is', null);
  const [items, total, unread] = await Promise.all([
    base
      .select(COLUMNS)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('userId', '=', me)
      .where('readAt', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n), unread: Number(unread.n), page, pageSize };
}

/** Mark one of the caller's notifications read (again: no change, the first time stays). */
export async function markRead(ctx: Ctx, id: string): Promise<z.infer<typeof NotificationOut>> {
  const me = ctx.principal.userId;
  await ctx.db.updateTable('notification').set({ readAt: nowIso() }).where('id', '=', id).where('userId', '=', me).where('readAt', 'is', null).execute();
  const row = await ctx.db.selectFrom('notification').select(COLUMNS).where('id', '=', id).where('userId', '=', me).executeTakeFirst();
  if (!row) throw new NotFoundError('通知');
  return row;
}

export async function markAllRead(ctx: Ctx): Promise<{ updated: number }> {
  const r = await ctx.db
    .updateTable('notification')
    .set({ readAt: nowIso() })
    .where('userId', '=', ctx.principal.userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return { updated: Number(r.numUpdatedRows) };
}

export async function mailSettings(ctx: Ctx, config: Config) {
  const u = await ctx.db.selectFrom('appUser').select('email').where('id', '=', ctx.principal.userId).executeTakeFirstOrThrow();
  return { email: u.email, mailEnabled: config.smtp !== null };
}

/** The caller's own reminder address (or none); audited, being personal data. */
export async function setMailSettings(ctx: Ctx, config: Config, input: z.infer<typeof MailSettingsInput>) {
  const email = input.email ? input.email : null;
  if (email && !isMailAddress(email)) throw ValidationError.field('body.email', '邮箱格式不正确');
  const me = ctx.principal.userId;
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('appUser').select('email').where('id', '=', me).executeTakeFirstOrThrow();
    if (before.email === email) return;
    await trx.updateTable('appUser').set({ email, updatedAt: nowIso() }).where('id', '=', me).execute();
    await recordAudit(trx, ctx, {
      entity: 'user',
      entityId: me,
      action: 'update',
      summary: `${email ? '设置' : '清除'}提醒邮箱 ${ctx.principal.username}`,
      before: { email: before.email },
      after: { email },
    });
  });
  return { email, mailEnabled: config.smtp !== null };
}
