import dayjs from 'dayjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launch, loginAs, newContext, shot } from './browser.ts';

/*
 * Congress sessions on the real server with the demo data (shared with other browser files: the session
 * here is a new one, found by its own place name). The admin creates a session, takes the roll; the
 * demo deputy signs in on a phone; the admin marks everyone else present, sees the quorum reached and
 * opens the session. axe checks the list and the detail page; screenshots at desktop and phone width.
 */
let browser: Browser;
let admin: BrowserContext;
let page: Page;
const baseUrl = inject('baseUrl');
const STAMP = dayjs().format('HHmmss');
const PLACE = `镇人大礼堂 ${STAMP}`;
const TODAY = dayjs().format('YYYY-MM-DD');
const SAVE = /保\s*存/;

async function settled(p: Page): Promise<void> {
  await expect.poll(() => p.locator('.ant-modal-wrap:visible').count(), { timeout: 10_000 }).toBe(0);
  await expect.poll(() => p.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
}

async function confirmModal(p: Page, ok: string | RegExp): Promise<void> {
  const dialog = p.locator('.ant-modal-confirm:visible');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: ok }).click();
  await settled(p);
}

beforeAll(async () => {
  browser = await launch();
  admin = await newContext(browser, baseUrl);
  page = await admin.newPage();
  await loginAs(page, 'admin');
});
afterAll(async () => {
  await admin?.close();
  await browser?.close();
});

describe('congress sessions in the browser', () => {
  let sessionUrl = '';

  it('the list page is accessible', async () => {
    await page.goto('/sessions');
    await page.getByRole('heading', { name: '人代会' }).waitFor();
    await page.getByRole('button', { name: '新增会议' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the admin creates a session and takes the roll', async () => {
    await page.getByRole('button', { name: '新增会议' }).click();
    const modal = page.locator('.ant-modal');
    await modal.getByLabel('开幕日期').fill(TODAY);
    await modal.getByLabel('开幕日期').press('Enter');
    await modal.getByLabel('闭幕日期').fill(TODAY);
    await modal.getByLabel('闭幕日期').press('Enter');
    await modal.getByLabel('会议地点').fill(PLACE);
    await shot(page, 'sessions-form-desktop');
    await modal.getByRole('button', { name: SAVE }).click();
    await page.waitForURL(/\/sessions\/[0-9A-Z]{26}$/);
    sessionUrl = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: /人民代表大会第.+次会议/ }).waitFor();
    await expect.poll(() => page.getByText(PLACE).count()).toBeGreaterThan(0);
    await settled(page);

    await page.getByRole('tab', { name: '点名签到' }).click();
    await page.getByRole('button', { name: '生成点名表' }).click();
    await page.getByTestId('roll-entry').first().waitFor();
    await settled(page);
    await expect.poll(() => page.getByTestId('quorum').getAttribute('data-reached')).toBe('false');
    // Without a quorum the opening is refused, in words.
    await page.getByRole('button', { name: '宣布开幕' }).click();
    await page.locator('.ant-message-notice', { hasText: /未超过全体代表 \d+ 名的三分之二/ }).waitFor();
    await settled(page);
  });

  it('the demo deputy signs in on a phone', async () => {
    const phone = await newContext(browser, baseUrl, true);
    const p = await phone.newPage();
    try {
      await loginAs(p, 'deputy');
      await p.goto(sessionUrl);
      await p.getByRole('heading', { name: /人民代表大会第.+次会议/ }).waitFor();
      await p.getByRole('button', { name: /签\s*到/ }).click();
      await p.getByText('已签到（出席）').waitFor();
      await shot(p, 'sessions-deputy-phone');
      expect(await axeViolations(p)).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('the admin marks all present, sees the quorum and opens the session', async () => {
    await page.reload();
    await page.getByTestId('roll-entry').first().waitFor();
    const all = await page.getByTestId('roll-entry').count();
    expect(all).toBeGreaterThan(2);
    await expect.poll(() => page.getByTestId('roll-entry').filter({ hasText: '出席' }).count()).toBeGreaterThan(0);
    // One deputy on leave with a reason, the rest all present.
    const last = page.getByTestId('roll-entry').last();
    await last.locator('label', { hasText: '请假' }).click();
    await page.getByLabel('请假事由').fill('外出务工');
    await page.locator('.ant-modal').getByRole('button', { name: SAVE }).click();
    await settled(page);
    await expect.poll(() => last.textContent()).toContain('外出务工');
    await page.getByRole('button', { name: '全部出席' }).click();
    await confirmModal(page, '全部出席');
    const quorum = page.getByTestId('quorum');
    await expect.poll(() => quorum.getAttribute('data-reached')).toBe('true');
    await expect.poll(() => quorum.textContent()).toContain('已超过全体代表三分之二');
    expect(await quorum.textContent()).toContain(`应到 ${all}`);
    expect(await quorum.textContent()).toContain(`实到 ${all - 1}`);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'sessions-roll-desktop');

    await page.getByRole('button', { name: '宣布开幕' }).click();
    await confirmModal(page, '宣布开幕');
    await page.getByRole('heading', { name: /会议中/ }).waitFor();
    await page.getByRole('button', { name: '宣布闭幕' }).waitFor();
  });

  it('the detail page with an agenda item is accessible, at desktop and phone width', async () => {
    await page.getByRole('tab', { name: '议程' }).click();
    await page.getByRole('button', { name: '新增议程' }).click();
    const modal = page.locator('.ant-modal');
    await modal.getByLabel('议题').fill('政府工作报告');
    await modal.getByLabel('报告人').fill('镇长');
    await modal.getByRole('button', { name: SAVE }).click();
    await settled(page);
    await page.getByTestId('agenda-item').first().waitFor();
    await page.getByRole('button', { name: '标记已审议' }).click();
    await page.getByText('已审议', { exact: true }).waitFor();
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'sessions-detail-desktop');

    const phone = await newContext(browser, baseUrl, true);
    const p = await phone.newPage();
    try {
      await loginAs(p, 'admin');
      await p.goto(`${sessionUrl}?tab=roll`);
      await p.getByTestId('roll-entry').first().waitFor();
      await p.getByLabel('搜索姓名、编号或联络站').fill('周');
      await shot(p, 'sessions-roll-phone');
      expect(await axeViolations(p)).toEqual([]);
      await p.goto('/sessions');
      await p.getByRole('heading', { name: '人代会' }).waitFor();
      await p.getByText(PLACE).first().waitFor();
      await shot(p, 'sessions-list-phone');
    } finally {
      await phone.close();
    }
    await page.goto('/sessions');
    await page.getByText(PLACE).first().waitFor();
    await shot(page, 'sessions-list-desktop');
    await page.getByRole('button', { name: '缺席情况' }).click();
    await page.getByRole('heading', { name: '缺席情况' }).waitFor();
    await page.locator('.ant-table-tbody').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'sessions-absences-desktop');
  });

  it('the printable sign-in sheet lists the roll and is accessible', async () => {
    await page.goto(`${sessionUrl}?tab=roll`);
    await page.getByTestId('roll-entry').first().waitFor();
    const all = await page.getByTestId('roll-entry').count();
    await page.getByRole('link', { name: '打印签到表' }).click();
    await page.waitForURL(/\/sessions\/[0-9A-Z]{26}\/roll\/print$/);
    const sheet = page.locator('article.roll-sheet');
    await sheet.waitFor();
    await page.getByRole('button', { name: /打\s*印/ }).waitFor();
    expect(await sheet.locator('tbody tr').count()).toBe(all);
    const text = (await sheet.textContent()) ?? '';
    expect(text).toMatch(/人民代表大会第.+次会议签到表/);
    expect(text).toContain(`应到 ${all} 名`);
    expect(text).toContain(`实到 ${all - 1} 名`);
    expect(text).toContain('请假 1 名');
    expect(text).toContain('外出务工');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'sessions-roll-print');
    // As on paper: the app's header and menu are gone.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
    await shot(page, 'sessions-roll-print-paper');
    await page.emulateMedia({ media: 'screen' });
  });
});
