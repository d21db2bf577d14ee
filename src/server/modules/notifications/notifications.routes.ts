import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, ALL_ROLES, townOf } from '../../http/principal.ts';
import { IdParam } from '../../http/schemas.ts';
import { sendPendingEmails } from './mail-outbox.ts';
import { MailSettings, MailSettingsInput, NotificationOut, NotificationPage, NotificationQuery, ReadAllOut, RemindOut } from './notifications.schemas.ts';
import { listNotifications, mailSettings, markAllRead, markRead, setMailSettings } from './notifications.service.ts';
import { runReminders } from './reminders.ts';

/*
 * Every signed-in role reads and marks its own notifications and sets its own reminder address.
 * Admins send the day's due-soon/overdue reminders for their town at once (the server also does it
 * every morning: scheduler.ts).
 */
export const notificationsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['notifications'];

  app.get(
    '/notifications',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags, operationId: 'listNotifications', summary: '我的消息通知', querystring: NotificationQuery, response: { 200: NotificationPage } },
    },
    async (req) => listNotifications(ctxOf(req, deps.db), req.query),
  );
  app.post(
    '/notifications/read-all',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags, operationId: 'readAllNotifications', summary: '全部标为已读', response: { 200: ReadAllOut } },
    },
    async (req) => markAllRead(ctxOf(req, deps.db)),
  );
  app.post(
    '/notifications/:id/read',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags, operationId: 'readNotification', summary: '标为已读', params: IdParam, response: { 200: NotificationOut } },
    },
    async (req) => markRead(ctxOf(req, deps.db), req.params.id),
  );
  app.get(
    '/notifications/settings',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags, operationId: 'getNotificationSettings', summary: '我的提醒邮箱', response: { 200: MailSettings } },
    },
    async (req) => mailSettings(ctxOf(req, deps.db), deps.config),
  );
  app.put(
    '/notifications/settings',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags, operationId: 'setNotificationSettings', summary: '设置我的提醒邮箱', body: MailSettingsInput, response: { 200: MailSettings } },
    },
    async (req) => setMailSettings(ctxOf(req, deps.db), deps.config, req.body),
  );
  app.post(
    '/supervision/remind',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags: ['supervision'], operationId: 'sendReminders', summary: '发送催办提醒（即将到期、已逾期）', response: { 200: RemindOut } },
    },
    async (req) => {
      const ctx = ctxOf(req, deps.db);
      const r = await runReminders(deps.db, { townId: townOf(ctx), ctx });
      // Mail after the commit, beside the response: a slow mail server must not hold the button.
      const smtp = deps.config.smtp;
      if (smtp && r.sent > 0) {
        void sendPendingEmails(deps.db, smtp, { onError: (err, email) => req.log.warn({ err, email }, 'reminder e-mail failed') }).catch((err) =>
          req.log.error({ err }, 'reminder e-mails failed'),
        );
      }
      return r;
    },
  );
};
