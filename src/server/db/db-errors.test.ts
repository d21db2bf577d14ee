import { describe, expect, it } from 'vitest';
import { classifyDbError } from './db-errors.ts';

const err = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('classifyDbError', () => {
  it('knows a full disk on both engines', () => {
    expect(classifyDbError(err('SQLITE_FULL'))).toBe('full');
    expect(classifyDbError(err('53100'))).toBe('full');
    expect(classifyDbError(err('ENOSPC'))).toBe('full');
  });
  it('knows a read-only database on both engines', () => {
    expect(classifyDbError(err('SQLITE_READONLY'))).toBe('read_only');
    expect(classifyDbError(err('SQLITE_READONLY_DBMOVED'))).toBe('read_only');
    expect(classifyDbError(err('25006'))).toBe('read_only');
  });
  it('knows a database that cannot be reached or is restarting', () => {
    for (const c of ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '08006', 'SQLITE_BUSY']) expect(classifyDbError(err(c)), c).toBe('unavailable');
    expect(classifyDbError(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
  });
  it('leaves everything else to the generic handler (constraint errors, bugs, corruption)', () => {
    for (const c of ['SQLITE_CONSTRAINT_UNIQUE', '23505', 'SQLITE_CORRUPT', '42P01', 'ERR_X']) expect(classifyDbError(err(c)), c).toBeNull();
    expect(classifyDbError(new TypeError('x is undefined'))).toBeNull();
    expect(classifyDbError(null)).toBeNull();
    expect(classifyDbError('text')).toBeNull();
  });
});
