import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/db.ts';
import { makeCounty, makeTown, makeUnit } from '../../../test/factories.ts';
import type { Database } from './kysely.ts';
import { isUniqueViolation, retryOnUniqueViolation } from './unique.ts';

let d: Database;
let townId: string;
beforeAll(async () => {
  d = await freshDatabase();
  const county = await makeCounty(d.db);
  townId = (await makeTown(d.db, county.id, 'T01', '甲镇')).id;
});
afterAll(async () => d.close());

describe('unique violations on this engine', () => {
  it('are recognised, and other errors are not', async () => {
    await makeUnit(d.db, townId, 'U001', '党政办');
    const dup = await makeUnit(d.db, townId, 'U001', '另一个').catch((e: unknown) => e);
    expect(isUniqueViolation(dup)).toBe(true);
    const fk = await makeUnit(d.db, 'no-such-town', 'U009', '外镇').catch((e: unknown) => e);
    expect(fk).toBeInstanceOf(Error);
    expect(isUniqueViolation(fk)).toBe(false);
    expect(isUniqueViolation(new Error('x'))).toBe(false);
  });

  it('a write that lost a race for a code is run again and then succeeds', async () => {
    const tried: string[] = [];
    const row = await retryOnUniqueViolation(async () => {
      // The first attempt picks a code another writer already took.
      const code = tried.length === 0 ? 'U001' : 'U002';
      tried.push(code);
      return makeUnit(d.db, townId, code, `办公室${code}`);
    });
    expect(tried).toEqual(['U001', 'U002']);
    expect(row.code).toBe('U002');
  });

  it('gives up after the attempts and rethrows; other errors are not retried', async () => {
    let n = 0;
    const err = await retryOnUniqueViolation(async () => {
      n++;
      return makeUnit(d.db, townId, 'U001', '重复');
    }).catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect(n).toBe(3);
    let m = 0;
    await expect(
      retryOnUniqueViolation(async () => {
        m++;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(m).toBe(1);
  });
});
