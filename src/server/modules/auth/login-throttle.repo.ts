import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { TooManyRequestsError } from '../../http/errors.ts';
import { type Counter, afterFailure, afterRefund } from './auth.rules.ts';

export function readCounter(db: Kysely<DB>, key: string): Promise<Counter | undefined> {
  return db.selectFrom('loginThrottle').select(['failures', 'windowStart', 'lockedUntil']).where('key', '=', key).executeTakeFirst();
}

const MAX_TRIES = 20;

/**
 * Read-compute-write with compare-and-swap on (failures, windowStart), so that two requests counting
 * at once both count on either engine. Gives the counter as stored.
 */
async function swap(db: Kysely<DB>, key: string, next: (c: Counter | undefined) => Counter | null): Promise<Counter | null> {
  for (let i = 0; i < MAX_TRIES; i++) {
    const cur = await readCounter(db, key);
    const n = next(cur);
    if (!n) return null;
    if (!cur) {
      const r = await db
        .insertInto('loginThrottle')
        .values({ key, ...n })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) === 1) return n;
      continue;
    }
    const r = await db
      .updateTable('loginThrottle')
      .set(n)
      .where('key', '=', key)
      .where('failures', '=', cur.failures)
      .where('windowStart', '=', cur.windowStart)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 1) return n;
  }
  // Only a flood of concurrent attempts on one key gets here: refusing is the safe answer.
  throw new TooManyRequestsError('登录请求过于频繁，请稍后再试', 60);
}

/** Count one attempt against the key (before its password is checked). */
export async function countAttempt(db: Kysely<DB>, key: string, now: Date, limit: number): Promise<Counter> {
  return (await swap(db, key, (c) => afterFailure(c, now, limit))) as Counter;
}

/** Give back an attempt counted in advance that succeeded. */
export async function refundAttempt(db: Kysely<DB>, key: string, limit: number): Promise<void> {
  await swap(db, key, (c) => (c && c.failures > 0 ? afterRefund(c, limit) : null));
}

export async function clearCounter(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('loginThrottle').where('key', '=', key).execute();
}
