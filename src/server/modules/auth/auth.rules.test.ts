import { describe, expect, it } from 'vitest';
import { THROTTLE, accountThrottleKey, afterFailure, afterRefund, lockMessage, lockedFor } from './auth.rules.ts';

const T0 = new Date('2026-11-28T08:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const LIMIT = THROTTLE.maxPerAccount;

/** n failures 10 seconds apart starting at T0. */
function failures(n: number, limit: number = LIMIT) {
  let c: ReturnType<typeof afterFailure> | undefined;
  for (let i = 0; i < n; i++) c = afterFailure(c, at(i / 6), limit);
  return c!;
}

describe('lockedFor', () => {
  it('is 0 without a counter or a lock', () => {
    expect(lockedFor(undefined, T0)).toBe(0);
    expect(lockedFor({ failures: 3, windowStart: T0.toISOString(), lockedUntil: null }, T0)).toBe(0);
  });

  it('counts whole seconds up to the end of the lock, then 0', () => {
    const c = { failures: 5, windowStart: T0.toISOString(), lockedUntil: at(15).toISOString() };
    expect(lockedFor(c, T0)).toBe(900);
    expect(lockedFor(c, new Date(T0.getTime() + 899_500))).toBe(1);
    expect(lockedFor(c, at(15))).toBe(0);
    expect(lockedFor(c, at(20))).toBe(0);
  });
});

describe('afterFailure', () => {
  it('starts a window at the first failure', () => {
    expect(afterFailure(undefined, T0, LIMIT)).toEqual({ failures: 1, windowStart: T0.toISOString(), lockedUntil: null });
  });

  it('counts failures inside the window without locking before the limit', () => {
    const c = failures(4);
    expect(c).toEqual({ failures: 4, windowStart: T0.toISOString(), lockedUntil: null });
  });

  it('locks for 15 minutes at the 5th failure', () => {
    const c = failures(5);
    expect(c.failures).toBe(5);
    expect(c.lockedUntil).toBe(at(4 / 6 + THROTTLE.lockMinutes).toISOString());
  });

  it('starts over when the window has passed', () => {
    const c = afterFailure(failures(4), at(16), LIMIT);
    expect(c).toEqual({ failures: 1, windowStart: at(16).toISOString(), lockedUntil: null });
  });

  it('a failure exactly at the end of the window still counts in it', () => {
    const c = afterFailure(failures(1), at(THROTTLE.windowMinutes), LIMIT);
    expect(c.failures).toBe(2);
  });

  it('gives the full allowance back once a lock has run out, even inside the old window', () => {
    const locked = { failures: 5, windowStart: T0.toISOString(), lockedUntil: at(10).toISOString() };
    const c = afterFailure(locked, at(11), LIMIT);
    expect(c).toEqual({ failures: 1, windowStart: at(11).toISOString(), lockedUntil: null });
  });

  it('keeps counting (and extends the lock) while still locked', () => {
    const locked = { failures: 5, windowStart: T0.toISOString(), lockedUntil: at(10).toISOString() };
    const c = afterFailure(locked, at(5), LIMIT);
    expect(c.failures).toBe(6);
    expect(c.lockedUntil).toBe(at(5 + THROTTLE.lockMinutes).toISOString());
  });

  it('uses the given limit (the per-IP limit is higher)', () => {
    expect(failures(5, THROTTLE.maxPerIp).lockedUntil).toBeNull();
    expect(failures(THROTTLE.maxPerIp, THROTTLE.maxPerIp).lockedUntil).not.toBeNull();
  });
});

describe('afterRefund', () => {
  it('gives one attempt back and lifts a lock that attempt caused', () => {
    const c = failures(5);
    expect(afterRefund(c, LIMIT)).toEqual({ failures: 4, windowStart: T0.toISOString(), lockedUntil: null });
  });

  it('keeps a lock earned by other attempts', () => {
    const c = failures(6);
    expect(afterRefund(c, LIMIT)).toEqual({ failures: 5, windowStart: T0.toISOString(), lockedUntil: c.lockedUntil });
  });

  it('never goes below zero', () => {
    expect(afterRefund({ failures: 0, windowStart: T0.toISOString(), lockedUntil: null }, LIMIT).failures).toBe(0);
  });
});

describe('accountThrottleKey and lockMessage', () => {
  it('folds case so one account has one counter', () => {
    expect(accountThrottleKey('Admin_A')).toBe(accountThrottleKey('admin_a'));
  });

  it('tells the wait in whole minutes, in Chinese', () => {
    expect(lockMessage(900)).toBe('登录失败次数过多，请 15 分钟后再试');
    expect(lockMessage(61)).toBe('登录失败次数过多，请 2 分钟后再试');
    expect(lockMessage(1)).toBe('登录失败次数过多，请 1 分钟后再试');
  });
});
