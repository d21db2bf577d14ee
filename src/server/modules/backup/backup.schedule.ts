import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { withJobLock } from '../../lib/job-lock.ts';
import { startTicker } from '../../lib/ticker.ts';
import { dueBackupDay } from './backup.rules.ts';
import { createBackup, pruneBackups } from './backup.service.ts';

const TICK_MS = 10 * 60_000;
const FIRST_TICK_MS = 60_000;
/** The lease of a run, renewed every half of this while the backup runs (a big one takes minutes). */
const RUN_LEASE_MS = 60 * 60_000;
/** Kept after a good run, so the day's lease also means "backed up today" to the other processes. */
const DAY_DONE_MS = 24 * 3600_000;

export type BackupSchedulerDeps = {
  db: Kysely<DB>;
  config: Config;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  /** For tests: the clock (defaults to the real time) and the lease holder (defaults to this process). */
  now?: () => Date;
  holder?: string;
  /** For tests: the PostgreSQL schema to back up (default: DATABASE_URL's search_path, else the whole database). */
  pgSchema?: string | null;
};

/**
 * One tick of the daily backup: once the China day has reached BACKUP_HOUR_CHINA and this process has not
 * backed up today, take the lease `daily-backup:<day>` (one process of several does the work), write a
 * backup into BACKUP_DIR and keep the newest BACKUP_KEEP. A failed run releases the lease, so the next tick
 * (here or in another process) tries again. Returns the tick; startScheduledBackups runs it on a timer.
 */
export function backupTicker(deps: BackupSchedulerDeps): () => Promise<{ path: string; removed: string[] } | null> {
  const clock = deps.now ?? (() => new Date());
  let lastDay = '';
  let running = false;
  return async () => {
    const cfg = deps.config.backup;
    if (!cfg || running) return null;
    running = true;
    try {
      const now = clock();
      const day = dueBackupDay(now, cfg.hourChina);
      if (!day || day === lastDay) return null;
      const r = await withJobLock(
        deps.db,
        `daily-backup:${day}`,
        RUN_LEASE_MS,
        async () => {
          const b = await createBackup({ databaseUrl: deps.config.databaseUrl, pgSchema: deps.pgSchema, filesDir: deps.config.filesDir, dir: cfg.dir, now });
          const removed = await pruneBackups(cfg.dir, cfg.keep);
          return { path: b.path, removed };
        },
        { holder: deps.holder, now: clock, keepForMs: DAY_DONE_MS },
      );
      if (!r.ran) return null;
      lastDay = day;
      deps.log.info({ backup: r.result.path, removed: r.result.removed, day }, 'daily backup');
      return r.result;
    } catch (err) {
      deps.log.error({ err }, 'daily backup failed');
      return null;
    } finally {
      running = false;
    }
  };
}

/**
 * The daily backup inside the server process (main.ts starts it when BACKUP_DIR is set). Returns a stop
 * function that clears the timers; a backup already running is not waited for (if the process then exits,
 * it leaves only a temp folder, never a folder that looks complete). The timers never keep the process alive.
 */
export function startScheduledBackups(deps: BackupSchedulerDeps): () => void {
  if (!deps.config.backup) return () => {};
  return startTicker(backupTicker(deps), { firstMs: FIRST_TICK_MS, everyMs: TICK_MS });
}
