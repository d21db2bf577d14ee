import { z } from 'zod';
import { DateStr, PageQuery, pageOf } from '../../http/schemas.ts';

export const AuditQuery = PageQuery.extend({
  entity: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
  from: DateStr.optional(),
  to: DateStr.optional(),
});

export const AuditEventOut = z.object({
  id: z.string(),
  at: z.string(),
  actorName: z.string(),
  actorRole: z.string(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  summary: z.string(),
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});

export const AuditPage = pageOf(AuditEventOut);
