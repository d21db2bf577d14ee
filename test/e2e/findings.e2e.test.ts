import { crc32, deflateSync } from 'node:zlib';
import dayjs from 'dayjs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launch, loginAs, newContext, shot } from './browser.ts';

/*
 * Findings and rectification on the real server with the demo data. The admin makes an inspection of
 * their own (held weeks ago), records two findings on its page (one with a photo), issues one notice for
 * both whose deadline has passed, prints it, records a re-inspection that found one fixed and closes
 * that one; the other stays 整改中 and shows 逾期. Then the /findings list filtered by status and
 * overdue, on a desktop and at 390 px. Descriptions carry this run's stamp: other files share the server.
 */
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let activityId = '';
let unitName = '';
let villageName = '';
let deputyName = '';
let noticeNumber = '';
const baseUrl = inject('baseUrl');
const API = '/api/v1';
const STAMP = dayjs().format('HHmmss');
const TITLE = `安全生产视察 ${STAMP}`;
const GUARD = `村道急弯处缺少护栏 ${STAMP}`;
const DRAIN = `排水沟堵塞积水 ${STAMP}`;
const day = (n: number) => dayjs().subtract(n, 'day').format('YYYY-MM-DD');
const cn = (d: string) => dayjs(d).format('YYYY年M月D日');
const WAIT = { timeout: 15_000 };

/** antd puts a space between two Chinese characters on a button: 复查 reads 复 查. */
const btn = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);
const dialog = (p: Page) => p.locator('.ant-modal-wrap:visible').getByRole('dialog');
const panel = (p: Page) => p.locator('.ant-card', { has: p.getByRole('heading', { name: '发现问题', level: 2 }) });
const row = (scope: Locator, text: string) => scope.locator('tr.ant-table-row', { hasText: text });
/** A field's accessible name: antd writes a required field's asterisk into its label (`* 发现日期`). */
const field = (label: string) => new RegExp(`^(\\*\\s*)?${label.replace(/[()]/g, '\\$&')}$`);

/** A small real PNG (a gradient) for the photo upload. */
function png(width = 64, height = 48): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set([200, 60 + x, 40 + y], y * (width * 3 + 1) + 1 + x * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** No dialog, dropdown or message still showing or fading (axe would judge half-transparent text). */
async function settled(p: Page): Promise<void> {
  await expect.poll(() => p.locator('.ant-modal-wrap:visible').count(), { timeout: 10_000 }).toBe(0);
  await expect.poll(() => p.locator('.ant-select-dropdown:visible, .ant-picker-dropdown:visible').count(), { timeout: 10_000 }).toBe(0);
  await expect.poll(() => p.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
  const moving = () =>
    p.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY).length);
  await expect.poll(moving, { timeout: 10_000 }).toBe(0);
}

async function axeClean(p: Page): Promise<void> {
  // The pointer left resting on a link (where a dialog's button was) would have axe judge the theme's
  // lighter hover red on the overdue row's pink; judge the page as it reads at rest.
  await p.mouse.move(0, 0);
  await settled(p);
  expect(await axeViolations(p)).toEqual([]);
}

/**
 * Choose an option of the select labelled `label` in `scope`. Under load a click during the opening
 * animation can miss the option: check the choice took and try again when it did not.
 */
async function pick(p: Page, scope: Locator, label: string, option: string): Promise<void> {
  const box = scope.getByRole('combobox', { name: field(label) });
  const select = scope.locator('.ant-select', { has: p.getByRole('combobox', { name: field(label) }) }).first();
  const chosen = async () => ((await select.textContent()) ?? '').includes(option);
  for (let attempt = 0; ; attempt++) {
    if ((await box.getAttribute('aria-expanded')) !== 'true') await select.click();
    const list = await box.getAttribute('aria-controls');
    const popup = p.locator('.ant-select-dropdown:visible', { has: p.locator(`[id="${list}"]`) });
    try {
      await popup.locator('.ant-select-item-option', { hasText: option }).first().click({ timeout: 8_000 });
      await expect.poll(chosen, { timeout: 3_000 }).toBe(true);
      return;
    } catch (e) {
      if (attempt >= 2) throw e;
    }
  }
}

/** Close a select's option list that a multiple select leaves open, by clicking the dialog's title. */
async function closeDropdown(p: Page, d: Locator): Promise<void> {
  await d.locator('.ant-modal-title').first().click();
  await expect.poll(() => p.locator('.ant-select-dropdown:visible').count(), { timeout: 10_000 }).toBe(0);
}

/** Type a date into an antd DatePicker (YYYY-MM-DD) and confirm it. */
async function typeDate(d: Locator, label: string, value: string): Promise<void> {
  const input = d.getByRole('textbox', { name: field(label) });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(value);
}

async function saveDialog(p: Page, okText: string): Promise<void> {
  await dialog(p)
    .getByRole('button', { name: btn(okText) })
    .click();
  // A dialog that stays open shows why (a field error or the server's message): fail with that text.
  const closed = await expect
    .poll(() => p.locator('.ant-modal-wrap:visible').count(), WAIT)
    .toBe(0)
    .then(() => true)
    .catch(() => false);
  if (!closed) {
    const why = [
      await dialog(p)
        .textContent()
        .catch(() => ''),
      await p.locator('.ant-message-notice').allTextContents(),
    ].join(' | ');
    throw new Error(`dialog “${okText}” stayed open: ${why}`);
  }
}

beforeAll(async () => {
  browser = await launch();
  ctx = await newContext(browser, baseUrl);
  page = await ctx.newPage();
  await loginAs(page, 'admin');
  const me = await (await page.request.get(`${API}/auth/me`)).json();
  const kinds = await (await page.request.get(`${API}/activity-kinds?pageSize=100`)).json();
  const kindId = kinds.items.find((k: { name: string }) => k.name === '视察')?.id;
  expect(kindId).toBeTruthy();
  const start = dayjs().subtract(30, 'day').hour(9).minute(0).second(0);
  const res = await page.request.post(`${API}/activities`, {
    headers: { 'x-csrf-token': me.csrfToken },
    data: {
      title: TITLE,
      kindId,
      organiserType: 'town',
      startAt: start.format('YYYY-MM-DDTHH:mm:ssZ'),
      endAt: start.add(3, 'hour').format('YYYY-MM-DDTHH:mm:ssZ'),
      place: '青石镇各村',
      status: 'held',
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  activityId = (await res.json()).id;
  unitName = (await (await page.request.get(`${API}/units?pageSize=1&active=true`)).json()).items[0].name;
  villageName = (await (await page.request.get(`${API}/villages?pageSize=1`)).json()).items[0].name;
  deputyName = (await (await page.request.get(`${API}/deputies?pageSize=1&status=serving`)).json()).items[0].name;
});
afterAll(async () => {
  await ctx?.close();
  await browser?.close();
});

describe('findings and rectification', () => {
  it('staff record two findings on the inspection, one with a photo', async () => {
    await page.goto(`/activities/${activityId}`);
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await panel(page).getByText('尚未登记问题').waitFor();

    await panel(page)
      .getByRole('button', { name: /登记问题/ })
      .click();
    let d = dialog(page);
    await typeDate(d, '发现日期', day(30));
    await d.getByLabel('问题描述').fill(GUARD);
    await d.getByLabel('地点').fill('石桥村三组村道 K2+300');
    await pick(page, d, '责任单位', unitName);
    await d.getByText('重大', { exact: true }).click();
    await d.locator('input[type=file]').setInputFiles({ name: '护栏缺失.png', mimeType: 'image/png', buffer: png() });
    await d.getByText('护栏缺失.png').waitFor(WAIT);
    await settled(page).catch(() => undefined);
    await shot(page, 'findings-new-dialog');
    await saveDialog(page, '保存');
    await row(panel(page), GUARD).waitFor(WAIT);

    await panel(page)
      .getByRole('button', { name: /登记问题/ })
      .click();
    d = dialog(page);
    await typeDate(d, '发现日期', day(30));
    await d.getByLabel('问题描述').fill(DRAIN);
    await d.getByLabel('地点').fill('村委会门前');
    await d.getByText('村(社区)', { exact: true }).click();
    await pick(page, d, '责任村(社区)', villageName);
    await d.getByText('一般', { exact: true }).click();
    await saveDialog(page, '保存');
    await row(panel(page), DRAIN).waitFor(WAIT);

    const guard = row(panel(page), GUARD);
    expect(await guard.textContent()).toContain(unitName);
    expect(await guard.textContent()).toContain('重大');
    expect(await guard.textContent()).toContain('待整改');
    expect(await row(panel(page), DRAIN).textContent()).toContain(villageName);
    // The photo went with the finding: the edit dialog lists it.
    await guard.getByRole('button', { name: btn('编辑') }).click();
    await dialog(page).getByText('护栏缺失.png').waitFor(WAIT);
    await dialog(page)
      .getByRole('button', { name: btn('取消') })
      .click();
    await settled(page);
  });

  it('issues one notice for both, with a deadline already past', async () => {
    // The card's own button offers every open finding; a row's button only that one.
    await panel(page)
      .locator('.ant-card-extra')
      .getByRole('button', { name: btn('下发整改通知') })
      .click();
    const d = dialog(page);
    // Both open findings are ticked; the addressee defaults to their responsible parties.
    await expect.poll(() => d.getByRole('checkbox', { checked: true }).count(), WAIT).toBe(2);
    await expect.poll(() => d.getByLabel('通知书文号').inputValue(), WAIT).toMatch(/〔\d{4}〕\d+号$/);
    await expect.poll(() => d.getByLabel('送达对象').inputValue()).toContain(unitName);
    noticeNumber = `青人整〔${dayjs().year()}〕${(Number(STAMP) % 900) + 100}号`;
    await d.getByLabel('通知书文号').fill(noticeNumber);
    await typeDate(d, '签发日期', day(25));
    await typeDate(d, '整改期限', day(5));
    await settled(page).catch(() => undefined);
    await shot(page, 'findings-notice-dialog');
    await saveDialog(page, '下发整改通知');

    for (const text of [GUARD, DRAIN]) {
      const r = row(panel(page), text);
      await expect.poll(() => r.textContent(), WAIT).toContain('整改中');
      expect(await r.textContent()).toContain('逾期');
      expect(await r.textContent()).toContain(noticeNumber);
    }
  });

  it('the notice prints on its own page', async () => {
    await row(panel(page), GUARD)
      .getByRole('link', { name: new RegExp(noticeNumber.replace(/[〔〕]/g, '.')) })
      .click();
    const sheet = page.getByRole('article', { name: '限期整改通知书' });
    await sheet.waitFor(WAIT);
    await page.getByRole('heading', { name: `限期整改通知书 ${noticeNumber}`, level: 1 }).waitFor();
    const text = (await sheet.textContent()) ?? '';
    for (const s of [noticeNumber, GUARD, DRAIN, unitName, villageName, cn(day(5)), cn(day(25)), '人民代表大会主席团']) expect(text).toContain(s);
    await page.getByRole('button', { name: /打\s*印/ }).waitFor();
    await shot(page, 'findings-notice-print');
    await axeClean(page);
    // Printed, the app's frame and buttons are gone and only the sheet is left.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: /打\s*印/ }).isVisible()).toBe(false);
    expect(await sheet.isVisible()).toBe(true);
    await shot(page, 'findings-notice-print-media');
    await page.emulateMedia({ media: 'screen' });
  });

  it('a re-inspection finds one fixed; it is closed, the other stays overdue', async () => {
    await page.goto(`/activities/${activityId}`);
    await row(panel(page), GUARD).waitFor(WAIT);
    await row(panel(page), GUARD)
      .getByRole('button', { name: btn('复查') })
      .click();
    const d = dialog(page);
    await d.getByText('已整改', { exact: true }).waitFor();
    await d.getByLabel('复查情况').fill('护栏已安装到位，验收合格。');
    await pick(page, d, '参加复查的代表', deputyName);
    await closeDropdown(page, d);
    await shot(page, 'findings-reinspect-dialog');
    await saveDialog(page, '保存');
    const guard = row(panel(page), GUARD);
    await expect.poll(() => guard.textContent(), WAIT).toContain('已复查');
    await settled(page);

    await guard.getByRole('button', { name: btn('销号') }).click();
    await dialog(page).getByLabel('理由').fill('复查合格，予以销号。');
    await saveDialog(page, '销号');
    await expect.poll(() => guard.textContent(), WAIT).toContain('已销号');
    expect(await guard.textContent()).not.toContain('逾期');

    const drain = row(panel(page), DRAIN);
    expect(await drain.textContent()).toContain('整改中');
    expect(await drain.textContent()).toContain('逾期');
    await settled(page);
    await shot(page, 'findings-activity-panel');
    await axeClean(page);
  });

  it('the closed finding opens in full: photo, notice and the re-inspection record', async () => {
    await row(panel(page), GUARD)
      .getByRole('button', { name: /^查看问题 F\d+$/ })
      .click();
    const drawer = page.locator('.ant-drawer-content-wrapper:visible');
    await drawer.getByText('护栏已安装到位，验收合格。').waitFor(WAIT);
    const text = (await drawer.textContent()) ?? '';
    for (const s of [GUARD, '已销号', noticeNumber, `整改期限 ${day(5)}`, '已整改', deputyName, day(0)]) expect(text).toContain(s);
    const photo = drawer.getByRole('img', { name: '现场照片：护栏缺失.png' });
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), WAIT).toBe(64);
    await settled(page);
    await shot(page, 'findings-drawer');
    await axeClean(page);
    await drawer
      .getByRole('button', { name: /关\s*闭|Close/ })
      .first()
      .click();
    await expect.poll(() => page.locator('.ant-drawer-content-wrapper:visible').count(), WAIT).toBe(0);
  });

  it('the /findings list filters by status and overdue', async () => {
    await page.goto('/findings');
    await page.getByRole('heading', { name: '问题整改', level: 1 }).waitFor();
    const search = page.getByRole('searchbox', { name: '搜索描述、地点、责任方或编号' });
    await search.fill(STAMP);
    await search.press('Enter');
    const table = page.locator('.ant-table');
    await row(table, DRAIN).waitFor(WAIT);
    await row(table, GUARD).waitFor(WAIT);
    // An overdue row stands out.
    expect(await row(table, DRAIN).getAttribute('class')).toContain('finding-overdue');
    expect(await row(table, GUARD).getAttribute('class')).not.toContain('finding-overdue');

    const filters = page.locator('.ant-card', { has: search });
    await pick(page, filters, '状态', '已销号');
    await expect.poll(() => row(table, DRAIN).count(), WAIT).toBe(0);
    await row(table, GUARD).waitFor(WAIT);
    await pick(page, filters, '状态', '整改中');
    await expect.poll(() => row(table, GUARD).count(), WAIT).toBe(0);
    await row(table, DRAIN).waitFor(WAIT);
    await settled(page);
    await shot(page, 'findings-list-rectifying');
    await axeClean(page);

    // Only overdue, any status: the closed one is not overdue.
    await filters
      .locator('.ant-select', { has: page.getByRole('combobox', { name: '状态', exact: true }) })
      .first()
      .hover();
    await filters.locator('.ant-select-clear').first().click();
    await row(table, GUARD).waitFor(WAIT);
    await filters.getByRole('checkbox', { name: '只看逾期' }).check();
    await expect.poll(() => row(table, GUARD).count(), WAIT).toBe(0);
    await row(table, DRAIN).waitFor(WAIT);
    // The buttons stay in view on a desktop: the actions column is pinned to the right edge.
    await expect
      .poll(() =>
        row(table, DRAIN)
          .getByRole('button', { name: btn('复查') })
          .isVisible(),
      )
      .toBe(true);
    expect(
      await row(table, DRAIN)
        .getByRole('button', { name: btn('复查') })
        .evaluate((b) => b.getBoundingClientRect().right <= window.innerWidth),
    ).toBe(true);
    await settled(page);
    await shot(page, 'findings-list-desktop');
    await axeClean(page);
  });

  it('on a phone the list fits and stays accessible', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/findings');
    await page.getByRole('heading', { name: '问题整改', level: 1 }).waitFor();
    const search = page.getByRole('searchbox', { name: '搜索描述、地点、责任方或编号' });
    await search.fill(STAMP);
    await search.press('Enter');
    // A card per finding, not a table to scroll sideways.
    const cards = page.getByRole('list', { name: '问题整改' });
    const drain = cards.getByRole('listitem').filter({ hasText: DRAIN });
    await drain.waitFor(WAIT);
    expect(await page.locator('table').filter({ hasText: DRAIN }).count()).toBe(0);
    for (const s of ['整改中', '逾期', day(5), noticeNumber]) expect(await drain.textContent()).toContain(s);
    await drain.getByRole('button', { name: btn('复查') }).waitFor();
    // Nothing sticks out sideways past the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await settled(page);
    await shot(page, 'findings-list-phone');
    await axeClean(page);
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
