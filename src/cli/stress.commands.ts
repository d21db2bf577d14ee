import path from 'node:path';
import type { Command } from 'commander';
import { runStress, writeStressResult } from '../bench/reliability/stress.run.ts';
import type { Engine } from '../server/db/kysely.ts';

type Opts = { engine?: string; pgUrl: string; seconds: string; connections: string; kill: string; seed: string; only: string };

const RUNS = ['load', 'kill', 'pg-restart'] as const;

/**
 * `renda stress`: the reliability runs of docs/security.md — a mixed load from this process against the
 * server in another, kill -9 in the middle of writes and imports, and a PostgreSQL restart under load.
 */
export function registerStressCommands(program: Command): void {
  program
    .command('stress')
    .description('可靠性测试：负载、kill -9、PostgreSQL 重启 load, kill -9 and database restart runs (docs/security.md)')
    .option('--engine <engine>', 'sqlite | postgres (default: both)')
    .option(
      '--pg-url <url>',
      'PostgreSQL server for the load and kill runs (a database of its own is created and dropped)',
      process.env.DATABASE_URL_PG ?? 'postgres://postgres@127.0.0.1:5432/test',
    )
    .option('--seconds <n>', 'length of the load run', '60')
    .option('--connections <n>', 'concurrent connections of the load run', '50')
    .option('--kill <n>', 'kill -9 rounds', '20')
    .option('--seed <n>', 'seed of the kill moments and the imported towns', '1')
    .option('--only <list>', `comma-separated: ${RUNS.join(', ')}`, RUNS.join(','))
    .action(async (o: Opts) => {
      const only = o.only.split(',').map((s) => s.trim());
      const bad = only.filter((s) => !(RUNS as readonly string[]).includes(s));
      if (bad.length) throw new Error(`--only: unknown run ${bad.join(', ')} (${RUNS.join(', ')})`);
      if (o.engine && o.engine !== 'sqlite' && o.engine !== 'postgres') throw new Error('--engine: sqlite or postgres');
      const engines: Engine[] = o.engine ? [o.engine as Engine] : ['sqlite', 'postgres'];
      const result = await runStress({
        engines,
        pgUrl: o.pgUrl,
        seconds: Number(o.seconds),
        connections: Number(o.connections),
        killRounds: Number(o.kill),
        seed: Number(o.seed),
        only: only as (typeof RUNS)[number][],
        log: (line) => console.log(line),
      });
      const file = writeStressResult(path.resolve('bench/results'), result);
      console.log(`\n${result.failures.length ? `FAILED (${result.failures.length})` : 'all runs passed'} — ${file}`);
      if (result.failures.length) process.exitCode = 1;
    });
}
