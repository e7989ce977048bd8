import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { launchBrowser } from './chromium.js';
import { DEMO_PASSWORD, ROOT, type RunningServer, startServer } from './server.js';

export { launchBrowser };
export const ARTIFACTS = path.join(ROOT, 'e2e/artifacts');

type Session = { who: string; context: BrowserContext; page: Page; problems: string[] };

export type Journey = {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A fresh browser profile (own cookies) signed in as a demo user through the login page. */
  signIn(username: string, password?: string): Promise<Page>;
  /** A fresh browser profile, not signed in. */
  anonymous(label?: string): Promise<Page>;
};

const safe = (s: string) =>
  s
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 80);

/**
 * Registers the hooks of one journey file: the server and the browser start once for the file and are
 * stopped after it; when a test fails, every open page is photographed into e2e/artifacts/ together with
 * the console errors it logged.
 */
export function journey(opts: { now?: string } = {}): Journey {
  let server: RunningServer | null = null;
  let browser: Browser | null = null;
  const sessions: Session[] = [];

  beforeAll(async () => {
    server = await startServer({ now: opts.now });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const s of sessions) await s.context.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  beforeEach((ctx) => {
    ctx.onTestFailed(async () => {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      for (const s of sessions) {
        if (s.page.isClosed()) continue;
        const base = path.join(ARTIFACTS, `${safe(ctx.task.name)}-${safe(s.who)}-${stamp}`);
        await s.page.screenshot({ path: `${base}.png`, fullPage: true }).catch(() => {});
        const notes = [`url: ${s.page.url()}`, ...s.problems].join('\n');
        fs.writeFileSync(`${base}.txt`, `${notes}\n`);
      }
      if (server) fs.writeFileSync(path.join(ARTIFACTS, `${safe(ctx.task.name)}-server-${stamp}.log`), server.output());
    });
  });

  async function open(who: string): Promise<Page> {
    if (!browser || !server) throw new Error('journey(): the server and browser start in beforeAll');
    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      viewport: { width: 1366, height: 900 },
      acceptDownloads: true,
    });
    context.setDefaultTimeout(15_000);
    context.setDefaultNavigationTimeout(30_000);
    const page = await context.newPage();
    const session: Session = { who, context, page, problems: [] };
    page.on('console', (m) => {
      if (m.type() === 'error') session.problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => session.problems.push(`pageerror: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 500) session.problems.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
    });
    sessions.push(session);
    return page;
  }

  return {
    get server() {
      if (!server) throw new Error('journey(): server not started yet');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('journey(): browser not started yet');
      return browser;
    },
    anonymous: (label = 'khach-vang-lai') => open(label),
    async signIn(username, password = DEMO_PASSWORD) {
      const page = await open(username);
      await page.goto('/');
      await page.getByLabel('Tên đăng nhập').fill(username);
      await page.getByLabel('Mật khẩu').fill(password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      // Signed in: the login form is gone and the session cookie is set.
      await expect.poll(async () => (await page.context().cookies()).some((c) => c.name === 'nhip_sid'), { timeout: 15_000 }).toBe(true);
      await page.getByLabel('Tên đăng nhập').waitFor({ state: 'detached', timeout: 15_000 });
      return page;
    },
  };
}
