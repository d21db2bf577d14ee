import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, loginAs, newContext, shot } from './browser.ts';

/*
 * Stored text is shown as text (docs/security.md): markup saved in a record — here a handling office's
 * name and contact — appears on the page character for character, creates no element and runs no script.
 * React escapes text by default and the CSP forbids inline script; this proves the page as users get it.
 */
let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const NAME = `<img src=x onerror="window.__pwned=1">单位${Date.now() % 100000}`;
const CONTACT = '<script>window.__pwned=2</script>';

describe('stored text in pages', () => {
  it('markup saved in a record shows as the same characters and never runs', async () => {
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    await loginAs(page, 'admin');
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
    const res = await page.request.post('/api/v1/units', {
      // Inactive, so that other browser tests sharing the server (which pick active offices) never meet it.
      data: { name: NAME, kind: 'town_office', contactName: CONTACT, active: false },
      headers: { 'x-csrf-token': me.csrfToken },
    });
    expect(res.status(), await res.text()).toBe(201);
    await page.goto('/units');
    await expect.poll(() => page.getByText(NAME, { exact: true }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(CONTACT, { exact: true }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await shot(page, 'stored-text-as-text');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await ctx.close();
  });
});
