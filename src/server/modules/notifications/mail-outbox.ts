import type { Kysely } from 'kysely';
import type { SmtpConfig } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { type MailMessage, isMailAddress, sendMail } from './smtp.ts';

/** Only notifications this fresh are mailed: an address set today does not bring last month's mail. */
const FRESH_MS = 24 * 3600_000;
const BATCH = 500;

export type MailItem = { title: string; body: string; link: string };

/** One mail per user per run: the title alone for one notification, else a count and a list. */
export function mailFor(email: string, items: readonly MailItem[]): MailMessage {
  const subject = items.length === 1 ? `人大工作台：${items[0].title}` : `人大工作台：${items.length} 条新提醒`;
  const lines = items.map((n) => [`• ${n.title}`, n.body ? `  ${n.body}` : '', n.link ? `  （在工作台中打开：${n.link}）` : ''].filter(Boolean).join('\n'));
  const text = `${lines.join('\n\n')}\n\n—— 本邮件由人大工作台自动发送；提醒邮箱可在工作台“消息通知”页面修改或清除。`;
  return { to: [email], subject, text };
}

/**
 * Mail the fresh notifications of users who set an e-mail address. Each notification is first claimed
 * (emailed_at set where still empty, RETURNING the ones this process got), so two server processes
 * never mail the same one; a failed send is logged and not retried (the notification stays in the app,
 * and a retry could mail twice when the server took the message but the answer was lost).
 */
export async function sendPendingEmails(
  db: Kysely<DB>,
  smtp: SmtpConfig,
  opts: { now?: Date; send?: typeof sendMail; onError?: (err: unknown, email: string) => void } = {},
): Promise<{ sent: number; failed: number }> {
  const now = opts.now ?? new Date();
  const send = opts.send ?? sendMail;
  const candidates = await db
    .selectFrom('notification as n')
    .innerJoin('appUser as u', 'u.id', 'n.userId')
    .select(['n.id'])
    .where('n.emailedAt', 'is', null)
    .where('n.createdAt', '>=', new Date(now.getTime() - FRESH_MS).toISOString())
    .where('u.email', 'is not', null)
    .where('u.email', '!=', '')
    .where('u.active', '=', 1)
    .orderBy('n.createdAt')
    .limit(BATCH)
    .execute();
  if (candidates.length === 0) return { sent: 0, failed: 0 };
  const claimed = await db
    .updateTable('notification')
    .set({ emailedAt: now.toISOString() })
    .where(
      'id',
      'in',
      candidates.map((c) => c.id),
    )
    .where('emailedAt', 'is', null)
    .returning('id')
    .execute();
  if (claimed.length === 0) return { sent: 0, failed: 0 };
  const rows = await db
    .selectFrom('notification as n')
    .innerJoin('appUser as u', 'u.id', 'n.userId')
    .select(['n.userId', 'u.email', 'n.title', 'n.body', 'n.link'])
    .where(
      'n.id',
      'in',
      claimed.map((c) => c.id),
    )
    .orderBy('n.createdAt')
    .execute();
  const byUser = new Map<string, { email: string; items: MailItem[] }>();
  for (const r of rows) {
    if (!r.email || !isMailAddress(r.email)) continue;
    const u = byUser.get(r.userId) ?? { email: r.email, items: [] };
    u.items.push({ title: r.title, body: r.body, link: r.link });
    byUser.set(r.userId, u);
  }
  let sent = 0;
  let failed = 0;
  // One at a time: a town's relay is small, and a reminder run mails a handful of people.
  for (const u of byUser.values()) {
    try {
      await send(smtp, mailFor(u.email, u.items));
      sent++;
    } catch (err) {
      failed++;
      opts.onError?.(err, u.email);
    }
  }
  return { sent, failed };
}
