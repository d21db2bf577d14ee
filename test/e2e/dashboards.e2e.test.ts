import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launch, loginAs, newContext, shot } from './browser.ts';

/*
 * 工作看板 on the real server with the demo data: a town admin opens /dashboard (the six charts, each with
 * its table; the funnel table shows the API's numbers), a phone of 390 px switches a chart to its table,
 * and the county admin compares the towns on /county/dashboard, sorts by a figure and downloads the
 * county report as Word. axe on every page.
 */
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
const baseUrl = inject('baseUrl');
const WAIT = { timeout: 20_000 };
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const Q = `from=${YEAR}-01-01&to=${YEAR}-12-31`;

beforeAll(async () => {
  browser = await launch();
  ctx = await newContext(browser, baseUrl);
  page = await ctx.newPage();
});
afterAll(async () => {
  await browser?.close();
});

/** No dropdown, message or animation still showing (axe would judge half-transparent text). */
async function settled(p: Page): Promise<void> {
  await expect.poll(() => p.locator('.ant-select-dropdown:visible, .ant-popover:visible').count(), { timeout: 10_000 }).toBe(0);
  await expect.poll(() => p.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
  const moving = () =>
    p.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY).length);
  await expect.poll(moving, { timeout: 10_000 }).toBe(0);
}

async function phonePage(user: string): Promise<Page> {
  const phone = await browser.newContext({
    baseURL: baseUrl,
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 1,
  });
  const p = await phone.newPage();
  await loginAs(p, user);
  return p;
}

describe('a town dashboard', () => {
  it('shows six charts, each with its numbers in a table', async () => {
    await loginAs(page, 'admin');
    await page.goto(`/dashboard?${Q}`);
    for (const id of ['funnel', 'ontime', 'categories', 'monthly', 'stations', 'points']) {
      await page.getByTestId(`dash-${id}`).waitFor(WAIT);
    }
    const api = (await (await page.request.get(`/api/v1/dashboard?${Q}`)).json()) as { funnel: { stage: string; count: number }[]; monthly: unknown[] };
    const stages = ['收到', '立案', '交办', '答复', '办结'];
    const rows = page.getByTestId('dash-funnel').locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), WAIT).toBe(5);
    for (let i = 0; i < 5; i++) {
      const cells = rows.nth(i).locator('td');
      expect(await cells.nth(0).textContent()).toBe(stages[i]);
      expect(Number(await cells.nth(1).textContent())).toBe(api.funnel[i].count);
    }
    expect(api.funnel[0].count).toBeGreaterThan(0);
    // The canvas is described for a screen reader.
    const img = page.getByTestId('dash-funnel').locator('div[role="img"][aria-label]');
    expect(await img.getAttribute('aria-label')).toContain(`收到 ${api.funnel[0].count} 件`);
    expect(await page.getByTestId('dash-monthly').locator('.ant-table-tbody tr.ant-table-row').count()).toBe(api.monthly.length);
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'dashboard-town-desktop');
  });

  it('on a 390 px phone a chart switches to its table', async () => {
    const p = await phonePage('admin');
    await p.goto(`/dashboard?${Q}`);
    const funnel = p.getByTestId('dash-funnel');
    await funnel.waitFor(WAIT);
    await expect.poll(() => funnel.locator('.ant-table').count()).toBe(0);
    await funnel.getByText('表格', { exact: true }).click();
    await funnel.locator('.ant-table-tbody tr.ant-table-row').first().waitFor(WAIT);
    await settled(p);
    expect(await axeViolations(p)).toEqual([]);
    await shot(p, 'dashboard-town-phone');
    await p.context().close();
  });
});

describe('the county dashboard', () => {
  it('compares the towns, sorts by a figure and downloads the county report', async () => {
    const p = await (await newContext(browser, baseUrl)).newPage();
    await loginAs(p, 'county');
    await p.goto(`/county/dashboard?${Q}`);
    const table = p.getByTestId('dash-county-table');
    await table.locator('.ant-table-tbody tr.ant-table-row').first().waitFor(WAIT);
    const api = (await (await p.request.get(`/api/v1/county/dashboard?${Q}`)).json()) as { towns: { name: string; facts: Record<string, number | null> }[] };
    // The demo's towns, and any town another browser test added to the county before this one ran.
    expect(api.towns.map((t) => t.name)).toEqual(expect.arrayContaining(['青石镇', '白沙镇']));
    const names = () => table.locator('.ant-table-tbody tr.ant-table-row td:first-child').allTextContents();
    expect(await names()).toEqual(api.towns.map((t) => t.name));
    // Sort by 建议件数, most first (towns with equal counts may come in either order).
    await table.getByRole('columnheader', { name: /建议件数/ }).click();
    const count = new Map(api.towns.map((t) => [t.name, t.facts['suggestions.total'] ?? 0]));
    const sortedCounts = [...count.values()].sort((a, b) => b - a);
    await expect.poll(async () => (await names()).map((n) => count.get(n)), WAIT).toEqual(sortedCounts);
    const label = await p.getByTestId('dash-county-chart').locator('div[role="img"][aria-label]').getAttribute('aria-label');
    expect(label).toContain(`青石镇：`);
    expect(label).toContain(`建议件数 ${api.towns[0].facts['suggestions.total']}`);
    const [file] = await Promise.all([p.waitForEvent('download', WAIT), p.getByRole('button', { name: /Word/ }).click()]);
    expect(file.suggestedFilename()).toBe(`云溪县各乡镇人大${YEAR}年工作总结.docx`);
    await settled(p);
    expect(await axeViolations(p)).toEqual([]);
    await shot(p, 'dashboard-county-desktop');
    await p.context().close();
  });

  it('fits a 390 px phone', async () => {
    const p = await phonePage('county');
    await p.goto(`/county/dashboard?${Q}`);
    await p.getByTestId('dash-county-table').locator('.ant-table-tbody tr.ant-table-row').first().waitFor(WAIT);
    await settled(p);
    expect(await axeViolations(p)).toEqual([]);
    await shot(p, 'dashboard-county-phone');
    await p.context().close();
  });
});
