import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, TEST_ENGINE } from '../../../test/db.ts';
import { openDatabase } from '../db/kysely.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { deleteExpiredJobLocks, releaseJobLock, tryJobLock, withJobLock } from './job-lock.ts';

/* The job lease on the engine of this run: one winner among racing holders, expiry, renewal, release. */
let d: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  d = await freshDatabase();
});
afterAll(async () => {
  await d.close();
});
beforeEach(async () => {
  await d.db.deleteFrom('jobLock').execute();
});

const T0 = new Date('2026-12-07T00:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;

describe('tryJobLock', () => {
  it('gives the lease to exactly one of many holders racing for it', async () => {
    // On PostgreSQL these run on up to 10 pooled connections at once; each round is a fresh name.
    for (let round = 0; round < 5; round++) {
      const name = `race-${round}`;
      const results = await Promise.all(Array.from({ length: 24 }, (_, i) => tryJobLock(d.db, name, `h${i}`, 5 * MIN, T0)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const row = await d.db.selectFrom('jobLock').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
      expect(row.holder).toBe(`h${results.indexOf(true)}`);
    }
  });

  it('refuses another holder until the lease expires, then lets it take over', async () => {
    expect(await tryJobLock(d.db, 'j', 'a', 5 * MIN, T0)).toBe(true);
    expect(await tryJobLock(d.db, 'j', 'b', 5 * MIN, at(4 * MIN))).toBe(false);
    // Exactly at the expiry it is still a's (expires_at < now is the test), a millisecond later it is not.
    expect(await tryJobLock(d.db, 'j', 'b', 5 * MIN, at(5 * MIN))).toBe(false);
    expect(await tryJobLock(d.db, 'j', 'b', 5 * MIN, at(5 * MIN + 1))).toBe(true);
    const row = await d.db.selectFrom('jobLock').selectAll().where('name', '=', 'j').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ holder: 'b', acquiredAt: at(5 * MIN + 1).toISOString(), expiresAt: at(10 * MIN + 1).toISOString() });
    // The old holder has lost it.
    expect(await tryJobLock(d.db, 'j', 'a', 5 * MIN, at(6 * MIN))).toBe(false);
  });

  it('lets the holder renew (extending the expiry, keeping when it took it)', async () => {
    expect(await tryJobLock(d.db, 'j', 'a', 5 * MIN, T0)).toBe(true);
    expect(await tryJobLock(d.db, 'j', 'a', 5 * MIN, at(4 * MIN))).toBe(true);
    // Past the first expiry but within the renewed one: still a's.
    expect(await tryJobLock(d.db, 'j', 'b', 5 * MIN, at(8 * MIN))).toBe(false);
    const row = await d.db.selectFrom('jobLock').selectAll().where('name', '=', 'j').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ holder: 'a', acquiredAt: T0.toISOString(), expiresAt: at(9 * MIN).toISOString() });
  });

  it('release frees it for another holder; only the holder can release', async () => {
    expect(await tryJobLock(d.db, 'j', 'a', 5 * MIN, T0)).toBe(true);
    expect(await releaseJobLock(d.db, 'j', 'b')).toBe(false);
    expect(await tryJobLock(d.db, 'j', 'b', 5 * MIN, at(MIN))).toBe(false);
    expect(await releaseJobLock(d.db, 'j', 'a')).toBe(true);
    expect(await tryJobLock(d.db, 'j', 'b', 5 * MIN, at(MIN))).toBe(true);
  });

  it('leases of different names do not touch each other; expired ones can be swept', async () => {
    expect(await tryJobLock(d.db, 'x', 'a', MIN, T0)).toBe(true);
    expect(await tryJobLock(d.db, 'y', 'b', 10 * MIN, T0)).toBe(true);
    expect(await deleteExpiredJobLocks(d.db, at(2 * MIN))).toBe(1);
    const names = (await d.db.selectFrom('jobLock').select('name').execute()).map((r) => r.name);
    expect(names).toEqual(['y']);
  });
});

describe('withJobLock', () => {
  it('runs fn only for the holder that gets the lease, and releases it afterwards', async () => {
    // fn waits until the other three have been refused (or 2 s, should two get in), so the lease is
    // certainly held while they ask, however slowly the pool connects.
    let open = () => {};
    const gate = new Promise<void>((r) => {
      open = r;
      setTimeout(r, 2000);
    });
    let runs = 0;
    let refused = 0;
    const job = (holder: string) =>
      withJobLock(
        d.db,
        'w',
        5 * MIN,
        async () => {
          runs++;
          await gate;
          return holder;
        },
        { holder },
      ).then((r) => {
        if (!r.ran && ++refused === 3) open();
        return r;
      });
    const results = await Promise.all(['a', 'b', 'c', 'd'].map(job));
    expect(runs).toBe(1);
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    expect(await d.db.selectFrom('jobLock').selectAll().execute()).toEqual([]);
    // Released: the next one runs at once.
    open();
    expect((await job('b')).ran).toBe(true);
  });

  it('keeps the lease after success when asked (the "done today" mark), releases it after a failure', async () => {
    const ok = await withJobLock(d.db, 'day', 5 * MIN, async () => 'done', { holder: 'a', keepForMs: 60 * MIN, now: () => T0 });
    expect(ok).toEqual({ ran: true, result: 'done' });
    expect(await tryJobLock(d.db, 'day', 'b', 5 * MIN, at(59 * MIN))).toBe(false);

    await expect(
      withJobLock(
        d.db,
        'fail',
        5 * MIN,
        async () => {
          throw new Error('boom');
        },
        { holder: 'a', keepForMs: 60 * MIN, now: () => T0 },
      ),
    ).rejects.toThrow('boom');
    expect(await tryJobLock(d.db, 'fail', 'b', 5 * MIN, T0)).toBe(true);
  });
});

// Two processes on one SQLite file are two connections; in-memory SQLite above is one. This checks the
// statement across connections too (each waits on the other's write through the busy timeout).
describe.runIf(TEST_ENGINE === 'sqlite')('two connections to one SQLite file', () => {
  it('gives the lease to one of them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'joblock-'));
    const file = path.join(dir, 'j.db');
    const a = openDatabase(file);
    await migrateToLatest(a.db);
    const b = openDatabase(file);
    try {
      const results = await Promise.all([tryJobLock(a.db, 'f', 'a', MIN, T0), tryJobLock(b.db, 'f', 'b', MIN, T0)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await tryJobLock(a.db, 'f', 'a2', MIN, at(30_000))).toBe(false);
      expect(await tryJobLock(b.db, 'f', 'b2', MIN, at(MIN + 1))).toBe(true);
    } finally {
      await a.close();
      await b.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
