import dayjs from 'dayjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launch, loginAs, newContext, shot } from './browser.ts';

/*
 * 民主评议 with phone ballots on the real server with the demo data: the admin sets up an appraisal of two
 * offices and opens voting (through the API), generates codes on the page, a deputy casts a ballot on a
 * phone with one code (a second use is refused), and the results table shows the vote.
 */
let browser: Browser;
let ctx: BrowserContext;
let phone: BrowserContext;
let page: Page;
const baseUrl = inject('baseUrl');
const API = '/api/v1';
const STAMP = dayjs().format('HHmmss');
const TITLE = `站所民主评议 ${STAMP}`;
let appraisalId = '';
let units: { id: string; name: string }[] = [];
let ballotPath = '';
let codes: string[] = [];
const WAIT = { timeout: 15_000 };

beforeAll(async () => {
  browser = await launch();
  ctx = await newContext(browser, baseUrl);
  phone = await newContext(browser, baseUrl, true);
  page = await ctx.newPage();
  await loginAs(page, 'admin');
  const me = await (await page.request.get(`${API}/auth/me`)).json();
  const headers = { 'x-csrf-token': me.csrfToken };
  units = (await (await page.request.get(`${API}/units?pageSize=2&active=true`)).json()).items;
  expect(units.length).toBe(2);
  const a = await page.request.post(`${API}/appraisals`, {
    headers,
    data: { title: TITLE, year: dayjs().year(), unitIds: units.map((u) => u.id), dimensions: ['service', 'style'] },
  });
  expect(a.status(), await a.text()).toBe(201);
  const opened = await page.request.post(`${API}/appraisals/${(await a.json()).id}/open`, { headers, data: { version: 1 } });
  expect(opened.status(), await opened.text()).toBe(200);
  const o = await opened.json();
  appraisalId = o.id;
  ballotPath = `/p/${o.poll.townCode}/polls/${o.poll.id}`;
});
afterAll(async () => {
  await browser?.close();
});

describe('appraisal with phone ballots', () => {
  it('lists appraisals and opens the form for a new one', async () => {
    await page.goto('/appraisals');
    await expect.poll(() => page.getByRole('link', { name: TITLE }).count(), WAIT).toBe(1);
    await shot(page, 'appraisal-list');
    await page.getByRole('button', { name: /新建评议/ }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByLabel('评议名称').count(), WAIT).toBe(1);
    await expect.poll(() => dialog.getByText('勤政廉洁').count(), WAIT).toBe(1);
    await shot(page, 'appraisal-new');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
  });

  it('generates codes on the detail page and shows them once', async () => {
    await page.goto(`/appraisals/${appraisalId}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toContain(TITLE);
    await page.getByRole('button', { name: '生成投票码' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('生成数量').fill('3');
    await dialog.getByRole('button', { name: '生成投票码' }).click();
    const items = dialog.getByRole('listitem');
    await expect.poll(() => items.count(), WAIT).toBe(3);
    codes = (await items.allTextContents()).map((s) => s.trim());
    for (const c of codes) expect(c).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await shot(page, 'appraisal-codes');
    await dialog
      .getByRole('button', { name: /关\s*闭/ })
      .first()
      .click();
  });

  it('a deputy votes on a phone with one code; the same code is refused the second time', async () => {
    const p = await phone.newPage();
    for (const attempt of [0, 1]) {
      await p.goto(ballotPath);
      await expect.poll(() => p.getByRole('heading', { level: 1 }).textContent(), WAIT).toContain(TITLE);
      await p.getByLabel('投票码').fill(codes[0]);
      await p
        .locator('.ant-card', { hasText: units[0].name })
        .getByRole('radiogroup', { name: `${units[0].name} 总体评价` })
        .getByText('满意', { exact: true })
        .click();
      await p
        .locator('.ant-card', { hasText: units[1].name })
        .getByRole('radiogroup', { name: `${units[1].name} 总体评价` })
        .getByText('不满意', { exact: true })
        .click();
      if (attempt === 0) {
        await shot(p, 'appraisal-ballot-phone');
        expect(await axeViolations(p)).toEqual([]);
      }
      await p.getByRole('button', { name: /提交投票/ }).click();
      if (attempt === 0) await expect.poll(() => p.getByText('投票成功').count(), WAIT).toBe(1);
      else await expect.poll(() => p.getByRole('alert').filter({ hasText: '该投票码已使用或无效' }).count(), WAIT).toBe(1);
    }
    await p.close();
  });

  it('the results show the ballot per office', async () => {
    await page.goto(`/appraisals/${appraisalId}`);
    const results = page.locator('.ant-card', { hasText: '评议结果' }).first();
    await expect.poll(() => results.textContent(), WAIT).toContain('有效票合计 1');
    const row0 = results.locator('tr', { hasText: units[0].name }).first();
    await expect.poll(() => row0.textContent(), WAIT).toContain('满意');
    await shot(page, 'appraisal-detail');
  });

  it('staff enter a batch of paper ballots and list an issue for the poorly rated office', async () => {
    await page.getByRole('button', { name: '录入纸质票' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('本批纸质票张数').fill('1');
    await dialog.getByLabel(`${units[0].name} 总体评价 满意`, { exact: true }).fill('1');
    await dialog.getByLabel(`${units[1].name} 总体评价 基本满意`, { exact: true }).fill('1');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const results = page.locator('.ant-card', { hasText: '评议结果' }).first();
    await expect.poll(() => results.textContent(), WAIT).toContain('有效票合计 2');
    await page.getByRole('button', { name: '新增问题' }).click();
    const issue = page.getByRole('dialog');
    await issue.getByLabel('问题').fill(`窗口服务不规范 ${STAMP}`);
    await issue.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.locator('tr', { hasText: `窗口服务不规范 ${STAMP}` }).count(), WAIT).toBe(1);
    await shot(page, 'appraisal-paper-issue');
  });
});
