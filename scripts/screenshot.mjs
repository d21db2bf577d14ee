#!/usr/bin/env node
// Screenshots of the main pages at desktop and phone width, with an axe accessibility check of each,
// against a running server:
//   node scripts/screenshot.mjs [baseUrl]        (default http://localhost:3000)
//   RENDA_USER=admin RENDA_PASSWORD=… node scripts/screenshot.mjs http://localhost:3000
// Writes test-results/screenshots/<width>-<page>.png and prints the axe violations per page.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const baseUrl = (process.argv[2] ?? process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const username = process.env.RENDA_USER ?? 'admin';
const password = process.env.RENDA_PASSWORD ?? 'Test-pass-123';
const lang = process.env.RENDA_LANG ?? 'zh-CN';
const outDir = path.resolve(import.meta.dirname, '..', 'test-results', 'screenshots');
const viewports = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 375, height: 740 },
];

// @axe-core/playwright is CommonJS; its class sits on a different property depending on the loader.
const axeModule = await import('@axe-core/playwright');
const AxeBuilder = axeModule.default?.default ?? axeModule.default ?? axeModule.AxeBuilder;

fs.mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

/** Wait until the page has settled: no spinner, no skeleton, network quiet. */
async function settle(page) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page
    .waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton, .ant-table-placeholder .ant-spin'), null, { timeout: 10_000 })
    .catch(() => {});
  await page.waitForTimeout(400);
}

const problems = [];

async function check(page, label) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  for (const v of result.violations) {
    problems.push(`${label}: [${v.impact}] ${v.id} — ${v.help} (${v.nodes.length}×) e.g. ${v.nodes[0]?.target.join(' ')}`);
  }
}

async function shoot(page, vp, name, { a11y = true } = {}) {
  await settle(page);
  const file = path.join(outDir, `${vp.name}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) problems.push(`${vp.name}-${name}: page is ${overflow}px wider than the viewport`);
  if (a11y) await check(page, `${vp.name}-${name}`);
  console.log('saved', path.relative(process.cwd(), file));
}

for (const vp of viewports) {
  const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height }, locale: 'zh-CN', deviceScaleFactor: 1 });
  await context.addInitScript((l) => localStorage.setItem('renda.lang', l), lang);
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`${vp.name}: page error ${e.message}`));
  page.on('console', (m) => {
    // Signed out, the app's first /auth/me answers 401 by design; the browser logs that as an error.
    if (m.type() === 'error' && !(m.text().includes('401') && new URL(page.url()).pathname === '/login')) {
      problems.push(`${vp.name}: console error ${m.text().slice(0, 300)}`);
    }
  });

  await page.goto(`${baseUrl}/login`);
  await shoot(page, vp, 'login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });

  const pages = [
    ['home', '/'],
    ['deputies', '/deputies'],
    ['deputies-search', `/deputies?q=${encodeURIComponent('明')}`],
    ['deputy-import', '/deputies/import'],
    ['stations', '/stations'],
    ['groups', '/groups'],
    ['presidium', '/presidium'],
    ['units', '/units'],
    ['users', '/users'],
    ['regions', '/regions'],
    ['audit', '/audit'],
  ];
  for (const [name, url] of pages) {
    await page.goto(baseUrl + url);
    await shoot(page, vp, name);
  }

  // A deputy's detail page and the edit form, from the first row of the roster.
  await page.goto(`${baseUrl}/deputies`);
  await settle(page);
  const first = page.locator('a[href^="/deputies/0"], a[href^="/deputies/01"]').first();
  if (await first.count()) {
    await first.click();
    await page.waitForURL(/\/deputies\/[^/]+$/);
    await shoot(page, vp, 'deputy-detail');
    const edit = page.getByRole('button', { name: /编辑|Edit/ }).first();
    if (await edit.count()) {
      await edit.click();
      await page.locator('.ant-drawer-open').waitFor();
      await shoot(page, vp, 'deputy-edit');
      await page.keyboard.press('Escape');
    }
  } else problems.push(`${vp.name}: no deputy in the roster to open`);

  if (vp.name === 'phone') {
    await page.goto(`${baseUrl}/`);
    await settle(page);
    await page.getByRole('button', { name: /打开菜单|Open menu/ }).click();
    await page.locator('.ant-drawer-open').waitFor();
    await shoot(page, vp, 'menu');
  }
  await context.close();
}

await browser.close();
if (problems.length) {
  console.log(`\n${problems.length} problem(s):`);
  for (const p of problems) console.log(' -', p);
  process.exitCode = 1;
} else console.log('\nno accessibility violations or overflow found');
