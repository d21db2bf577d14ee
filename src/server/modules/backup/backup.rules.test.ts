import { describe, expect, it } from 'vitest';
import { backupName, chooseBackupsToDelete, compareCounts, compareNewestFirst, dueBackupDay, parseBackupName, schemaOfUrl } from './backup.rules.ts';

const dir = (name: string, hasManifest = true) => ({ name, isDirectory: true, hasManifest });

describe('backup names', () => {
  it('are China time and sort by time, a same-second -N after its first', () => {
    expect(backupName(new Date('2026-12-07T18:05:09Z'))).toBe('renda-backup-20261208-020509');
    expect(backupName(new Date('2026-12-07T18:05:09Z'), 2)).toBe('renda-backup-20261208-020509-2');
    const times = ['2026-01-02T00:00:00Z', '2025-12-31T23:59:59Z', '2026-10-01T09:00:00Z', '2026-01-01T16:00:00Z'];
    const names = times.map((t) => backupName(new Date(t)));
    names.push(backupName(new Date('2026-01-02T00:00:00Z'), 1));
    const byTime = [...names].sort(compareNewestFirst);
    expect(byTime).toEqual([
      'renda-backup-20261001-170000',
      'renda-backup-20260102-080000-1',
      'renda-backup-20260102-080000',
      'renda-backup-20260102-000000',
      'renda-backup-20260101-075959',
    ]);
  });

  it('parses only backup names', () => {
    expect(parseBackupName('renda-backup-20261208-020509')).toEqual({ stamp: '20261208-020509', seq: 0 });
    expect(parseBackupName('renda-backup-20261208-020509-3')).toEqual({ stamp: '20261208-020509', seq: 3 });
    for (const n of ['.tmp-renda-backup-20261208-020509-ab12cd34', 'renda-backup-2026-12-08', 'renda-backup-20261208-020509.old', 'notes']) {
      expect(parseBackupName(n)).toBeNull();
    }
  });
});

describe('chooseBackupsToDelete', () => {
  it('keeps the newest KEEP complete backups and chooses only older complete ones', () => {
    const entries = [
      dir('renda-backup-20261201-020000'),
      dir('renda-backup-20261203-020000'),
      dir('renda-backup-20261202-020000'),
      dir('renda-backup-20261204-020000'),
      dir('renda-backup-20261130-020000', false), // no manifest: not a complete backup, never deleted
      dir('.tmp-renda-backup-20261129-020000-deadbeef'),
      dir('my-notes'),
      { name: 'renda-backup-20261128-020000', isDirectory: false, hasManifest: false },
    ];
    expect(chooseBackupsToDelete(entries, 2).sort()).toEqual(['renda-backup-20261201-020000', 'renda-backup-20261202-020000']);
    expect(chooseBackupsToDelete(entries, 4)).toEqual([]);
    expect(chooseBackupsToDelete(entries, 1).sort()).toEqual(['renda-backup-20261201-020000', 'renda-backup-20261202-020000', 'renda-backup-20261203-020000']);
    expect(() => chooseBackupsToDelete(entries, 0)).toThrow();
  });
});

describe('dueBackupDay', () => {
  it('is the China day from the hour on, null before it', () => {
    expect(dueBackupDay(new Date('2026-12-07T17:59:59Z'), 2)).toBeNull(); // 01:59 on the 8th in China
    expect(dueBackupDay(new Date('2026-12-07T18:00:00Z'), 2)).toBe('2026-12-08');
    expect(dueBackupDay(new Date('2026-12-08T15:59:00Z'), 2)).toBe('2026-12-08'); // 23:59 China
    expect(dueBackupDay(new Date('2026-12-08T16:00:00Z'), 0)).toBe('2026-12-09');
  });
});

describe('schemaOfUrl and compareCounts', () => {
  it('reads the search_path schema of a URL, else null', () => {
    expect(schemaOfUrl('postgres://u@h/db?options=-c%20search_path%3Dtown_a')).toBe('town_a');
    expect(schemaOfUrl('postgres://u@h/db?options=-c search_path=t_1,public')).toBe('t_1');
    expect(schemaOfUrl('postgres://u@h/db')).toBeNull();
  });

  it('marks tables whose counts differ or are missing on one side', () => {
    expect(compareCounts({ a: 1, b: 2 }, { b: 3, c: 0 })).toEqual([
      { table: 'a', expected: 1, actual: null, same: false },
      { table: 'b', expected: 2, actual: 3, same: false },
      { table: 'c', expected: null, actual: 0, same: false },
    ]);
    expect(compareCounts({ a: 1 }, { a: 1 })[0]?.same).toBe(true);
  });
});
