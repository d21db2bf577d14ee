import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { deleteExpiredJobLocks, withJobLock } from '../../lib/job-lock.ts';
import { startTicker } from '../../lib/ticker.ts';
import { todayInChina } from '../../lib/time.ts';
import { sendPendingEmails } from './mail-outbox.ts';
import { runReminders } from './reminders.ts';

/** The reminders go out from this hour of the China day (office hours), once a day. */
export const REMIND_HOUR_CHINA = 8;
const TICK_MS = 10 * 60_000;
const FIRST_TICK_MS = 30_000;
/** Leases (src/server/lib/job-lock.ts): renewed every half of this while the work runs. */
const RUN_LEASE_MS = 30 * 60_000;
const MAIL_LEASE_MS = 10 * 60_000;
/** The day's reminder lease is kept this long after a good run, so it also means "done today". */
const DAY_DONE_MS = 24 * 3600_000;

/**
 * The daily reminder run inside the server process (main.ts starts it; tests and the CLI do not).
 * Every ten minutes: once the China day has reached 08:00 and this process has not run today, run the
 * reminders for all towns; then mail what is waiting when SMTP is set. Several app processes sharing a
 * database each run this timer, so both steps take a lease in the database first: the day's run takes
 * `daily-reminders:<day>` and keeps it after a good run (a failed one releases it, so another tick or
 * process retries); the mail send takes `mail-outbox`. A process that finds the lease taken skips the step
 * and asks again on its next tick. The leases are the first line of defence; the second stays in place
 * for the rare case a lease is lost mid-run (the database away past its expiry): the day's dedupe keys
 * make a second reminder run add nothing, and mail is claimed before it is sent.
 * Returns a stop function (for a clean shutdown); the timers never keep the process alive.
 */
export function startDailyReminders(deps: {
  db: Kysely<DB>;
  config: Config;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  /** For tests: the run and the mail (defaults: runReminders, sendPendingEmails). */
  run?: typeof runReminders;
  mail?: typeof sendPendingEmails;
  /** For tests: the lease holder (defaults to this process); two holders stand for two processes. */
  holder?: string;
}): () => void {
  const run = deps.run ?? runReminders;
  const mail = deps.mail ?? sendPendingEmails;
  let lastDay = '';
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = new Date();
      const today = todayInChina(now);
      const hour = (now.getUTCHours() + 8) % 24;
      if (today !== lastDay && hour >= REMIND_HOUR_CHINA) {
        const r = await withJobLock(deps.db, `daily-reminders:${today}`, RUN_LEASE_MS, () => run(deps.db, { now }), {
          holder: deps.holder,
          keepForMs: DAY_DONE_MS,
        });
        // Not run: another process is running it or has run it today. lastDay stays, so that if that
        // process dies mid-run this one takes over once its lease expires.
        if (r.ran) {
          lastDay = today;
          deps.log.info({ sent: r.result.sent, day: today }, 'daily suggestion reminders');
          await deleteExpiredJobLocks(deps.db, now);
        }
      }
      const smtp = deps.config.smtp;
      if (smtp) {
        const m = await withJobLock(
          deps.db,
          'mail-outbox',
          MAIL_LEASE_MS,
          () => mail(deps.db, smtp, { now, onError: (err, email) => deps.log.warn({ err, email }, 'reminder e-mail failed') }),
          { holder: deps.holder },
        );
        if (m.ran && (m.result.sent || m.result.failed)) deps.log.info(m.result, 'reminder e-mails');
      }
    } catch (err) {
      deps.log.error({ err }, 'reminder run failed');
    } finally {
      running = false;
    }
  };
  return startTicker(tick, { firstMs: FIRST_TICK_MS, everyMs: TICK_MS });
}
