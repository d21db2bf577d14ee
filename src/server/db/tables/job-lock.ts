/* Leases for scheduled work (see the migration 20261207_0220_job_lock and src/server/lib/job-lock.ts). */

export interface JobLockTable {
  /** e.g. `daily-reminders:2026-12-07`, `mail-outbox` */
  name: string;
  /** hostname:pid:random of the holding process */
  holder: string;
  /** UTC ISO; past it, any process may take the lease */
  expiresAt: string;
  acquiredAt: string;
}

export interface JobLockTables {
  jobLock: JobLockTable;
}
