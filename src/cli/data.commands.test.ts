import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * `renda export` / `renda import` as an operator runs them: a real process on a SQLite file. The
 * export's stdout must be the document and nothing else, so `> town.json` gives a clean file.
 */

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;

function renda(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/renda.js'), ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    // A demo town's document is over a megabyte (a year of activities): above spawnSync's 1 MB default.
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, DATABASE_URL: path.join(dir, 'renda.db'), LOG_LEVEL: 'silent' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-cli-'));
  expect(renda(['seed-demo']).code).toBe(0);
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('renda export / import', () => {
  it('exports a town to stdout as the bare document, the same as --out writes', () => {
    const out = renda(['export', '--town', 'DEMO01']);
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout);
    expect(doc).toMatchObject({ format: 'renda-workbook', formatVersion: 1, town: { code: 'DEMO01', name: '青石镇' } });
    expect(doc.deputies).toHaveLength(79);
    expect(out.stdout).not.toContain('passwordHash');

    const file = path.join(dir, 'town.json');
    expect(renda(['export', '--town', 'DEMO01', '--out', file]).code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(out.stdout);

    const withHashes = path.join(dir, 'town-hashes.json');
    expect(renda(['export', '--town', 'DEMO01', '--include-password-hashes', '--out', withHashes]).code).toBe(0);
    expect(fs.readFileSync(withHashes, 'utf8')).toContain('"passwordHash": "scrypt$');
    if (process.platform !== 'win32') expect(fs.statSync(withHashes).mode & 0o077).toBe(0);
  });

  it('imports a file and prints the counts; the same file again changes nothing', () => {
    const file = path.join(dir, 'town.json');
    const res = renda(['import', file]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/deputies\s+代表\S*\s+新增\s+0\s+修改\s+0\s+未变\s+79/);
  });

  it('exits 1 with the error list on stderr, and nothing on stdout', () => {
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 'town.json'), 'utf8'));
    doc.deputies[3].birthDate = '1980-02-30';
    const res = renda(['import', '-'], JSON.stringify(doc));
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('deputies[3].birthDate');
    expect(res.stderr).toContain('出生日期');

    const missing = renda(['export', '--town', 'NOPE']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('NOPE');
  });
});
