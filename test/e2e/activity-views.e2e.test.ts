import dayjs from 'dayjs';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, axeViolations, launch, loginAs, shot } from './browser.ts';

/*
 * The activity views on the real server with the demo data: the calendar's week view, a series with
 * "cancel the rest", the kinds page, the statistics page, and the sign-in QR code — whose link, opened
 * on a phone without a session, leads through the login to a finished sign-in. Each page is checked
 * with axe and photographed on a desktop and a 390 px phone. Records made here carry names of their own.
 */
let browser: Browser;
const baseUrl = inject('baseUrl');
const API = '/api/v1';
const tag = Date.now().toString(36).slice(-5);

type Me = { user: { stationId: string | null; deputyId: string | null }; csrfToken: string };

async function api<T>(req: APIRequestContext, me: Me, method: 'POST' | 'PATCH' | 'GET', path: string, data?: unknown): Promise<T> {
  const res = await req.fetch(`${API}${path}`, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.json();
}

async function context(phone: boolean): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl,
    locale: 'zh-CN',
    viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    isMobile: phone,
    hasTouch: phone,
  });
}

/** No drawer or dialog still open or fading out (axe would judge half-transparent text). */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole('dialog').count(), { timeout: 10_000 }).toBe(0);
}

async function expectAxeClean(page: Page, allowDialog = false): Promise<void> {
  // axeViolations waits for a dialog meant to stay open to finish appearing.
  if (!allowDialog) await settled(page);
  expect(await axeViolations(page)).toEqual([]);
}

let adminCtx: BrowserContext;
let admin: Page;
let adminMe: Me;
let phoneCtx: BrowserContext;
let phone: Page;

beforeAll(async () => {
  browser = await launch();
  adminCtx = await context(false);
  admin = await adminCtx.newPage();
  await loginAs(admin, 'admin');
  adminMe = await (await admin.request.get(`${API}/auth/me`)).json();
  phoneCtx = await context(true);
  phone = await phoneCtx.newPage();
  await loginAs(phone, 'admin');
});
afterAll(async () => {
  await adminCtx?.close();
  await phoneCtx?.close();
  await browser?.close();
});

describe('activity views in the browser', () => {
  it('the calendar switches to a week, keeps view and date in the address, steps by a week', async () => {
    await admin.goto('/activities');
    await admin.locator('.ant-segmented').getByText('周', { exact: true }).click();
    await expect.poll(() => new URL(admin.url()).searchParams.get('view')).toBe('week');
    const week = admin.getByTestId('week-view');
    await week.waitFor();
    expect(await week.locator('section').count()).toBe(7);
    await admin.getByRole('button', { name: '下一周' }).click();
    const monday = dayjs()
      .add(7, 'day')
      .subtract((dayjs().add(7, 'day').day() + 6) % 7, 'day')
      .format('YYYY-MM-DD');
    await expect.poll(() => new URL(admin.url()).searchParams.get('date')).toBe(monday);
    await admin.getByRole('button', { name: /本\s*周/ }).click();
    await expect.poll(() => new URL(admin.url()).searchParams.get('date')).toBeNull();
    await expectAxeClean(admin);
    await shot(admin, 'activity-views-week-desktop');

    await phone.goto('/activities?view=week');
    await phone.getByTestId('week-view').waitFor();
    expect(await phone.getByTestId('week-view').locator('section h2').count()).toBe(7);
    await expectAxeClean(phone);
    await shot(phone, 'activity-views-week-phone');
  });

  it('a series page lists its occurrences; "cancel the rest" cancels those from the date on', async () => {
    const kinds = (await api<{ items: { id: string; name: string }[] }>(admin.request, adminMe, 'GET', '/activity-kinds?pageSize=100')).items;
    const fixed = kinds.find((k) => k.name === '固定活动日') ?? kinds[0];
    const s = await api<{ id: string }>(admin.request, adminMe, 'POST', '/activity-series', {
      title: `视图测试例会${tag}`,
      kindId: fixed.id,
      organiserType: 'town',
      rule: { type: 'weekly', weekdays: [2] },
      startTime: '15:00',
      durationMinutes: 60,
      fromDate: dayjs().subtract(14, 'day').format('YYYY-MM-DD'),
      untilDate: dayjs().add(42, 'day').format('YYYY-MM-DD'),
    });
    await admin.goto(`/activities/series/${s.id}`);
    await admin.getByRole('heading', { level: 1, name: new RegExp(`视图测试例会${tag}`) }).waitFor();
    const rows = admin.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(8);
    await expectAxeClean(admin);
    await shot(admin, 'activity-views-series-desktop');

    await admin.getByRole('button', { name: '取消后续活动' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('自此日期起取消').waitFor();
    await expectAxeClean(admin, true);
    await dialog.getByRole('button', { name: '取消后续活动' }).click();
    await admin.getByText(/已取消 \d+ 次活动/).waitFor();
    await settled(admin);
    await expect.poll(() => admin.locator('.ant-table-tbody').getByText('已取消').count()).toBeGreaterThanOrEqual(5);

    await phone.goto(`/activities/series/${s.id}`);
    await phone.getByRole('heading', { level: 2, name: '各次活动' }).waitFor();
    await expectAxeClean(phone);
    await shot(phone, 'activity-views-series-phone');
  });

  it('the kinds page adds, moves up and deactivates a kind', async () => {
    const name = `视图测试类型${tag}`;
    await admin.goto('/activities/kinds');
    await admin.getByRole('cell', { name: '培训学习', exact: true }).first().waitFor();
    await admin.getByRole('button', { name: /新增活动类型/ }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('类型名称').fill(name);
    // Typed and chosen with Enter: a clicked option can land while the list is still opening.
    await dialog.getByLabel('统计归类').fill('调研');
    await admin.keyboard.press('Enter');
    await expect.poll(() => admin.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const row = admin.getByRole('row', { name: new RegExp(name) });
    await row.waitFor();
    await settled(admin);
    const orderOf = async () => Number(await row.locator('td').first().textContent());
    const before = await orderOf();
    await admin.getByRole('button', { name: `上移 ${name}` }).click();
    await expect.poll(orderOf).toBe(before - 1);
    await admin.getByRole('button', { name: `停用 ${name}` }).click();
    await row.getByText('已停用').waitFor();
    await expectAxeClean(admin);
    await shot(admin, 'activity-views-kinds-desktop');

    await phone.goto('/activities/kinds');
    await phone.getByText(name).waitFor();
    await expectAxeClean(phone);
    await shot(phone, 'activity-views-kinds-phone');
  });

  it('the statistics page shows totals, the charts with their tables, and the training topics', async () => {
    const year = dayjs().year();
    // The demo data holds last year's and this year's activities; take the year that has some.
    const s = await api<{ totals: { activities: number } }>(admin.request, adminMe, 'GET', `/activities/stats?from=${year}-01-01&to=${year}-12-31`);
    const y = s.totals.activities > 0 ? year : year - 1;
    await admin.goto(`/activities/stats?from=${y}-01-01&to=${y}-12-31`);
    await admin.getByText('参加人次').first().waitFor();
    await admin.getByRole('img', { name: /各月活动次数/ }).waitFor();
    expect(await admin.locator('table caption', { hasText: '各月活动次数（按类型）' }).count()).toBe(1);
    expect(await admin.locator('table caption', { hasText: '各联络站代表出席率' }).count()).toBe(1);
    await admin.getByRole('heading', { name: '培训主题' }).waitFor();
    await expectAxeClean(admin);
    await shot(admin, 'activity-views-stats-desktop');

    await phone.goto(`/activities/stats?from=${y}-01-01&to=${y}-12-31`);
    await phone.getByRole('img', { name: /各月活动次数/ }).waitFor();
    await expectAxeClean(phone);
    await shot(phone, 'activity-views-stats-phone');
  });

  it('the sign-in card shows a QR code; its link signs the deputy in after logging in on the phone', async () => {
    // The deputy's id, from a session of its own: the phone below must start without one.
    const probe = await context(true);
    const probePage = await probe.newPage();
    await loginAs(probePage, 'deputy');
    const deputyId = ((await (await probePage.request.get(`${API}/auth/me`)).json()) as Me).user.deputyId as string;
    await probe.close();
    const deputyCtx = await context(true);
    const deputy = await deputyCtx.newPage();
    try {
      const kinds = (await api<{ items: { id: string }[] }>(admin.request, adminMe, 'GET', '/activity-kinds?active=true')).items;
      const a = await api<{ id: string; signInCode: string }>(admin.request, adminMe, 'POST', '/activities', {
        title: `扫码签到测试${tag}`,
        kindId: kinds[0].id,
        organiserType: 'town',
        startAt: dayjs().add(10, 'minute').format('YYYY-MM-DDTHH:mm:ssZ'),
        endAt: dayjs().add(90, 'minute').format('YYYY-MM-DDTHH:mm:ssZ'),
      });
      await api(admin.request, adminMe, 'POST', `/activities/${a.id}/invitations`, { deputyIds: [deputyId] });

      await admin.goto(`/activities/${a.id}`);
      const qr = admin.getByTestId('sign-in-qr');
      await qr.getByRole('img', { name: /签到二维码/ }).waitFor();
      expect(await qr.locator('svg rect').count()).toBeGreaterThan(50);
      await expectAxeClean(admin);
      await shot(admin, 'activity-views-qr-desktop');
      await qr.getByRole('button', { name: '全屏显示' }).click();
      const big = admin.getByRole('dialog');
      await big.getByRole('img', { name: /签到二维码/ }).waitFor();
      await expectAxeClean(admin, true);
      await shot(admin, 'activity-views-qr-fullscreen');
      await big.getByRole('button', { name: '关闭全屏显示' }).click();
      await settled(admin);

      await phone.goto(`/activities/${a.id}`);
      await phone.getByTestId('sign-in-qr').waitFor();
      await expectAxeClean(phone);
      await shot(phone, 'activity-views-qr-phone');

      // What the phone's camera opens: the link, no session yet -> login -> back with the code -> signed in.
      await deputy.goto(`/my/activities?code=${a.signInCode}`);
      await deputy.waitForURL(/\/login/);
      await deputy.getByLabel(/用户名|手机号/).fill('deputy');
      await deputy.getByLabel('密码').fill(DEMO_PASSWORD);
      await deputy.getByRole('button', { name: /登\s*录/ }).click();
      await deputy.getByText('签到成功').waitFor();
      expect(new URL(deputy.url()).searchParams.get('code')).toBeNull();
      await shot(deputy, 'activity-views-qr-signed-in-phone');
    } finally {
      await deputyCtx.close();
    }
  });
});
