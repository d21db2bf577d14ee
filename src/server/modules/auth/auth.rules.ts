/**
 * Login throttling, pure: given the stored counter and now, decide. Per account: 5 failures within
 * 15 minutes lock it for 15 minutes. Per IP: 30 failures (many accounts from one place) lock the IP.
 */
export const THROTTLE = {
  windowMinutes: 15,
  lockMinutes: 15,
  maxPerAccount: 5,
  maxPerIp: 30,
} as const;

export type Counter = { failures: number; windowStart: string; lockedUntil: string | null };

export function lockedFor(counter: Counter | undefined, now: Date): number {
  if (!counter?.lockedUntil) return 0;
  const ms = Date.parse(counter.lockedUntil) - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/** The counter after one more failure; locks when the limit is reached inside the window. */
export function afterFailure(counter: Counter | undefined, now: Date, limit: number): Counter {
  const windowMs = THROTTLE.windowMinutes * 60_000;
  const fresh = !counter || now.getTime() - Date.parse(counter.windowStart) > windowMs || lockedFor(counter, now) === 0 && counter.lockedUntil !== null;
  const failures = fresh ? 1 : counter.failures + 1;
  const windowStart = fresh ? now.toISOString() : counter.windowStart;
  const lockedUntil = failures >= limit ? new Date(now.getTime() + THROTTLE.lockMinutes * 60_000).toISOString() : null;
  return { failures, windowStart, lockedUntil };
}

export function lockMessage(seconds: number): string {
  return `登录失败次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试`;
}
