import { http, type PageQuery } from './client.ts';

/** The signed-in user's own notifications (站内通知) and reminder address. */

export type Notification = { id: string; kind: string; title: string; body: string; link: string; createdAt: string; readAt: string | null };
export type NotificationPage = { items: Notification[]; total: number; unread: number; page: number; pageSize: number };
export type MailSettings = { email: string | null; mailEnabled: boolean };

export const NOTIFICATIONS_KEY = ['notifications'] as const;

export const notificationsApi = {
  list: (q: PageQuery & { unread?: 'true' }) => http.get<NotificationPage>('/notifications', q),
  read: (id: string) => http.post<Notification>(`/notifications/${id}/read`),
  readAll: () => http.post<{ updated: number }>('/notifications/read-all'),
  settings: () => http.get<MailSettings>('/notifications/settings'),
  saveSettings: (email: string | null) => http.put<MailSettings>('/notifications/settings', { email }),
};
