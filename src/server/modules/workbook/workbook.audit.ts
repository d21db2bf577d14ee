import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Ctx } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { maskIdNumber, maskPhone } from '../../lib/mask.ts';
import { diffChanges } from '../audit/audit.rules.ts';
import type { AuditEntry } from './workbook.types.ts';
import { insertMany } from './workbook.write.ts';

// The same masking as audit.repo.ts: the log must not become a copy of the roster.
function mask(field: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (field === 'idNumber') return maskIdNumber(value);
  if (/phone/i.test(field)) return maskPhone(value);
  if (field === 'photo') return value ? '[照片]' : value;
  return value;
}

/**
 * The per-record events of one import, written with multi-row inserts in the import's transaction
 * (recordAudit writes one row per call, which is one statement per record for a whole town).
 */
export async function writeAuditBatch(trx: Kysely<DB>, ctx: Ctx, at: string, entries: AuditEntry[]): Promise<void> {
  const p = ctx.principal;
  await insertMany(
    trx,
    'auditEvent',
    entries.map((e) => {
      const changes = diffChanges(e.before, e.after, mask);
      return {
        id: newId(),
        countyId: p.countyId,
        townId: p.townId,
        actorUserId: p.userId,
        actorName: p.displayName,
        actorRole: p.role,
        at,
        entity: e.entity,
        entityId: e.entityId,
        action: e.action,
        summary: e.summary,
        changes: Object.keys(changes).length ? JSON.stringify(changes) : null,
        requestId: ctx.requestId,
        ip: ctx.ip,
      };
    }),
  );
}
