import fs from 'node:fs';
import dayjs from 'dayjs';
import ExcelJS from 'exceljs';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, axeViolations, launch, loginAs, newContext, shot } from './browser.ts';

/*
 * Search, statistics, the supervision board, the ledger and notifications on the real server with the
 * demo data. The admin makes (through the API) an office with a handler and a suggestion of this run,
 * assigned with a due date five days out; then the pages: search finds it, the board lists it as due
 * soon and sends the reminders, the handler's bell counts them, statistics and the ledger include it.
 * Everything named here is this run's own: other browser files share the server.
 */
let browser: Browser;
const baseUrl = inject('baseUrl');
const API = '/api/v1';
const SFX = `${dayjs().format('HHmmss')}${Math.floor(Math.random() * 90 + 10)}`;
const TAG = `qz${SFX}`;
const TITLE = `修复南街路灯 ${TAG}`;
const FORMULA = '=HYPERLINK("http://example.com","点我")';
const UNIT = `市政所E2E${SFX}`;
const HANDLER = `handler_ss_${SFX}`;
const HANDLER_PASSWORD = 'Shizheng#2026';

type Me = { user: { deputyId: string | null }; csrfToken: string };

async function apiLogin(req: APIRequestContext, username: string, password = DEMO_PASSWORD): Promise<Me> {
  const res = await req.post(`${API}/auth/login`, { data: { username, password } });
  expect(res.status()).toBe(200);
  return res.json();
}

async function api<T>(req: APIRequestContext, me: Me, method: 'POST' | 'GET', path: string, data?: unknown): Promise<T> {
  const res = await req.fetch(`${API}${path}`, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.json();
}

/** antd puts a space between two Chinese characters on a button. */
const btn = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

function watchErrors(p: Page): string[] {
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(String(e)));
  p.on('console', (m) => {
    if (m.type() === 'error' && !/status of 401/.test(m.text())) errors.push(m.text());
  });
  return errors;
}

let admin: BrowserContext;
let a: Page;
let suggestionId = '';

beforeAll(async () => {
  browser = await launch();
  admin = await newContext(browser, baseUrl);
  a = await admin.newPage();
  const me = await apiLogin(admin.request, 'admin');
  const unit = await api<{ id: string }>(admin.request, me, 'POST', '/units', { name: UNIT, kind: 'town_office' });
  await api(admin.request, me, 'POST', '/users', { username: HANDLER, displayName: `市政员${SFX}`, role: 'handler', unitId: unit.id, password: DEMO_PASSWORD });
  const deputies = await api<{ items: { id: string }[] }>(admin.request, me, 'GET', '/deputies?pageSize=1');
  let s = await api<{ id: string; version: number }>(admin.request, me, 'POST', '/suggestions', {
    kind: 'suggestion',
    title: TITLE,
    content: `南街三盏路灯不亮已有一个月，夜间出行不便。${FORMULA}`,
    category: '城建',
    sourceType: 'deputy',
    leadDeputyId: deputies.items[0].id,
    submit: true,
  });
  s = await api(admin.request, me, 'POST', `/suggestions/${s.id}/actions/register`, { version: s.version });
  s = await api(admin.request, me, 'POST', `/suggestions/${s.id}/actions/assign`, {
    version: s.version,
    leadUnitId: unit.id,
    dueDate: dayjs().add(5, 'day').format('YYYY-MM-DD'),
  });
  suggestionId = s.id;
  await admin.clearCookies();
  // The handler chooses their own password first (an admin-set one must be changed).
  const hctx = await newContext(browser, baseUrl);
  const hme = await apiLogin(hctx.request, HANDLER);
  await api(hctx.request, hme, 'POST', '/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: HANDLER_PASSWORD });
  await hctx.close();
  await loginAs(a, 'admin');
});

afterAll(async () => {
  await admin?.close();
  await browser?.close();
});

describe('search, statistics, supervision, notifications', () => {
  it('search finds the suggestion by a two-character word and this run’s tag, with a snippet of its words', async () => {
    const errors = watchErrors(a);
    await a.goto(`/search?q=${encodeURIComponent(`路灯 ${TAG}`)}`);
    await a.getByRole('heading', { name: '全文搜索', level: 1 }).waitFor();
    await a.getByRole('link', { name: TITLE }).waitFor();
    await a.getByText('南街三盏路灯不亮已有一个月').first().waitFor();
    await a.getByText('共 1 条结果').waitFor();
    await shot(a, 'search-desktop');
    expect(await axeViolations(a)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('the supervision board lists it as due soon, and the admin sends the reminders', async () => {
    const errors = watchErrors(a);
    await a.goto('/supervision');
    await a.getByRole('heading', { name: '建议督办', level: 1 }).waitFor();
    await a.getByRole('link', { name: TITLE }).first().waitFor();
    await a.getByText('承办单位办理情况').first().waitFor();
    await shot(a, 'supervision-desktop');
    expect(await axeViolations(a)).toEqual([]);
    await a.getByRole('button', { name: /发送催办提醒/ }).click();
    // The server's daily run may have sent today's summary already; the new item's handler is new either way.
    await a.getByText(/已发送 \d+ 条催办提醒|没有新的提醒/).waitFor();
    expect(errors).toEqual([]);
  });

  it('the handler’s bell counts the reminder; opening it marks it read and goes to the item', async () => {
    const h = await newContext(browser, baseUrl, true);
    const p = await h.newPage();
    const errors = watchErrors(p);
    await loginAs(p, HANDLER, HANDLER_PASSWORD);
    const bell = p.getByRole('button', { name: /消息通知，\d+ 条未读/ });
    await bell.waitFor();
    // The assignment notified the office too (the suggestions area), so the reminder is one of several.
    const before = Number(/(\d+) 条未读/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1]);
    await bell.click();
    await p.getByRole('heading', { name: '消息通知', level: 1 }).waitFor();
    await p
      .getByText(/将于 \d 天后到期/)
      .first()
      .waitFor();
    await shot(p, 'notifications-phone');
    expect(await axeViolations(p)).toEqual([]);
    await p
      .getByRole('button', { name: btn('查看') })
      .first()
      .click();
    await p.waitForURL(new RegExp(`/suggestions/${suggestionId}$`));
    await p.getByRole('button', { name: before > 1 ? `消息通知，${before - 1} 条未读` : '消息通知', exact: true }).waitFor();
    expect(errors).toEqual([]);
    await h.close();
  });

  it('the statistics page counts it; the ledger downloads with its title as text', async () => {
    const errors = watchErrors(a);
    await a.goto('/suggestion-stats');
    await a.getByRole('heading', { name: '建议办理统计', level: 1 }).waitFor();
    await a.getByText('按期答复率').first().waitFor();
    await a.getByRole('img', { name: /按类别：.*城建 \d+/ }).waitFor();
    await a.getByText(UNIT).first().waitFor();
    await shot(a, 'suggestion-stats-desktop');
    expect(await axeViolations(a)).toEqual([]);
    const [download] = await Promise.all([a.waitForEvent('download'), a.getByRole('button', { name: /导出建议台账/ }).click()]);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A1').value)).toMatch(/代表建议办理台账（\d{4}年）$/);
    let found = false;
    ws.eachRow((row) => {
      if (row.getCell(3).value === TITLE) {
        found = true;
        expect(row.getCell(3).type).toBe(ExcelJS.ValueType.String);
        expect(row.getCell(9).value).toBe(UNIT);
      }
    });
    expect(found).toBe(true);
    expect(errors).toEqual([]);
  });

  it('the statistics and board fit a phone', async () => {
    const ctx = await newContext(browser, baseUrl, true);
    const p = await ctx.newPage();
    await loginAs(p, 'admin');
    await p.goto('/suggestion-stats');
    await p.getByRole('heading', { name: '建议办理统计', level: 1 }).waitFor();
    await p.getByText('按期答复率').first().waitFor();
    await shot(p, 'suggestion-stats-phone');
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await p.goto('/supervision');
    await p.getByRole('link', { name: TITLE }).first().waitFor();
    await shot(p, 'supervision-phone');
    expect(await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
    await ctx.close();
  });
});
