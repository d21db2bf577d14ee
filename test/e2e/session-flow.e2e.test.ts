import dayjs from 'dayjs';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launch, loginAs, newContext, shot } from './browser.ts';

/*
 * A whole congress session in the browser, as the admin of the demo town 青石镇, on the real server with
 * the demo data (shared with other browser files: this session has a number of its own and its records
 * carry a stamp). Roll call (all present, one on leave), quorum, opening; on 议程 a decision item voted
 * through the vote panel; on 选举 the town head nominated, voted and elected; the printable tally sheet.
 * axe checks the 议程 and 选举 tabs and the tally page; screenshots of each step.
 */
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
const baseUrl = inject('baseUrl');
const STAMP = dayjs().format('HHmmss');
/** A number of its own in the current term (auto-numbering elsewhere takes the next after the highest). */
const NUMBER = 30 + (Number(STAMP) % 40);
const PLACE = `镇政府大会议室 ${STAMP}`;
const TODAY = dayjs().format('YYYY-MM-DD');
const DECISION = `关于镇村道路维护资金安排的决定 ${STAMP}`;
const CANDIDATE = '林青山';
const SAVE = /保\s*存/;

/** The figures of the roll, read from the page: all on the roll and those present. */
let all = 0;
let present = 0;
let sessionName = '';
let sessionUrl = '';
let tallyUrl = '';

async function settled(p: Page): Promise<void> {
  await expect.poll(() => p.locator('.ant-modal-wrap:visible').count(), { timeout: 15_000 }).toBe(0);
  await expect.poll(() => p.locator('.ant-message-notice').count(), { timeout: 15_000 }).toBe(0);
}

/** Click, and wait for the write it sends (method and path) to answer successfully. */
async function write(p: Page, method: string, path: RegExp, click: () => Promise<void>): Promise<Response> {
  const [res] = await Promise.all([
    p.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname), { timeout: 20_000 }),
    click(),
  ]);
  expect(res.status(), `${method} ${res.url()}: ${await res.text()}`).toBeLessThan(300);
  return res;
}

/** The one open dialog (antd keeps closed ones in the DOM for their animation). */
const dialog = (p: Page): Locator => p.locator('.ant-modal-wrap:visible .ant-modal');

/** Pick an option of an antd select; under load a click during the opening animation can miss: retry. */
async function pick(p: Page, within: Locator, label: string, option: string): Promise<void> {
  const box = within.getByLabel(label, { exact: true });
  const select = box.locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  for (let attempt = 1; ; attempt++) {
    await box.click();
    await p.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
    await p.keyboard.press('Escape');
    await p
      .locator('.ant-select-dropdown:visible')
      .waitFor({ state: 'hidden', timeout: 5_000 })
      .catch(() => undefined);
    if ((await select.textContent())?.includes(option)) return;
    if (attempt === 3) throw new Error(`${label}: ${option} was not picked`);
  }
}

/** Switch to a tab of the session page and wait until it is the selected one. */
async function tab(p: Page, name: string): Promise<void> {
  const t = p.getByRole('tab', { name, exact: true });
  for (let attempt = 1; ; attempt++) {
    await t.click();
    try {
      await expect.poll(() => t.getAttribute('aria-selected'), { timeout: 5_000 }).toBe('true');
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

beforeAll(async () => {
  browser = await launch();
  ctx = await newContext(browser, baseUrl);
  page = await ctx.newPage();
  await loginAs(page, 'admin');
});
afterAll(async () => {
  await ctx?.close();
  await browser?.close();
});

// Each step writes several records and waits for the page; on a loaded two-core machine that takes a while.
describe('a congress session from roll call to election, in the browser', { timeout: 120_000 }, () => {
  it('the admin creates the session with its own number', async () => {
    await page.goto('/sessions');
    await page.getByRole('heading', { name: '人代会' }).waitFor();
    await page.getByRole('button', { name: '新增会议' }).click();
    const modal = dialog(page);
    await modal.getByLabel('会议次数').fill(String(NUMBER));
    await modal.getByLabel('开幕日期').fill(TODAY);
    await modal.getByLabel('开幕日期').press('Enter');
    await modal.getByLabel('闭幕日期').fill(TODAY);
    await modal.getByLabel('闭幕日期').press('Enter');
    await modal.getByLabel('会议地点').fill(PLACE);
    const res = await write(page, 'POST', /^\/api\/v1\/sessions$/, () => modal.getByRole('button', { name: SAVE }).click());
    const created = await res.json();
    expect(created.number).toBe(NUMBER);
    sessionName = created.name;
    expect(sessionName).toMatch(/^第.+届人民代表大会第.+次会议$/);
    await page.waitForURL(/\/sessions\/[0-9A-Z]{26}$/);
    sessionUrl = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: sessionName }).waitFor();
    await expect.poll(() => page.getByText(PLACE).count()).toBeGreaterThan(0);
    await settled(page);
  });

  it('takes the roll: everyone present, one on leave with a reason; the quorum is reached; the session opens', async () => {
    await tab(page, '点名签到');
    await write(page, 'POST', /\/roll$/, () => page.getByRole('button', { name: '生成点名表' }).click());
    const entries = page.getByTestId('roll-entry');
    await entries.first().waitFor();
    await settled(page);
    all = await entries.count();
    expect(all).toBeGreaterThan(4);
    const quorum = page.getByTestId('quorum');
    await expect.poll(() => quorum.getAttribute('data-reached')).toBe('false');

    // One deputy on leave, with the reason.
    const last = entries.last();
    await last.locator('label', { hasText: '请假' }).click();
    await dialog(page).getByLabel('请假事由').fill('外出参加县里培训');
    await write(page, 'PUT', /\/roll\/[0-9A-Z]{26}$/, () => dialog(page).getByRole('button', { name: SAVE }).click());
    await settled(page);
    await expect.poll(() => last.textContent()).toContain('外出参加县里培训');

    // The rest all present.
    await page.getByRole('button', { name: '全部出席' }).click();
    const confirm = page.locator('.ant-modal-confirm:visible');
    await confirm.waitFor();
    await write(page, 'POST', /\/roll\/bulk$/, () => confirm.getByRole('button', { name: '全部出席' }).click());
    await settled(page);
    present = all - 1;

    // The green indicator with the figures 应到 / 实到.
    await expect.poll(() => quorum.getAttribute('data-reached')).toBe('true');
    await expect.poll(() => quorum.textContent()).toContain('已超过全体代表三分之二');
    const text = (await quorum.textContent()) ?? '';
    expect(text).toContain(`应到 ${all}`);
    expect(text).toContain(`实到 ${present}`);
    expect(await quorum.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(232, 245, 233)');
    expect(await quorum.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(27, 94, 32)');
    await shot(page, 'session-flow-roll');

    await page.getByRole('button', { name: '宣布开幕' }).click();
    const open = page.locator('.ant-modal-confirm:visible');
    await open.waitFor();
    expect(await open.textContent()).toContain(`出席代表 ${present} 名，超过全体代表 ${all} 名的三分之二`);
    await write(page, 'POST', /\/open$/, () => open.getByRole('button', { name: '宣布开幕' }).click());
    await settled(page);
    await page.getByRole('heading', { name: /会议中/ }).waitFor();
    await page.getByRole('button', { name: '宣布闭幕' }).waitFor();
  });

  it('on 议程, a decision item is voted through the vote panel and passes, with its announcement', async () => {
    await tab(page, '议程');
    await page.getByRole('button', { name: '新增议程' }).click();
    const modal = dialog(page);
    await pick(page, modal, '类别', '决定事项');
    await modal.getByLabel('议题').fill(DECISION);
    await modal.getByLabel('报告人').fill('镇人大主席团');
    await write(page, 'POST', /\/items$/, () => modal.getByRole('button', { name: SAVE }).click());
    await settled(page);

    const item = page.getByTestId('agenda-item').filter({ hasText: DECISION });
    await item.waitFor();
    expect(await item.textContent()).toContain('决定事项');
    const panel = item.getByTestId('item-votes');
    await expect.poll(() => panel.textContent()).toContain('尚未表决');
    const needed = Math.floor(all / 2) + 1;
    expect(await panel.textContent()).toContain(`通过须赞成 ${needed} 票（全体代表 ${all} 名的过半数）`);

    // For: all present but two; one against, one abstains: still more than half of all.
    const counts = { for: present - 2, against: 1, abstain: 1 };
    expect(counts.for).toBeGreaterThanOrEqual(needed);
    await panel.getByRole('button', { name: '记录表决' }).click();
    const vote = dialog(page);
    await vote.getByText(`应到 ${all} · 实到 ${present}`).waitFor();
    await vote.getByRole('spinbutton', { name: '赞成', exact: true }).fill(String(counts.for));
    await vote.getByRole('spinbutton', { name: '反对', exact: true }).fill(String(counts.against));
    await vote.getByRole('spinbutton', { name: '弃权', exact: true }).fill(String(counts.abstain));
    await vote.getByRole('spinbutton', { name: '未按表决器', exact: true }).fill('0');
    const status = vote.getByRole('status');
    await expect.poll(() => status.textContent()).toContain(`合计 ${present} / 出席 ${present}`);
    await expect.poll(() => status.textContent()).toContain('按此结果：通过');
    await shot(page, 'session-flow-vote-dialog');
    await write(page, 'POST', /\/items\/[0-9A-Z]{26}\/votes$/, () => vote.getByRole('button', { name: SAVE }).click());
    await settled(page);

    const round = panel.getByTestId('vote-round');
    await round.waitFor();
    await expect.poll(() => round.textContent()).toContain('通过');
    expect(await round.textContent()).not.toContain('未通过');
    const announcement = round.getByLabel('表决结果宣布词');
    await expect
      .poll(() => announcement.textContent())
      .toBe(
        `本次会议应到代表${all}名，实到${present}名。表决结果：赞成${counts.for}票，反对${counts.against}票，弃权${counts.abstain}票，未按表决器0人。` +
          `赞成票超过全体代表的半数，《${DECISION}》通过。`,
      );
    // The item itself shows passed (its status beside the round's result) and the last vote.
    await expect.poll(() => item.getByText('通过', { exact: true }).count()).toBe(2);
    await item.getByText(`第 1 轮表决：赞成 ${counts.for}，反对 1，弃权 1，未按 0`).waitFor();

    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'session-flow-agenda');
  });

  it('on 选举, the town head is nominated, voted on and elected', async () => {
    await tab(page, '选举');
    await page.getByText(`全体代表 ${all} 名，出席 ${present} 名`).waitFor();

    // The election: 镇长, one seat (the form's defaults, checked).
    await page.getByRole('button', { name: '新增选举' }).click();
    let modal = dialog(page);
    await expect.poll(() => modal.locator('.ant-select').first().textContent()).toContain('镇长');
    expect(await modal.getByLabel('应选名额').inputValue()).toBe('1');
    await write(page, 'POST', /\/elections$/, () => modal.getByRole('button', { name: SAVE }).click());
    await settled(page);
    const card = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head', { hasText: '镇长' }) });
    await card.waitFor();
    await expect.poll(() => card.locator('.ant-card-head').textContent()).toContain('提名中');

    // The presidium nominates one candidate who is not a deputy, by name.
    await card.getByRole('button', { name: '添加提名' }).click();
    modal = dialog(page);
    await modal.getByText('主席团', { exact: true }).waitFor();
    await modal.getByLabel('非代表（填写姓名）').check();
    await modal.getByRole('textbox', { name: /姓名$/ }).fill(CANDIDATE);
    await modal.getByLabel('政治面貌').fill('中共党员');
    await modal.getByLabel('职务（工作单位）').fill('青石镇人民政府副镇长');
    await write(page, 'POST', /\/elections\/[0-9A-Z]{26}\/nominations$/, () => modal.getByRole('button', { name: SAVE }).click());
    await settled(page);
    const row = card.getByRole('row', { name: new RegExp(CANDIDATE) });
    await row.waitFor();
    expect(await row.textContent()).toContain('非代表');
    expect(await row.textContent()).toContain('主席团');

    // Start voting.
    await card.getByRole('button', { name: '开始投票' }).click();
    modal = dialog(page);
    await expect.poll(() => modal.textContent()).toContain(CANDIDATE);
    await write(page, 'POST', /\/elections\/[0-9A-Z]{26}\/start$/, () => modal.getByRole('button', { name: '开始投票' }).click());
    await settled(page);
    await expect.poll(() => card.locator('.ant-card-head').textContent()).toContain('投票中');

    // One round: ballots issued to all present, one invalid; more than half of all deputies for.
    const needed = Math.floor(all / 2) + 1;
    const ballots = { issued: present, returned: present, valid: present - 1, invalid: 1 };
    const line = { for: ballots.valid - 2, against: 1, abstain: 1 };
    expect(line.for).toBeGreaterThanOrEqual(needed);
    await card.getByRole('button', { name: '登记投票结果' }).click();
    modal = dialog(page);
    await modal.getByLabel('发出选票').fill(String(ballots.issued));
    await modal.getByLabel('收回选票').fill(String(ballots.returned));
    await modal.getByLabel('有效票').fill(String(ballots.valid));
    await modal.getByLabel('无效票').fill(String(ballots.invalid));
    await modal.getByLabel(`${CANDIDATE}：赞成票`).fill(String(line.for));
    await modal.getByLabel(`${CANDIDATE}：反对票`).fill(String(line.against));
    await modal.getByLabel(`${CANDIDATE}：弃权票`).fill(String(line.abstain));
    const preview = modal.locator('.ant-alert-success');
    await preview.waitFor();
    await expect.poll(() => preview.textContent()).toContain(CANDIDATE);
    await shot(page, 'session-flow-round-dialog');
    await write(page, 'POST', /\/elections\/[0-9A-Z]{26}\/rounds$/, () => modal.getByRole('button', { name: SAVE }).click());
    await settled(page);

    await expect.poll(() => card.locator('.ant-card-head').textContent()).toContain('已选出');
    await card.getByText(`当选：${CANDIDATE}`).waitFor();
    const elected = card.getByRole('row', { name: new RegExp(CANDIDATE) });
    await expect.poll(() => elected.first().textContent()).toContain('当选');
    await expect
      .poll(() => card.getByText(/全体代表 \d+ · 出席/).textContent())
      .toBe(
        `全体代表 ${all} · 出席 ${present} · 发出 ${ballots.issued} · 收回 ${ballots.returned} · 有效 ${ballots.valid} · 无效 ${ballots.invalid} · 当选须 ${needed} 票`,
      );
    // The announcement, unfolded.
    await card.getByRole('button', { name: /选举结果公告/ }).click();
    await card.getByText(`${CANDIDATE}（${line.for}票）获得全体代表过半数的赞成票，当选为镇长`, { exact: false }).waitFor();

    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'session-flow-elections');

    const link = card.getByRole('link', { name: '打印计票单' }).first();
    tallyUrl = (await link.getAttribute('href')) ?? '';
    expect(tallyUrl).toMatch(new RegExp(`^${sessionUrl}/elections/[0-9A-Z]{26}/tally\\?round=1$`));
  });

  it('the printable tally sheet shows the session, post, figures, the elected and the announcement', async () => {
    await page.goto(tallyUrl);
    const sheet = page.getByRole('article', { name: '计票单 · 镇长' });
    await sheet.waitFor();
    const needed = Math.floor(all / 2) + 1;
    const text = (await sheet.textContent()) ?? '';
    expect(text).toContain(sessionName);
    expect(text).toContain('选举镇长');
    for (const figure of [
      '应选名额：1 名',
      `全体代表：${all} 名`,
      `出席代表：${present} 名`,
      `发出选票：${present} 张`,
      `收回选票：${present} 张`,
      `有效票：${present - 1} 张`,
      '无效票：1 张',
      `当选票数：须获全体代表过半数 ${needed} 票`,
    ]) {
      expect(text).toContain(figure);
    }
    const row = sheet.getByRole('row', { name: new RegExp(CANDIDATE) });
    expect(await row.getByRole('cell').allInnerTexts()).toEqual([CANDIDATE, String(present - 3), '1', '1', '当选']);
    expect(text).toContain('结果：名额选满');
    const announcement = sheet.getByRole('region', { name: '选举结果公告' });
    const words = (await announcement.textContent()) ?? '';
    expect(words).toContain(`${sessionName}于`);
    expect(words).toContain(`选举镇长，应选1名。全体代表${all}名，出席${present}名。`);
    expect(words).toContain(`${CANDIDATE}（${present - 3}票）获得全体代表过半数的赞成票，当选为镇长。`);
    expect(words).toContain(`${sessionName}主席团`);
    await page.getByRole('button', { name: /打\s*印/ }).waitFor();

    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'session-flow-tally');
  });
});
