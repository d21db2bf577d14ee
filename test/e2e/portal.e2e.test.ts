import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { newId } from '../../src/server/lib/ids.ts';
import { nowIso } from '../../src/server/lib/time.ts';
import { renderCaptchaSvg } from '../../src/server/modules/portal/captcha.ts';
import { type World, makeWorld } from '../app.ts';
import { freshDatabase } from '../db.ts';
import { TEST_PASSWORD, makeConstituency, makeDeputy, makeVillage } from '../factories.ts';
import { axeViolations, launch, shot } from './browser.ts';

/*
 * The public portal on a 390-px phone: a resident opens the town's portal, reads the stations and the
 * deputies, submits an opinion with the captcha, gets a tracking code and follows it; staff answer it
 * in 群众来信 and the resident reads the answer. The captcha's answer comes from the same test hook as
 * the API tests: this file runs its own server (the built web app, a fresh database) with a captcha
 * maker whose answer it knows — the shared e2e server has no such hook, by design.
 */
const ANSWER = 'HXK7';
const SCRIPT = '<script>alert(1)</script>';
const FORMULA = '=HYPERLINK("http://x","y")';
const CONTENT = `村口路灯坏了三个月，晚上出行不便。${SCRIPT} ${FORMULA}`;

let app: FastifyInstance;
let world: World;
let closeDb: () => Promise<void>;
let filesDir: string;
let baseUrl: string;
let browser: Browser;
let phone: BrowserContext;
let p: Page;
const dialogs: string[] = [];
const pageErrors: string[] = [];
let trackingCode = '';

beforeAll(async () => {
  const webDist = process.env.WEB_DIST ?? path.join('dist', 'web');
  if (!fs.existsSync(path.join(webDist, 'index.html'))) throw new Error(`no built web app in ${webDist}: run vite build and set WEB_DIST`);
  const database = await freshDatabase();
  closeDb = database.close;
  const db = database.db;
  world = await makeWorld(db);
  const { townA, termA, stationA } = world;
  await db
    .updateTable('station')
    .set({ address: '甲镇人民路 1 号便民服务中心二楼', phone: '0731-84561234', scheduleRule: JSON.stringify({ type: 'monthly_days', days: [9, 19] }) })
    .where('id', '=', stationA.id)
    .execute();
  const cons = await makeConstituency(db, townA.id, termA.id, 'X01', '第一选区');
  await db
    .updateTable('deputy')
    .set({ phone: '13912345678', idNumber: '430102197503021234', workplace: '甲镇中心小学', title: '校长', constituencyId: cons.id, isCountyLevel: 1 })
    .where('id', '=', world.deputyA.id)
    .execute();
  await makeDeputy(db, townA.id, termA.id, {
    code: 'D002',
    name: '张秀英',
    gender: 'female',
    party: '群众',
    stationId: stationA.id,
    workplace: '东村村委会',
    title: '主任',
    constituencyId: cons.id,
  });
  await makeVillage(db, townA.id, 'V01', '东村');
  await makeVillage(db, townA.id, 'V02', '西村');
  const at = nowIso();
  await db
    .insertInto('suggestion')
    .values({
      id: newId(),
      townId: townA.id,
      code: '2026-001',
      year: 2026,
      kind: 'suggestion',
      title: '关于修缮东村小学操场的建议',
      sourceType: 'deputy',
      category: '教育',
      state: 'closed',
      grade: 'A',
      repliedOn: '2026-05-20',
      closedAt: '2026-06-01T02:00:00.000Z',
      published: 1,
      publicAnswer: '镇教育办已安排专项资金，操场已于5月底完成修缮。',
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-files-'));
  app = await buildApp({
    db,
    engine: database.engine,
    config: { ...loadConfig({}), webDist, filesDir },
    portal: { makeCaptcha: () => ({ answer: ANSWER, svg: renderCaptchaSvg(ANSWER) }) },
  });
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });

  browser = await launch();
  phone = await browser.newContext({
    baseURL: baseUrl,
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
  });
  p = await phone.newPage();
  p.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  // Uncaught errors and logged errors; refused requests (400 wrong captcha, 404 unknown code) are expected.
  p.on('pageerror', (e) => pageErrors.push(String(e)));
  p.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(m.text());
  });
});
afterAll(async () => {
  await phone?.close();
  await browser?.close();
  await app?.close();
  await closeDb?.();
  if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

async function pick(page: Page, label: string, option: string) {
  await page.getByLabel(label).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

/** No horizontal scrolling at phone width. */
async function fitsWidth(page: Page) {
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > 391 && getComputedStyle(e).visibility !== 'hidden')
      .slice(0, 5)
      .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
  );
  expect(wide).toEqual([]);
}

describe('public portal on a phone', () => {
  it('the login page links to the portal; the town list opens the town’s home with stations and reception days', async () => {
    await p.goto('/login');
    await p.getByRole('link', { name: '群众意见入口（无需登录）' }).click();
    await p.getByRole('heading', { name: '请选择您所在的乡镇', level: 1 }).waitFor();
    expect(await axeViolations(p)).toEqual([]);
    await p.getByRole('link', { name: '甲镇' }).click();
    await p.getByRole('heading', { name: '甲镇人大代表联络', level: 1 }).waitFor();
    await p.getByRole('heading', { name: '甲镇代表联络站', level: 3 }).waitFor();
    await p.getByText('每月9日、19日').waitFor();
    await p.getByText('甲镇人民路 1 号便民服务中心二楼').waitFor();
    expect(await p.getByRole('link', { name: '0731-84561234' }).getAttribute('href')).toBe('tel:073184561234');
    await shot(p, 'portal-home-390');
    await fitsWidth(p);
    expect(await axeViolations(p)).toEqual([]);
  });

  it('代表名单: the published facts only', async () => {
    await p.getByRole('navigation', { name: '栏目' }).getByRole('link', { name: '代表名单' }).click();
    await p.getByRole('heading', { name: '李明华', level: 2 }).waitFor();
    await p.getByText('县、镇人大代表').waitFor();
    await p.getByText('甲镇中心小学 校长').waitFor();
    const text = await p.locator('main').textContent();
    for (const secret of ['13912345678', '430102', '1975']) expect(text).not.toContain(secret);
    await fitsWidth(p);
    await shot(p, 'portal-deputies-390');
    expect(await axeViolations(p)).toEqual([]);
  });

  it('submits an opinion with the captcha and gets a tracking code to copy', async () => {
    await p.goto('/p/T01/submit');
    await p.getByRole('heading', { name: '提交意见', level: 1 }).waitFor();
    await p.getByRole('img', { name: '验证码图片' }).waitFor();
    await fitsWidth(p);
    expect(await axeViolations(p)).toEqual([]);
    await pick(p, '类别', '交通');
    await p.getByLabel('意见内容').fill(CONTENT);
    await pick(p, '所在村（社区）', '东村');
    await p.getByLabel('姓名').fill('<script>x</script>');
    await p.getByLabel('联系电话').fill('138 1234 5678');
    // A wrong answer first: the server refuses it and a new picture comes.
    await p.getByLabel('验证码', { exact: true }).fill('AAAA');
    await p.getByRole('button', { name: /提\s*交/ }).click();
    await p.getByText('验证码不正确，请换一张重新输入').waitFor();
    await shot(p, 'portal-submit-wrong-captcha-390');
    await p.getByLabel('验证码', { exact: true }).fill(ANSWER.toLowerCase());
    await p.getByRole('button', { name: /提\s*交/ }).click();
    await p.getByRole('heading', { name: '提交成功', level: 1 }).waitFor();
    trackingCode = ((await p.getByTestId('tracking-code').textContent()) ?? '').trim();
    expect(trackingCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/);
    await p.getByRole('button', { name: /复制查询码/ }).waitFor();
    await fitsWidth(p);
    await shot(p, 'portal-submit-done-390');
    expect(await axeViolations(p)).toEqual([]);
  });

  it('the tracking page shows the progress, and the script text as text (no dialog)', async () => {
    await p.getByRole('button', { name: /查看办理进度/ }).click();
    await p.getByRole('heading', { name: '查询办理进度', level: 1 }).waitFor();
    await p.getByTestId('track-content').waitFor();
    expect(await p.getByTestId('track-content').textContent()).toBe(CONTENT);
    await p.getByText('尚未答复，请耐心等待。').waitFor();
    expect(await p.locator('main script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await fitsWidth(p);
    await shot(p, 'portal-track-390');
    expect(await axeViolations(p)).toEqual([]);
    // A mistyped code.
    await p.getByLabel('查询码').fill('ABCDEFGHJK');
    await p.getByRole('button', { name: /查\s*询/ }).click();
    await p.getByText('没有找到这个查询码，请核对后重试').waitFor();
  });

  it('办理结果 lists the published answers', async () => {
    await p.getByRole('navigation', { name: '栏目' }).getByRole('link', { name: '办理结果' }).click();
    await p.getByRole('heading', { name: '关于修缮东村小学操场的建议' }).waitFor();
    await p.getByText('已解决或基本解决').waitFor();
    await fitsWidth(p);
    await shot(p, 'portal-results-390');
    expect(await axeViolations(p)).toEqual([]);
  });

  it('staff answer it in 群众来信; the resident reads the answer by the code', async () => {
    const staff = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const s = await staff.newPage();
    s.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await s.goto('/login');
    await s.getByLabel(/用户名|手机号/).fill('admin_a');
    await s.getByLabel('密码').fill(TEST_PASSWORD);
    await s.getByRole('button', { name: /登\s*录/ }).click();
    await s.waitForURL((u) => !u.pathname.startsWith('/login'));
    await s.goto('/portal-submissions');
    await s.getByRole('heading', { name: '群众来信', level: 1 }).waitFor();
    const card = s.getByTestId(`submission-${trackingCode}`);
    await card.waitFor();
    await card.getByText('13812345678').waitFor();
    expect(await card.locator('.portal-text').first().textContent()).toBe(CONTENT);
    await card.getByRole('button', { name: /转为建议/ }).waitFor();
    await shot(s, 'portal-inbox-1280');
    expect(await axeViolations(s)).toEqual([]);
    await card.getByRole('button', { name: /^答\s*复$/ }).click();
    const modal = s.locator('.ant-modal-wrap:visible').getByRole('dialog');
    await modal.getByLabel('公开答复').fill('已联系供电所，本周内修复路灯。');
    await shot(s, 'portal-inbox-answer-1280');
    await modal.getByRole('button', { name: /^答\s*复$/ }).click();
    await s.getByText('已答复', { exact: true }).first().waitFor();
    await staff.close();

    await p.goto(`/p/T01/track?code=${trackingCode}`);
    await p.getByTestId('track-answer').waitFor();
    expect(await p.getByTestId('track-answer').textContent()).toBe('已联系供电所，本周内修复路灯。');
    await shot(p, 'portal-track-answered-390');
    expect(dialogs).toEqual([]);
  });

  it('a liaison handles it on a phone too', async () => {
    const ctx = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const l = await ctx.newPage();
    await l.goto('/login');
    await l.getByLabel(/用户名|手机号/).fill('liaison_a');
    await l.getByLabel('密码').fill(TEST_PASSWORD);
    await l.getByRole('button', { name: /登\s*录/ }).click();
    await l.waitForURL((u) => !u.pathname.startsWith('/login'));
    await l.goto('/portal-submissions?status=accepted');
    await l.getByTestId(`submission-${trackingCode}`).waitFor();
    await fitsWidth(l);
    await shot(l, 'portal-inbox-liaison-390');
    expect(await axeViolations(l)).toEqual([]);
    await ctx.close();
  });

  it('reads in English too', async () => {
    await p.goto(`/p/T01/track?code=${trackingCode}`);
    await p.getByTestId('track-content').waitFor();
    await p.getByRole('button', { name: /语言|Language/ }).click();
    await p.getByRole('menuitem', { name: 'English' }).click();
    await p.getByRole('heading', { name: 'Track an opinion', level: 1 }).waitFor();
    await p.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Send opinion' }).click();
    await p.getByRole('heading', { name: 'Send an opinion', level: 1 }).waitFor();
    await fitsWidth(p);
    await shot(p, 'portal-submit-en-390');
    expect(await axeViolations(p)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
