import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../config.ts';
import { type Database, openDatabase } from '../../db/kysely.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { startDailyReminders } from './scheduler.ts';

/*
 * The daily timer with fake clocks: once a China day from 08:00, mail on every tick when SMTP is set, and
 * with two processes on one database (two lease holders) each step runs in one of them. The run and the
 * mail are stand-ins; the leases are real, in an in-memory SQLite (job-lock.db.test.ts covers both engines).
 */
const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
let database: Database;
const db = () => database.db;
beforeAll(async () => {
  database = openDatabase(':memory:');
  await migrateToLatest(database.db);
});
afterAll(async () => {
  await database.close();
});
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

afterEach(async () => {
  vi.useRealTimers();
  vi.clearAllMocks();
  await database.db.deleteFrom('jobLock').execute();
});

function start(now: string, smtp = false, holder = 'p1') {
  vi.useFakeTimers();
  vi.setSystemTime(new Date(now));
  const run = vi.fn(async () => ({ sent: 1 }));
  const mail = vi.fn(async () => ({ sent: 0, failed: 0 }));
  const config = { ...loadConfig({}), smtp: smtp ? { host: 'mail.test', port: 587, user: '', pass: '', from: 'a@b.cn' } : null };
  const stop = startDailyReminders({ db: db(), config, log, run, mail, holder });
  return { run, mail, stop };
}

describe('startDailyReminders', () => {
  it('does not run before 08:00 China time, runs once after, and again the next day', async () => {
    // 07:59:00 in China.
    const { run, stop } = start('2026-11-27T23:59:00Z');
    await vi.advanceTimersByTimeAsync(30_000);
    await flush();
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await flush();
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5 * 10 * 60_000);
    await flush();
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(24 * 3600_000);
    await flush();
    expect(run).toHaveBeenCalledTimes(2);
    stop();
  });

  it('mails on every tick only when SMTP is set, and stops cleanly', async () => {
    const a = start('2026-11-28T02:00:00Z', true);
    await vi.advanceTimersByTimeAsync(30_000 + 2 * 10 * 60_000);
    await flush();
    expect(a.run).toHaveBeenCalledTimes(1);
    expect(a.mail).toHaveBeenCalledTimes(3);
    a.stop();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(a.mail).toHaveBeenCalledTimes(3);
    vi.useRealTimers();
    const b = start('2026-11-28T02:00:00Z', false);
    await vi.advanceTimersByTimeAsync(30_000);
    await flush();
    expect(b.mail).not.toHaveBeenCalled();
    b.stop();
  });

  it('logs a failed run and tries again on the next tick', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-28T02:00:00Z'));
    const run = vi.fn().mockRejectedValueOnce(new Error('db down')).mockResolvedValue({ sent: 0 });
    const stop = startDailyReminders({ db: db(), config: { ...loadConfig({}), smtp: null }, log, run, holder: 'p1' });
    await vi.advanceTimersByTimeAsync(30_000);
    await flush();
    expect(log.error).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await flush();
    expect(run).toHaveBeenCalledTimes(2);
    stop();
  });

  it('with two processes on one database, runs the day once and each mail send in one of them', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-28T02:00:00Z'));
    const config = { ...loadConfig({}), smtp: { host: 'mail.test', port: 587, user: '', pass: '', from: 'a@b.cn' } };
    const run = vi.fn(async () => ({ sent: 1 }));
    // The mail send is slow enough that both processes' ticks overlap it.
    const mail = vi.fn(async () => {
      await new Promise((r) => setTimeout(r, 1000));
      return { sent: 0, failed: 0 };
    });
    const stops = ['p1', 'p2'].map((holder) => startDailyReminders({ db: db(), config, log, run, mail, holder }));
    await vi.advanceTimersByTimeAsync(30_000 + 2000);
    await flush();
    expect(run).toHaveBeenCalledTimes(1);
    expect(mail).toHaveBeenCalledTimes(1);
    // Later ticks of the same day: the day's lease is kept after the run, so neither runs it again;
    // the mail lease was released, so one of them mails on each tick.
    await vi.advanceTimersByTimeAsync(3 * 10 * 60_000);
    await flush();
    expect(run).toHaveBeenCalledTimes(1);
    expect(mail).toHaveBeenCalledTimes(4);
    // The next China day: a new day's lease, so once again.
    await vi.advanceTimersByTimeAsync(24 * 3600_000);
    await flush();
    expect(run).toHaveBeenCalledTimes(2);
    for (const stop of stops) stop();
  });

  it('when the process that took the day fails, another one runs it on a later tick', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-28T02:00:00Z'));
    const config = { ...loadConfig({}), smtp: null };
    const failing = vi.fn().mockRejectedValue(new Error('db down'));
    const good = vi.fn(async () => ({ sent: 3 }));
    const stopA = startDailyReminders({ db: db(), config, log, run: failing, holder: 'p1' });
    await vi.advanceTimersByTimeAsync(30_000);
    await flush();
    expect(failing).toHaveBeenCalledTimes(1);
    stopA();
    const stopB = startDailyReminders({ db: db(), config, log, run: good, holder: 'p2' });
    await vi.advanceTimersByTimeAsync(30_000);
    await flush();
    expect(good).toHaveBeenCalledTimes(1);
    stopB();
  });
});
