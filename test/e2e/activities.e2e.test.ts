import dayjs from 'dayjs';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, axeViolations, launch, loginAs, newContext, shot } from './browser.ts';

/*
 * The issue's flow on the real server with the demo data: the liaison of 青石镇's 工作室 sets up a
 * recurring fixed activity day and today's activity, invites the station's deputies; on a phone one
 * deputy (周红静, the demo `deputy`) asks for leave and another (an account made here) signs in with
 * the code; the liaison approves the leave; both duty records and the station's monthly board show it.
 */
let browser: Browser;
const baseUrl = inject('baseUrl');
const API = '/api/v1';
const SECOND_PASSWORD = 'Qingshi#2026dep';

type Me = { user: { stationId: string | null; deputyId: string | null }; csrfToken: string };

async function apiLogin(req: APIRequestContext, username: string, password = DEMO_PASSWORD): Promise<Me> {
  const res = await req.post(`${API}/auth/login`, { data: { username, password } });
  expect(res.status()).toBe(200);
  return res.json();
}

async function api<T>(req: APIRequestContext, me: Me, method: 'POST' | 'PATCH' | 'GET', path: string, data?: unknown): Promise<T> {
  const res = await req.fetch(`${API}${path}`, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.json();
}

async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('dialog').getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-item-option', { hasText: option }).first().click();
}

/** No drawer or dialog still open or fading out (axe would judge half-transparent text). */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole('dialog').count(), { timeout: 10_000 }).toBe(0);
}

async function expectAxeClean(page: Page): Promise<void> {
  await settled(page);
  expect(await axeViolations(page)).toEqual([]);
}

let liaisonCtx: BrowserContext;
let liaison: Page;
let liaisonMe: Me;
let stationId: string;
let activityId: string;
let code: string;
let secondDeputyName: string;

beforeAll(async () => {
  browser = await launch();
  liaisonCtx = await newContext(browser, baseUrl);
  liaison = await liaisonCtx.newPage();
  await loginAs(liaison, 'liaison');
  liaisonMe = await (await liaison.request.get(`${API}/auth/me`)).json();
  stationId = liaisonMe.user.stationId ?? '';
  expect(stationId).not.toBe('');
});
afterAll(async () => {
  await liaisonCtx?.close();
  await browser?.close();
});

describe('activities, leave, sign-in and the duty record in the browser', () => {
  it('the liaison creates a recurring fixed activity day for the station and sees it on the calendar', async () => {
    const page = liaison;
    await page.goto('/activities');
    await page.getByRole('button', { name: /新增活动/ }).click();
    await page.getByText('周期性活动').click();
    await page.getByLabel('活动名称').fill('工作室固定活动日');
    await pick(page, '活动类型', '固定活动日');
    // A liaison's activities are the station's own: the organiser is filled in and fixed.
    const from = dayjs().startOf('month');
    const until = from.add(5, 'month').endOf('month');
    const range = page.getByLabel('起止日期');
    await range.click();
    await range.fill(from.format('YYYY-MM-DD'));
    await page.keyboard.press('Enter');
    const end = page.locator('.ant-picker-range input').nth(1);
    await end.fill(until.format('YYYY-MM-DD'));
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').getByLabel('地点').fill('青石镇人大代表联系群众工作室');
    await expect.poll(() => page.locator('.ant-picker-dropdown:visible').count()).toBe(0);
    await shot(page, 'activity-series-form');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    // Generating half a year of occurrences with their invitations is one write; give it time on a loaded CI machine.
    await page.getByText(/已生成 \d+ 次活动/).waitFor({ timeout: 40_000 });
    await page
      .getByRole('link', { name: /工作室固定活动日/ })
      .first()
      .waitFor({ timeout: 15_000 });
    await settled(page);
    await shot(page, 'activity-calendar-desktop');
    await expectAxeClean(page);

    // One day of the series changed on its own: the others stay as the rule made them.
    await page.getByRole('link', { name: /工作室固定活动日/ }).first().click();
    await page.getByRole('heading', { name: '工作室固定活动日' }).waitFor();
    // The page's own 编辑 (the outcomes panel has a small one of its own).
    await page.getByRole('button', { name: /编\s*辑/ }).first().click();
    await page.getByRole('dialog').getByLabel('地点').fill('青石社区文化礼堂');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已单独调整').waitFor({ timeout: 15_000 });
    // The series invited the station's deputies to each of its days.
    await page.getByRole('heading', { name: /受邀代表（[1-9]\d*）/ }).waitFor();
    await page.getByText('青石社区文化礼堂').waitFor();
    await settled(page);
    await shot(page, 'activity-occurrence-edited');
    await expectAxeClean(page);
  });

  it("invites the station's deputies to today's activity and shows the sign-in code", async () => {
    // Today's meeting, open for sign-in now (the series' days may all lie ahead).
    const kinds = await api<{ items: { id: string; name: string }[] }>(liaison.request, liaisonMe, 'GET', '/activity-kinds?pageSize=100');
    const kindId = kinds.items.find((k) => k.name === '固定活动日')?.id;
    const start = dayjs().subtract(5, 'minute');
    const created = await api<{ id: string }>(liaison.request, liaisonMe, 'POST', '/activities', {
      title: '本月固定活动日（今天）',
      kindId,
      organiserType: 'station',
      organiserId: stationId,
      startAt: start.format('YYYY-MM-DDTHH:mm:ssZ'),
      endAt: start.add(2, 'hour').format('YYYY-MM-DDTHH:mm:ssZ'),
      place: '工作室会议室',
    });
    activityId = created.id;

    const page = liaison;
    await page.goto(`/activities/${activityId}`);
    await page.getByRole('heading', { name: '本月固定活动日（今天）' }).waitFor();
    // The organising station is preselected in the invitation form.
    await page.getByRole('button', { name: /发送邀请/ }).click();
    await page.getByText(/已邀请 \d+ 人/).waitFor({ timeout: 15_000 });
    await page.getByRole('row').filter({ hasText: '周红静' }).waitFor();
    code = ((await page.getByTestId('sign-in-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^\d{6}$/);
    await expect.poll(() => page.getByText(`签到码：${code.split('').join(' ')}`).count()).toBe(1);
    await shot(page, 'activity-detail-invited');
    await expectAxeClean(page);
  });

  it('on a phone, 周红静 asks for leave', async () => {
    const ctx = await newContext(browser, baseUrl, true);
    const page = await ctx.newPage();
    await loginAs(page, 'deputy');
    await page.goto('/my/activities');
    await page.getByRole('heading', { name: '本月固定活动日（今天）' }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: '请假：本月固定活动日（今天）' }).click();
    await page.getByLabel('请假理由').fill('村里有防汛值班，无法参加');
    await page.getByRole('button', { name: /提交请假/ }).click();
    await page.getByText('请假待批').first().waitFor({ timeout: 15_000 });
    await settled(page);
    await shot(page, 'my-activities-leave-phone');
    await expectAxeClean(page);
    await ctx.close();
  });

  it('on a phone, a second deputy of the station signs in with the code', async () => {
    // A second deputy account: made by the admin, first password changed by its owner.
    const adminCtx = await newContext(browser, baseUrl);
    const adminMe = await apiLogin(adminCtx.request, 'admin');
    const station = await api<{ deputies: { id: string; code: string; name: string; status: string }[] }>(
      adminCtx.request,
      adminMe,
      'GET',
      `/stations/${stationId}`,
    );
    const other = station.deputies.find((d) => d.code !== 'D035' && d.status === 'serving');
    expect(other).toBeDefined();
    secondDeputyName = other?.name ?? '';
    await api(adminCtx.request, adminMe, 'POST', '/users', {
      username: 'deputy_e2e',
      displayName: secondDeputyName,
      role: 'deputy',
      deputyId: other?.id,
      password: DEMO_PASSWORD,
    });
    await adminCtx.close();

    const ctx = await newContext(browser, baseUrl, true);
    const page = await ctx.newPage();
    const me = await apiLogin(page.request, 'deputy_e2e');
    await api(page.request, me, 'POST', '/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: SECOND_PASSWORD });
    await ctx.clearCookies();
    await loginAs(page, 'deputy_e2e', SECOND_PASSWORD);
    await page.goto('/my/activities');
    await page.getByRole('heading', { name: '本月固定活动日（今天）' }).waitFor({ timeout: 15_000 });
    const box = page.getByLabel('6 位签到码');
    const signInButton = page.locator('form button[type=submit]');
    expect(await box.getAttribute('inputmode')).toBe('numeric');
    await box.fill('000000');
    await signInButton.click();
    await page.getByText('签到未成功').waitFor({ timeout: 15_000 });
    await box.fill(code);
    await signInButton.click();
    await page.getByText('签到成功').waitFor({ timeout: 15_000 });
    await page
      .getByText(/已签到$/)
      .first()
      .waitFor();
    await shot(page, 'my-activities-signed-in-phone');
    await expectAxeClean(page);
    await ctx.close();
  });

  // Two phones and axe over a whole year's duty record (the demo's) and the station's board: more than the default minute on a busy machine.
  it('the liaison approves the leave; once the activity is over both duty records and the monthly board show it', async () => {
    const page = liaison;
    await page.goto(`/activities/${activityId}`);
    const row = page.getByRole('row').filter({ hasText: '周红静' });
    await row.getByRole('button', { name: /^批\s*准$/ }).click();
    await page.getByRole('dialog').getByLabel('审批意见').fill('同意');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await row.getByText('请假已批准').waitFor({ timeout: 15_000 });
    await page
      .getByRole('row')
      .filter({ hasText: secondDeputyName })
      .getByText(/\d\d-\d\d \d\d:\d\d/)
      .waitFor();
    await settled(page);
    await shot(page, 'activity-detail-leave-approved');

    // The demo data has its own activities this month: the board is checked against its counts before the meeting closes.
    type BoardRow = { name: string; present: number; onLeave: number; pending: number };
    const month = dayjs().format('YYYY-MM');
    const boardRows = async () => (await api<{ rows: BoardRow[] }>(page.request, liaisonMe, 'GET', `/stations/${stationId}/board?month=${month}`)).rows;
    const rowOf = (rows: BoardRow[], name: string) => rows.find((r) => r.name === name) as BoardRow;
    const before = await boardRows();

    // The meeting closes now: its end moves to this minute, and the final statuses are decided.
    const a = await api<{ version: number }>(page.request, liaisonMe, 'GET', `/activities/${activityId}`);
    await api(page.request, liaisonMe, 'PATCH', `/activities/${activityId}`, { endAt: dayjs().format('YYYY-MM-DDTHH:mm:ssZ'), version: a.version });
    await page.reload();
    await page.getByText('出席率').first().waitFor({ timeout: 15_000 });
    // The last column is the final status.
    const finalOf = (name: string) => page.getByRole('row').filter({ hasText: name }).getByRole('cell').last().textContent();
    await expect.poll(() => finalOf('周红静'), { timeout: 15_000 }).toBe('请假');
    await expect.poll(() => finalOf(secondDeputyName)).toBe('出席');
    await shot(page, 'activity-detail-final');
    await expectAxeClean(page);

    await page.goto(`/stations/${stationId}/board`);
    const boardRow = (name: string) => page.getByRole('row').filter({ hasText: name });
    await boardRow('周红静').waitFor({ timeout: 15_000 });
    // Columns: rank, deputy, invited, present, late, on leave, absent, pending, trainings, rate.
    const cells = async (name: string) => (await boardRow(name).first().getByRole('cell').allInnerTexts()).map((s) => s.trim());
    // Today's meeting moved from pending to on leave (周红静) and to present (the second deputy); the UI shows the board's counts.
    const after = await boardRows();
    expect(rowOf(after, '周红静').onLeave).toBe(rowOf(before, '周红静').onLeave + 1);
    expect(rowOf(after, '周红静').pending).toBe(rowOf(before, '周红静').pending - 1);
    expect(rowOf(after, secondDeputyName).present).toBe(rowOf(before, secondDeputyName).present + 1);
    const zhou = await cells('周红静');
    expect(zhou[5]).toBe(String(rowOf(after, '周红静').onLeave));
    const second = await cells(secondDeputyName);
    expect(second[3]).toBe(String(rowOf(after, secondDeputyName).present));
    // The series' earlier days this month (also invited) count too, so the rate is not checked here.
    expect(second[9]).toMatch(/%$/);
    await shot(page, 'station-board-desktop');
    await expectAxeClean(page);

    for (const [username, password, status] of [
      ['deputy', DEMO_PASSWORD, '请假'],
      ['deputy_e2e', SECOND_PASSWORD, '出席'],
    ] as const) {
      const ctx = await newContext(browser, baseUrl, true);
      const phone = await ctx.newPage();
      await loginAs(phone, username, password);
      await phone.goto('/my/duty-record');
      const entry = phone.getByRole('row').filter({ hasText: '本月固定活动日（今天）' });
      await entry.getByText(status, { exact: true }).waitFor({ timeout: 15_000 });
      await phone.getByRole('button', { name: /打\s*印/ }).waitFor();
      await shot(phone, `duty-record-${username}-phone`);
      await expectAxeClean(phone);
      await ctx.close();
    }
  }, 120_000);

  for (const phone of [false, true]) {
    it(`the admin's activity pages on a ${phone ? '375-px phone' : 'desktop'}: no errors, no overflow, axe-clean`, async () => {
      const ctx = await newContext(browser, baseUrl, phone);
      const page = await ctx.newPage();
      await loginAs(page, 'admin');
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      for (const [path, shows, name] of [
        ['/activities', /工作室固定活动日|本月固定活动日/, 'activities'],
        ['/activities/leave-requests', /请假审批/, 'leave-requests'],
        ['/activities/board', /月晒/, 'board'],
      ] as const) {
        await page.goto(path);
        await page.locator('#main-content').getByText(shows).first().waitFor({ timeout: 15_000 });
        await shot(page, `${name}-admin-${phone ? 'phone' : 'desktop'}`);
        if (phone) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
        await expectAxeClean(page);
      }
      expect(errors).toEqual([]);
      await ctx.close();
    });
  }
});
