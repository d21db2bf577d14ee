import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launch, loginAs, newContext, shot } from './browser.ts';

/*
 * 履职积分 on the real server with the demo data: an admin creates the year's scheme from the defaults on
 * the page and activates it, publishes the last finished month, opens one deputy's breakdown and follows
 * the records an item counted (links to the records themselves); a deputy opens /my/points on a phone.
 * The demo data holds activities, documents and suggestions in every past month of the year, so the
 * published month has deputies with points.
 */
let browser: Browser;
let ctx: BrowserContext;
let phone: BrowserContext;
let page: Page;
const baseUrl = inject('baseUrl');
const API = '/api/v1';
const WAIT = { timeout: 15_000 };

// The last finished month (China time) and its year: the scheme is that year's.
const chinaNow = new Date(Date.now() + 8 * 3600_000);
const prev = new Date(Date.UTC(chinaNow.getUTCFullYear(), chinaNow.getUTCMonth() - 1, 1));
const YEAR = prev.getUTCFullYear();
const MONTH = `${YEAR}-${String(prev.getUTCMonth() + 1).padStart(2, '0')}`;

beforeAll(async () => {
  browser = await launch();
  ctx = await newContext(browser, baseUrl);
  phone = await newContext(browser, baseUrl, true);
  page = await ctx.newPage();
  await loginAs(page, 'admin');
});
afterAll(async () => {
  await browser?.close();
});

/** No dialog, dropdown, popover or message still showing or fading (axe would judge half-transparent text). */
async function settled(p: Page): Promise<void> {
  await expect.poll(() => p.locator('.ant-modal-wrap:visible').count(), { timeout: 10_000 }).toBe(0);
  await expect.poll(() => p.locator('.ant-select-dropdown:visible, .ant-popover:visible').count(), { timeout: 10_000 }).toBe(0);
  await expect.poll(() => p.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
  const moving = () =>
    p.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY).length);
  await expect.poll(moving, { timeout: 10_000 }).toBe(0);
}

async function axeClean(p: Page): Promise<void> {
  await settled(p);
  expect(await axeViolations(p)).toEqual([]);
}

/**
 * Choose `option` in the select named `label`. Under load a click during the opening animation can miss
 * the option: check the choice took and try again; then wait for the list to close.
 */
async function pick(p: Page, scope: Page | Locator, label: string, option: string): Promise<void> {
  const box = scope.getByRole('combobox', { name: field(label) });
  // `has` is matched inside each .ant-select, so it starts from the page, not from the scope.
  const select = scope.locator('.ant-select', { has: p.getByRole('combobox', { name: field(label) }) }).first();
  const chosen = async () => ((await select.textContent()) ?? '').includes(option);
  for (let attempt = 0; ; attempt++) {
    if ((await box.getAttribute('aria-expanded')) !== 'true') await select.click();
    const list = await box.getAttribute('aria-controls');
    const popup = p.locator('.ant-select-dropdown:visible', { has: p.locator(`[id="${list}"]`) });
    try {
      await popup.locator('.ant-select-item-option', { hasText: option }).first().click({ timeout: 8_000 });
      await expect.poll(chosen, { timeout: 3_000 }).toBe(true);
      break;
    } catch (e) {
      if (attempt >= 2) throw e;
    }
  }
  await expect.poll(() => p.locator('.ant-select-dropdown:visible').count(), { timeout: 10_000 }).toBe(0);
}

/** A field's accessible name: antd puts the required mark (*) into the label text. */
function field(label: string): RegExp {
  return new RegExp(`^(\\*\\s*)?${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

async function confirmDialog(p: Page): Promise<void> {
  const dialog = p.getByRole('dialog');
  await dialog
    .getByRole('button', { name: /确\s*定/ })
    .first()
    .click();
  await expect.poll(() => p.locator('.ant-modal-wrap:visible').count(), WAIT).toBe(0);
}

describe('points scheme (履职积分)', () => {
  it('an admin creates a scheme from the defaults, edits it and activates it', async () => {
    // The demo data may already hold this year's scheme (active, with published months): then the new
    // scheme is next year's, and this year's demo scheme is the one published below.
    const existing = (await (await page.request.get(`${API}/points/schemes?year=${YEAR}`)).json()).items as unknown[];
    const createYear = existing.length ? YEAR + 1 : YEAR;
    await page.goto(`/points?year=${createYear}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toContain('履职积分');
    const create = page.getByRole('button', { name: '按默认方案新建' });
    await expect.poll(() => create.count(), WAIT).toBe(1);
    await settled(page);
    await shot(page, 'points-new');
    await axeClean(page);
    await create.click();
    const tabs = page.getByRole('tab', { name: '积分方案' });
    await expect.poll(() => tabs.count(), WAIT).toBe(1);
    await tabs.click();
    // The default items are filled in by the server (their labels are the server's; read, not assumed).
    const firstLabel = page.getByRole('textbox', { name: '项目名称 1', exact: true });
    await expect.poll(() => firstLabel.inputValue(), WAIT).not.toBe('');
    expect(await page.getByRole('textbox', { name: /^项目名称 \d+$/ }).count()).toBeGreaterThanOrEqual(10);
    const label = await firstLabel.inputValue();
    // The weights must sum to 100: the message follows what is typed.
    const presidium = page.getByRole('spinbutton', { name: field('主席团评分') });
    await presidium.fill('21');
    await expect.poll(() => page.getByRole('status').textContent(), WAIT).toContain('各部分权重之和须为 100');
    await presidium.fill('20');
    await expect.poll(() => page.getByRole('status').textContent(), WAIT).toContain('权重合计 100');
    // The metric of an item is chosen from the catalogue (GET /points/metrics).
    const metric = page.locator('.ant-select', { has: page.getByRole('combobox', { name: `计分依据 ${label}`, exact: true }) }).first();
    const current = ((await metric.textContent()) ?? '').trim();
    await pick(page, page, `计分依据 ${label}`, '小组活动');
    await pick(page, page, `计分依据 ${label}`, current);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByText('方案已保存').count(), WAIT).toBe(1);
    await page.getByRole('button', { name: '启用方案' }).click();
    await confirmDialog(page);
    await expect.poll(() => page.getByText('已启用', { exact: true }).count(), WAIT).toBeGreaterThan(0);
    if (createYear !== YEAR) {
      const demo = (await (await page.request.get(`${API}/points/schemes?year=${YEAR}`)).json()).items[0];
      expect(demo.status).toBe('active');
    }
    await settled(page);
    await shot(page, 'points-scheme');
  }, 120_000);

  it('publishes the last finished month; the board shows the ranking and the chart', async () => {
    await page.goto(`/points?year=${YEAR}&tab=month`);
    await pick(page, page, '月份', MONTH);
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count(), WAIT).toBeGreaterThan(0);
    const publish = page.getByRole('button', { name: /公布本月|重新公布/ });
    await expect.poll(() => publish.isEnabled(), WAIT).toBe(true);
    await publish.click();
    await confirmDialog(page);
    await expect.poll(() => page.getByText('已公布', { exact: true }).count(), WAIT).toBe(1);
    await expect.poll(() => page.getByText(/公布于 .*（第 \d+ 版）/).count(), WAIT).toBe(1);
    await expect.poll(() => page.getByRole('img', { name: new RegExp(`^${MONTH} 积分前 20 名`) }).count(), WAIT).toBe(1);
    await shot(page, 'points-month');
    await axeClean(page);
    // The year's score sheet downloads as .xlsx.
    const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.getByRole('button', { name: /下载积分表/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  });

  it('an adjustment in a published month is refused with the server’s reason', async () => {
    await page.goto(`/points?year=${YEAR}&tab=adjustments`);
    await page.getByRole('button', { name: /新增调整/ }).click();
    const dialog = page.getByRole('dialog');
    const firstName = await (async () => {
      const r = await page.request.get(`${API}/deputies?pageSize=1&sort=code`);
      return (await r.json()).items[0].name as string;
    })();
    const deputyBox = dialog.getByRole('combobox', { name: field('代表') });
    await deputyBox.fill(firstName);
    await pick(page, dialog, '代表', firstName);
    // The month starts at the last finished one (the list is virtual: far months are not in the page).
    const monthSelect = dialog.locator('.ant-select', { has: page.getByRole('combobox', { name: field('月份') }) }).first();
    if (!((await monthSelect.textContent()) ?? '').includes(MONTH)) await pick(page, dialog, '月份', MONTH);
    await dialog.getByRole('spinbutton', { name: field('加减分') }).fill('2');
    await dialog.getByRole('textbox', { name: field('理由') }).fill('参加县人大组织的专题培训');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => dialog.getByRole('alert').count(), WAIT).toBe(1);
    expect(await dialog.getByRole('alert').textContent()).toMatch(/公布/);
    await shot(page, 'points-adjustment-409');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
  });

  it('opens one deputy’s breakdown from the board and sees the records an item counted', async () => {
    await page.goto(`/points?year=${YEAR}&tab=month&month=${MONTH}`);
    const first = page.locator('tbody tr.ant-table-row').first().getByRole('link');
    await expect.poll(() => first.count(), WAIT).toBe(1);
    const name = (await first.textContent()) ?? '';
    await first.click();
    await page.waitForURL((u) => u.pathname.startsWith('/points/deputies/') && u.search.includes(`month=${MONTH}`));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toContain(name);
    await expect.poll(() => page.getByText('已公布', { exact: true }).count(), WAIT).toBe(1);
    // Expand the first item that counted something: its records are links to the records themselves.
    await page
      .getByRole('button', { name: /展开行|Expand row/ })
      .first()
      .click();
    const records = page.getByRole('list', { name: '计入的记录' }).first().getByRole('link');
    await expect.poll(() => records.count(), WAIT).toBeGreaterThan(0);
    expect(await records.first().getAttribute('href')).toMatch(/^\/(activities|sessions|suggestions|receptions|research|duty-reports|documents)\/\w+/);
    await expect.poll(() => page.getByRole('img', { name: /^各月积分：/ }).count(), WAIT).toBe(1);
    await shot(page, 'points-breakdown');
    await axeClean(page);
  });

  it('the year tab shows the parts and the commendation list; presidium ratings save', async () => {
    await page.goto(`/points?year=${YEAR}&tab=presidium`);
    const box = page.getByRole('spinbutton', { name: /的主席团评分$/ }).first();
    await expect.poll(() => box.count(), WAIT).toBe(1);
    await box.fill('95');
    await page.getByRole('button', { name: '全部保存' }).click();
    await expect.poll(() => page.getByText('主席团评分已保存').count(), WAIT).toBe(1);
    await page.getByRole('tab', { name: '年度考评' }).click();
    await expect.poll(() => page.getByText(/拟表彰名单（\d+）/).count(), WAIT).toBe(1);
    await expect.poll(() => page.getByRole('columnheader', { name: '综合得分' }).count(), WAIT).toBe(1);
    await expect.poll(() => page.locator('tbody tr.ant-table-row', { hasText: '95' }).count(), WAIT).toBeGreaterThan(0);
    await axeClean(page);
    await shot(page, 'points-year');
  });

  it('a deputy opens 我的积分 on a phone', async () => {
    const p = await phone.newPage();
    await loginAs(p, 'deputy');
    await p.goto(`/my/points?month=${MONTH}`);
    await expect.poll(() => p.getByRole('heading', { level: 1 }).textContent(), WAIT).toContain('我的积分');
    await expect.poll(() => p.getByText('已公布', { exact: true }).count(), WAIT).toBe(1);
    await expect.poll(() => p.getByText(`${MONTH} 合计`).count(), WAIT).toBe(1);
    // The deputy's own records: links only to pages a deputy may open (no staff activity or document pages).
    await p
      .getByRole('button', { name: /展开行|Expand row/ })
      .first()
      .click();
    const list = p.getByRole('list', { name: '计入的记录' }).first();
    await expect.poll(() => list.getByRole('listitem').count(), WAIT).toBeGreaterThan(0);
    for (const href of await list.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
      expect(href).not.toMatch(/^\/(activities|documents|research)\//);
    }
    // Nothing wider than the phone: the page does not scroll sideways.
    expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shot(p, 'points-mine-phone');
    await axeClean(p);
    await p.close();
  });
});
