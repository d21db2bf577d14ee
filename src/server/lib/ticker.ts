/**
 * Runs `tick` once after `firstMs` and then every `everyMs`, inside the server process (the daily
 * reminders, the daily backup). The timers never keep the process alive; the answer stops them.
 */
export function startTicker(tick: () => Promise<unknown>, o: { firstMs: number; everyMs: number }): () => void {
  const first = setTimeout(() => void tick(), o.firstMs);
  const every = setInterval(() => void tick(), o.everyMs);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
