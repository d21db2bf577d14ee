import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { startDailyReminders } from './scheduler.ts';

/* The daily timer with fake clocks: once a China day from 08:00, mail on every tick when SMTP is set. */
const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const db = {} as Kysely<DB>;
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

afterEach(() => {
  vi.useRealTimers();
  vi.clearAllMocks();
});

function start(now: string, smtp = false) {
  vi.useFakeTimers();
  vi.setSystemTime(new Date(now));
  const run = vi.fn(async () => ({ sent: 1 }));
  const mail = vi.fn(async () => ({ sent: 0, failed: 0 }));
  const config = { ...loadConfig({}), smtp: smtp ? { host: 'mail.test', port: 587, user: '', pass: '', from: 'a@b.cn' } : null };
  const stop = startDailyReminders({ db, config, log, run, mail });
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
    const stop = startDailyReminders({ db, config: { ...loadConfig({}), smtp: null }, log, run });
    await vi.advanceTimersByTimeAsync(30_000);
    await flush();
    expect(log.error).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await flush();
    expect(run).toHaveBeenCalledTimes(2);
    stop();
  });
});
