import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/db.ts';
import type { Database } from './kysely.ts';
import * as m from './migrations/20261128_0060_activity_codes.ts';

/*
 * The codes migration numbers the activities and series that existed before it, per town, in start
 * (series: creation) order. Runs on SQLite and PostgreSQL: the migration is taken back down, rows
 * without codes are written, and it is run again.
 */
let d: Database;
beforeAll(async () => {
  d = await freshDatabase();
});
afterAll(async () => d.close());

it('numbers the existing rows per town and then guards uniqueness', async () => {
  const db = d.db as Kysely<any>;
  await m.down(db);
  const ts = '2026-01-01T00:00:00.000Z';
  await db.insertInto('county').values({ id: 'c', code: 'C', name: '县', createdAt: ts }).execute();
  for (const t of ['t1', 't2']) {
    await db.insertInto('town').values({ id: t, countyId: 'c', code: t, name: t, createdAt: ts, updatedAt: ts }).execute();
    await db
      .insertInto('activityKind')
      .values({ id: `k${t}`, townId: t, code: 'K01', name: '其他', countsAs: 'other', createdAt: ts, updatedAt: ts })
      .execute();
    const base = { townId: t, kindId: `k${t}`, title: '活动', organiserType: 'town', signInCode: '000000', createdAt: ts, updatedAt: ts };
    await db
      .insertInto('activity')
      .values(
        ['2026-02-01', '2026-01-01', '2026-03-01'].map((day, i) => ({
          ...base,
          id: `${t}a${i}`,
          startAt: `${day}T00:00:00.000Z`,
          endAt: `${day}T01:00:00.000Z`,
        })),
      )
      .execute();
    const series = {
      townId: t,
      title: '系列',
      kindId: `k${t}`,
      organiserType: 'town',
      rule: '{"type":"first_weekend"}',
      startTime: '09:00',
      durationMinutes: 60,
      fromDate: '2026-01-01',
      untilDate: '2026-02-01',
      updatedAt: ts,
    };
    await db
      .insertInto('activitySeries')
      .values([
        { ...series, id: `${t}s1`, createdAt: '2026-01-02T00:00:00.000Z' },
        { ...series, id: `${t}s0`, createdAt: '2026-01-01T00:00:00.000Z' },
      ])
      .execute();
  }
  await m.up(db);
  const codes = await db.selectFrom('activity').select(['id', 'code']).orderBy('id').execute();
  expect(codes.map((r) => `${r.id}=${r.code}`)).toEqual(['t1a0=A00002', 't1a1=A00001', 't1a2=A00003', 't2a0=A00002', 't2a1=A00001', 't2a2=A00003']);
  const series = await db.selectFrom('activitySeries').select(['id', 'code']).orderBy('id').execute();
  expect(series.map((r) => `${r.id}=${r.code}`)).toEqual(['t1s0=R001', 't1s1=R002', 't2s0=R001', 't2s1=R002']);
  await expect(db.updateTable('activity').set({ code: 'A00001' }).where('id', '=', 't1a0').execute()).rejects.toThrow();
});
