import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launch, loginAs, newContext, shot } from './browser.ts';

/*
 * Regions and the presidium edited in the browser, as the town admin of 青石镇 (demo data): a new
 * village, a next term (第十九届) entered ahead of its start, a constituency of that term covering the
 * new village (and the conflict when a second one claims it); a new presidium member and their 包联
 * deputies, with the conflict when the deputies are still kept by another member. The steps share
 * the one demo server, so they run in order.
 */
let browser: Browser;
const baseUrl = inject('baseUrl');
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const VILLAGE = '白果村';
const NEXT_YEAR = new Date().getFullYear() + 1;
const TERM_START = `${NEXT_YEAR}-01-08`;

type Member = { id: string; deputyId: string; deputyName: string; position: string; liaisonDeputies: { id: string; name: string }[] };
type DeputyRow = { id: string; code: string; name: string };

/** The open dialog with this title (antd keeps closed ones in the DOM while they animate out). */
function dialog(page: Page, title: string | RegExp): Locator {
  return page.getByRole('dialog').filter({ has: page.getByText(title) });
}

async function save(d: Locator): Promise<void> {
  await d.getByRole('button', { name: /保\s*存/ }).click();
}

/** antd's Select keeps its input invisible until opened: open it by its wrapper. */
async function open(combo: Locator): Promise<void> {
  await combo.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]').click();
}

/** antd's Select: open it, type into its search box, then click the option shown. */
async function pick(page: Page, combo: Locator, search: string, option: string | RegExp): Promise<void> {
  await open(combo);
  if (search) await combo.fill(search);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

/** Close an open Select list and wait for it to be gone (its fade-out would cover the dialog). */
async function closeList(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

async function pickDate(input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** Toasts and dialogs fade in and out; axe measures colours mid-fade as failures, so wait them out. */
async function settled(page: Page): Promise<void> {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
  await page.locator('.ant-modal-wrap').first().waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Errors the page logs; the browser's own line for a 409 this test provokes on purpose is expected. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 409/.test(m.text())) errors.push(m.text());
  });
  return errors;
}

describe('regions in the browser', () => {
  it('adds a village, a next term and a constituency of that term with the village', async () => {
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    await loginAs(page, 'admin');
    const errors = watchErrors(page);
    await page.goto('/regions?tab=villages');
    const main = page.locator('#main-content');
    await main.getByText('青石社区').first().waitFor({ timeout: 15_000 });

    // 村(社区): the next code is offered: one past the highest V-number in the town. Other browser files share
    // this server and may have added villages, so the expectation is computed from the data, not assumed.
    const villages = (await (await page.request.get('/api/v1/villages?pageSize=200')).json()).items as { code: string }[];
    const highest = Math.max(...villages.map((v) => Number(/^V(\d+)$/.exec(v.code)?.[1] ?? 0)));
    const code = (n: number) => `V${String(n).padStart(2, '0')}`;
    const first = code(highest + 1);
    await main.getByRole('button', { name: /新增村（社区）/ }).click();
    let d = dialog(page, '新增村（社区）');
    await expect.poll(() => d.getByLabel('编码').inputValue()).toBe(first);
    await d.getByLabel('名称').fill(VILLAGE);
    await d.getByRole('radio', { name: '村', exact: true }).check();
    await save(d);
    await main.getByRole('cell', { name: VILLAGE, exact: true }).waitFor({ timeout: 15_000 });

    // A second village with the same code: the server's 409 lands on the code field.
    await main.getByRole('button', { name: /新增村（社区）/ }).click();
    d = dialog(page, '新增村（社区）');
    await expect.poll(() => d.getByLabel('编码').inputValue()).toBe(code(highest + 2));
    await d.getByLabel('编码').fill(first);
    await d.getByLabel('名称').fill('重复编码村');
    await save(d);
    await d
      .getByText(/已存在/)
      .first()
      .waitFor({ timeout: 15_000 });
    await d.getByRole('button', { name: /取\s*消/ }).click();

    // 届次: 第十九届, entered ahead of its start, so not current yet.
    await page.getByRole('tab', { name: '届次' }).click();
    await main.getByRole('button', { name: /新增届次/ }).click();
    d = dialog(page, '新增届次');
    await expect.poll(() => d.getByLabel('届数').inputValue()).toBe('19');
    await d.getByText('将显示为：第十九届').waitFor();
    await pickDate(d.getByLabel('开始日期'), TERM_START);
    await save(d);
    const termRow = main.getByRole('row').filter({ hasText: '第十九届' });
    await termRow.waitFor({ timeout: 15_000 });
    await expect.poll(() => termRow.textContent()).toContain('未开始');
    await expect.poll(() => main.getByRole('row').filter({ hasText: '第十八届' }).textContent()).toContain('本届');
    await settled(page);
    await shot(page, 'regions-terms-desktop');
    expect(await axeViolations(page)).toEqual([]);

    // 选区 of 第十九届 with the new village.
    await page.getByRole('tab', { name: '选区' }).click();
    await pick(page, main.getByRole('combobox', { name: '届次' }), '', /第十九届/);
    await main.locator('.ant-table-placeholder').waitFor({ timeout: 15_000 });
    await main.getByRole('button', { name: /新增选区/ }).click();
    d = dialog(page, '新增选区');
    await d.getByText('所属届次：第十九届').waitFor();
    await expect.poll(() => d.getByLabel('编码').inputValue()).toBe('C01');
    await d.getByLabel('名称').fill('第一选区（白果村）');
    await d.getByLabel('名额').fill('5');
    await pick(page, d.getByRole('combobox', { name: '包含村（社区）' }), '白果', VILLAGE);
    await closeList(page);
    await save(d);
    const row = main.getByRole('row').filter({ hasText: '第一选区（白果村）' });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain(VILLAGE);

    // A second constituency of the term claiming the same village: the list says who holds it, and the 409 is shown.
    await main.getByRole('button', { name: /新增选区/ }).click();
    d = dialog(page, '新增选区');
    await expect.poll(() => d.getByLabel('编码').inputValue()).toBe('C02');
    await d.getByLabel('名称').fill('第二选区');
    await d.getByLabel('名额').fill('3');
    const combo = d.getByRole('combobox', { name: '包含村（社区）' });
    await open(combo);
    await combo.fill('白果');
    await page.locator('.ant-select-dropdown:visible').getByText('已属于 第一选区（白果村）').waitFor();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: VILLAGE }).first().click();
    await closeList(page);
    await save(d);
    await d.getByText(/白果村 已属于本届的 第一选区（白果村）/).waitFor({ timeout: 15_000 });
    await shot(page, 'regions-constituency-conflict');
    await d.getByRole('button', { name: /取\s*消/ }).click();
    await settled(page);
    await shot(page, 'regions-constituencies-desktop');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('a county admin adds a town and edits its population; a town admin only reads towns', async () => {
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    await loginAs(page, 'county');
    const errors = watchErrors(page);
    await page.goto('/regions?tab=towns');
    const main = page.locator('#main-content');
    await main.getByRole('cell', { name: '青石镇', exact: true }).waitFor({ timeout: 15_000 });
    await main.getByRole('button', { name: /新增乡镇/ }).click();
    let d = dialog(page, '新增乡镇');
    await d.getByLabel('编码').fill('DEMO09');
    await d.getByLabel('名称').fill('银杏乡');
    await d.getByLabel('人口').fill('12000');
    await save(d);
    const row = main.getByRole('row').filter({ hasText: '银杏乡' });
    await row.waitFor({ timeout: 15_000 });
    await row.getByRole('button', { name: '编辑 银杏乡' }).click();
    d = dialog(page, '编辑乡镇：银杏乡');
    await expect.poll(() => d.getByLabel('编码').isDisabled()).toBe(true);
    await d.getByLabel('人口').fill('12500');
    await save(d);
    await expect.poll(() => row.textContent()).toContain('12,500');
    await settled(page);
    await shot(page, 'regions-towns-county-desktop');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();

    const ctx2 = await newContext(browser, baseUrl);
    const page2 = await ctx2.newPage();
    await loginAs(page2, 'admin');
    await page2.goto('/regions?tab=towns');
    const main2 = page2.locator('#main-content');
    await main2.getByText('乡镇由县级管理员新增和修改').waitFor({ timeout: 15_000 });
    expect(await main2.getByRole('button', { name: /新增乡镇|编\s*辑/ }).count()).toBe(0);
    await ctx2.close();
  });

  it('on a 375-px phone the regions tabs are cards without sideways scrolling', async () => {
    const ctx = await newContext(browser, baseUrl, true);
    const page = await ctx.newPage();
    await loginAs(page, 'admin');
    const main = page.locator('#main-content');
    for (const [tab, text] of [
      ['villages', VILLAGE],
      ['terms', '第十九届'],
      ['constituencies', '第一选区（青石社区）'],
      ['towns', '青石镇'],
    ] as const) {
      await page.goto(`/regions?tab=${tab}`);
      await main.getByText(text).first().waitFor({ timeout: 15_000 });
      await shot(page, `regions-${tab}-phone`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      expect(await axeViolations(page)).toEqual([]);
    }
    await ctx.close();
  });
});

describe('presidium in the browser', () => {
  it('adds a member and gives them two liaison deputies, showing the conflict while another member keeps them', async () => {
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    await loginAs(page, 'admin');
    const errors = watchErrors(page);

    // Who is who in the demo: every serving deputy off the presidium is kept by one member.
    const presidium = (await (await page.request.get('/api/v1/presidium')).json()) as { termId: string; members: Member[] };
    const deputies = (await (await page.request.get(`/api/v1/deputies?termId=${presidium.termId}&status=serving&pageSize=200`)).json()).items as DeputyRow[];
    const onPresidium = new Set(presidium.members.map((m) => m.deputyId));
    const holder = presidium.members.find((m) => m.position === 'member' && m.liaisonDeputies.length >= 3) as Member;
    const [y, z] = holder.liaisonDeputies.map((l) => deputies.find((d) => d.id === l.id) as DeputyRow);
    const x = deputies.find((d) => !onPresidium.has(d.id) && d.id !== y.id && d.id !== z.id) as DeputyRow;
    expect(holder && x && y && z).toBeTruthy();

    await page.goto('/presidium');
    const main = page.locator('#main-content');
    await main.getByText('副主席').first().waitFor({ timeout: 15_000 });

    // Add X as a member (成员).
    await main.getByRole('button', { name: /添加成员/ }).click();
    let d = dialog(page, '添加主席团成员');
    await pick(page, d.getByRole('combobox', { name: '代表' }), x.code, x.name);
    await d.getByRole('radio', { name: '成员' }).check();
    await save(d);
    const xRow = main.getByRole('row').filter({ has: page.getByRole('link', { name: x.name, exact: true }) });
    await xRow.waitFor({ timeout: 30_000 });
    expect(await xRow.textContent()).toContain('成员');

    // Give X the two deputies the holder keeps: the server refuses, and the dialog says why.
    await xRow.getByRole('button', { name: `包联代表 ${x.name}` }).click();
    d = dialog(page, `包联代表：${x.name}`);
    const combo = d.getByRole('combobox', { name: '联系代表' });
    await open(combo);
    await combo.fill(y.code);
    await page.locator('.ant-select-dropdown:visible').getByText(`已由 ${holder.deputyName} 联系`).first().waitFor();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: y.name }).first().click();
    await pick(page, combo, z.code, z.name);
    await closeList(page);
    await save(d);
    const alert = d.getByRole('alert').filter({ hasText: '未保存：有代表已由其他主席团成员联系' });
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain(holder.deputyName);
    await shot(page, 'presidium-liaison-conflict');
    expect(await axeViolations(page)).toEqual([]);
    await d.getByRole('button', { name: /取\s*消/ }).click();
    await d.waitFor({ state: 'detached' });

    // Take Y and Z off the holder's list first…
    const holderRow = main.getByRole('row').filter({ has: page.getByRole('link', { name: holder.deputyName, exact: true }) });
    await holderRow.getByRole('button', { name: `包联代表 ${holder.deputyName}` }).click();
    d = dialog(page, `包联代表：${holder.deputyName}`);
    for (const who of [y, z]) {
      await d.locator('.ant-select-selection-item', { hasText: who.name }).locator('.ant-select-selection-item-remove').click();
    }
    await save(d);
    await d.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => holderRow.textContent()).not.toContain(y.name);

    // …then X keeps them.
    await xRow.getByRole('button', { name: `包联代表 ${x.name}` }).click();
    d = dialog(page, `包联代表：${x.name}`);
    const combo2 = d.getByRole('combobox', { name: '联系代表' });
    await pick(page, combo2, y.code, y.name);
    await pick(page, combo2, z.code, z.name);
    await closeList(page);
    await save(d);
    await d.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => xRow.textContent()).toContain('2 人');
    const text = await xRow.textContent();
    expect(text).toContain(y.name);
    expect(text).toContain(z.name);

    // The server agrees.
    const after = (await (await page.request.get('/api/v1/presidium')).json()) as { members: Member[] };
    const xm = after.members.find((m) => m.deputyId === x.id) as Member;
    expect(xm.position).toBe('member');
    expect(xm.liaisonDeputies.map((l) => l.id).sort()).toEqual([y.id, z.id].sort());
    expect(after.members.find((m) => m.id === holder.id)?.liaisonDeputies.some((l) => l.id === y.id || l.id === z.id)).toBe(false);

    await settled(page);
    await shot(page, 'presidium-desktop');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('on a 375-px phone the presidium shows as cards', async () => {
    const ctx = await newContext(browser, baseUrl, true);
    const page = await ctx.newPage();
    await loginAs(page, 'admin');
    await page.goto('/presidium');
    const main = page.locator('#main-content');
    await main.getByText('副主席').first().waitFor({ timeout: 15_000 });
    expect(await main.locator('table').count()).toBe(0);
    await main
      .getByRole('button', { name: /^包联代表 / })
      .first()
      .waitFor();
    await shot(page, 'presidium-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await axeViolations(page)).toEqual([]);
    await ctx.close();
  });

  it('a deputy reads the presidium without edit buttons', async () => {
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    await loginAs(page, 'deputy');
    await page.goto('/presidium');
    const main = page.locator('#main-content');
    await main.getByText('副主席').first().waitFor({ timeout: 15_000 });
    expect(await main.getByRole('button', { name: /添加成员|包联代表|编\s*辑/ }).count()).toBe(0);
    await ctx.close();
  });
});
