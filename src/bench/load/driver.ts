import http from 'node:http';
import { performance } from 'node:perf_hooks';

export type DriveOptions = { concurrency: number; durationMs: number };
export type DriveResult = { requests: number; errors: number; elapsedMs: number; latencies: number[]; perSecond: number; statuses: Record<number, number> };
export type Reply = { status: number; body: string };

/** One GET over a keep-alive agent, the body read to the end. */
export function get(agent: http.Agent, port: number, path: string, headers: Record<string, string>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Fixed concurrency for a fixed time: `concurrency` loops, each on its own keep-alive connection,
 * send the next request as soon as the last answered (closed loop, like autocannon/wrk). Every
 * request's latency is kept (a few 100k numbers at most). Requests that started before the deadline
 * are waited for and counted; req/s divides by the time until the last one answered.
 */
export async function drive(port: number, path: string, headers: Record<string, string>, o: DriveOptions): Promise<DriveResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  const t0 = performance.now();
  const deadline = t0 + o.durationMs;
  const loop = async () => {
    while (performance.now() < deadline) {
      const s = performance.now();
      try {
        const r = await get(agent, port, path, headers);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - s);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, loop));
  const elapsedMs = performance.now() - t0;
  agent.destroy();
  return { requests: latencies.length, errors, elapsedMs, latencies, perSecond: (latencies.length * 1000) / elapsedMs, statuses };
}

/** Samples this process's RSS every `everyMs` until stopped; answers the peak in MB. */
export function rssSampler(everyMs = 100): { stop(): number; peakMb(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  timer.unref();
  const mb = () => peak / (1024 * 1024);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return mb();
    },
    peakMb: mb,
  };
}
