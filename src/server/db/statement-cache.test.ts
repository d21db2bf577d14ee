import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cachingDatabase } from './statement-cache.ts';

describe('the SQLite statement cache', () => {
  it('hands back the compiled statement for the same SQL, and keeps at most `max`', () => {
    const db = cachingDatabase(new SqliteDatabase(':memory:'), 2);
    const a = db.prepare('select 1 as x');
    expect(db.prepare('select 1 as x')).toBe(a);
    db.prepare('select 2 as x');
    db.prepare('select 3 as x');
    expect(db.cached()).toBe(2);
    // 'select 1' was the least recently used and is gone: a new statement is compiled.
    expect(db.prepare('select 1 as x')).not.toBe(a);
    db.close();
  });

  it('gives a statement of its own to a query whose cached statement is still iterating', () => {
    const raw = new SqliteDatabase(':memory:');
    raw.exec('create table t (n integer); insert into t values (1), (2), (3)');
    const db = cachingDatabase(raw);
    const sql = 'select n from t order by n';
    const first = db.prepare(sql) as unknown as SqliteDatabase.Statement;
    const it = first.iterate();
    expect(it.next().value).toEqual({ n: 1 });
    const second = db.prepare(sql) as unknown as SqliteDatabase.Statement;
    expect(second).not.toBe(first);
    expect(second.all()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect([...it].map((r) => (r as { n: number }).n)).toEqual([2, 3]);
    db.close();
  });

  it('still answers after the schema changes under a kept statement', () => {
    const raw = new SqliteDatabase(':memory:');
    raw.exec('create table t (n integer); insert into t values (1)');
    const db = cachingDatabase(raw);
    expect((db.prepare('select * from t') as unknown as SqliteDatabase.Statement).all()).toEqual([{ n: 1 }]);
    raw.exec('alter table t add column m integer default 5');
    expect((db.prepare('select * from t') as unknown as SqliteDatabase.Statement).all()).toEqual([{ n: 1, m: 5 }]);
    db.close();
  });
});
