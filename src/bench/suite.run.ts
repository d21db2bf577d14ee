import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../server/db/kysely.ts';
import { BENCH_PASSWORD, loadSize } from './generate/load.ts';
import { type ImportBench, runImportBench } from './import/import.run.ts';
import { IMPORT_RATIO_TARGET } from './import/import-vs-raw.ts';
import type { SizeName } from './generate/sizes.ts';
import { adminUsername } from './generate/town-document.ts';
import { loadDatabase } from './load/database.ts';
import { townCode } from './generate/sizes.ts';
import { RATIO_TARGET, RSS_TARGET_MB, type ThroughputOutcome, runThroughput } from './load/throughput.run.ts';
import { type PerTown, timeTownYear } from './report/per-town.ts';
import { type SearchTiming, timeSearch } from './search/fts.ts';
import { FIRST_LOAD_TARGET_BYTES, type WebResult, runWebBench } from './web/web.run.ts';

/*
 * `npm run bench`: every measurement of issue 8 on each engine, one table, one JSON file in bench/results/.
 * Per engine: each size is generated into a throw-away database (src/bench/generate, one town at a time);
 * on each, one town's year of facts and its .docx are timed (2) and the suggestion search (3); the key reads
 * against their floor and the peak memory (1, 5) run on the largest size; the web app (6) once.
 * Ratios are what the targets are about: they hold on a busy machine where absolute times do not.
 */

export type SuiteOptions = {
  engines: Engine[];
  pgUrl: string;
  /** Sizes to generate, smallest first; the first is the reference for (2). */
  sizes: SizeName[];
  seed: number;
  /** Seconds per key read and side in (1). */
  seconds: number;
  /** Timed runs of (2) and queries of (3). */
  reportRuns: number;
  searchQueries: number;
  web: boolean;
  /** (4): undefined leaves it out; false measures the import rate only; true also memory by file size and by towns. */
  importMemory?: boolean;
  outDir: string | null;
};

export type SizeResult = { size: SizeName; towns: number; rows: number; loadSeconds: number; perTown: PerTown; search: SearchTiming };
export type EngineResult = { engine: Engine; sizes: SizeResult[]; throughput: ThroughputOutcome | null; importBench: ImportBench | null };
export type SuiteResult = { at: string; node: string; seed: number; engines: EngineResult[]; web: WebResult | null; file?: string };

export const PER_TOWN_TARGET = 1.5;
export const SEARCH_P95_TARGET_MS = 50;

/**
 * Generates a size and times (2) and (3) on it; for the largest size also (1) and (5) on the same database,
 * so the biggest load happens once (a province takes most of an hour to generate).
 */
async function measureSize(
  engine: Engine,
  pgUrl: string,
  size: SizeName,
  o: SuiteOptions,
  log: (l: string) => void,
  withThroughput: boolean,
): Promise<SizeResult & { throughput: ThroughputOutcome | null }> {
  const d = await loadDatabase(engine, pgUrl);
  try {
    log(`${engine} ${size}: generating…`);
    const loaded = await loadSize(d.db, size, o.seed, (line) => (line.startsWith(`${size}:`) ? log(`  ${line}`) : undefined));
    const towns = await d.db.selectFrom('town').select(['id', 'code']).orderBy('code').execute();
    const first = towns.find((t) => t.code === townCode(0));
    if (!first) throw new Error(`bench: town ${townCode(0)} missing after loading ${size}`);
    const perTown = await timeTownYear(d.db, first.id, 2026, o.reportRuns);
    const search = await timeSearch(
      d.db,
      towns.map((t) => t.id),
      o.searchQueries,
    );
    log(
      `  ${size}: facts ${perTown.factsMs.toFixed(0)} ms, .docx ${perTown.docxMs.toFixed(0)} ms; search p50 ${search.p50.toFixed(1)} ms, p95 ${search.p95.toFixed(1)} ms`,
    );
    const rows = Object.values(loaded.rows).reduce((a, b) => a + b, 0);
    const throughput = withThroughput
      ? await runThroughput(
          {
            engine,
            pgUrl,
            database: d,
            source: {
              label: `generated ${size} (seed ${o.seed})`,
              load: async () => ({ townCode: townCode(0), username: adminUsername(0), password: BENCH_PASSWORD }),
            },
            durationMs: o.seconds * 1000,
            concurrency: 8,
            warmupMs: Math.min(1000, (o.seconds * 1000) / 5),
          },
          () => {},
        )
      : null;
    return { size, towns: loaded.towns, rows, loadSeconds: loaded.seconds, perTown, search, throughput };
  } finally {
    await d.close();
  }
}

export async function runSuite(o: SuiteOptions, log: (line: string) => void): Promise<SuiteResult> {
  const engines: EngineResult[] = [];
  for (const engine of o.engines) {
    const sizes: SizeResult[] = [];
    let throughput: ThroughputOutcome | null = null;
    for (const [i, size] of o.sizes.entries()) {
      const { throughput: t, ...r } = await measureSize(engine, o.pgUrl, size, o, log, i === o.sizes.length - 1 && o.seconds > 0);
      sizes.push(r);
      throughput = t ?? throughput;
    }
    // (4): one town of the second size (county: five years) imported, against a raw copy of the same rows.
    const importSize = o.sizes.includes('county') ? 'county' : o.sizes[0];
    const importBench = o.importMemory === undefined ? null : await runImportBench(engine, o.pgUrl, importSize, o.seed, o.importMemory, log);
    engines.push({ engine, sizes, throughput, importBench });
  }
  const web = o.web ? await runWebBench({ runs: 5 }, log) : null;
  const result: SuiteResult = { at: new Date().toISOString(), node: process.version, seed: o.seed, engines, web };
  log('');
  log(formatSuite(result));
  if (o.outDir) {
    fs.mkdirSync(o.outDir, { recursive: true });
    const file = path.join(o.outDir, `bench-${result.at.slice(0, 19).replaceAll(':', '')}.json`);
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    result.file = file;
    log(`\nwritten ${file}`);
  }
  return result;
}

const yes = (ok: boolean) => (ok ? 'met' : 'NOT met');

/** The table `npm run bench` prints: each measurement with its target. */
export function formatSuite(r: SuiteResult): string {
  const out: string[] = [];
  for (const e of r.engines) {
    out.push(`== ${e.engine} ==`);
    const ref = e.sizes[0];
    out.push('size       towns       rows   load s   facts ms  ×ref   docx ms  ×ref   search p50  p95 ms');
    for (const s of e.sizes) {
      const fx = s.perTown.factsMs / ref.perTown.factsMs;
      const dx = s.perTown.docxMs / ref.perTown.docxMs;
      out.push(
        `${s.size.padEnd(9)} ${String(s.towns).padStart(6)} ${s.rows.toLocaleString('en-US').padStart(10)} ${s.loadSeconds.toFixed(1).padStart(8)} ${s.perTown.factsMs.toFixed(0).padStart(10)} ${fx.toFixed(2).padStart(5)} ${s.perTown.docxMs.toFixed(0).padStart(9)} ${dx.toFixed(2).padStart(5)} ${s.search.p50.toFixed(1).padStart(12)} ${s.search.p95.toFixed(1).padStart(6)}`,
      );
    }
    for (const s of e.sizes.slice(1)) {
      const worst = Math.max(s.perTown.factsMs / ref.perTown.factsMs, s.perTown.docxMs / ref.perTown.docxMs);
      out.push(`(2) one town's year at ${s.size} ÷ ${ref.size}: ${worst.toFixed(2)} (target ≤ ${PER_TOWN_TARGET}: ${yes(worst <= PER_TOWN_TARGET)})`);
    }
    const big = e.sizes[e.sizes.length - 1];
    out.push(
      `(3) search at ${big.size}: p95 ${big.search.p95.toFixed(1)} ms (target < ${SEARCH_P95_TARGET_MS} ms on SQLite: ${yes(big.search.p95 < SEARCH_P95_TARGET_MS)})`,
    );
    if (e.throughput) {
      out.push(`(1) key reads against their floor (${e.throughput.source}, ${e.throughput.concurrency} connections):`);
      for (const t of e.throughput.rows)
        out.push(
          `    ${t.name.padEnd(28)} ${t.app.perSecond.toFixed(0).padStart(6)} / ${t.floor.perSecond.toFixed(0).padStart(6)} req/s  ratio ${t.ratio.toFixed(2)}  p50 ${t.app.p50.toFixed(1)} p99 ${t.app.p99.toFixed(1)} ms  ${yes(t.met)}`,
        );
      out.push(`    target ≥ ${RATIO_TARGET}: ${e.throughput.rows.filter((t) => t.met).length} of ${e.throughput.rows.length} met`);
      out.push(`(5) peak RSS under (1): ${e.throughput.peakRssMb.toFixed(0)} MB (target < ${RSS_TARGET_MB}: ${yes(e.throughput.peakRssMb < RSS_TARGET_MB)})`);
    }
  }
  for (const e of r.engines) {
    const i = e.importBench?.ratio;
    if (i)
      out.push(
        `(4) ${e.engine}: workbook import ${Math.round(i.importRowsPerSecond).toLocaleString('en-US')} rows/s vs raw insert ${Math.round(i.rawRowsPerSecond).toLocaleString('en-US')} rows/s: ratio ${i.ratio.toFixed(2)} (target ≥ ${IMPORT_RATIO_TARGET}: ${yes(i.ratio >= IMPORT_RATIO_TARGET)})`,
      );
  }
  if (r.web) {
    out.push('== web ==');
    out.push(
      `(6) first load ${(r.web.firstLoad.jsGzip / 1024).toFixed(1)} KB JS gzip (target < ${FIRST_LOAD_TARGET_BYTES / 1024} KB: ${yes(r.web.firstLoad.jsGzip < FIRST_LOAD_TARGET_BYTES)})`,
    );
    if (r.web.deputyList)
      out.push(`    deputy list usable after ${r.web.deputyList.median.toFixed(0)} ms (median of ${r.web.deputyList.runs.length} fresh visits)`);
  }
  return out.join('\n');
}
