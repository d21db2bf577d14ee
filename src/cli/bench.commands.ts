import type { Command } from 'commander';
import { runBench } from '../bench/bench.run.ts';
import { loadSize } from '../bench/generate/load.ts';
import { type SizeName, isSizeName } from '../bench/generate/sizes.ts';
import { RATIO_TARGET, RSS_TARGET_MB, demoVolumeSource, runThroughput } from '../bench/load/throughput.run.ts';
import { runSuite } from '../bench/suite.run.ts';
import type { Engine } from '../server/db/kysely.ts';
import { openCliDatabase } from './open-db.ts';

type Opts = {
  engine?: string;
  pgUrl: string;
  sizes: string;
  seed: string;
  generate?: string;
  web: boolean;
  quick?: boolean;
  lists?: boolean;
  throughput?: boolean;
  scale: string;
  runs: string;
  only?: string;
  check?: boolean;
  seconds: string;
  concurrency: string;
};

function sizesOf(text: string): SizeName[] {
  const sizes = text.split(',').map((s) => s.trim());
  const bad = sizes.filter((s) => !isSizeName(s));
  if (bad.length) throw new Error(`--sizes: unknown size ${bad.join(', ')} (tiny, town, county, province)`);
  return sizes as SizeName[];
}

/**
 * `renda bench` (`npm run bench`): the measurements of docs/performance.md on SQLite and PostgreSQL, in
 * throw-away databases, printed as one table and written to bench/results/. `--generate SIZE` instead
 * loads a generated size into DATABASE_URL (to explore it with the app). `--lists` is the older p95
 * table of the everyday lists on the demo town with volume; `--throughput` only the key reads.
 */
export function registerBenchCommands(program: Command): void {
  program
    .command('bench')
    .description('性能基准：生成数据并在 SQLite 和 PostgreSQL 上测量 measure on both engines (docs/performance.md)')
    .option('--engine <engine>', 'sqlite | postgres (default: both)')
    .option(
      '--pg-url <url>',
      'PostgreSQL URL (a schema of its own is created and dropped)',
      process.env.DATABASE_URL_PG ?? 'postgres://postgres@127.0.0.1:5432/test',
    )
    .option('--sizes <list>', 'generated sizes, smallest first: tiny, town, county, province', 'town,county')
    .option('--seed <n>', 'generator seed', '1')
    .option('--generate <size>', 'load a generated size into DATABASE_URL and stop')
    .option('--no-web', 'leave out the web app measurement')
    .option('--quick', 'a smoke run: tiny size, short runs, no web (what CI runs)')
    .option('--lists', 'the p95 table of the everyday lists on the demo town with volume')
    .option('--throughput', `only the key reads against their floor (target ≥ ${RATIO_TARGET}) and peak RSS (< ${RSS_TARGET_MB} MB), demo data`)
    .option('--scale <n>', 'with --lists/--throughput: volume multiplier (1 = 5,000 suggestions)', '1')
    .option('--runs <n>', 'with --lists: timed requests per case', '100')
    .option('--only <text>', 'with --lists/--throughput: only the cases whose name contains this')
    .option('--check', 'exit 1 when a target is not met or a case fails')
    .option('--seconds <s>', 'seconds per key read and side', '5')
    .option('--concurrency <n>', 'with --throughput: keep-alive connections', '8')
    .action(async (opts: Opts) => {
      if (opts.engine !== undefined && opts.engine !== 'sqlite' && opts.engine !== 'postgres') throw new Error('--engine must be sqlite or postgres');
      const engines: Engine[] = opts.engine ? [opts.engine as Engine] : ['sqlite', 'postgres'];
      const seed = Number(opts.seed) || 1;
      if (opts.generate) {
        if (!isSizeName(opts.generate)) throw new Error('--generate: tiny, town, county or province');
        const database = await openCliDatabase();
        try {
          await loadSize(database.db, opts.generate, seed, (line) => console.log(line));
        } finally {
          await database.close();
        }
        return;
      }
      if (opts.throughput) {
        const durationMs = Math.max(100, (Number(opts.seconds) || 5) * 1000);
        for (const engine of engines) {
          const out = await runThroughput(
            {
              engine,
              pgUrl: opts.pgUrl,
              source: demoVolumeSource(Math.max(1, Number(opts.scale) || 1)),
              durationMs,
              concurrency: Math.max(1, Number(opts.concurrency) || 8),
              warmupMs: Math.min(1000, durationMs / 5),
              only: opts.only,
              outDir: 'bench/results',
            },
            (line) => console.log(line),
          );
          if (opts.check && (out.rows.some((r) => !r.met || r.appRows !== r.floorRows) || out.peakRssMb >= RSS_TARGET_MB)) process.exitCode = 1;
        }
        return;
      }
      if (opts.lists) {
        for (const engine of engines) {
          const outcome = await runBench(
            { engine, pgUrl: opts.pgUrl, scale: Math.max(1, Number(opts.scale) || 1), runs: Math.max(10, Number(opts.runs) || 100), only: opts.only },
            (line) => console.log(line),
          );
          if (opts.check && (outcome.failed.length > 0 || outcome.results.some((r) => r.over))) process.exitCode = 1;
        }
        return;
      }
      await runSuite(
        opts.quick
          ? { engines, pgUrl: opts.pgUrl, sizes: ['tiny'], seed, seconds: 0.3, reportRuns: 1, searchQueries: 10, web: false, importMemory: false, outDir: null }
          : {
              engines,
              pgUrl: opts.pgUrl,
              sizes: sizesOf(opts.sizes),
              seed,
              seconds: Math.max(0.1, Number(opts.seconds) || 5),
              reportRuns: 5,
              searchQueries: 200,
              web: opts.web,
              importMemory: true,
              outDir: 'bench/results',
            },
        (line) => console.log(line),
      );
    });
}
