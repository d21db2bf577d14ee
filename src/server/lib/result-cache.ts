/*
 * A short-lived cache of computed results (the town dashboard: a year of figures, 60–120 ms of CPU and
 * several MB of rows per computation), for two reasons measured under load (docs/performance.md): 50
 * people opening the dashboard at once computed it 50 times side by side, which set the pace of the whole
 * server and most of its peak memory. Here the first caller computes and the others wait for that same
 * result (one computation in flight per key), and the result is reused for `ttlMs`.
 *
 * Freshness: any write request through this process moves `WriteGeneration` on (app.ts), and a result
 * computed before it is not used again, so people see their own changes at once. A write through ANOTHER
 * process (several app processes, the CLI) reaches this cache when the entry lapses, after at most
 * `ttlMs` (docs/deploy.md).
 */

/** Moves on with every write request this process answers. */
export class WriteGeneration {
  value = 0;
  bump(): void {
    this.value++;
  }
}

type Entry<T> = { at: number; generation: number; result: Promise<T> };

export class ResultCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly writes: WriteGeneration,
    private readonly ttlMs: number,
    private readonly maxEntries = 500,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The result for `key`: a fresh or in-flight one when there is one, else `compute()`'s (kept only if it succeeds). */
  get(key: string, compute: () => Promise<T>): Promise<T> {
    const now = this.clock();
    const hit = this.entries.get(key);
    if (hit && hit.generation === this.writes.value && now - hit.at < this.ttlMs) return hit.result;
    if (this.entries.size >= this.maxEntries) this.sweep(now);
    const result = compute();
    const entry: Entry<T> = { at: now, generation: this.writes.value, result };
    this.entries.set(key, entry);
    // A failure is not kept: the next caller tries again.
    result.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return result;
  }

  private sweep(now: number): void {
    for (const [k, e] of this.entries) if (e.generation !== this.writes.value || now - e.at >= this.ttlMs) this.entries.delete(k);
    if (this.entries.size >= this.maxEntries) this.entries.clear();
  }
}
