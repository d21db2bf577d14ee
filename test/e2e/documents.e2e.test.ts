import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launch, loginAs, newContext, shot } from './browser.ts';

/*
 * The issue's flow on the real server with the demo data: the town admin uploads a PDF as a document
 * and sends it to the deputies of 周红静's station; 周红静 (the demo `deputy`) sees it unread on a
 * 390 px phone and opens it; the admin then sees it read. Titles carry a timestamp: other browser
 * files share this server.
 */
let browser: Browser;
const baseUrl = inject('baseUrl');
const API = '/api/v1';
const TITLE = `关于开展代表集中学习的通知 ${Date.now()}`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let adminCtx: BrowserContext;
let admin: Page;
let phoneCtx: BrowserContext;
let phone: Page;
let stationName: string;
let documentUrl: string;

/** No drawer, dialog or message still fading (axe would judge half-transparent text). */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.ant-drawer-open, .ant-modal-wrap:visible, .ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
}

async function expectAxeClean(page: Page): Promise<void> {
  await settled(page);
  expect(await axeViolations(page)).toEqual([]);
}

beforeAll(async () => {
  browser = await launch();
  adminCtx = await newContext(browser, baseUrl);
  admin = await adminCtx.newPage();
  await loginAs(admin, 'admin');
  // 周红静's station, looked up through the API as the admin sees it.
  phoneCtx = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  phone = await phoneCtx.newPage();
  await loginAs(phone, 'deputy');
  const me = await (await phone.request.get(`${API}/auth/me`)).json();
  const deputy = await (await admin.request.get(`${API}/deputies/${me.user.deputyId}`)).json();
  expect(deputy.stationId).toBeTruthy();
  const stations = await (await admin.request.get(`${API}/stations`)).json();
  const list = Array.isArray(stations) ? stations : stations.items;
  stationName = list.find((s: { id: string; name: string }) => s.id === deputy.stationId).name;
});
afterAll(async () => {
  await phoneCtx?.close();
  await adminCtx?.close();
  await browser?.close();
});

describe('documents and read receipts in the browser', () => {
  it('the admin uploads a PDF as a new document and sends it to a station’s deputies', async () => {
    const page = admin;
    await page.goto('/documents');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toContain('文件与学习资料');
    await page.getByRole('button', { name: /新增文件/ }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('标题').fill(TITLE);
    await drawer.getByLabel('文号').fill('某人主〔2026〕9号');
    await drawer.locator('input[type=file]').setInputFiles({ name: '学习通知.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(() => drawer.getByTestId('uploaded-file').textContent(), { timeout: 15_000 }).toContain('学习通知.pdf');
    await drawer.getByLabel('内容摘要 / 正文').fill('请各位代表认真学习宪法和代表法。');
    await shot(page, 'documents-01-create-drawer');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/documents\/[0-9A-Z]+$/);
    documentUrl = new URL(page.url()).pathname;
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe(TITLE);

    await page.getByLabel('按联络站').click();
    await page.locator('.ant-select-item-option', { hasText: stationName }).first().click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /发\s*送$/ }).click();
    await expect.poll(() => page.getByText(/已发送给 \d+ 位代表/).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // The station has dozens of deputies: 周红静 is found through the unread filter's pages by the API,
    // and on the page the counts show nobody has read it yet.
    await expect.poll(() => page.locator('.ant-statistic', { hasText: '已读' }).first().textContent(), { timeout: 10_000 }).toContain('0');
    const id = documentUrl.split('/').pop();
    const unread = await (await page.request.get(`${API}/documents/${id}/recipients?read=unread&pageSize=200`)).json();
    expect(unread.items.map((r: { deputyName: string }) => r.deputyName)).toContain('周红静');
    await shot(page, 'documents-02-sent');
    await expectAxeClean(page);
  });

  it('周红静 on a phone sees it unread first, opens it and the file', async () => {
    const page = phone;
    await page.goto('/my/documents');
    const card = page.locator('.ant-card', { hasText: TITLE });
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain('未读');
    // Unread comes first: the newest unread document is at the top.
    expect(await page.locator('.ant-card').filter({ hasText: '未读' }).count()).toBeGreaterThan(0);
    await shot(page, 'documents-03-phone-list');
    await expectAxeClean(page);

    await card.getByRole('link', { name: TITLE }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe(TITLE);
    await expect.poll(() => page.getByText('已读', { exact: true }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const open = page.getByRole('link', { name: `打开附件：${TITLE}` });
    const href = await open.getAttribute('href');
    expect(href).toMatch(/\/api\/v1\/documents\/[0-9A-Z]+\/file$/);
    const file = await page.request.get(href ?? '');
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('application/pdf');
    expect((await file.body()).equals(PDF)).toBe(true);
    await shot(page, 'documents-04-phone-open');
    await expectAxeClean(page);

    await page.goto('/my/documents');
    await expect.poll(() => page.locator('.ant-card', { hasText: TITLE }).textContent(), { timeout: 10_000 }).toContain('已读');
  });

  it('the admin sees it read, with the read rate, and can remind the others', async () => {
    const page = admin;
    await page.goto(documentUrl);
    // 已读 lists the readers only: 周红静, with her first reading time.
    await page.getByText('已读', { exact: true }).locator('xpath=ancestor::label').first().click();
    const row = page.getByRole('row', { name: /周红静/ });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('已读');
    expect(await page.locator('tbody tr.ant-table-row').count()).toBe(1);
    await shot(page, 'documents-05-admin-read');
    const remind = page.getByRole('button', { name: /提醒未读/ });
    if (await remind.isEnabled()) {
      await remind.click();
      await page.getByRole('button', { name: /确\s*定/ }).click();
      await expect.poll(() => page.getByText(/已提醒 \d+ 位代表/).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    }
    await page.goto('/documents');
    const listed = page.getByRole('row', { name: new RegExp(TITLE) });
    await expect.poll(() => listed.textContent(), { timeout: 10_000 }).toMatch(/已读 1 \/ \d+/);
    await shot(page, 'documents-06-admin-list');
    await expectAxeClean(page);

    await page.goto('/documents/unread');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe('未读名单');
    await shot(page, 'documents-07-unread-list');
    await expectAxeClean(page);
  });
});
