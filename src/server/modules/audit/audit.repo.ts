import type { Insertable, Kysely } from 'kysely';
import type { AuditEventTable, DB } from '../../db/schema.ts';
import type { Ctx } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import { maskIdNumber, maskPhone } from '../../lib/mask.ts';
import { type Changes, diffChanges } from './audit.rules.ts';

export type AuditInput = {
  entity: string;
  entityId: string;
  action: string;
  /** One line a person reads in the log, e.g. "新增代表 李明华". */
  summary: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** Overrides the town of the principal (county-level actions, logins before a town is chosen). */
  townId?: string | null;
};

// Personal numbers are masked in the log too: the audit trail must not become a copy of the roster.
function auditMask(field: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (field === 'idNumber') return maskIdNumber(value);
  if (/phone/i.test(field)) return maskPhone(value);
  if (field === 'photo') return value ? '[照片]' : value;
  return value;
}

/** Events per multi-row insert: 14 columns each, far below SQLite's and PostgreSQL's bound-parameter limits. */
const AUDIT_BATCH = 200;

/** The stored row of one event: the masked diff and who did it. Both writers below build rows only here. */
function auditRow(ctx: Ctx, input: AuditInput, at: string): Insertable<AuditEventTable> {
  const changes: Changes = diffChanges(input.before, input.after, auditMask);
  return {
    id: newId(),
    countyId: ctx.principal.countyId,
    townId: input.townId === undefined ? ctx.principal.townId : input.townId,
    actorUserId: ctx.principal.userId,
    actorName: ctx.principal.displayName,
    actorRole: ctx.principal.role,
    at,
    entity: input.entity,
    entityId: input.entityId,
    action: input.action,
    summary: input.summary,
    changes: Object.keys(changes).length ? JSON.stringify(changes) : null,
    requestId: ctx.requestId,
    ip: ctx.ip,
  };
}

/**
 * Record one audit event. Call it with the transaction of the write it describes, so that the
 * write and its audit row commit or roll back together.
 */
export async function recordAudit(trx: Kysely<DB>, ctx: Ctx, input: AuditInput): Promise<void> {
  await trx.insertInto('auditEvent').values(auditRow(ctx, input, nowIso())).execute();
}

/**
 * Record the events of one bulk write (an import) with multi-row inserts, in its transaction like
 * recordAudit: a statement per event would be thousands of round trips inside one transaction.
 */
export async function recordAudits(trx: Kysely<DB>, ctx: Ctx, inputs: readonly AuditInput[]): Promise<void> {
  const at = nowIso();
  const rows = inputs.map((input) => auditRow(ctx, input, at));
  for (let i = 0; i < rows.length; i += AUDIT_BATCH) {
    await trx.insertInto('auditEvent').values(rows.slice(i, i + AUDIT_BATCH)).execute();
  }
}
