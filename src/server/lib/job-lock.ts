import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/*
 * Named leases in the database (table job_lock), so that scheduled work runs in one process only when
 * several app processes share a database (docs/deploy.md). A lease is held by a holder until it expires;
 * the holder renews it while it works and releases it when done. A process that dies holding one only
 * delays the work until the lease expires. The rows are bookkeeping (no town, no person), so they carry no
 * audit events; the work they guard writes its own.
 */

/** This process, as a lease holder: host, pid and a random part (pids repeat across hosts and restarts). */
export const PROCESS_HOLDER = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/**
 * Take or renew the lease `name` for `ttlMs` from `now`. True when `holder` holds it afterwards.
 * One statement, atomic on both engines: insert the row, or on a conflicting name overwrite it only when
 * it has expired or is already ours. PostgreSQL re-checks the WHERE against the committed row when two
 * inserts race, SQLite runs writers one at a time; either way only one of many racing holders gets a row
 * back from RETURNING. Timestamps are ISO text from toISOString(), so text order is time order.
 */
export async function tryJobLock(db: Kysely<DB>, name: string, holder: string, ttlMs: number, now: Date = new Date()): Promise<boolean> {
  const nowIso = now.toISOString();
  const row = await db
    .insertInto('jobLock')
    .values({ name, holder, expiresAt: new Date(now.getTime() + ttlMs).toISOString(), acquiredAt: nowIso })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet((eb) => ({
          holder: eb.ref('excluded.holder'),
          expiresAt: eb.ref('excluded.expiresAt'),
          // A renewal keeps the time the holder first took it; a takeover starts afresh.
          acquiredAt: eb
            .case()
            .when(eb.and([eb('jobLock.holder', '=', holder), eb('jobLock.expiresAt', '>=', nowIso)]))
            .then(eb.ref('jobLock.acquiredAt'))
            .else(eb.ref('excluded.acquiredAt'))
            .end(),
        }))
        .where((eb) => eb.or([eb('jobLock.expiresAt', '<', nowIso), eb('jobLock.holder', '=', holder)])),
    )
    .returning('name')
    .executeTakeFirst();
  return row !== undefined;
}

/** Give the lease up, if `holder` holds it. True when a row was removed. */
export async function releaseJobLock(db: Kysely<DB>, name: string, holder: string): Promise<boolean> {
  const r = await db.deleteFrom('jobLock').where('name', '=', name).where('holder', '=', holder).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * Remove leases that expired before `now` (one row per day accumulates for the daily run). Safe beside
 * tryJobLock: an expired row and no row mean the same to it, and a row just taken over is no longer expired.
 */
export async function deleteExpiredJobLocks(db: Kysely<DB>, now: Date = new Date()): Promise<number> {
  const r = await db.deleteFrom('jobLock').where('expiresAt', '<', now.toISOString()).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export type JobLockOptions = {
  /** Defaults to PROCESS_HOLDER; tests pass two holders to stand for two processes. */
  holder?: string;
  /** The clock (defaults to the real time). */
  now?: () => Date;
  /**
   * After fn succeeds, keep the lease this long instead of releasing it, so that it also says "done"
   * (the daily run: a lease named by the day, kept until the day is over). On failure it is released.
   */
  keepForMs?: number;
};

/**
 * Run fn while holding the lease `name`; when another holder has it, do not run. The lease is renewed
 * every ttlMs/2 while fn runs, so a long run keeps it; a renewal that fails (the database was away past
 * the expiry and another process took over) cannot stop fn, so the guarded work must tolerate a rare
 * second run (the reminders' dedupe keys and the mail outbox's claim do).
 */
export async function withJobLock<T>(
  db: Kysely<DB>,
  name: string,
  ttlMs: number,
  fn: () => Promise<T>,
  opts: JobLockOptions = {},
): Promise<{ ran: true; result: T } | { ran: false }> {
  const holder = opts.holder ?? PROCESS_HOLDER;
  const now = opts.now ?? (() => new Date());
  if (!(await tryJobLock(db, name, holder, ttlMs, now()))) return { ran: false };
  const beat = setInterval(() => void tryJobLock(db, name, holder, ttlMs, now()).catch(() => {}), Math.max(1, Math.floor(ttlMs / 2)));
  beat.unref();
  let ok = false;
  try {
    const result = await fn();
    ok = true;
    return { ran: true, result };
  } finally {
    clearInterval(beat);
    // A failure here must not hide fn's own result or error: the lease then simply expires after ttlMs.
    try {
      if (ok && opts.keepForMs) await tryJobLock(db, name, holder, opts.keepForMs, now());
      else await releaseJobLock(db, name, holder);
    } catch {
      /* expires by itself */
    }
  }
}
