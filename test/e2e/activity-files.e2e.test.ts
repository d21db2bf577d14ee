import { crc32, deflateSync } from 'node:zlib';
import dayjs from 'dayjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launch, loginAs, newContext, shot } from './browser.ts';

/*
 * Photos, attachments and outcomes on an activity, on the real server with the demo data. The admin
 * makes a held activity of their own (the demo data may hold none to spare), uploads a PNG photo and a
 * PDF through the page, records the outcomes, and sees all of it — on a desktop and at phone width.
 */
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let activityId: string;
const baseUrl = inject('baseUrl');
const API = '/api/v1';
const TITLE = `活动照片测试 ${dayjs().format('HHmmss')}`;

/** A real PNG (a blue-to-green gradient, 320×200) so the browser can draw it. */
function gradientPng(width = 320, height = 200): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) raw.set([40, 90 + Math.round((120 * x) / width), 200 - Math.round((120 * y) / height)], row + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

async function settled(p: Page): Promise<void> {
  await expect.poll(() => p.locator('.ant-modal-wrap:visible, .ant-drawer-content-wrapper:visible, .ant-image-preview:visible').count(), { timeout: 10_000 }).toBe(0);
  await expect.poll(() => p.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
}

beforeAll(async () => {
  browser = await launch();
  ctx = await newContext(browser, baseUrl);
  page = await ctx.newPage();
  await loginAs(page, 'admin');
  const me = await (await page.request.get(`${API}/auth/me`)).json();
  const kinds = await (await page.request.get(`${API}/activity-kinds?pageSize=100`)).json();
  const kindId = kinds.items.find((k: { name: string }) => k.name === '视察')?.id ?? kinds.items[0].id;
  const start = dayjs().subtract(1, 'day').hour(9).minute(0).second(0);
  const res = await page.request.post(`${API}/activities`, {
    headers: { 'x-csrf-token': me.csrfToken },
    data: {
      title: TITLE,
      kindId,
      organiserType: 'town',
      startAt: start.format('YYYY-MM-DDTHH:mm:ssZ'),
      endAt: start.add(2, 'hour').format('YYYY-MM-DDTHH:mm:ssZ'),
      place: '镇政府三楼会议室',
      status: 'held',
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  activityId = (await res.json()).id;
});
afterAll(async () => {
  await ctx?.close();
  await browser?.close();
});

describe('photos, attachments and outcomes of an activity', () => {
  it('the admin uploads a photo and a PDF, records the outcomes and sees them', async () => {
    await page.goto(`/activities/${activityId}`);
    await page.getByRole('heading', { name: TITLE }).waitFor();
    const panel = page.getByTestId('activity-files');
    await panel.getByText('暂无照片').waitFor();

    await panel.locator('input[type=file][accept*="image"]').setInputFiles({ name: '视察现场.png', mimeType: 'image/png', buffer: gradientPng() });
    const photo = panel.getByRole('img', { name: '活动照片：视察现场.png' });
    await photo.waitFor({ timeout: 15_000 });
    // Drawn small by CSS and fetched only when scrolled to.
    expect(await photo.getAttribute('loading')).toBe('lazy');
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
    expect((await photo.boundingBox())?.height).toBeLessThanOrEqual(112);

    await panel.locator('input[type=file][accept*="pdf"]').setInputFiles({ name: '视察报告.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% report\n') });
    const link = panel.getByRole('link', { name: '视察报告.pdf' });
    await link.waitFor({ timeout: 15_000 });
    expect(await link.getAttribute('href')).toBe(`${API}/activities/${activityId}/files/${(await (await page.request.get(`${API}/activities/${activityId}/files`)).json()).items[1].fileId}`);

    // A caption on the photo.
    await panel.getByRole('button', { name: '编辑说明：视察现场.png' }).click();
    await page.getByRole('dialog').getByLabel('说明').fill('代表查看道路改造现场');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await panel.getByText('代表查看道路改造现场').waitFor();

    // The outcomes, written in the edit drawer, show in the 成果 panel.
    await page.getByRole('button', { name: '编辑成果' }).click();
    await page.getByRole('dialog').getByLabel('活动成效').fill('形成视察报告一份，提出建议三条。');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('activity-outcomes').getByText('形成视察报告一份，提出建议三条。').waitFor();

    await settled(page);
    await shot(page, 'activity-files-desktop');
    expect(await axeViolations(page)).toEqual([]);

    // Full size on click (the caption is now the picture's name).
    await panel.getByRole('img', { name: '活动照片：代表查看道路改造现场' }).click();
    await page.locator('.ant-image-preview').first().waitFor();
    await shot(page, 'activity-files-preview');
    await page.keyboard.press('Escape');
    await settled(page);
  });

  it('reads well at phone width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/activities/${activityId}`);
    const panel = page.getByTestId('activity-files');
    await panel.getByRole('img', { name: '活动照片：代表查看道路改造现场' }).scrollIntoViewIfNeeded();
    await panel.getByRole('link', { name: '视察报告.pdf' }).waitFor();
    await settled(page);
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'activity-files-phone');
    expect(await axeViolations(page)).toEqual([]);
  });
});
