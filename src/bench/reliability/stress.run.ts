import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../../server/db/kysely.ts';
import { canRunPgCluster } from './pg-cluster.ts';
import { type KillScenario, type LoadScenario, type Log, type PgRestartScenario, killScenario, loadScenario, pgRestartScenario } from './scenarios.ts';

/*
 * `renda stress`: issue 9's load and fault runs, full size, on both engines, printed as a verdict per run
 * and written to bench/results/stress-<time>.json. Exit code 1 when any run fails its rule.
 */

export type StressOptions = {
  engines: Engine[];
  pgUrl: string;
  seconds: number;
  connections: number;
  killRounds: number;
  seed: number;
  only: ('load' | 'kill' | 'pg-restart')[];
  log: Log;
};

export type StressResult = {
  load: LoadScenario[];
  kill: KillScenario[];
  pgRestart: PgRestartScenario | null;
  failures: string[];
};

const strip = (r: LoadScenario) => ({ ...r, acked: r.acked.length, lost: r.lost });

export async function runStress(o: StressOptions): Promise<StressResult> {
  const out: StressResult = { load: [], kill: [], pgRestart: null, failures: [] };
  const fail = (s: string) => {
    out.failures.push(s);
    o.log(`FAIL ${s}`);
  };
  for (const engine of o.engines) {
    if (o.only.includes('load')) {
      const r = await loadScenario({ engine, pgUrl: o.pgUrl, seconds: o.seconds, connections: o.connections, log: o.log });
      out.load.push(r);
      o.log(
        `load ${engine}: ${r.requests} requests (${r.reads} reads, ${r.writes} writes) in ${r.seconds} s at ${r.connections} connections, ${r.perSecond.toFixed(0)}/s; p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms; errors ${r.errors}; acknowledged writes ${r.acked.length}, lost ${r.lost.length}; integrity ${r.integrity}; server peak RSS ${r.serverPeakRssMb?.toFixed(0) ?? '?'} MB`,
      );
      for (const [k, v] of Object.entries(r.byKind))
        o.log(
          `  ${k.padEnd(22)} n ${String(v.n).padStart(6)}  p50 ${v.p50Ms.toFixed(1).padStart(8)} ms  p99 ${v.p99Ms.toFixed(1).padStart(8)} ms  max ${v.maxMs.toFixed(0).padStart(6)} ms`,
        );
      if (r.errors) fail(`load ${engine}: ${r.errors} errors ${JSON.stringify(r.errorKinds)}; first: ${r.samples.join(' | ')}`);
      if (r.lost.length) fail(`load ${engine}: ${r.lost.length} acknowledged writes lost`);
      if (!r.acked.length) fail(`load ${engine}: no write was acknowledged`);
      if (r.integrity !== 'ok' && r.integrity !== 'n/a') fail(`load ${engine}: integrity ${r.integrity}`);
    }
    if (o.only.includes('kill')) {
      const k = await killScenario({ engine, pgUrl: o.pgUrl, rounds: o.killRounds, seed: o.seed, log: o.log });
      out.kill.push(k);
      o.log(
        `kill ${engine}: ${k.rounds.length} kill -9 rounds; ${k.totalAcked} acknowledged writes, ${k.totalLost} lost; half-applied imports ${k.halfImports}; integrity failures ${k.badIntegrity}`,
      );
      if (k.totalLost) fail(`kill ${engine}: ${k.totalLost} acknowledged writes lost`);
      if (k.halfImports) fail(`kill ${engine}: ${k.halfImports} half-applied imports`);
      if (k.badIntegrity) fail(`kill ${engine}: ${k.badIntegrity} rounds failed integrity_check`);
    }
  }
  if (o.only.includes('pg-restart')) {
    if (!canRunPgCluster()) fail('pg-restart: PostgreSQL server binaries not found (apt-get install postgresql)');
    else {
      const p = await pgRestartScenario({ seconds: Math.min(o.seconds, 20), connections: o.connections, log: o.log });
      out.pgRestart = p;
      const bad = Object.keys(p.duringKinds).filter((k) => k !== '503');
      if (p.before.errors) fail(`pg-restart: ${p.before.errors} errors before the restart`);
      if (bad.length)
        fail(`pg-restart: errors other than 503 while PostgreSQL restarted: ${JSON.stringify(p.duringKinds)}; first: ${p.during.samples.join(' | ')}`);
      if (p.after.errors)
        fail(`pg-restart: ${p.after.errors} errors after the restart ${JSON.stringify(p.after.errorKinds)}; first: ${p.after.samples.join(' | ')}`);
      if (!p.serverAlive) fail(`pg-restart: the server process did not survive:\n${p.serverOutput ?? ''}`);
      if (p.lost.length) fail(`pg-restart: ${p.lost.length} acknowledged writes lost`);
    }
  }
  return out;
}

/** Writes the result (acknowledged ids left out: only their count) to bench/results/stress-<time>.json. */
export function writeStressResult(dir: string, r: StressResult): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `stress-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const json = {
    load: r.load.map(strip),
    kill: r.kill,
    pgRestart: r.pgRestart && {
      ...r.pgRestart,
      before: { ...r.pgRestart.before, acked: r.pgRestart.before.acked.length },
      during: { ...r.pgRestart.during, acked: r.pgRestart.during.acked.length },
      after: { ...r.pgRestart.after, acked: r.pgRestart.after.acked.length },
    },
    failures: r.failures,
  };
  fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  return file;
}
