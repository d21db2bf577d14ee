import { performance } from 'node:perf_hooks';

/*
 * Time to a usable deputy list in Chromium: a signed-in user opens /deputies in a fresh browser context
 * (an empty HTTP cache, so every script is fetched as on a first visit), and the clock stops when the
 * first row of the list is on screen. The sign-in happens once, through the API, and its cookie is
 * handed to each context, so only the page load is timed. Debian's Chromium (see test/e2e/browser.ts).
 */

export type ListTiming = { runs: number[]; median: number; first: number };

export async function timeToDeputyList(o: { baseUrl: string; username: string; password: string; runs: number }): Promise<ListTiming> {
  const { chromium } = await import('playwright-core');
  const login = await fetch(`${o.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: o.username, password: o.password }),
  });
  if (!login.ok) throw new Error(`web bench: login ${o.username} failed (${login.status})`);
  const cookies = login.headers.getSetCookie().map((c) => {
    const [pair] = c.split(';');
    const at = pair.indexOf('=');
    return { name: pair.slice(0, at), value: pair.slice(at + 1), url: o.baseUrl };
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const runs: number[] = [];
    for (let i = 0; i < o.runs; i++) {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
      await context.addCookies(cookies);
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${o.baseUrl}/deputies`);
      await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ state: 'visible', timeout: 30_000 });
      runs.push(performance.now() - t0);
      await context.close();
    }
    const sorted = [...runs].sort((a, b) => a - b);
    return { runs, median: sorted[Math.floor(sorted.length / 2)], first: runs[0] };
  } finally {
    await browser.close();
  }
}
