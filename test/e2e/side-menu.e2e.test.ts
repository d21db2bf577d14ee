import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import path from 'node:path';
import { axeViolations, launch, loginAs, newContext, SHOTS } from './browser.ts';

/*
 * The side menu in sections: each role sees only its sections, a section with one entry for the role is a
 * plain item, the section of the current page is open with the page's entry selected (detail pages too),
 * and the menu works from the keyboard and in the phone drawer.
 */
let browser: Browser;
const baseUrl = inject('baseUrl');
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

/** The window as seen (not the whole page): the menu is what is looked at; waits for the submenu animation. */
async function shot(p: Page, name: string): Promise<void> {
  await p.waitForTimeout(400);
  await p.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

const menu = (p: Page) => p.getByRole('navigation', { name: '主导航' });

/** The top level of the menu: [label, number of children (0 for a plain item)]. */
async function topLevel(p: Page): Promise<[string, number][]> {
  await menu(p).locator('ul[role="menu"]').first().waitFor();
  return menu(p)
    .locator(':scope > ul > li')
    .evaluateAll((lis) =>
      lis.map((li) => {
        const title = li.querySelector(':scope > .ant-menu-submenu-title') ?? li;
        return [(title.textContent ?? '').trim(), li.classList.contains('ant-menu-submenu') ? -1 : 0] as [string, number];
      }),
    );
}

const openSection = (p: Page) => menu(p).locator('.ant-menu-submenu-open > .ant-menu-submenu-title');
const selectedItem = (p: Page) => menu(p).locator('.ant-menu-item-selected');

describe('the side menu', () => {
  it('a town admin sees the sections, the current one open, and can use it from the keyboard', async () => {
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    await loginAs(page, 'admin');
    const top = await topLevel(page);
    expect(top).toEqual([
      ['首页', 0],
      ['工作看板', 0],
      ['代表与组织', -1],
      ['履职活动', -1],
      ['代表建议', -1],
      ['人代会', 0],
      ['主席团工作', -1],
      ['系统管理', -1],
    ]);

    // A detail page keeps its parent's entry selected and its section open.
    await page.goto('/activities/stats');
    await expect.poll(() => openSection(page).allTextContents()).toEqual(['履职活动']);
    await expect.poll(() => selectedItem(page).allTextContents()).toEqual(['活动']);
    await page.goto('/audit');
    await page.locator('#main-content').getByText(/登录/).first().waitFor({ timeout: 15_000 });
    await expect.poll(() => openSection(page).allTextContents()).toEqual(['系统管理']);
    await expect.poll(() => selectedItem(page).allTextContents()).toEqual(['审计日志']);
    await shot(page, 'side-menu-admin-desktop');
    expect(await axeViolations(page)).toEqual([]);

    // Keyboard: open 代表与组织 (the other section closes) and go to 联络站.
    const section = menu(page).getByRole('menuitem', { name: '代表与组织' });
    await section.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => section.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => openSection(page).allTextContents()).toEqual(['代表与组织']);
    // Under load the submenu may still be animating when the first key arrives, so move down
    // until the focused entry is 联络站 rather than counting presses blindly.
    await menu(page).getByRole('menuitem', { name: '联络站' }).waitFor();
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    for (let i = 0; i < 8 && (await focusedText()) !== '联络站'; i++) {
      await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(100);
    }
    expect(await focusedText()).toBe('联络站');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/stations$/);
    await expect.poll(() => selectedItem(page).allTextContents()).toEqual(['联络站']);
    await ctx.close();
  });

  it('a deputy on a phone gets a short menu in the drawer', async () => {
    const ctx = await newContext(browser, baseUrl, true);
    const page = await ctx.newPage();
    await loginAs(page, 'deputy');
    await page.getByRole('button', { name: '打开菜单' }).click();
    const top = await topLevel(page);
    const labels = top.map(([l]) => l);
    expect(labels.slice(0, 3)).toEqual(['首页', '代表与组织', '履职活动']);
    expect(labels).toContain('我的建议');
    expect(labels).toContain('人代会');
    expect(labels).not.toContain('系统管理');
    expect(labels).not.toContain('代表建议');
    expect(top.length).toBeLessThanOrEqual(7);
    // 履职活动 holds the deputy's own pages.
    await menu(page).getByRole('menuitem', { name: '履职活动' }).click();
    await menu(page).getByRole('menuitem', { name: '履职档案' }).waitFor();
    await shot(page, 'side-menu-deputy-phone');
    await menu(page).getByRole('menuitem', { name: '我的文件' }).click();
    await page.waitForURL(/\/my\/documents$/);
    await expect.poll(() => page.locator('.ant-drawer-open').count()).toBe(0);
    await ctx.close();
  });

  it('a handler sees two plain entries; a liaison no system section', async () => {
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    await loginAs(page, 'handler');
    expect(await topLevel(page)).toEqual([
      ['首页', 0],
      ['我的交办', 0],
    ]);
    await page.getByText('我的交办').nth(1).waitFor({ timeout: 15_000 });
    await shot(page, 'side-menu-handler-desktop');
    await ctx.close();

    const ctx2 = await newContext(browser, baseUrl);
    const page2 = await ctx2.newPage();
    await loginAs(page2, 'liaison');
    const labels = (await topLevel(page2)).map(([l]) => l);
    expect(labels).toContain('代表建议');
    expect(labels).not.toContain('系统管理');
    await ctx2.close();
  });
});
