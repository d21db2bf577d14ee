import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launch, loginAs, newContext, shot } from './browser.ts';

/*
 * Every page of the menu, as a town admin, on a desktop and on a phone: it shows its records from the
 * demo data, logs no errors, has no horizontal overflow on the phone, and passes axe (WCAG 2.1 AA).
 */
let browser: Browser;
const baseUrl = inject('baseUrl');
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

/** Each page and a text it must show once loaded (from the demo data of 青石镇). */
const PAGES: { path: string; name: string; shows: RegExp }[] = [
  { path: '/stations', name: 'stations', shows: /青石镇人大代表联系群众工作室/ },
  { path: '/groups', name: 'groups', shows: /第一代表小组/ },
  { path: '/presidium', name: 'presidium', shows: /副主席/ },
  { path: '/units', name: 'units', shows: /民政办/ },
  { path: '/users', name: 'users', shows: /liaison/ },
  { path: '/regions', name: 'regions', shows: /青石社区/ },
  { path: '/audit', name: 'audit', shows: /登录/ },
];

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

for (const phone of [false, true]) {
  describe(phone ? 'pages on a 375-px phone' : 'pages on a desktop', () => {
    for (const p of PAGES) {
      it(`${p.path} shows its records and passes axe`, async () => {
        const ctx = await newContext(browser, baseUrl, phone);
        const page = await ctx.newPage();
        // Watched from after login: the login page's own check of the session is an expected 401.
        await loginAs(page, 'admin');
        const errors = watchErrors(page);
        await page.goto(p.path);
        // Looked for inside the page body, not the menu (whose labels would match too early).
        await page.locator('#main-content').getByText(p.shows).first().waitFor({ timeout: 15_000 });
        await shot(page, `${p.name}-${phone ? 'phone' : 'desktop'}`);
        if (phone) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
        expect(await axeViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
        await ctx.close();
      });
    }
  });
}

describe('a station page', () => {
  it('lists its deputies, villages and next reception days', async () => {
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    await loginAs(page, 'admin');
    await page.goto('/stations');
    await page.getByRole('link', { name: /青石镇人大代表联系群众工作室/ }).first().click();
    await page.waitForURL(/\/stations\/[0-9A-Z]{26}$/);
    await page.getByText('每月9日、19日').first().waitFor({ timeout: 15_000 });
    await page.getByText(/唐明辉/).first().waitFor();
    await shot(page, 'station-detail-desktop');
    expect(await axeViolations(page)).toEqual([]);
    await ctx.close();
  });
});

describe('English', () => {
  it('switches the interface to English and keeps it', async () => {
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    await loginAs(page, 'admin');
    await page.evaluate(() => {
      for (const k of Object.keys(localStorage)) if (/lang|locale/i.test(k)) localStorage.removeItem(k);
    });
    await page.getByRole('button', { name: /中文|language|语言/i }).first().click();
    await page.getByText('English').first().click();
    await page.getByText(/Deputies|Roster/).first().waitFor({ timeout: 10_000 });
    await page.reload();
    await page.getByText(/Deputies|Roster/).first().waitFor({ timeout: 10_000 });
    await shot(page, 'home-english');
    expect(await axeViolations(page)).toEqual([]);
    await ctx.close();
  });
});
