import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/* `renda report` as an operator runs it: a real process on the demo town's SQLite file. */

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;

function renda(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/renda.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: path.join(dir, 'renda.db'), LOG_LEVEL: 'silent' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-report-'));
  expect(renda(['seed-demo']).code).toBe(0);
}, 120_000);
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('renda report', () => {
  const year = new Date().getFullYear();
  it('writes the demo town’s year as Markdown and as .docx', async () => {
    const md = path.join(dir, 'r.md');
    const out = renda(['report', '--town', 'DEMO01', '--from', `${year}-01-01`, '--to', `${year}-12-31`, '--format', 'md', '--out', md]);
    expect(out.code, out.stderr).toBe(0);
    const text = fs.readFileSync(md, 'utf8');
    expect(text.split('\n')[0]).toBe(`# 青石镇人大主席团${year}年工作总结`);
    expect(text).toContain(`## 一、${year}年主要工作和成效`);
    expect(text).not.toContain('{{');
    const docx = path.join(dir, 'r.docx');
    expect(renda(['report', '--town', 'DEMO01', '--from', `${year}-01-01`, '--to', `${year}-06-30`, '--out', docx]).code).toBe(0);
    const xml = await (await JSZip.loadAsync(fs.readFileSync(docx))).file('word/document.xml')?.async('string');
    expect(xml).toContain(`青石镇人大主席团${year}年上半年工作总结`);
  }, 120_000);

  it('refuses an unknown town, a bad date and a bad format with a message, writing nothing', () => {
    const f = path.join(dir, 'x.md');
    const town = renda(['report', '--town', 'NOPE', '--from', `${year}-01-01`, '--to', `${year}-12-31`, '--format', 'md', '--out', f]);
    expect(town.code).toBe(1);
    expect(town.stderr).toContain('NOPE');
    const date = renda(['report', '--town', 'DEMO01', '--from', `${year}-13-01`, '--to', `${year}-12-31`, '--out', f]);
    expect(date.code).toBe(1);
    const fmt = renda(['report', '--town', 'DEMO01', '--from', `${year}-01-01`, '--to', `${year}-12-31`, '--format', 'pdf', '--out', f]);
    expect(fmt.code).toBe(1);
    expect(fs.existsSync(f)).toBe(false);
  }, 60_000);
});
