/* The in-app notifications table (see the migration 20261128_0140_notifications). */

export interface NotificationTable {
  id: string;
  townId: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  entity: string | null;
  entityId: string | null;
  dedupeKey: string | null;
  emailedAt: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationTables {
  notification: NotificationTable;
}
