/**
 * Login throttling, pure: given the stored counter and now, decide. Per account: 5 failures within
 * 15 minutes lock it for 15 minutes. Per IP: 30 failures (many accounts from one place) lock the IP.
 *
 * An attempt is counted before its password is checked and given back when it succeeds (see
 * auth.service.ts login): counting only after a failed check let parallel guesses all pass the
 * lock test before any of them was counted.
 */
export const THROTTLE = {
  windowMinutes: 15,
  lockMinutes: 15,
  maxPerAccount: 5,
  maxPerIp: 30,
} as const;

export type Counter = { failures: number; windowStart: string; lockedUntil: string | null };

/** Seconds until the lock ends, 0 when not locked. */
export function lockedFor(counter: Counter | undefined, now: Date): number {
  if (!counter?.lockedUntil) return 0;
  const ms = Date.parse(counter.lockedUntil) - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/**
 * The counter after one more failed attempt. A new window starts when there was none, when the
 * last one is over, or when a lock has run out (the account gets its full allowance back).
 * Reaching the limit inside the window locks.
 */
export function afterFailure(counter: Counter | undefined, now: Date, limit: number): Counter {
  const windowMs = THROTTLE.windowMinutes * 60_000;
  const fresh = !counter || now.getTime() - Date.parse(counter.windowStart) > windowMs || (counter.lockedUntil !== null && lockedFor(counter, now) === 0);
  const failures = fresh ? 1 : counter.failures + 1;
  const windowStart = fresh ? now.toISOString() : counter.windowStart;
  const lockedUntil = failures >= limit ? new Date(now.getTime() + THROTTLE.lockMinutes * 60_000).toISOString() : null;
  return { failures, windowStart, lockedUntil };
}

/** The counter after an attempt counted in advance turned out to succeed: it is given back. */
export function afterRefund(counter: Counter, limit: number): Counter {
  const failures = Math.max(0, counter.failures - 1);
  return { failures, windowStart: counter.windowStart, lockedUntil: failures >= limit ? counter.lockedUntil : null };
}

/**
 * One counter per account whichever name it was reached by (username or phone); unknown names get
 * their own counter. Case-folded so that "Admin" and "admin" share it.
 */
export function accountThrottleKey(username: string): string {
  return `user:${username.toLowerCase()}`;
}

export function lockMessage(seconds: number): string {
  return `登录失败次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试`;
}
