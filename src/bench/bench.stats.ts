/** Summary figures of one benchmark case, pure. Durations in milliseconds. */
export type CaseResult = { name: string; runs: number; p50: number; p95: number; max: number; perSecond: number; budgetP95: number; over: boolean };

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarise(name: string, durations: readonly number[], budgetP95: number): CaseResult {
  const sorted = [...durations].sort((a, b) => a - b);
  const total = sorted.reduce((s, d) => s + d, 0);
  const p95 = percentile(sorted, 95);
  return {
    name,
    runs: sorted.length,
    p50: percentile(sorted, 50),
    p95,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    perSecond: total > 0 ? (sorted.length * 1000) / total : Number.NaN,
    budgetP95,
    over: p95 > budgetP95,
  };
}

export function formatTable(results: readonly CaseResult[]): string {
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '-');
  const head = ['case', 'runs', 'p50 ms', 'p95 ms', 'max ms', 'req/s', 'p95 budget'];
  const rows = results.map((r) => [r.name, String(r.runs), f(r.p50), f(r.p95), f(r.max), f(r.perSecond), `${r.budgetP95}${r.over ? ' OVER' : ''}`]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
