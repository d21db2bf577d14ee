import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { type Engine, openDatabase } from '../../server/db/kysely.ts';
import type { DB } from '../../server/db/schema.ts';
import { DEMO_PASSWORD } from '../../server/modules/demo/demo.seed.ts';
import { documentRows } from '../generate/load.ts';
import { generateTownDocument } from '../generate/town-document.ts';
import { Rng } from '../../server/modules/demo/demo.random.ts';
import { ApiClient } from './api-client.ts';
import { findLostWrites, sqliteIntegrity, townRows } from './checks.ts';
import { type LoadResult, pickSubject, runMixedLoad } from './mixed-load.ts';
import { startPgCluster } from './pg-cluster.ts';
import { type ServerChild, startServerChild } from './server-child.ts';

/*
 * Issue 9's reliability runs, each against a server in a child process on a throw-away database:
 *  - load: a mixed read/write load for N seconds at C connections; no errors, no lost acknowledged write;
 *  - kill: kill -9 the server in the middle of write bursts (and an import process in the middle of a
 *    town's import), restart, and find every acknowledged write and no half-applied import;
 *  - pg-restart: restart PostgreSQL (a private cluster) under load; the app must recover by itself.
 * Used by `renda stress` (full size) and by test/system/reliability.test.ts (small size, in CI).
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');
export type Log = (line: string) => void;

/** A throw-away database for one run: a temp SQLite file, or a fresh database on the PostgreSQL server at `pgUrl`. */
export async function scratchDatabase(engine: Engine, pgUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `renda-${name}-`));
    return { url: path.join(dir, 'renda.db'), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const db = `renda_${name}_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${db} with (force)`);
  await admin.query(`create database ${db}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${db}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop database if exists ${db} with (force)`);
      await c.end();
    },
  };
}

async function logins(base: string, n: number): Promise<ApiClient[]> {
  const out: ApiClient[] = [];
  for (let i = 0; i < n; i++) out.push(await ApiClient.login(base, 'admin', DEMO_PASSWORD));
  return out;
}

/** What a run works in: a throw-away database, a files folder, and the server it has running (killed at the end). */
type Scratch = { url: string; files: string; server: ServerChild | null };

async function inScratch<T>(engine: Engine, pgUrl: string, name: string, run: (s: Scratch) => Promise<T>): Promise<T> {
  const db = await scratchDatabase(engine, pgUrl, name);
  const s: Scratch = { url: db.url, files: fs.mkdtempSync(path.join(os.tmpdir(), `renda-${name}-files-`)), server: null };
  try {
    return await run(s);
  } finally {
    await s.server?.stop('SIGKILL');
    await db.drop();
    fs.rmSync(s.files, { recursive: true, force: true });
  }
}

/** Opens the database at `url` for one check and closes it. */
async function readDb<T>(url: string, read: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  const database = openDatabase(url);
  try {
    return await read(database.db);
  } finally {
    await database.close();
  }
}

export type LoadScenario = LoadResult & { engine: Engine; lost: string[]; integrity: string; serverPeakRssMb: number | null; peakIncludesStart: boolean };

/** The demo county, a mixed load, a clean stop, then every acknowledged write looked up in the database. */
export async function loadScenario(o: { engine: Engine; pgUrl: string; seconds: number; connections: number; log: Log }): Promise<LoadScenario> {
  return inScratch(o.engine, o.pgUrl, 'load', async (scratch) => {
    o.log(`load (${o.engine}): starting the server with the demo county`);
    const server = await startServerChild({ DATABASE_URL: scratch.url, FILES_DIR: scratch.files, SEED_DEMO: 'auto' });
    scratch.server = server;
    const clients = await logins(server.base, 5);
    const subject = await pickSubject(clients[0] as ApiClient);
    o.log(`load (${o.engine}): ${o.seconds} s at ${o.connections} connections`);
    const peakReset = server.resetPeak();
    const r = await runMixedLoad(clients, subject, { seconds: o.seconds, connections: o.connections, writeShare: 0.2, runId: `load-${Date.now()}` });
    // The server process's own peak under the load, apart from this load driver (and, where /proc allows
    // the reset, apart from the demo seeding at its start).
    const serverPeakRssMb = server.peakRssMb();
    const code = await server.stop('SIGTERM');
    scratch.server = null;
    if (code !== 0) throw new Error(`the server exited with ${code} on SIGTERM`);
    const lost = await readDb(scratch.url, (db) => findLostWrites(db, r.acked));
    const integrity = o.engine === 'sqlite' ? sqliteIntegrity(scratch.url) : 'n/a';
    return { ...r, engine: o.engine, lost, integrity, serverPeakRssMb, peakIncludesStart: !peakReset };
  });
}

export type KillRound = {
  round: number;
  killedAfterMs: number;
  acked: number;
  lost: number;
  integrity: string;
  /** `killed`: the import process was still running when killed; `finished`: it had ended well by itself; `failed (N)`: it had exited with code N. */
  import: { process: string; rows: number; expected: number; state: 'none' | 'all' | 'HALF' };
};
export type KillScenario = {
  engine: Engine;
  /** How long one town's import took, start to exit, uninterrupted: the kill moments spread over it. */
  importMs: number;
  rounds: KillRound[];
  totalAcked: number;
  totalLost: number;
  halfImports: number;
  badIntegrity: number;
};

/** Runs `renda import FILE` against `url` as a process of its own; answers it so the caller can kill it. */
function importProcess(url: string, file: string) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/renda.js'), 'import', file], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Kept for the failure message of a run whose import fails by itself.
  child.stderr?.on('data', (d: Buffer) => {
    if (process.env.RENDA_STRESS_DEBUG) process.stderr.write(d);
  });
  return child;
}

/**
 * `rounds` times: start the server, write receptions at 10 connections and, beside them, import one
 * generated town with `renda import`; kill -9 both at a random moment (seeded); restart and check that
 * every write the server acknowledged is stored, the town is there entirely or not at all, and (SQLite)
 * the file passes integrity_check.
 */
export async function killScenario(o: { engine: Engine; pgUrl: string; rounds: number; seed: number; log: Log }): Promise<KillScenario> {
  const rng = new Rng(o.seed);
  const rounds: KillRound[] = [];
  let importMs = 0;
  await inScratch(o.engine, o.pgUrl, 'kill', async (scratch) => {
    scratch.server = await startServerChild({ DATABASE_URL: scratch.url, FILES_DIR: scratch.files, SEED_DEMO: 'auto' });
    // One import to its end first: its duration (process start to exit) is the span the kills spread over,
    // so most of them land while the importer is inside its transaction rather than before it begins.
    const t0 = Date.now();
    const firstFile = path.join(scratch.files, 'town-0.json');
    fs.writeFileSync(firstFile, JSON.stringify(generateTownDocument(o.seed, 'town', 99)));
    const first = importProcess(scratch.url, firstFile);
    const firstCode = await new Promise<number | null>((resolve) => first.once('exit', (c) => resolve(c)));
    if (firstCode !== 0) throw new Error(`the uninterrupted import failed with exit code ${firstCode}`);
    importMs = Date.now() - t0;
    o.log(`kill (${o.engine}): one town's import takes ${importMs} ms from process start`);
    for (let round = 1; round <= o.rounds; round++) {
      const server = scratch.server as ServerChild;
      const clients = await logins(server.base, 2);
      const subject = await pickSubject(clients[0] as ApiClient);
      const doc = generateTownDocument(o.seed, 'town', 100 + round);
      const expected = documentRows(doc);
      const docFile = path.join(scratch.files, `town-${round}.json`);
      fs.writeFileSync(docFile, JSON.stringify(doc));
      const importer = importProcess(scratch.url, docFile);
      let importProcessState = 'killed';
      const importExit = new Promise<void>((resolve) =>
        importer.once('exit', (code, signal) => {
          if (signal !== 'SIGKILL') importProcessState = code === 0 ? 'finished' : `failed (${code})`;
          resolve();
        }),
      );
      const killedAfterMs = rng.int(Math.round(importMs * 0.3), Math.round(importMs * 1.1));
      let killed = false;
      const load = runMixedLoad(clients, subject, { seconds: 60, connections: 10, writeShare: 1, runId: `kill-${round}`, stopped: () => killed });
      await new Promise((r) => setTimeout(r, killedAfterMs));
      importer.kill('SIGKILL');
      await server.stop('SIGKILL');
      killed = true;
      scratch.server = null;
      const r = await load;
      await importExit;
      scratch.server = await startServerChild({ DATABASE_URL: scratch.url, FILES_DIR: scratch.files, SEED_DEMO: 'never' });
      const [lost, rows] = await readDb(scratch.url, (db) => Promise.all([findLostWrites(db, r.acked), townRows(db, doc.town.code)]));
      const total = Object.values(rows).reduce((a, b) => a + b, 0);
      const want = {
        deputy: expected.deputy,
        station: expected.station,
        activity: expected.activity,
        reception: expected.reception,
        suggestion: expected.suggestion,
        finding: expected.finding,
      };
      const wantTotal = Object.values(want).reduce((a, b) => a + (b ?? 0), 0);
      const state = total === 0 ? 'none' : JSON.stringify(rows) === JSON.stringify(want) ? 'all' : 'HALF';
      const integrity = o.engine === 'sqlite' ? sqliteIntegrity(scratch.url) : 'n/a';
      rounds.push({
        round,
        killedAfterMs,
        acked: r.acked.length,
        lost: lost.length,
        integrity,
        import: { process: importProcessState, rows: total, expected: wantTotal, state },
      });
      o.log(
        `kill (${o.engine}) round ${round}: killed after ${killedAfterMs} ms; ${r.acked.length} writes acknowledged, ${lost.length} lost; import ${importProcessState}, ${state} (${total}/${wantTotal} rows); integrity ${integrity}`,
      );
    }
  });
  return {
    engine: o.engine,
    importMs,
    rounds,
    totalAcked: rounds.reduce((n, r) => n + r.acked, 0),
    totalLost: rounds.reduce((n, r) => n + r.lost, 0),
    halfImports: rounds.filter((r) => r.import.state === 'HALF').length,
    badIntegrity: rounds.filter((r) => r.integrity !== 'ok' && r.integrity !== 'n/a').length,
  };
}

export type PgRestartScenario = {
  before: LoadResult;
  during: LoadResult;
  after: LoadResult;
  /** Status → count of the errors while PostgreSQL was down: 503 with a clear message is the expected kind. */
  duringKinds: Record<string, number>;
  lost: string[];
  serverAlive: boolean;
  /** The server's last output when it did not survive. */
  serverOutput?: string;
};

/** A private PostgreSQL cluster; load, restart it in the middle of a load, then load again: the same server process must answer. */
export async function pgRestartScenario(o: { seconds: number; connections: number; log: Log }): Promise<PgRestartScenario> {
  const cluster = await startPgCluster();
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-pgr-files-'));
  let server: ServerChild | null = null;
  try {
    server = await startServerChild({ DATABASE_URL: cluster.url, FILES_DIR: files, SEED_DEMO: 'auto' });
    const clients = await logins(server.base, 3);
    const subject = await pickSubject(clients[0] as ApiClient);
    const opts = { seconds: o.seconds, connections: o.connections, writeShare: 0.2 };
    const before = await runMixedLoad(clients, subject, { ...opts, runId: 'pgr-before' });
    o.log(`pg-restart: before ${before.requests} requests, ${before.errors} errors; restarting PostgreSQL (immediate) under load`);
    const duringRun = runMixedLoad(clients, subject, { ...opts, runId: 'pgr-during' });
    await new Promise((r) => setTimeout(r, 1000));
    cluster.restart('immediate');
    const during = await duringRun;
    o.log(`pg-restart: during ${during.requests} requests, ${during.errors} errors ${JSON.stringify(during.errorKinds)}`);
    const after = await runMixedLoad(clients, subject, { ...opts, runId: 'pgr-after' });
    o.log(`pg-restart: after ${after.requests} requests, ${after.errors} errors`);
    const serverAlive = (await fetch(`${server.base}/api/v1/health`).catch(() => null))?.ok === true;
    const lost = await readDb(cluster.url, (db) => findLostWrites(db, [...before.acked, ...during.acked, ...after.acked]));
    return { before, during, after, duringKinds: during.errorKinds, lost, serverAlive, serverOutput: serverAlive ? undefined : server.output().slice(-3000) };
  } finally {
    await server?.stop('SIGKILL');
    cluster.stop();
    fs.rmSync(files, { recursive: true, force: true });
  }
}
