import type { Kysely } from 'kysely';
import type { AuditEventTable, DB } from '../../db/schema.ts';
import type { Ctx } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import { maskIdNumber, maskPhone } from '../../lib/mask.ts';
import { type Changes, diffChanges } from './audit.rules.ts';
import { type ChainHead, GENESIS_HASH, chainOf, linkEvents } from './audit.chain.ts';

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

/** Events per multi-row insert: 17 columns each, far below SQLite's and PostgreSQL's bound-parameter limits. */
const AUDIT_BATCH = 200;

/** An event as built, before it takes its place in its county's chain. */
export type UnchainedAuditRow = Omit<AuditEventTable, 'summary' | 'seq' | 'prevHash' | 'hash'> & { summary: string };

/** The stored row of one event: the masked diff and who did it. Both writers below build rows only here. */
function auditRow(ctx: Ctx, input: AuditInput, at: string): UnchainedAuditRow {
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
 * Take `n` places at the end of a chain: one upsert on its head row, which creates it on first use and
 * otherwise adds n to its seq, returning the seq and hash it had before. On PostgreSQL the upsert locks the
 * head row until the caller's transaction ends, so a second transaction appending to the same county waits
 * here and then reads the head the first one left: the chain stays linear. SQLite has one writer anyway.
 */
async function takeHead(trx: Kysely<DB>, chain: string, n: number): Promise<ChainHead> {
  const row = await trx
    .insertInto('auditChain')
    .values({ chain, seq: n, lastHash: GENESIS_HASH })
    .onConflict((oc) => oc.column('chain').doUpdateSet((eb) => ({ seq: eb('auditChain.seq', '+', eb.ref('excluded.seq')) })))
    .returning(['seq', 'lastHash'])
    .executeTakeFirstOrThrow();
  return { seq: Number(row.seq) - n, lastHash: row.lastHash };
}

async function appendInTransaction(trx: Kysely<DB>, rows: readonly UnchainedAuditRow[]): Promise<void> {
  const byChain = new Map<string, UnchainedAuditRow[]>();
  for (const r of rows) {
    const key = chainOf(r.countyId);
    const list = byChain.get(key);
    if (list) list.push(r);
    else byChain.set(key, [r]);
  }
  // Heads in a fixed (sorted) order: two transactions that both span counties A and B then always lock
  // A's head before B's, so neither holds one while waiting for the other.
  for (const chain of [...byChain.keys()].sort()) {
    const events = byChain.get(chain) as UnchainedAuditRow[];
    const { linked, head } = linkEvents(await takeHead(trx, chain, events.length), events);
    for (let i = 0; i < linked.length; i += AUDIT_BATCH) {
      await trx
        .insertInto('auditEvent')
        .values(linked.slice(i, i + AUDIT_BATCH))
        .execute();
    }
    await trx.updateTable('auditChain').set({ lastHash: head.lastHash }).where('chain', '=', chain).execute();
  }
}

/**
 * Append built events to their counties' chains (seq, prevHash, hash computed here, in JS): one head
 * upsert and one head update per chain per call, whatever the number of events. The only way rows enter
 * audit_event. Given a Kysely that is not a transaction, it opens one: taking the head, inserting and
 * moving the head must not interleave with another writer.
 */
export async function appendAuditRows(db: Kysely<DB>, rows: readonly UnchainedAuditRow[]): Promise<void> {
  if (!rows.length) return;
  if (db.isTransaction) return appendInTransaction(db, rows);
  await db.transaction().execute((trx) => appendInTransaction(trx, rows));
}

/**
 * Record one audit event. Call it with the transaction of the write it describes, so that the
 * write and its audit row commit or roll back together.
 */
export async function recordAudit(trx: Kysely<DB>, ctx: Ctx, input: AuditInput): Promise<void> {
  await appendAuditRows(trx, [auditRow(ctx, input, nowIso())]);
}

/**
 * Record the events of one bulk write (an import) with multi-row inserts, in its transaction like
 * recordAudit: a statement per event would be thousands of round trips inside one transaction.
 */
export async function recordAudits(trx: Kysely<DB>, ctx: Ctx, inputs: readonly AuditInput[]): Promise<void> {
  const at = nowIso();
  await appendAuditRows(
    trx,
    inputs.map((input) => auditRow(ctx, input, at)),
  );
}
