import type { Command } from 'commander';
import { runBench } from '../bench/bench.run.ts';
import { RATIO_TARGET, RSS_TARGET_MB, demoVolumeSource, runThroughput } from '../bench/load/throughput.run.ts';

/**
 * `renda bench` (`npm run bench`): seeds a throw-away database with the demo county plus years of
 * volume and prints p50/p95 of the everyday lists. `--check` exits 1 when a case is over its budget
 * or fails, for use in CI or before a release.
 */
export function registerBenchCommands(program: Command): void {
  program
    .command('bench')
    .description('性能基准：在临时数据库中生成数据并测量常用列表 measure the everyday lists at volume')
    .option('--engine <engine>', 'sqlite | postgres', 'sqlite')
    .option('--pg-url <url>', 'PostgreSQL URL (a schema of its own is created and dropped)', process.env.DATABASE_URL_PG ?? 'postgres://postgres@127.0.0.1:5432/test')
    .option('--scale <n>', 'volume multiplier (1 = 5,000 suggestions, 10,000 reception matters, 100,000 audit events)', '1')
    .option('--runs <n>', 'timed requests per case', '100')
    .option('--only <text>', 'only the cases whose name contains this')
    .option('--check', 'exit 1 when a case is over its p95 budget or fails')
    .option(
      '--throughput',
      `key reads at fixed concurrency against their raw-SQL floor (target ≥ ${RATIO_TARGET}) and peak RSS (target < ${RSS_TARGET_MB} MB); writes bench/results/`,
    )
    .option('--seconds <s>', 'with --throughput: seconds per case and side', '5')
    .option('--concurrency <n>', 'with --throughput: keep-alive connections', '8')
    .action(
      async (opts: {
        engine: string;
        pgUrl: string;
        scale: string;
        runs: string;
        only?: string;
        check?: boolean;
        throughput?: boolean;
        seconds: string;
        concurrency: string;
      }) => {
        if (opts.engine !== 'sqlite' && opts.engine !== 'postgres') throw new Error('--engine must be sqlite or postgres');
        if (opts.throughput) {
          const durationMs = Math.max(100, (Number(opts.seconds) || 5) * 1000);
          const out = await runThroughput(
            {
              engine: opts.engine,
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
          if (opts.check && (out.rows.some((r) => !r.met || r.appRows !== r.floorRows) || out.peakRssMb >= RSS_TARGET_MB)) process.exit(1);
          return;
        }
        const outcome = await runBench(
          {
            engine: opts.engine,
            pgUrl: opts.pgUrl,
            scale: Math.max(1, Number(opts.scale) || 1),
            runs: Math.max(10, Number(opts.runs) || 100),
            only: opts.only,
          },
          (line) => console.log(line),
        );
        if (opts.check && (outcome.failed.length > 0 || outcome.results.some((r) => r.over))) process.exit(1);
      },
    );
}
