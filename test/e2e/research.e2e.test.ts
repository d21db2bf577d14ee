import dayjs from 'dayjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launch, loginAs, newContext, shot } from './browser.ts';

/*
 * Research topics on the real server with the demo data: the admin publishes a topic, the liaison
 * claims it for their station, names its deputies and uploads the report, the admin grades it. Then
 * the list on a phone. The topic's title is this run's own, since other browser files share the server.
 */
let browser: Browser;
let admin: BrowserContext;
let liaison: BrowserContext;
let a: Page;
let l: Page;
const baseUrl = inject('baseUrl');
const TITLE = `农村养老服务调研 ${dayjs().format('HHmmss')}`;
const YEAR = Number(dayjs().format('YYYY'));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const dialog = (p: Page) => p.locator('.ant-modal-wrap:visible').getByRole('dialog');
const drawer = (p: Page) => p.locator('.ant-drawer-content-wrapper:visible');
/** antd puts a space between two Chinese characters on a button: 认领 reads 认 领. */
const btn = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

async function noModals(p: Page) {
  await expect.poll(() => p.locator('.ant-modal-wrap:visible').count(), { timeout: 10_000 }).toBe(0);
}

async function openTopic(p: Page) {
  await p.goto(`/research?year=${YEAR}&q=${encodeURIComponent(TITLE)}`);
  await p.getByRole('link', { name: TITLE }).click();
  await drawer(p).getByText(TITLE).first().waitFor();
}

beforeAll(async () => {
  browser = await launch();
  admin = await newContext(browser, baseUrl);
  liaison = await newContext(browser, baseUrl);
  a = await admin.newPage();
  l = await liaison.newPage();
  await loginAs(a, 'admin');
  await loginAs(l, 'liaison');
});
afterAll(async () => {
  await admin?.close();
  await liaison?.close();
  await browser?.close();
});

describe('research topics', () => {
  it('the admin publishes a topic', async () => {
    await a.goto('/research');
    await a.getByRole('heading', { name: '调研课题', level: 1 }).waitFor();
    await a.getByRole('button', { name: /发布课题/ }).click();
    const d = dialog(a);
    await d.getByLabel('课题', { exact: true }).fill(TITLE);
    await d.getByLabel('截止日期').click();
    await d.getByLabel('截止日期').fill(`${YEAR + 1}-01-31`);
    await d.getByLabel('截止日期').press('Enter');
    await d.getByLabel('课题说明').fill('走访敬老院和村级互助养老点，摸清服务缺口，提出建议。');
    await d.getByRole('button', { name: btn('保存') }).click();
    await noModals(a);
    // The new topic opens in the drawer, open to claim.
    await drawer(a).getByText(TITLE).first().waitFor();
    await drawer(a).getByText('待认领').first().waitFor();
    await shot(a, 'research-published-drawer');
    expect(await axeViolations(a)).toEqual([]);
  });

  it('the liaison claims it for their station, names the deputies and submits the report', async () => {
    await openTopic(l);
    await drawer(l).getByRole('button', { name: btn('认领') }).click();
    await dialog(l).getByText(/为本联络站（.+）认领此课题/).waitFor();
    await dialog(l).getByRole('button', { name: btn('认领') }).click();
    await noModals(l);
    await drawer(l).getByText('已认领').first().waitFor();

    await drawer(l).getByRole('button', { name: /参与代表/ }).click();
    // Two of the station's deputies, picked from the suggestions.
    const pick = dialog(l).getByRole('combobox', { name: /^从.+的代表中添加$/ });
    for (let i = 0; i < 2; i++) {
      await pick.click();
      await l.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    }
    const roles = dialog(l).getByRole('combobox', { name: /的角色$/ });
    await expect.poll(() => roles.count()).toBe(2);
    const first = (await dialog(l).getByRole('listitem').first().textContent())?.replace(/（[\s\S]*$/, '') ?? '';
    // The first deputy leads.
    await roles.first().click();
    await l.locator('.ant-select-dropdown:visible').getByTitle('牵头').click();
    // axe must not catch the option list while it is still closing (its listbox has no name of its own).
    await expect.poll(() => l.locator('.ant-select-dropdown:visible').count(), { timeout: 10_000 }).toBe(0);
    expect(await axeViolations(l)).toEqual([]);
    await shot(l, 'research-members');
    await dialog(l).getByRole('button', { name: btn('保存') }).click();
    await noModals(l);
    await drawer(l).getByText(`牵头代表`).first().waitFor();
    await drawer(l).getByRole('cell', { name: first }).waitFor();

    await drawer(l).getByRole('button', { name: /提交报告/ }).click();
    await dialog(l).locator('input[type=file]').setInputFiles({ name: '养老服务调研报告.pdf', mimeType: 'application/pdf', buffer: PDF });
    await dialog(l).getByText('已上传：养老服务调研报告.pdf').waitFor();
    await dialog(l).getByLabel('报告摘要').fill('走访 8 个村，提出建议 4 条。');
    await dialog(l).getByRole('button', { name: /提交报告/ }).click();
    await noModals(l);
    await drawer(l).getByText('已提交报告').first().waitFor();
    await drawer(l).getByRole('button', { name: '养老服务调研报告.pdf' }).waitFor();
    // A liaison never grades.
    expect(await drawer(l).getByRole('button', { name: /评定等次/ }).count()).toBe(0);
  });

  it('the admin grades the report; the figures count it', async () => {
    await openTopic(a);
    await drawer(a).getByText('已提交报告').first().waitFor();
    await drawer(a).getByRole('button', { name: /评定等次/ }).click();
    await dialog(a).getByText('优秀', { exact: true }).click();
    await dialog(a).getByLabel('评定意见').fill('问题找得准，建议可行。');
    await dialog(a).getByRole('button', { name: btn('保存') }).click();
    await noModals(a);
    await drawer(a).getByText('已评定').first().waitFor();
    await drawer(a).getByRole('cell', { name: '问题找得准，建议可行。' }).waitFor();
    await shot(a, 'research-graded-drawer');
    expect(await axeViolations(a)).toEqual([]);

    await a.goto(`/research?year=${YEAR}`);
    const stats = a.getByRole('heading', { name: `${YEAR} 年调研课题情况` });
    await stats.waitFor();
    await a.getByRole('link', { name: TITLE }).waitFor();
    await shot(a, 'research-list-desktop');
    expect(await axeViolations(a)).toEqual([]);
  });

  it('on a phone the topics are cards', async () => {
    await a.setViewportSize({ width: 390, height: 844 });
    await a.goto(`/research?year=${YEAR}`);
    await a.getByRole('button', { name: TITLE }).waitFor();
    expect(await a.locator('table').filter({ hasText: TITLE }).count()).toBe(0);
    await shot(a, 'research-list-phone');
    expect(await axeViolations(a)).toEqual([]);
    await a.getByRole('button', { name: TITLE }).click();
    await drawer(a).getByText('已评定').first().waitFor();
    await shot(a, 'research-drawer-phone');
    expect(await axeViolations(a)).toEqual([]);
  });
});
