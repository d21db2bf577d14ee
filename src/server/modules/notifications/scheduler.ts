import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { todayInChina } from '../../lib/time.ts';
import { sendPendingEmails } from './mail-outbox.ts';
import { runReminders } from './reminders.ts';

/** The reminders go out from this hour of the China day (office hours), once a day. */
export const REMIND_HOUR_CHINA = 8;
const TICK_MS = 10 * 60_000;
const FIRST_TICK_MS = 30_000;

/**
 * The daily reminder run inside the server process (main.ts starts it; tests and the CLI do not).
 * Every ten minutes: once the China day has reached 08:00 and this process has not run today, run the
 * reminders for all towns; then mail what is waiting when SMTP is set. Several processes may run it:
 * the day's dedupe keys make the second run add nothing, and mail is claimed before it is sent.
 * Returns a stop function (for a clean shutdown); the timers never keep the process alive.
 */
export function startDailyReminders(deps: {
  db: Kysely<DB>;
  config: Config;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  /** For tests: the run and the mail (defaults: runReminders, sendPendingEmails). */
  run?: typeof runReminders;
  mail?: typeof sendPendingEmails;
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
        const r = await run(deps.db, { now });
        lastDay = today;
        deps.log.info({ sent: r.sent, day: today }, 'daily suggestion reminders');
      }
      if (deps.config.smtp) {
        const m = await mail(deps.db, deps.config.smtp, { now, onError: (err, email) => deps.log.warn({ err, email }, 'reminder e-mail failed') });
        if (m.sent || m.failed) deps.log.info(m, 'reminder e-mails');
      }
    } catch (err) {
      deps.log.error({ err }, 'reminder run failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), FIRST_TICK_MS);
  const every = setInterval(() => void tick(), TICK_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
