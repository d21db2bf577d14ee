import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Engine } from '../../server/db/kysely.ts';
import type { DB } from '../../server/db/schema.ts';
import { DEMO_PASSWORD, seedDemo } from '../../server/modules/demo/demo.seed.ts';
import { percentile } from '../bench.stats.ts';
import { addVolume, volumeFor } from '../bench.volume.ts';
import { type LoadDatabase, loadDatabase } from './database.ts';
import { type DriveResult, drive, get, rssSampler } from './driver.ts';
import { startFloor } from './floor.ts';
import { keyReads, pickSubjects } from './keyreads.ts';

/*
 * Issue 8, measurements (1) and (5): each key read through the real app (listening on a local port,
 * logged in as the demo admin) and through its floor (floor.ts), at a fixed concurrency for a fixed
 * time; req/s, p50/p99, app ÷ floor (target ≥ 0.60); and the process's peak RSS while the app runs
 * (target < 300 MB; the driver and the floor live in the same process, so this over-counts a little).
 */

export const RATIO_TARGET = 0.6;
export const RSS_TARGET_MB = 300;

/** Fills the empty, migrated database and names the town the reads are about. The generator's loader can stand in. */
export type DataSource = {
  label: string;
  /** Fills the database; answers the town the reads are about and the account that reads (a town admin). */
  load(db: Kysely<DB>, log: (line: string) => void): Promise<{ townCode: string; username: string; password: string }>;
};

/** Today's data: the demo county plus bench.volume.ts at `scale` on the demo town. */
export function demoVolumeSource(scale: number): DataSource {
  return {
    label: `demo+volume x${scale}`,
    async load(db, log) {
      await seedDemo(db);
      await addVolume(db, 'DEMO01', volumeFor(scale), log);
      return { townCode: 'DEMO01', username: 'admin', password: DEMO_PASSWORD };
    },
  };
}

export type ThroughputOptions = {
  engine: Engine;
  pgUrl: string;
  source: DataSource;
  /** Per case and per side (app, floor). */
  durationMs: number;
  concurrency: number;
  /** Untimed requests per side before timing (JIT, caches, pg statement plans). */
  warmupMs: number;
  only?: string;
  /** A database loaded by the caller (its source's load() then only names the town and account); closed by the caller. */
  database?: LoadDatabase;
  /** Where to write `<engine>-<date>-throughput.json`; none: write nothing. */
  outDir?: string;
};

export type ThroughputRow = {
  name: string;
  url: string;
  appStatus: number;
  appRows: number;
  floorRows: number;
  app: { perSecond: number; p50: number; p99: number; requests: number; errors: number };
  floor: { perSecond: number; p50: number; p99: number; requests: number; errors: number };
  ratio: number;
  met: boolean;
};

export type ThroughputOutcome = {
  engine: Engine;
  source: string;
  concurrency: number;
  durationMs: number;
  rows: ThroughputRow[];
  peakRssMb: number;
  baselineRssMb: number;
  file?: string;
};

function figures(r: DriveResult) {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  return { perSecond: r.perSecond, p50: percentile(sorted, 50), p99: percentile(sorted, 99), requests: r.requests, errors: r.errors };
}

function merge(parts: DriveResult[]): DriveResult {
  const latencies = parts.flatMap((p) => p.latencies);
  const elapsedMs = parts.reduce((n, p) => n + p.elapsedMs, 0);
  const statuses: Record<number, number> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p.statuses)) statuses[Number(k)] = (statuses[Number(k)] ?? 0) + v;
  const errors = parts.reduce((n, p) => n + p.errors, 0);
  return { requests: latencies.length, errors, elapsedMs, latencies, perSecond: (latencies.length * 1000) / elapsedMs, statuses };
}

export async function runThroughput(o: ThroughputOptions, log: (line: string) => void): Promise<ThroughputOutcome> {
  // A database the caller has loaded already (the suite's largest size) is used as it is and left open.
  const database = o.database ?? (await loadDatabase(o.engine, o.pgUrl));
  try {
    log(`engine ${o.engine}, data ${o.source.label}: loading…`);
    const { townCode, username, password } = await o.source.load(database.db, log);
    const config = { ...loadConfig(), seedDemo: 'never' as const };
    const app = await buildApp({ db: database.db, engine: database.engine, config }, { logger: false });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const appPort = (app.server.address() as { port: number }).port;
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      const sid = login.cookies.find((c) => c.name === 'renda_sid');
      if (login.statusCode !== 200 || !sid) throw new Error(`bench: login ${username} failed (${login.statusCode})`);
      const headers = { cookie: `renda_sid=${sid.value}` };

      const subjects = await pickSubjects(database.db, townCode, new Date().getUTCFullYear());
      const reads = (await keyReads(o.engine, subjects)).filter((r) => !o.only || r.name.includes(o.only));
      const floor = await startFloor(database.raw, reads);
      // What the process holds before any load (the loader's garbage included): the peak is read against it.
      const baselineRssMb = process.memoryUsage.rss() / (1024 * 1024);
      const rows: ThroughputRow[] = [];
      let peakRssMb = 0;
      try {
        const probe = new http.Agent({ keepAlive: true });
        for (const [i, read] of reads.entries()) {
          // One answer each, untimed: the status and the row counts (the floor must answer the same rows).
          const a = await get(probe, appPort, read.url, headers);
          const f = await get(probe, floor.port, `/${i}`, {});
          if (f.status !== 200) throw new Error(`bench: floor of ${read.name} answered ${f.status}: ${f.body.slice(0, 300)}`);
          const appRows = a.status === 200 ? read.appRows(JSON.parse(a.body)) : Number.NaN;
          const floorRows = (JSON.parse(f.body) as unknown[][])[read.rowsFrom].length;
          if (o.warmupMs > 0) {
            await drive(appPort, read.url, headers, { concurrency: o.concurrency, durationMs: o.warmupMs });
            await drive(floor.port, `/${i}`, {}, { concurrency: o.concurrency, durationMs: o.warmupMs });
          }
          // App and floor take turns in slices of about a second, so a neighbour's burst of CPU on this
          // shared machine lands on both sides rather than on one (the ratio is what must hold).
          const rounds = Math.max(1, Math.round(o.durationMs / 1000));
          const slice = { concurrency: o.concurrency, durationMs: o.durationMs / rounds };
          const appParts: DriveResult[] = [];
          const floorParts: DriveResult[] = [];
          for (let k = 0; k < rounds; k++) {
            const rss = rssSampler(100);
            appParts.push(await drive(appPort, read.url, headers, slice));
            peakRssMb = Math.max(peakRssMb, rss.stop());
            floorParts.push(await drive(floor.port, `/${i}`, {}, slice));
          }
          const appRun = figures(merge(appParts));
          const floorRun = figures(merge(floorParts));
          const ratio = appRun.perSecond / floorRun.perSecond;
          rows.push({
            name: read.name,
            url: read.url,
            appStatus: a.status,
            appRows,
            floorRows,
            app: appRun,
            floor: floorRun,
            ratio,
            met: ratio >= RATIO_TARGET && appRun.errors === 0,
          });
          log(
            `  ${read.name}: app ${appRun.perSecond.toFixed(0)} req/s, floor ${floorRun.perSecond.toFixed(0)} req/s, ratio ${ratio.toFixed(2)} (rows ${appRows}/${floorRows})`,
          );
        }
        probe.destroy();
      } finally {
        await floor.close();
      }
      const outcome: ThroughputOutcome = {
        engine: o.engine,
        source: o.source.label,
        concurrency: o.concurrency,
        durationMs: o.durationMs,
        rows,
        peakRssMb,
        baselineRssMb,
      };
      log('');
      log(formatThroughput(outcome));
      if (o.outDir) {
        fs.mkdirSync(o.outDir, { recursive: true });
        const file = path.join(o.outDir, `${o.engine}-${new Date().toISOString().slice(0, 10)}-throughput.json`);
        fs.writeFileSync(
          file,
          `${JSON.stringify({ ...outcome, at: new Date().toISOString(), node: process.version, ratioTarget: RATIO_TARGET, rssTargetMb: RSS_TARGET_MB }, null, 2)}\n`,
        );
        outcome.file = file;
        log(`\nwritten ${file}`);
      }
      return outcome;
    } finally {
      await app.close();
    }
  } finally {
    if (!o.database) await database.close();
  }
}

export function formatThroughput(o: ThroughputOutcome): string {
  const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
  const head = ['case', 'app req/s', 'floor req/s', 'ratio', 'p50 ms', 'p99 ms', 'floor p50', `≥${RATIO_TARGET}`];
  const body = o.rows.map((r) => [
    r.name,
    f(r.app.perSecond, 0),
    f(r.floor.perSecond, 0),
    f(r.ratio, 2),
    f(r.app.p50, 2),
    f(r.app.p99, 2),
    f(r.floor.p50, 2),
    r.met ? 'yes' : r.app.errors ? `NO (${r.app.errors} errors)` : 'NO',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const rss = `peak RSS during the app runs: ${f(o.peakRssMb, 0)} MB (target < ${RSS_TARGET_MB}: ${o.peakRssMb < RSS_TARGET_MB ? 'yes' : 'NO'}; ${f(o.baselineRssMb, 0)} MB after loading, before any request; one process holds app, floor and driver)`;
  const how = `${o.engine}, ${o.source}, ${o.concurrency} connections, ${f(o.durationMs / 1000, 1)} s per side`;
  return [how, line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line), rss].join('\n');
}
