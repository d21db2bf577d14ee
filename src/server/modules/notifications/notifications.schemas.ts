import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';

// Only names no other area labels (labels are global); `unread` is already 只看未读.
registerFieldLabels({ email: '提醒邮箱' });

export const NotificationQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  // No .default(): the service applies page 1 and 20 a page.
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});

export const NotificationOut = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** An app path to open, e.g. /suggestions/<id>; empty when there is nothing to open. */
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const NotificationPage = z.object({
  items: z.array(NotificationOut),
  total: z.number().int(),
  /** The caller's unread notifications, whatever the filter (the bell's number). */
  unread: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ReadAllOut = z.object({ updated: z.number().int() });

export const MailSettings = z.object({
  email: z.string().nullable(),
  /** Whether the server sends mail at all (SMTP configured). */
  mailEnabled: z.boolean(),
});
export const MailSettingsInput = z.object({
  email: z.string().trim().max(254, '不能超过 254 个字符').nullable(),
});

export const RemindOut = z.object({ sent: z.number().int() });
