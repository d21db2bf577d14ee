import { createHash } from 'node:crypto';

/*
 * The audit log is a hash chain, one per county (audit.repo appends, audit.verify checks). Each event
 * stores its place in its county's chain (`seq`, 1, 2, 3, …), the hash of the event before it (`prevHash`)
 * and its own `hash` = sha256(prevHash + '\n' + the event's stored fields). Editing a stored field changes
 * what the hash should be; deleting an event leaves a gap in `seq` and a `prevHash` that names no event.
 *
 * Pure rules only (no I/O). The serialisation below is a stored format: once rows are hashed with it, it
 * must never change, or every existing chain stops verifying.
 */

/** The `prevHash` of the first event of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The chain of events without a county (county-less logins, system work). County ids are ULIDs, so no clash. */
export const SYSTEM_CHAIN = 'system';

export function chainOf(countyId: string | null | undefined): string {
  return countyId ?? SYSTEM_CHAIN;
}

/** The stored fields an event's hash covers: every column but the chain columns themselves. */
export type ChainedFields = {
  id: string;
  countyId: string | null;
  townId: string | null;
  actorUserId: string | null;
  actorName: string;
  actorRole: string;
  at: string;
  entity: string;
  entityId: string;
  action: string;
  summary: string;
  changes: string | null;
  requestId: string | null;
  ip: string | null;
  seq: number;
};

/**
 * The canonical text of an event: a JSON array of its fields in a fixed order. An array (not an object)
 * so that key order cannot vary; JSON so that nulls stay distinct from '' and separators inside a value
 * (a summary holding '\n' or ',') cannot make two different events serialise alike.
 */
export function canonicalAudit(e: ChainedFields): string {
  return JSON.stringify([
    e.id,
    e.countyId,
    e.townId,
    e.actorUserId,
    e.actorName,
    e.actorRole,
    e.at,
    e.entity,
    e.entityId,
    e.action,
    e.summary,
    e.changes,
    e.requestId,
    e.ip,
    // PostgreSQL and SQLite both hand integers back as numbers; Number() guards a driver that gives text.
    Number(e.seq),
  ]);
}

/** sha256 (hex) of the previous event's hash, a newline and the event's canonical text. */
export function auditHash(prevHash: string, e: ChainedFields): string {
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalAudit(e)}`)
    .digest('hex');
}

/** What an append needs from the chain's head: the seq of the last event and its hash. */
export type ChainHead = { seq: number; lastHash: string };

/**
 * Link events onto a chain whose head is `head`: seq head.seq+1, +2, …, each hashed over the one before.
 * Returns the linked events and the new head.
 */
export function linkEvents<T extends Omit<ChainedFields, 'seq'>>(
  head: ChainHead,
  events: readonly T[],
): { linked: (T & { seq: number; prevHash: string; hash: string })[]; head: ChainHead } {
  let seq = head.seq;
  let prevHash = head.lastHash;
  const linked = events.map((e) => {
    seq += 1;
    const withSeq = { ...e, seq };
    const hash = auditHash(prevHash, withSeq);
    const out = { ...withSeq, prevHash, hash };
    prevHash = hash;
    return out;
  });
  return { linked, head: { seq, lastHash: prevHash } };
}
