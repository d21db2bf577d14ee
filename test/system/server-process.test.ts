import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-proc-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the server process', () => {
  it('starts on a new SQLite file, answers health, and on SIGTERM exits 0 with the database closed cleanly', async () => {
    const port = await freePort();
    const dbFile = path.join(dir, 'proc.db');
    const child = spawn(process.execPath, ['bin/renda.js', 'serve'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: dbFile, SEED_DEMO: 'never', LOG_LEVEL: 'warn', WEB_DIST: '/nonexistent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const base = `http://127.0.0.1:${port}`;
    let health: unknown;
    for (let i = 0; i < 120 && !health; i++) {
      try {
        const r = await fetch(`${base}/api/v1/health`);
        if (r.ok) health = await r.json();
      } catch {
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    expect(health, out).toMatchObject({ status: 'ok', db: 'sqlite' });
    const headers = (await fetch(`${base}/api/v1/health`)).headers;
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

    // WAL mode leaves a -wal file while the database is open; a clean close checkpoints and removes it.
    expect(fs.existsSync(`${dbFile}-wal`)).toBe(true);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code, out).toBe(0);
    expect(fs.existsSync(`${dbFile}-wal`)).toBe(false);
  }, 60_000);
});
