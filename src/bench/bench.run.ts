import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { DEMO_PASSWORD, seedDemo } from '../server/modules/demo/demo.seed.ts';
import { benchDatabase } from './bench.database.ts';
import { type BenchCase, CASES } from './bench.cases.ts';
import { type CaseResult, formatTable, summarise } from './bench.stats.ts';
import { addVolume, volumeFor } from './bench.volume.ts';

export type BenchOptions = { engine: 'sqlite' | 'postgres'; pgUrl: string; scale: number; runs: number; only?: string; json?: boolean };
export type BenchOutcome = { results: CaseResult[]; missing: string[]; failed: string[] };

async function sessionOf(app: FastifyInstance, username: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`bench: login ${username} failed (${res.statusCode})`);
  const sid = res.cookies.find((c) => c.name === 'renda_sid');
  if (!sid) throw new Error('bench: no session cookie');
  return `renda_sid=${sid.value}`;
}

/** Seeds the demo county and the volume, then times each case in process (no network in the way). */
export async function runBench(o: BenchOptions, log: (line: string) => void): Promise<BenchOutcome> {
  const database = await benchDatabase(o.engine, o.pgUrl);
  try {
    log(`engine ${o.engine}, scale ${o.scale}: seeding the demo county and the volume…`);
    await seedDemo(database.db);
    await addVolume(database.db, 'DEMO01', volumeFor(o.scale), log);
    const config = { ...loadConfig(), seedDemo: 'never' as const };
    const app = await buildApp({ db: database.db, engine: database.engine, config }, { logger: false });
    try {
      const town = await database.db.selectFrom('town').select('id').where('code', '=', 'DEMO01').executeTakeFirstOrThrow();
      const deputy = await database.db.selectFrom('deputy').select('id').where('townId', '=', town.id).orderBy('code').executeTakeFirstOrThrow();
      const station = await database.db.selectFrom('station').select('id').where('townId', '=', town.id).orderBy('code').executeTakeFirstOrThrow();
      // The demo's closed congress session (S001): its page, roll and votes are what the office opens at a session.
      const congress = await database.db
        .selectFrom('congressSession')
        .select('id')
        .where('townId', '=', town.id)
        .where('status', '=', 'closed')
        .orderBy('code')
        .executeTakeFirstOrThrow();
      const sessions = new Map<string, string>();
      const results: CaseResult[] = [];
      const missing: string[] = [];
      const failed: string[] = [];
      const cases = CASES.filter((c) => !o.only || c.name.includes(o.only));
      for (const c of cases) {
        const cookie = sessions.get(c.user) ?? (await sessionOf(app, c.user));
        sessions.set(c.user, cookie);
        const url = c.url.replace('{deputyId}', deputy.id).replace('{stationId}', station.id).replace('{sessionId}', congress.id);
        const outcome = await timeCase(app, c, url, cookie, c.runs ?? o.runs);
        if (outcome === 'missing') missing.push(c.name);
        else if (typeof outcome === 'string') failed.push(`${c.name}: ${outcome}`);
        else {
          results.push(outcome);
          log(`  ${c.name}: p95 ${outcome.p95.toFixed(1)} ms`);
        }
      }
      log('');
      log(formatTable(results));
      if (missing.length) log(`\nnot measured (route not present): ${missing.join('; ')}`);
      if (failed.length) log(`\nfailed: ${failed.join('; ')}`);
      return { results, missing, failed };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

async function timeCase(app: FastifyInstance, c: BenchCase, url: string, cookie: string, runs: number): Promise<CaseResult | 'missing' | string> {
  const once = async () => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    return res.statusCode;
  };
  const first = await once();
  if (first === 404) return 'missing';
  if (first !== 200) return `HTTP ${first}`;
  for (let i = 0; i < Math.min(10, runs); i++) await once(); // warm caches and JIT
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await once();
    durations.push(performance.now() - t0);
  }
  return summarise(c.name, durations, c.budgetP95);
}
