import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launch, loginAs, newContext, shot } from './browser.ts';

/*
 * 工作总结 on the real server with the demo data: the demo admin generates 青石镇's annual report for the
 * current year, follows a figure to the records it counts and on to one record's page, edits a sentence
 * and saves, freezes version 1 and finds it in the version list, edits again and compares version 1 with
 * the current text, downloads the .docx; axe on the list, the report and the templates; a 390 px phone.
 */
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let reportPath = '';
const baseUrl = inject('baseUrl');
const WAIT = { timeout: 20_000 };
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const EDIT = '（本句为浏览器测试所加）';
const EDIT2 = '（第二次修改）';

beforeAll(async () => {
  browser = await launch();
  ctx = await newContext(browser, baseUrl);
  page = await ctx.newPage();
  await loginAs(page, 'admin');
});
afterAll(async () => {
  await browser?.close();
});

/** No dialog, drawer, dropdown, popover or message still showing or fading (axe would judge half-transparent text). */
async function settled(p: Page): Promise<void> {
  await expect.poll(() => p.locator('.ant-modal-wrap:visible, .ant-drawer-content-wrapper:visible').count(), { timeout: 10_000 }).toBe(0);
  await expect.poll(() => p.locator('.ant-select-dropdown:visible, .ant-dropdown:visible, .ant-popover:visible').count(), { timeout: 10_000 }).toBe(0);
  await expect.poll(() => p.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
  const moving = () =>
    p.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY).length);
  await expect.poll(moving, { timeout: 10_000 }).toBe(0);
}

async function axeClean(p: Page): Promise<void> {
  await settled(p);
  expect(await axeViolations(p)).toEqual([]);
}

/** Open a dropdown menu and choose an item; a click during the opening animation can miss, so retry. */
async function menuPick(p: Page, button: RegExp, item: RegExp): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    if ((await p.locator('.ant-dropdown:visible').count()) === 0) await p.getByRole('button', { name: button }).first().click();
    try {
      await p.locator('.ant-dropdown:visible').getByRole('menuitem', { name: item }).click({ timeout: 5_000 });
      break;
    } catch (e) {
      if (attempt >= 2) throw e;
    }
  }
  await expect.poll(() => p.locator('.ant-dropdown:visible').count(), { timeout: 10_000 }).toBe(0);
}

async function saveText(p: Page): Promise<void> {
  await p.getByRole('button', { name: /保\s*存$/ }).click();
  await expect.poll(() => p.getByText('已保存', { exact: true }).count(), WAIT).toBeGreaterThan(0);
  await expect.poll(() => p.getByRole('status').filter({ hasText: '有未保存的修改' }).count(), WAIT).toBe(0);
}

/** The first body paragraph (正文) of the editor: its text box. */
async function firstBodyText(p: Page) {
  const block = p.locator('section.report-para.k-body').first();
  return block.getByRole('textbox').last();
}

describe('work report (工作总结)', () => {
  it('generates the annual report of the demo town for this year', async () => {
    await page.goto('/reports');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toContain('工作总结');
    await settled(page);
    await shot(page, 'reports-list-empty');
    await axeClean(page);
    await page.getByRole('button', { name: '生成工作总结' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('spinbutton', { name: /年度/ }).inputValue(), WAIT).toBe(String(YEAR));
    await dialog.getByRole('button', { name: '生成工作总结' }).click();
    await page.waitForURL(/\/reports\/[0-9A-HJKMNP-TV-Z]{26}$/, WAIT);
    reportPath = new URL(page.url()).pathname;
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toContain(`${YEAR}年工作总结`);
    await expect.poll(() => page.locator('.report-fig').count(), WAIT).toBeGreaterThan(10);
    expect(await page.getByText('数字为实时数据，定稿后固定', { exact: false }).count()).toBeGreaterThan(0);
    await settled(page);
    await shot(page, 'reports-report');
    await axeClean(page);
  }, 120_000);

  it('a figure opens the records it counts; a record opens its page', async () => {
    await page.goto(reportPath);
    const fig = page.locator('.report-paper [role="button"]').first();
    await expect.poll(() => fig.count(), WAIT).toBe(1);
    await fig.click();
    const records = page.getByRole('list', { name: '统计的记录' });
    await expect.poll(() => records.getByRole('link').count(), WAIT).toBeGreaterThan(0);
    await shot(page, 'reports-figure-records');
    const link = records.getByRole('link').first();
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/[a-z-]+\/[0-9A-Z]+$/);
    await link.click();
    await page.waitForURL((u) => u.pathname === href, WAIT);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count(), WAIT).toBe(1);
  });

  it('edits a sentence, saves, freezes version 1 and finds it in the version list', async () => {
    await page.goto(reportPath);
    const box = await firstBodyText(page);
    await expect.poll(() => box.count(), WAIT).toBe(1);
    await box.click();
    await box.press('Control+End');
    await box.pressSequentially(EDIT);
    await expect.poll(() => page.locator('.report-paper').textContent(), WAIT).toContain(EDIT);
    await saveText(page);
    await page.reload();
    await expect.poll(() => page.locator('.report-paper').textContent(), WAIT).toContain(EDIT);

    await page.getByRole('button', { name: /定\s*稿$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: '定稿说明（可不填）' }).fill('提交主席团会议审议稿');
    await dialog.getByRole('button', { name: /^定\s*稿$/ }).click();
    await expect.poll(() => page.getByText('已定稿 第1版', { exact: true }).count(), WAIT).toBe(1);
    await settled(page);
    await page.getByRole('button', { name: /版本（1）/ }).click();
    const list = page.getByRole('list', { name: '版本记录' });
    await expect.poll(() => list.getByRole('listitem').count(), WAIT).toBe(1);
    expect(await list.textContent()).toContain('第1版');
    expect(await list.textContent()).toContain('提交主席团会议审议稿');
    await shot(page, 'reports-versions');
    // Open the version: its own frozen figures, and the way back.
    await list.getByRole('button', { name: '查看 第1版' }).click();
    await page.waitForURL((u) => u.search.includes('version=1'), WAIT);
    await expect.poll(() => page.getByText(/正在查看第 1 版/).count(), WAIT).toBe(1);
    await expect.poll(() => page.locator('.report-paper').textContent(), WAIT).toContain(EDIT);
    await page.getByRole('button', { name: '返回当前稿' }).click();
    await page.waitForURL((u) => !u.search.includes('version='), WAIT);
  });

  it('compares version 1 with the current text after another edit', async () => {
    await page.goto(reportPath);
    const box = await firstBodyText(page);
    await expect.poll(() => box.count(), WAIT).toBe(1);
    await box.click();
    await box.press('Control+End');
    await box.pressSequentially(EDIT2);
    await saveText(page);
    await expect.poll(() => page.getByText('已修改，未定稿', { exact: true }).count(), WAIT).toBe(1);
    await page.getByRole('button', { name: /比\s*较$/ }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.locator('ins', { hasText: EDIT2 }).count(), WAIT).toBe(1);
    expect(await dialog.textContent()).toContain('修改');
    expect(await dialog.textContent()).toMatch(/共 \d+ 处变动/);
    await shot(page, 'reports-compare');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: /Close|关闭/ }).click();
  }, 120_000);

  it('downloads the current text as Word (.docx)', async () => {
    await page.goto(reportPath);
    await expect.poll(() => page.locator('.report-fig').count(), WAIT).toBeGreaterThan(0);
    const waiting = page.waitForEvent('download', WAIT);
    await menuPick(page, /下\s*载/, /Word/);
    const download = await waiting;
    expect(download.suggestedFilename()).toMatch(new RegExp(`${YEAR}年工作总结\\.docx$`));
    const file = await download.path();
    const head = fs.readFileSync(file).subarray(0, 2).toString('latin1');
    expect(head).toBe('PK');
  });

  it('the list shows the report; the templates page is accessible', async () => {
    await page.goto('/reports');
    const row = page.locator('tbody tr.ant-table-row', { hasText: `${YEAR}年工作总结` }).first();
    await expect.poll(() => row.count(), WAIT).toBe(1);
    expect(await row.textContent()).toContain('已修改，未定稿');
    await settled(page);
    await shot(page, 'reports-list');
    await axeClean(page);
    await page.goto('/reports/templates');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toContain('模板');
    await settled(page);
    await shot(page, 'reports-templates');
    await axeClean(page);
  }, 120_000);

  it('a town template: created as a copy, a bad figure is refused on its sentence, then saved and deleted', async () => {
    const name = '浏览器测试模板';
    await page.goto('/reports/templates');
    await page.getByRole('button', { name: /新建模板/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /模板名称/ }).fill(name);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/reports\/templates\/[0-9A-Z]{26}$/, WAIT);
    const lead = page.getByRole('textbox', { name: '第 1 句的文字' }).first();
    await expect.poll(() => lead.inputValue(), WAIT).not.toBe('');
    const original = await lead.inputValue();
    await lead.fill('全镇共有{{no.such.key}}个什么。');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    // The server's problem shows under the sentence it is about.
    const item = page.locator('.ant-form-item', { has: page.getByRole('textbox', { name: '第 1 句的文字' }).first() }).first();
    await expect.poll(() => item.locator('.ant-form-item-explain-error').textContent(), WAIT).toContain('未知的数据项 no.such.key');
    await shot(page, 'reports-template-error');
    await lead.fill(original);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByText('模板已保存', { exact: true }).count(), WAIT).toBe(1);
    await settled(page);
    await shot(page, 'reports-template');
    await axeClean(page);
    await page.goto('/reports/templates');
    await page.getByRole('button', { name: `删除 ${name}` }).click();
    await page
      .locator('.ant-popover:visible')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await expect.poll(() => page.getByRole('link', { name }).count(), WAIT).toBe(0);
  }, 180_000);

  it('a 390 px phone shows the report without sideways scrolling', async () => {
    const phone = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    await loginAs(p, 'admin');
    await p.goto(reportPath);
    await expect.poll(() => p.locator('.report-fig').count(), WAIT).toBeGreaterThan(10);
    expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await settled(p);
    await shot(p, 'reports-report-phone');
    await axeClean(p);
    await phone.close();
  }, 120_000);
});
