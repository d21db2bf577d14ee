import { http, type Page, type PageQuery } from './client.ts';

export type AuditEvent = {
  id: string;
  at: string;
  actorName: string;
  actorRole: string;
  entity: string;
  entityId: string;
  action: string;
  summary: string;
  changes: Record<string, [unknown, unknown]> | null;
  requestId: string | null;
  ip: string | null;
};

export type AuditQuery = PageQuery & { entity?: string; entityId?: string; action?: string; actor?: string; from?: string; to?: string };

export const auditApi = {
  list: (q: AuditQuery) => http.get<Page<AuditEvent>>('/audit-events', q),
};
