import dayjs from 'dayjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launch, loginAs, newContext, shot } from './browser.ts';

/*
 * Presidium meetings on the real server with the demo data (shared with other browser files, so every
 * record here carries a stamp of its own). The admin creates a meeting with its agenda, minutes (text
 * and a PDF) and a decision, creates the meeting's activity, then follows the decision on the
 * 决议跟踪 page: a progress note, then done. An overdue decision, seeded through the API, shows in red.
 */
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
const baseUrl = inject('baseUrl');
const API = '/api/v1';
const STAMP = dayjs().format('HHmmss');
const TITLE = `主席团例会测试 ${STAMP}`;
const DECISION = `督促完成村道修复 ${STAMP}`;
const OVERDUE = `逾期决议测试 ${STAMP}`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const SAVE = /保\s*存/;

async function settled(p: Page): Promise<void> {
  await expect.poll(() => p.locator('.ant-modal-wrap:visible').count(), { timeout: 10_000 }).toBe(0);
  await expect.poll(() => p.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
}

async function pick(p: Page, label: string, option: string, within = p.locator('body')): Promise<void> {
  await within.getByLabel(label, { exact: true }).click();
  // Under load a click during the opening animation can miss the option and leave the list open: try
  // again (a second click on the chosen option of a single select keeps that choice).
  for (let attempt = 0; ; attempt++) {
    await p.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
    // The dropdown closes with an animation; on a loaded machine it can still cover the next button.
    try {
      await p.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden', timeout: 8_000 });
      return;
    } catch (e) {
      if (attempt >= 2) throw e;
    }
  }
}

beforeAll(async () => {
  browser = await launch();
  ctx = await newContext(browser, baseUrl);
  page = await ctx.newPage();
  await loginAs(page, 'admin');
  // An overdue decision: a meeting 40 days ago whose decision fell due 10 days ago.
  const me = await (await page.request.get(`${API}/auth/me`)).json();
  const headers = { 'x-csrf-token': me.csrfToken };
  const m = await page.request.post(`${API}/presidium-meetings`, { headers, data: { title: `上季度例会 ${STAMP}`, date: dayjs().subtract(40, 'day').format('YYYY-MM-DD'), status: 'held' } });
  expect(m.status(), await m.text()).toBe(201);
  const d = await page.request.post(`${API}/presidium-meetings/${(await m.json()).id}/decisions`, {
    headers,
    data: { content: OVERDUE, ownerType: 'other', ownerName: '镇综治办', dueDate: dayjs().subtract(10, 'day').format('YYYY-MM-DD') },
  });
  expect(d.status(), await d.text()).toBe(201);
});
afterAll(async () => {
  await ctx?.close();
  await browser?.close();
});

describe('presidium meetings in the browser', () => {
  let meetingUrl = '';

  it('the admin creates a meeting, writes its agenda and minutes with a file, creates its activity and records a decision', async () => {
    await page.goto('/presidium-meetings');
    await page.getByRole('heading', { name: '主席团会议' }).waitFor();
    await page.getByRole('button', { name: '新增会议' }).click();
    await page.getByLabel('会议名称').fill(TITLE);
    await page.getByLabel('地点').fill('镇人大会议室');
    await page.getByLabel('主持人').fill('镇人大主席');
    await pick(page, '状态', '已召开', page.locator('.ant-modal'));
    await page.locator('.ant-modal').getByRole('button', { name: SAVE }).click();
    await page.waitForURL(/\/presidium-meetings\/[0-9A-Z]{26}$/);
    meetingUrl = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await settled(page);

    // Agenda: two items, the second moved up.
    await page.getByRole('button', { name: '编辑议程' }).click();
    await page.getByRole('button', { name: '添加议题' }).click();
    await page.getByLabel('议题 1', { exact: true }).fill('研究代表建议交办');
    await page.getByRole('button', { name: '添加议题' }).click();
    await page.getByLabel('议题 2', { exact: true }).fill('听取联络站工作汇报');
    await page.getByLabel('汇报人').nth(1).fill('联络站站长');
    await page.getByRole('button', { name: '上移议题 2' }).click();
    await page.getByRole('button', { name: SAVE }).click();
    await settled(page);
    const agenda = page.locator('ol li');
    await expect.poll(() => agenda.allInnerTexts()).toEqual([expect.stringContaining('听取联络站工作汇报'), expect.stringContaining('研究代表建议交办')]);

    // Minutes: text and a PDF.
    await page.getByRole('button', { name: '编辑纪要' }).click();
    await page.getByLabel('会议纪要', { exact: true }).fill('会议听取了联络站工作汇报，研究了代表建议的交办。\n形成决议一项。');
    await page.locator('input[type=file]').setInputFiles({ name: '会议纪要.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByText('会议纪要.pdf').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: SAVE }).click();
    await settled(page);
    await page.getByRole('link', { name: /会议纪要\.pdf/ }).waitFor();
    await page.getByText('形成决议一项。').waitFor();

    // The meeting's activity, for invitations and sign-in.
    await page.getByRole('button', { name: '创建对应活动' }).click();
    await page.getByText(/邀请 0 人 · 已签到 0 人/).waitFor({ timeout: 15_000 });
    await settled(page);

    // A decision with an owner and a due date.
    await page.getByRole('button', { name: '登记决议' }).click();
    await page.getByLabel('决议内容').fill(DECISION);
    await page.locator('.ant-modal').getByText('其他', { exact: true }).click();
    await page.getByLabel('责任方名称').fill('镇交通办');
    await page.locator('.ant-modal').getByRole('button', { name: SAVE }).click();
    await settled(page);
    const row = page.getByRole('row', { name: new RegExp(DECISION) });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('未开始');
    await expect.poll(() => row.textContent()).toContain('镇交通办');

    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'presidium-meeting-detail');
  });

  it('the decision is followed on 决议跟踪: a progress note, then done; an overdue one shows in red', async () => {
    await page.goto('/presidium-meetings/decisions');
    await page.getByRole('heading', { name: '决议跟踪' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(DECISION) });
    await row.waitFor();
    await row.getByRole('button', { name: '记录进展' }).click();
    await page.getByLabel('进展情况').fill('交通办已安排施工队，下周开工');
    await page.locator('.ant-modal').getByRole('button', { name: SAVE }).click();
    await settled(page);
    await expect.poll(() => row.textContent()).toContain('落实中');
    await expect.poll(() => row.textContent()).toContain('交通办已安排施工队');

    const overdue = page.getByRole('row', { name: new RegExp(OVERDUE) });
    await overdue.waitFor();
    // 10 days in China; 11 when the test machine's day is behind China's.
    await expect.poll(() => overdue.textContent()).toMatch(/逾期 1[01] 天/);
    const red = await overdue.locator('[data-overdue]').evaluate((el) => getComputedStyle(el).color);
    expect(red).toBe('rgb(142, 0, 0)');

    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'presidium-decisions-tracking');

    await row.getByRole('button', { name: /^办\s*结$/ }).click();
    await page.getByLabel('落实结果').fill('村道已修复并通过验收');
    await page.locator('.ant-modal').getByRole('button', { name: SAVE }).click();
    await settled(page);
    // The default list shows open decisions: the done one leaves it, and shows under 已办结.
    await expect.poll(() => page.getByRole('row', { name: new RegExp(DECISION) }).count()).toBe(0);
    await pick(page, '状态', '已办结');
    const done = page.getByRole('row', { name: new RegExp(DECISION) });
    await done.waitFor();
    await expect.poll(() => done.textContent()).toContain('村道已修复并通过验收');
  });

  it('reads well on a phone (390 px): cards for meetings and decisions, no sideways scrolling, axe clean', async () => {
    const phone = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    try {
      const p = await phone.newPage();
      await loginAs(p, 'admin');
      for (const [url, name, text] of [
        ['/presidium-meetings', 'phone-presidium-meetings', TITLE],
        [meetingUrl, 'phone-presidium-meeting-detail', DECISION],
        ['/presidium-meetings/decisions?overdue=true', 'phone-presidium-decisions', OVERDUE],
      ] as const) {
        await p.goto(url);
        await p.getByText(text).first().waitFor();
        expect(await p.locator('.ant-table').count(), url).toBe(0);
        expect(await p.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(390);
        expect(await axeViolations(p), url).toEqual([]);
        await shot(p, name);
      }
    } finally {
      await phone.close();
    }
  });
});
