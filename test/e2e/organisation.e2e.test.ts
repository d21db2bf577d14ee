import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launch, loginAs, newContext, shot } from './browser.ts';

/*
 * Stations and deputy groups edited in the browser by a town admin on the demo data (青石镇, one
 * station covering all twelve villages): a new station with a reception-day rule, villages (with the
 * one-station-per-village conflict shown and resolved), deputies, a stale edit refused; a new group with
 * three members and a leader, renamed; and the pages on a 375-px phone. Screenshots: test-results/screenshots/.
 */
let browser: Browser;
const baseUrl = inject('baseUrl');
const DEMO_STATION = '青石镇人大代表联系群众工作室';
const STATION = '测试村联络站';
const GROUP = '测试代表小组';

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

type DeputyRow = { id: string; name: string; status: string; stationId: string | null };

async function csrf(page: Page): Promise<Record<string, string>> {
  const me = await (await page.request.get('/api/v1/auth/me')).json();
  return { 'x-csrf-token': me.csrfToken };
}

/** Serving deputies with a name no other deputy shares (a search for it then finds one), leaving out 唐明辉 whom other flows look for on the demo station. */
async function someDeputies(page: Page, n: number): Promise<DeputyRow[]> {
  const items: DeputyRow[] = (await (await page.request.get('/api/v1/deputies?pageSize=200&sort=code')).json()).items;
  const count = new Map<string, number>();
  for (const d of items) count.set(d.name, (count.get(d.name) ?? 0) + 1);
  return items.filter((d) => d.status === 'serving' && d.name !== '唐明辉' && count.get(d.name) === 1 && d.name.length >= 2).slice(0, n);
}

/** antd's Select keeps its search input hidden until opened: open it by its visible wrapper, type, choose. */
async function pick(page: Page, scope: Locator, name: string, search: string, option: string | RegExp = search): Promise<void> {
  const box = scope.getByRole('combobox', { name, exact: true });
  // A multiple select stays open after a choice; clicking it again would close it.
  if ((await box.getAttribute('aria-expanded')) !== 'true')
    await scope
      .locator('.ant-select', { has: page.getByRole('combobox', { name, exact: true }) })
      .first()
      .click();
  if (search) {
    await box.pressSequentially(search);
    // Under load a keystroke can land while the select re-renders after the previous choice and be
    // lost; set the whole search text again when what is typed is not what was meant.
    if ((await box.inputValue()) !== search) await box.fill(search);
    await expect.poll(() => box.inputValue(), { timeout: 10_000 }).toBe(search);
  }
  // Several dropdowns may be in the page (closed ones stay, fading out): take the one this box controls.
  const list = await box.getAttribute('aria-controls');
  const popup = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${list}"]`) });
  await popup.locator('.ant-select-item-option', { hasText: option }).first().click({ timeout: 20_000 });
}

/** Drawers and dialogs slide and fade in: screenshots and contrast checks wait until nothing moves. */
async function settle(page: Page): Promise<void> {
  // Endless ones (a spinner, a caret) never settle and do not move the layout.
  const moving = () =>
    page.evaluate(
      () => document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY).length,
    );
  await expect.poll(moving, { timeout: 10_000 }).toBe(0);
}

async function still(page: Page, name: string): Promise<void> {
  await settle(page);
  await shot(page, name);
}

/**
 * axe on a settled page: a dropdown that is still fading out has antd's own unnamed listbox in it
 * (a known antd gap, not a page's), so wait until none is showing.
 */
async function axeClean(page: Page): Promise<void> {
  await settle(page);
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count(), { timeout: 10_000 }).toBe(0);
  expect(await axeViolations(page)).toEqual([]);
}

/** Close an open multiple select by clicking the dialog's title (Escape would close the dialog too). */
async function closeDropdown(page: Page, dialog: Locator): Promise<void> {
  await dialog.locator('.ant-modal-title, .ant-drawer-title').first().click();
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count(), { timeout: 10_000 }).toBe(0);
}

const okMessage = (page: Page, text: RegExp) => page.locator('.ant-message').getByText(text).first().waitFor({ timeout: 15_000 });

describe('stations', () => {
  // A long flow (about 15 server round trips through drawers and modals): 43 s alone on the 2-core machine,
  // 59 s in a CI run beside other browser tests, past the default 60 s; hence its own limit.
  it('creates a station with a schedule, gives it villages (resolving a conflict) and deputies, and refuses a stale edit', async () => {
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    await loginAs(page, 'admin');
    const headers = await csrf(page);
    // A new village, so one village can be given without taking it from anyone.
    const village = await page.request.post('/api/v1/villages', { headers, data: { code: 'V90', name: '试验新村', kind: 'village' } });
    expect(village.status()).toBe(201);
    const [d1, d2] = await someDeputies(page, 2);

    await page.goto('/stations');
    await page.getByRole('button', { name: '新增联络站' }).click();
    let drawer = page.getByRole('dialog', { name: '新增联络站' });
    await drawer.getByLabel('名称').fill(STATION);
    await drawer.getByLabel('地址').fill('青石镇试验路 1 号');
    await drawer.getByLabel('电话').fill('0731-12345678');
    await pick(page, drawer, '站长', d1.name);
    // Saving a half-made rule is stopped in the form.
    await drawer.getByText('每月固定日').click();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.getByText('请至少选择一个日期').waitFor();
    await drawer.getByText('每月第一个周末', { exact: true }).first().click();
    await drawer.getByText('规则说明：').waitFor();
    await drawer.getByText('请至少选择一个日期').waitFor({ state: 'hidden' });
    await expect.poll(() => drawer.locator('[aria-live="polite"]').textContent()).toMatch(/每月第一个周末[\s\S]*近期接待日：\d{4}-\d{2}-\d{2}/);
    await still(page, 'station-form-desktop');
    await axeClean(page);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/stations\/[0-9A-Z]{26}$/);
    const stationUrl = page.url();
    await page.getByRole('heading', { level: 1, name: STATION }).waitFor();
    await page.getByText('每月第一个周末').first().waitFor();
    const days = page.getByRole('list', { name: '近期接待日' }).getByRole('listitem');
    await expect.poll(() => days.count()).toBe(5);
    // Every date shown is a Saturday or a Sunday.
    for (const d of await days.allTextContents()) expect([0, 6]).toContain(new Date(`${d.trim()}T00:00:00Z`).getUTCDay());

    // Two villages: the new one and 桃花村, which the demo station covers -> the clear conflict.
    await page.getByRole('button', { name: '编辑覆盖村' }).click();
    let modal = page.getByRole('dialog', { name: `覆盖村（社区）：${STATION}` });
    await pick(page, modal, '覆盖村（社区）', '试验新村');
    await pick(page, modal, '覆盖村（社区）', '桃花', /桃花村/);
    // The choices already say who covers 桃花村.
    await page.locator('.ant-select-dropdown:visible').getByText(`现由 ${DEMO_STATION} 覆盖`).first().waitFor();
    await closeDropdown(page, modal);
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    const alert = modal.getByRole('alert').filter({ hasText: '有村（社区）已由其他联络站覆盖' });
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain(`桃花村 已由 ${DEMO_STATION} 覆盖`);
    await modal.getByText('请先在原联络站的“编辑覆盖村”中移除该村（社区），再分配给本站').waitFor();
    await still(page, 'station-villages-conflict');
    await axeClean(page);
    await modal.getByRole('button', { name: /取\s*消/ }).click();

    // Take 桃花村 from the demo station in its own editor.
    await page.goto('/stations');
    await page.getByRole('link', { name: DEMO_STATION }).first().click();
    await page.getByRole('button', { name: '编辑覆盖村' }).click();
    modal = page.getByRole('dialog', { name: `覆盖村（社区）：${DEMO_STATION}` });
    await modal.locator('.ant-select-selection-item', { hasText: '桃花村' }).waitFor();
    await modal.locator('.ant-select-selection-item', { hasText: '桃花村' }).locator('.ant-select-selection-item-remove').click();
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await okMessage(page, /已保存/);
    await modal.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByRole('list', { name: '覆盖村（社区）' }).textContent()).not.toContain('桃花村');

    // Now both villages go to the new station.
    await page.goto(stationUrl);
    await page.getByRole('button', { name: '编辑覆盖村' }).click();
    modal = page.getByRole('dialog', { name: `覆盖村（社区）：${STATION}` });
    await pick(page, modal, '覆盖村（社区）', '试验新村');
    await pick(page, modal, '覆盖村（社区）', '桃花', /桃花村/);
    await closeDropdown(page, modal);
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await okMessage(page, /已保存/);
    await modal.waitFor({ state: 'hidden' });
    const villageList = page.getByRole('list', { name: '覆盖村（社区）' });
    await expect.poll(() => villageList.textContent()).toMatch(/试验新村[\s\S]*桃花村|桃花村[\s\S]*试验新村/);

    // Two deputies, found by searching their names.
    await page.getByRole('button', { name: '调整进站代表' }).click();
    modal = page.getByRole('dialog', { name: `进站代表：${STATION}` });
    await pick(page, modal, '添加代表（输入姓名搜索）', d1.name);
    await pick(page, modal, '添加代表（输入姓名搜索）', d2.name);
    await modal.getByText('已选 2 名代表').waitFor();
    await still(page, 'station-deputies-editor');
    await axeClean(page);
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await okMessage(page, /已保存/);
    await modal.waitFor({ state: 'hidden' });
    const deputyList = page.getByRole('list', { name: '进站代表' });
    await deputyList.getByRole('link', { name: d1.name }).waitFor();
    await deputyList.getByRole('link', { name: d2.name }).waitFor();
    await page.getByRole('heading', { name: /进站代表（2）/ }).waitFor();
    await still(page, 'station-detail-new');
    await axeClean(page);

    // Someone else saves meanwhile: the stale edit is refused, the form reloads, and saving again works.
    await page
      .getByRole('button', { name: /编\s*辑/ })
      .first()
      .click();
    drawer = page.getByRole('dialog', { name: `编辑联络站：${STATION}` });
    await drawer.getByLabel('电话').waitFor();
    const stationId = stationUrl.split('/').pop();
    const current = await (await page.request.get(`/api/v1/stations/${stationId}`)).json();
    const other = await page.request.patch(`/api/v1/stations/${stationId}`, { headers, data: { address: '青石镇别处 2 号', version: current.version } });
    expect(other.status()).toBe(200);
    await drawer.getByLabel('电话').fill('0731-87654321');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('该记录已被他人修改，已重新加载最新内容，请核对后再保存').first().waitFor({ timeout: 15_000 });
    await expect.poll(() => drawer.getByLabel('地址').inputValue()).toBe('青石镇别处 2 号');
    // The schedule is edited too: every Wednesday, described live.
    await drawer.getByText('每周', { exact: true }).click();
    await drawer.getByText('星期三').click();
    await expect.poll(() => drawer.locator('[aria-live="polite"]').textContent()).toContain('每周三');
    await drawer.getByLabel('电话').fill('0731-87654321');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await okMessage(page, /已保存/);
    await page.getByText('0731-87654321').first().waitFor();
    await page.getByText('每周三').first().waitFor();
    await ctx.close();
  }, 150_000);
});

describe('deputy groups', () => {
  it('creates a group with three members and a leader, shows them, and renames it', async () => {
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    await loginAs(page, 'admin');
    const [a, b, c] = await someDeputies(page, 3);

    await page.goto('/groups');
    await page.getByRole('button', { name: '新增小组' }).click();
    const drawer = page.getByRole('dialog', { name: '新增代表小组' });
    await drawer.getByLabel('小组名称').fill(GROUP);
    await pick(page, drawer, '所属联络站', '', STATION);
    const add = '添加成员（输入姓名搜索）';
    await pick(page, drawer, add, a.name);
    await pick(page, drawer, add, b.name);
    // Two members and no leader: the form says what is missing before anything is sent.
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.getByText('代表小组至少需要 3 名成员').waitFor();
    await pick(page, drawer, add, c.name);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.getByText('请指定一名组长').waitFor();
    await pick(page, drawer, `${b.name}的职务`, '', /^组长$/);
    await pick(page, drawer, `${c.name}的职务`, '', /^副组长$/);
    await drawer.getByText(`共 3 名成员，组长：${b.name}`).waitFor();
    await still(page, 'group-form-desktop');
    await axeClean(page);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await okMessage(page, /已新增/);

    // The group opens with its members and roles.
    await page.waitForURL(/\?group=[0-9A-Z]{26}$/);
    const detail = page.getByRole('dialog', { name: GROUP });
    const members = detail.getByRole('list', { name: '小组成员' }).getByRole('listitem');
    // Leader first, then the vice-leader, then the member.
    await expect
      .poll(async () => (await members.allTextContents()).map((x) => x.replace(/\s+/g, '')))
      .toEqual([`组长${b.name}`, `副组长${c.name}`, `组员${a.name}`]);
    await detail.getByText(STATION).waitFor();
    await still(page, 'group-detail-desktop');
    await axeClean(page);

    // Rename it.
    await detail.getByRole('button', { name: /编\s*辑/ }).click();
    const form = page.getByRole('dialog', { name: `编辑代表小组：${GROUP}` });
    await form.getByLabel('小组名称').fill(`${GROUP}（改）`);
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await okMessage(page, /已保存/);
    await page.keyboard.press('Escape');
    await page
      .getByRole('row')
      .filter({ hasText: `${GROUP}（改）` })
      .first()
      .waitFor({ timeout: 15_000 });
    const row = page
      .getByRole('row')
      .filter({ hasText: `${GROUP}（改）` })
      .first();
    expect(await row.textContent()).toContain(b.name);
    expect(await row.textContent()).toContain(STATION);
    await still(page, 'groups-desktop-after');
    await ctx.close();
  });
});

describe('on a 375-px phone', () => {
  it('stations and groups are cards, the forms fit, nothing overflows, axe-clean', async () => {
    const ctx = await newContext(browser, baseUrl, true);
    const page = await ctx.newPage();
    await loginAs(page, 'admin');
    const fits = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await page.goto('/stations');
    const cards = page.getByRole('list', { name: '联络站' });
    await cards.getByRole('link', { name: STATION }).waitFor({ timeout: 15_000 });
    expect(await page.locator('#main-content table').count()).toBe(0);
    await fits();
    await still(page, 'stations-cards-phone');
    await axeClean(page);

    await cards.getByRole('link', { name: STATION }).click();
    await page.getByRole('heading', { level: 1, name: STATION }).waitFor({ timeout: 15_000 });
    await page.getByRole('list', { name: '近期接待日' }).waitFor();
    await page.locator('#main-content').getByText('每周三').first().waitFor();
    await fits();
    await still(page, 'station-detail-phone');
    await axeClean(page);
    await page
      .getByRole('button', { name: /编\s*辑/ })
      .first()
      .click();
    await page
      .getByRole('dialog', { name: `编辑联络站：${STATION}` })
      .getByText('规则说明：')
      .waitFor();
    await still(page, 'station-form-phone');
    await axeClean(page);
    await page.keyboard.press('Escape');

    await page.goto('/groups');
    const groups = page.getByRole('list', { name: '代表小组' });
    await groups.getByRole('link', { name: `${GROUP}（改）` }).waitFor({ timeout: 15_000 });
    expect(await page.locator('#main-content table').count()).toBe(0);
    await fits();
    await still(page, 'groups-cards-phone');
    await axeClean(page);
    await groups.getByRole('link', { name: `${GROUP}（改）` }).click();
    await page.getByRole('list', { name: '小组成员' }).waitFor();
    await still(page, 'group-detail-phone');
    await axeClean(page);
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    await page.getByRole('combobox', { name: '添加成员（输入姓名搜索）' }).waitFor();
    await still(page, 'group-form-phone');
    await axeClean(page);
    await ctx.close();
  });
});

describe('read-only roles', () => {
  it('a deputy sees stations and groups without any edit button', async () => {
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    await loginAs(page, 'deputy');
    await page.goto('/stations');
    await page.getByRole('link', { name: DEMO_STATION }).first().waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: '新增联络站' }).count()).toBe(0);
    await page.getByRole('link', { name: DEMO_STATION }).first().click();
    await page.getByRole('heading', { level: 1, name: DEMO_STATION }).waitFor();
    await page.getByRole('list', { name: '近期接待日' }).waitFor();
    expect(
      await page
        .locator('#main-content')
        .getByRole('button', { name: /编\s*辑|编辑覆盖村|调整进站代表/ })
        .count(),
    ).toBe(0);

    await page.goto('/groups');
    await page
      .getByRole('link', { name: /第一代表小组/ })
      .first()
      .click();
    const detail = page.getByRole('dialog', { name: /第一代表小组/ });
    await detail.getByRole('list', { name: '小组成员' }).waitFor({ timeout: 15_000 });
    expect(await detail.getByRole('button', { name: /编\s*辑/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '新增小组' }).count()).toBe(0);
    await axeClean(page);
    await ctx.close();
  });
});
