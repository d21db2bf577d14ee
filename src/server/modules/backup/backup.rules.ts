/*
 * Pure rules of backups: folder names, which old backups to delete, when the day's backup is due, which
 * PostgreSQL schema a URL works in, and how restored row counts compare with the manifest. No I/O here.
 */

export const BACKUP_PREFIX = 'renda-backup-';
/** `renda-backup-YYYYMMDD-HHMMSS`, China time, with `-N` when a second backup lands in the same second. */
const NAME = /^renda-backup-(\d{8})-(\d{6})(?:-(\d{1,4}))?$/;

/** China time (UTC+8, no daylight saving), so the name matches the day and hour an operator sees. */
export function backupName(now: Date, seq = 0): string {
  const china = new Date(now.getTime() + 8 * 3600_000).toISOString();
  const stamp = `${china.slice(0, 4)}${china.slice(5, 7)}${china.slice(8, 10)}-${china.slice(11, 13)}${china.slice(14, 16)}${china.slice(17, 19)}`;
  return `${BACKUP_PREFIX}${stamp}${seq > 0 ? `-${seq}` : ''}`;
}

/** The sort key of a backup folder name, or null for any other name. */
export function parseBackupName(name: string): { stamp: string; seq: number } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  return { stamp: `${m[1]}-${m[2]}`, seq: m[3] ? Number(m[3]) : 0 };
}

/** Newest first. Names that are not backup names sort last (callers filter them out first). */
export function compareNewestFirst(a: string, b: string): number {
  const pa = parseBackupName(a);
  const pb = parseBackupName(b);
  if (!pa || !pb) return pa ? -1 : pb ? 1 : 0;
  if (pa.stamp !== pb.stamp) return pa.stamp < pb.stamp ? 1 : -1;
  return pb.seq - pa.seq;
}

export type FolderEntry = { name: string; isDirectory: boolean; hasManifest: boolean };

/**
 * The backups to delete so that `keep` remain. Only complete backups count and only they are ever chosen:
 * a folder with a backup name and a manifest.json. Anything else in the folder (a temp folder left by a
 * killed backup, a file, a folder someone made) is never touched.
 */
export function chooseBackupsToDelete(entries: FolderEntry[], keep: number): string[] {
  if (!Number.isInteger(keep) || keep < 1) throw new Error('keep must be a positive integer');
  const complete = entries.filter((e) => e.isDirectory && e.hasManifest && parseBackupName(e.name)).map((e) => e.name);
  complete.sort(compareNewestFirst);
  return complete.slice(keep);
}

/** The China day whose backup is due at `now` (its hour reached), or null before the hour. */
export function dueBackupDay(now: Date, hourChina: number): string | null {
  const china = new Date(now.getTime() + 8 * 3600_000);
  return china.getUTCHours() >= hourChina ? china.toISOString().slice(0, 10) : null;
}

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/** A schema name we pass to pg_dump -n and search_path; only plain lower-case names, so nothing needs quoting. */
export function isPlainSchemaName(s: string): boolean {
  return SCHEMA.test(s);
}

/**
 * The schema a PostgreSQL URL works in when it says so (`?options=-c search_path=NAME`), else null (the
 * whole database is backed up). The first name of the search path is where the app's tables live.
 */
export function schemaOfUrl(url: string): string | null {
  let options: string | null;
  try {
    options = new URL(url).searchParams.get('options');
  } catch {
    return null;
  }
  const m = options ? /search_path\s*=\s*([^\s,]+)/.exec(options) : null;
  return m?.[1] ? m[1].replace(/^"|"$/g, '') : null;
}

export type CountRow = { table: string; expected: number | null; actual: number | null; same: boolean };

/** Every table of either side, in name order, with whether the counts agree. */
export function compareCounts(expected: Record<string, number>, actual: Record<string, number>): CountRow[] {
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return tables.map((table) => {
    const e = expected[table] ?? null;
    const a = actual[table] ?? null;
    return { table, expected: e, actual: a, same: e === a };
  });
}
