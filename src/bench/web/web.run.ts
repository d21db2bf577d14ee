import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../../server/modules/demo/demo.seed.ts';
import { timeToDeputyList } from './deputy-list.ts';
import { type FirstLoad, measureFirstLoad } from './first-load.ts';

/*
 * Measurement (6) of issue 8: the web app's first-load JavaScript and the time to a usable deputy list.
 * Builds the web app when it is missing or stale (scripts/ensure-web-build.mjs, as `npm start` does), starts
 * the real server (`renda serve`) on a fresh SQLite file with the demo data, and opens the list in Chromium.
 */

export const FIRST_LOAD_TARGET_BYTES = 400 * 1024;

export type WebResult = { firstLoad: FirstLoad; deputyList: { runs: number[]; median: number; first: number } | null; skipped?: string };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function startServer(): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-webbench-'));
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, ['bin/renda.js', 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: path.join(dir, 'web.db'),
      FILES_DIR: path.join(dir, 'files'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/api/v1/health`)).ok) return { baseUrl, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || server.exitCode !== null) {
      await stop();
      throw new Error('web bench: the server did not start');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function runWebBench(o: { runs: number }, log: (line: string) => void): Promise<WebResult> {
  execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  const firstLoad = measureFirstLoad(path.join('dist', 'web'));
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  log(
    `web: first load ${kb(firstLoad.jsGzip)} JS + ${kb(firstLoad.cssGzip)} CSS (gzip), ${firstLoad.files.length} files; ${firstLoad.lazyChunks} chunks loaded on demand`,
  );
  log(`     target < ${kb(FIRST_LOAD_TARGET_BYTES)}: ${firstLoad.jsGzip < FIRST_LOAD_TARGET_BYTES ? 'met' : 'NOT met'}`);
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    log(`web: no Chromium at ${chromium}; the deputy list was not timed`);
    return { firstLoad, deputyList: null, skipped: 'no chromium' };
  }
  const server = await startServer();
  try {
    const deputyList = await timeToDeputyList({ baseUrl: server.baseUrl, username: 'admin', password: DEMO_PASSWORD, runs: o.runs });
    log(`web: deputy list usable after ${deputyList.median.toFixed(0)} ms (median of ${o.runs} fresh visits; first ${deputyList.first.toFixed(0)} ms)`);
    return { firstLoad, deputyList };
  } finally {
    await server.stop();
  }
}
