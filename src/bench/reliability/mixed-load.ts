import { performance } from 'node:perf_hooks';
import { percentile } from '../bench.stats.ts';
import type { ApiClient } from './api-client.ts';

/*
 * A mixed read/write load against a running server, from this (another) process: `connections` loops,
 * each sending its next request as soon as the last answered. A write registers a reception (接待) at a
 * station of the demo town with a marker in its notes; the server's 201 carries the new id, and that id
 * is an acknowledged write: findLostWrites checks afterwards that every one is stored. Reads are the
 * pages people open most: deputy list, suggestion list, reception list, the dashboard, and a reception
 * just written. Any answer other than 2xx, and any network failure, is an error.
 */

export type Subject = { stationId: string; deputyIds: string[] };

export type LoadResult = {
  seconds: number;
  connections: number;
  requests: number;
  reads: number;
  writes: number;
  errors: number;
  /** Status (or 'network') → count, for the errors only. */
  errorKinds: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
  perSecond: number;
  /** Ids the server answered 201 for, in order. */
  acked: string[];
  /** The first few errors as "METHOD path -> status body…", to tell what failed. */
  samples: string[];
  /** Latency by kind of request (write, each read path with ids left out). */
  byKind: Record<string, { n: number; p50Ms: number; p99Ms: number; maxMs: number }>;
};

/** The station and serving deputies the writes use: the demo town's first station that has deputies. */
export async function pickSubject(client: ApiClient): Promise<Subject> {
  const stations = await client.get('/stations');
  const items = (stations.body as { items?: { id: string }[] } | { id: string }[]) ?? [];
  const list = Array.isArray(items) ? items : (items.items ?? []);
  for (const s of list) {
    const detail = await client.get(`/stations/${s.id}`);
    const deputies = ((detail.body as { deputies?: { id: string; status: string }[] }).deputies ?? []).filter((d) => d.status === 'serving');
    if (deputies.length) return { stationId: s.id, deputyIds: deputies.slice(0, 2).map((d) => d.id) };
  }
  throw new Error(`no station with serving deputies (GET /stations answered ${stations.status})`);
}

export function receptionBody(subject: Subject, marker: string) {
  return {
    stationId: subject.stationId,
    date: new Date().toISOString().slice(0, 10),
    startTime: '09:00',
    endTime: '11:00',
    deputyIds: subject.deputyIds,
    notes: marker,
    matters: [{ visitorName: '压力测试', visitorCount: 1, category: '其他', content: `压力测试事项 ${marker}`, routing: 'on_spot' }],
  };
}

const READS = ['/deputies?page=1&pageSize=20', '/suggestions?page=1&pageSize=20', '/receptions?page=1&pageSize=20', '/dashboard?from=2026-01-01&to=2026-12-31'];

export async function runMixedLoad(
  clients: ApiClient[],
  subject: Subject,
  o: { seconds: number; connections: number; writeShare: number; runId: string; stopped?: () => boolean },
): Promise<LoadResult> {
  const latencies: number[] = [];
  const kindLatencies = new Map<string, number[]>();
  const acked: string[] = [];
  const errorKinds: Record<string, number> = {};
  const samples: string[] = [];
  let reads = 0;
  let writes = 0;
  let errors = 0;
  let n = 0;
  const t0 = performance.now();
  const deadline = t0 + o.seconds * 1000;
  const loop = async (worker: number) => {
    const client = clients[worker % clients.length] as ApiClient;
    // `stopped`: the kill run ends the load as soon as it has killed the server (the requests in flight then
    // fail, and are not acknowledged), instead of hammering a dead port until the deadline.
    while (performance.now() < deadline && !o.stopped?.()) {
      const i = n++;
      // A fixed pattern rather than random: the same run twice sends the same mix.
      const write = (i * 7919) % 100 < o.writeShare * 100;
      const s = performance.now();
      let kind = 'POST /receptions';
      try {
        if (write) {
          writes++;
          const r = await client.call('POST', '/receptions', receptionBody(subject, `${o.runId}-${i}`));
          if (r.status === 201) acked.push((r.body as { id: string }).id);
          else count(String(r.status), `POST /receptions -> ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        } else {
          reads++;
          const last = acked[acked.length - 1];
          const path = i % 5 === 4 && last ? `/receptions/${last}` : (READS[i % READS.length] as string);
          kind = `GET ${path.startsWith('/receptions/') ? '/receptions/:id' : path.split('?')[0]}`;
          const r = await client.get(path);
          if (r.status < 200 || r.status > 299) count(String(r.status), `GET ${path} -> ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        }
      } catch (err) {
        count('network', `${write ? 'POST' : 'GET'}: ${(err as Error).message}`);
      }
      const took = performance.now() - s;
      if (process.env.RENDA_STRESS_DEBUG && took > 3000)
        console.log(`slow ${kind} started at ${((s - t0) / 1000).toFixed(1)} s took ${(took / 1000).toFixed(1)} s worker ${worker}`);
      latencies.push(took);
      const k = kindLatencies.get(kind) ?? [];
      k.push(took);
      kindLatencies.set(kind, k);
    }
  };
  const count = (kind: string, sample: string) => {
    errors++;
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
    if (samples.length < 5) samples.push(sample);
  };
  await Promise.all(Array.from({ length: o.connections }, (_, w) => loop(w)));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const byKind: LoadResult['byKind'] = {};
  for (const [k, xs] of kindLatencies) {
    xs.sort((a, b) => a - b);
    byKind[k] = { n: xs.length, p50Ms: percentile(xs, 50), p99Ms: percentile(xs, 99), maxMs: xs[xs.length - 1] ?? 0 };
  }
  return {
    seconds: o.seconds,
    connections: o.connections,
    requests: latencies.length,
    reads,
    writes,
    errors,
    errorKinds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    perSecond: latencies.length / elapsed,
    acked,
    samples,
    byKind,
  };
}
