import dayjs from 'dayjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launch, loginAs, newContext, shot } from './browser.ts';

/*
 * Receptions on the real server with the demo data: the liaison of 青石镇's studio records a reception
 * with two matters (the second not accepted, which needs its reason), finds it in the list, and sees the
 * visitor's phone in full; 周红静, the demo deputy put on duty, reads it with the phone masked, on a phone.
 * The matters carry this run's own words, since other browser files share the server.
 */
let browser: Browser;
let liaison: BrowserContext;
let deputy: BrowserContext;
let l: Page;
let d: Page;
const baseUrl = inject('baseUrl');
const STAMP = dayjs().format('HHmmss');
const VISITOR = `王来访${STAMP}`;
const PHONE = '13912345678';
const FIRST = `村口路灯不亮 ${STAMP}`;
const SECOND = `邻里宅基地纠纷已起诉 ${STAMP}`;
const DEPUTY = '周红静';

/** antd puts a space between two Chinese characters on a button: 保存 reads 保 存. */
const btn = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);
/** The open dropdown of a Select (not one still closing from the previous pick). */
const options = (p: Page) => p.locator('.ant-select-dropdown:visible:not([class*="-leave"]) .ant-select-item-option');

/** Pick an option of an antd Select by its label, then check the select shows it (a click during an animation can miss). */
async function pick(p: Page, label: string, option: string, type?: string) {
  const box = p.getByLabel(label, { exact: true });
  const select = box.locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  for (let attempt = 1; ; attempt++) {
    await box.click();
    if (type) await box.fill(type);
    await options(p).filter({ hasText: option }).first().click();
    await p.keyboard.press('Escape');
    if ((await select.textContent())?.includes(option)) return;
    if (attempt === 3) throw new Error(`${label}: ${option} was not picked`);
  }
}

let receptionUrl = '';
let recordedOn = '';

beforeAll(async () => {
  browser = await launch();
  liaison = await newContext(browser, baseUrl);
  deputy = await newContext(browser, baseUrl, true);
  l = await liaison.newPage();
  d = await deputy.newPage();
  await loginAs(l, 'liaison');
  await loginAs(d, 'deputy');
});
afterAll(async () => {
  await liaison?.close();
  await deputy?.close();
  await browser?.close();
});

describe('receptions', () => {
  it('the liaison records a reception with two matters; a matter not accepted needs its reason', async () => {
    await l.goto('/receptions');
    await l.getByRole('heading', { name: '接待记录', level: 1 }).waitFor();
    await l.getByRole('button', { name: /登记接待/ }).click();
    await l.getByRole('heading', { name: '登记接待', level: 1 }).waitFor();
    // The station is the liaison's own; the date defaults to its latest reception day (9th or 19th, or a moved one).
    await l.getByText('本站接待日：每月9日、19日').waitFor();
    recordedOn = await l.getByLabel('接待日期').inputValue();
    expect(recordedOn <= new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)).toBe(true);

    await pick(l, '值班代表', DEPUTY, DEPUTY);
    await l.getByRole('button', { name: /添加事项/ }).click();
    await l.getByLabel('事项 1 来访人姓名').fill(VISITOR);
    await l.getByLabel('事项 1 联系电话').fill(PHONE);
    await pick(l, '事项 1 村(社区)', '枫林村', '枫林');
    await pick(l, '事项 1 类别', '交通');
    await l.getByLabel('事项 1 反映内容').fill(FIRST);
    await pick(l, '事项 1 去向', '当场答复');
    await l.getByLabel('事项 1 去向说明').fill('已联系电工当天维修');

    await l.getByRole('button', { name: /添加事项/ }).click();
    await l.getByLabel('事项 2 人数').fill('2');
    await pick(l, '事项 2 类别', '国土');
    await l.getByLabel('事项 2 反映内容').fill(SECOND);
    await pick(l, '事项 2 去向', '不予受理');
    await l.getByRole('button', { name: btn('保存') }).click();
    await l.getByText('不予受理的事项须填写理由').waitFor();
    await shot(l, 'receptions-form-desktop');
    await l.getByLabel('事项 2 不予受理理由').fill('已进入诉讼程序，告知通过司法途径解决');
    await l.getByRole('button', { name: btn('保存') }).click();

    // The new reception opens: both matters, the phone in full for the station's liaison.
    await l.waitForURL(/\/receptions\/[0-9A-Z]{26}$/);
    receptionUrl = new URL(l.url()).pathname;
    await l.getByText(FIRST).waitFor();
    await l.getByText(SECOND).waitFor();
    await l.getByText(PHONE).waitFor();
    await l.getByText(DEPUTY).first().waitFor();
    await shot(l, 'receptions-detail-desktop');
    expect(await axeViolations(l)).toEqual([]);
  });

  it('the reception is in the list, found by its words', async () => {
    await l.goto(`/receptions?q=${STAMP}`);
    // The list's own rows (the figures above carry tables of their own for screen readers).
    const rows = l.locator('.ant-table-tbody tr.ant-table-row');
    const row = rows.filter({ hasText: DEPUTY });
    await row.first().waitFor();
    expect(await rows.count()).toBe(1);
    await expect.poll(() => row.first().textContent()).toMatch(/当场答复 1 · 不予受理 1/);
    await l.goto('/receptions');
    await l.getByRole('heading', { name: /接待情况/ }).waitFor();
    await l.locator('figcaption', { hasText: '按月份' }).waitFor();
    await l
      .getByRole('link', { name: new RegExp(`^${recordedOn}`) })
      .first()
      .waitFor();
    await shot(l, 'receptions-list-desktop');
    expect(await axeViolations(l)).toEqual([]);
  });

  it('a matter routed to a suggestion without one offers 转为建议, with its words for the suggestion form', async () => {
    // A reception of this run's own (the demo's such matters may already have become suggestions).
    const content = `希望在村里办老年食堂 ${STAMP}，解决独居老人吃饭难的问题`;
    const f = await l.evaluate(async (text) => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const station = await (await fetch(`/api/v1/stations/${me.user.stationId}`)).json();
      const deputy = station.deputies.find((x: { status: string }) => x.status === 'serving');
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const res = await fetch('/api/v1/receptions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({
          stationId: station.id,
          date: today,
          deputyIds: [deputy.id],
          matters: [{ category: '民政', content: text, routing: 'suggestion' }],
        }),
      });
      const r = await res.json();
      return { reception: r.id as string, matter: r.matters[0].id as string };
    }, content);
    await l.goto(`/receptions/${f.reception}`);
    const link = l.getByRole('link', { name: /转为建议/ }).first();
    await link.waitFor();
    const href = new URL((await link.getAttribute('href')) ?? '', baseUrl);
    expect(href.pathname).toBe('/suggestions/new');
    expect(Object.fromEntries(href.searchParams)).toEqual({
      sourceType: 'reception',
      sourceId: f.matter,
      title: [...content].slice(0, 30).join(''),
      content,
      category: '民政',
    });
    await shot(l, 'receptions-detail-to-suggestion');
    expect(await axeViolations(l)).toEqual([]);
  });

  it('the deputy on duty reads it on a phone, with the visitor’s phone masked', async () => {
    await d.setViewportSize({ width: 390, height: 844 });
    await d.goto('/receptions');
    await d.getByRole('heading', { name: '我值班的接待', level: 1 }).waitFor();
    // No figures and no recording for a deputy.
    expect(await d.getByRole('button', { name: /登记接待/ }).count()).toBe(0);
    await d.locator('ul[aria-label="接待记录"] li').first().waitFor();
    expect(await d.locator('table').count()).toBe(0);
    await shot(d, 'receptions-list-phone');
    expect(await axeViolations(d)).toEqual([]);

    await d.goto(receptionUrl);
    await d.getByText(FIRST).waitFor();
    await d.getByText('139****5678').waitFor();
    expect(await d.getByText(PHONE).count()).toBe(0);
    await d.getByText('电话已隐藏部分号码').waitFor();
    expect(await d.getByRole('button', { name: /编\s*辑/ }).count()).toBe(0);
    // Nothing runs off the side of a 390-px screen.
    expect(await d.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(d, 'receptions-detail-phone');
    expect(await axeViolations(d)).toEqual([]);
    // The duty on that day is an entry of her duty record (履职档案), and counted in its totals.
    await d.goto('/my/duty-record');
    await d.getByText('接待值班', { exact: true }).first().waitFor();
    await d.getByText(/接待值班 · \d+ 项事项/).first().waitFor();
    await shot(d, 'receptions-duty-record-phone');
  });

  it('the form works on a phone too', async () => {
    await l.setViewportSize({ width: 390, height: 844 });
    await l.goto(`${receptionUrl}/edit`);
    await l.getByLabel('事项 2 不予受理理由').waitFor();
    expect(await l.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(l, 'receptions-form-phone');
    expect(await axeViolations(l)).toEqual([]);
    // The staff's list on a phone: the figures (charts on request), then one card per reception.
    await l.goto('/receptions');
    await l.locator('ul[aria-label="接待记录"] li').first().waitFor();
    expect(await l.locator('figcaption').count()).toBe(0);
    expect(await l.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(l, 'receptions-list-phone-staff');
    expect(await axeViolations(l)).toEqual([]);
    await l.getByRole('button', { name: '显示图表' }).click();
    await l.locator('figcaption', { hasText: '按月份' }).waitFor();
    expect(await l.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await l.setViewportSize({ width: 1280, height: 800 });
  });

  it('reads in English too', async () => {
    await l.evaluate(() => localStorage.setItem('renda.lang', 'en'));
    try {
      await l.goto(receptionUrl);
      await l.getByRole('heading', { name: /^Reception R\d{4}$/, level: 1 }).waitFor();
      await l.getByText('Not accepted', { exact: true }).waitFor();
      await l.goto('/receptions');
      await l.getByRole('heading', { name: 'Receptions', level: 1 }).waitFor();
      await l.getByRole('button', { name: /Record a reception/ }).waitFor();
      await shot(l, 'receptions-list-desktop-en');
    } finally {
      await l.evaluate(() => localStorage.setItem('renda.lang', 'zh-CN'));
    }
  });
});
