import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/*
 * The server as a separate process, as in production: the reliability runs kill it (-9), restart it and
 * load it from outside, so nothing the test process holds (a pool, a cache, a statement) can hide a fault.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export type ServerChild = {
  base: string;
  pid: number;
  /** What the process printed so far (kept to the last 20,000 characters), for failure messages. */
  output(): string;
  /** The process's peak resident memory in MB since start or resetPeak (Linux /proc VmHWM), or null where /proc is missing. */
  peakRssMb(): number | null;
  /** Starts the peak over from the current RSS (so a load's peak leaves out start-up work such as demo seeding); false when not possible. */
  resetPeak(): boolean;
  /** Sends the signal and answers once the process has exited (its exit code, null when killed by a signal). */
  stop(signal: NodeJS.Signals): Promise<number | null>;
};

function peakRssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export type ServerEnv = { DATABASE_URL: string; FILES_DIR: string; SEED_DEMO?: 'auto' | 'never' };

/** Starts `renda serve` and answers once /health says ok (or throws with the output after `timeoutMs`). */
export async function startServerChild(env: ServerEnv, timeoutMs = 120_000): Promise<ServerChild> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'bin/renda.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, SEED_DEMO: 'never', ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WEB_DIST: '/nonexistent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone) throw new Error(`the server exited while starting:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer within ${timeoutMs} ms:\n${out}`);
    }
    try {
      const r = await fetch(`${base}/api/v1/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    pid: child.pid ?? 0,
    output: () => out,
    peakRssMb: () => peakRssMb(child.pid),
    resetPeak: () => {
      try {
        // Linux: writing 5 to clear_refs resets VmHWM to the current RSS (needs the same user or root).
        fs.writeFileSync(`/proc/${child.pid}/clear_refs`, '5');
        return true;
      } catch {
        return false;
      }
    },
    async stop(signal) {
      if (!gone) child.kill(signal);
      return exited;
    },
  };
}
