import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

export const DEMO_PASSWORD = 'Renda@2026';
export const SHOTS = path.resolve('test-results', 'screenshots');

/** Debian's Chromium: test tools cannot download a browser on our machines. */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export async function newContext(browser: Browser, baseURL: string, phone = false): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    locale: 'zh-CN',
    viewport: phone ? { width: 375, height: 740 } : { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    isMobile: phone,
    hasTouch: phone,
    acceptDownloads: true,
  });
}

export async function loginAs(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/用户名|手机号/).fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/**
 * Nothing is still fading, zooming or unfolding: antd animates dialogs, toasts and collapse panels, and axe
 * judges text half-way through as low contrast (seen in CI on a dialog's red button and on a collapse body).
 * Finite CSS animations and transitions must have ended; endless ones (a spinner) are not waited for.
 */
export async function animationsDone(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY),
    undefined,
    { timeout: 10_000 },
  );
}

/** axe-core WCAG 2.1 A/AA violations on the current page (empty when accessible), once animations have ended. */
export async function axeViolations(page: Page) {
  await animationsDone(page);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}
