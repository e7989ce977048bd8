import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { AXE_SKIP, type AxeFinding, axeFindings, BLOCKING, describeFindings, settle } from './axe.js';
import { launchBrowser } from './chromium.js';
import { DEMO_PASSWORD, ROOT, type RunningServer, startServer } from './server.js';

export { launchBrowser };
export const ARTIFACTS = path.join(ROOT, 'e2e/artifacts');

type Session = {
  who: string;
  context: BrowserContext;
  page: Page;
  problems: string[];
  /** Serious and critical axe findings not reported yet, keyed by rule, page and target. */
  axe: Map<string, AxeFinding>;
  /** Content-Security-Policy violations not reported yet. */
  csp: string[];
  /** The accessibility checks of this page, one after another. */
  checks: Promise<void>;
  /** A check is waiting to start: later navigations join it instead of queueing their own. */
  queued: boolean;
  /** The address the last finished check looked at, once settled. */
  checkedUrl?: string;
};

/** Errors of a check that met a page in the middle of leaving: the next page gets its own check. */
const LEFT_PAGE = /Execution context was destroyed|Target page, context or browser has been closed|Target closed|frame was detached|navigat/i;

/** Browser console lines that report a Content-Security-Policy violation. */
const CSP_CONSOLE = /Content Security Policy|Refused to (load|execute|apply|connect|frame|create)/;

/** Reports every securitypolicyviolation event of the page to the test (added before any page script runs). */
const CSP_LISTENER = `document.addEventListener('securitypolicyviolation', (e) => {
  window.__nhipCspViolation([e.violatedDirective, 'blocked ' + (e.blockedURI || 'inline'), 'at ' + e.sourceFile + ':' + e.lineNumber, e.sample].filter(Boolean).join(' · '));
});`;

/**
 * Runs axe on what the page shows once it has settled, and keeps its serious and critical findings for the
 * end of the test. Pages in AXE_SKIP and pages that are not the app (about:blank) are left out.
 */
async function checkAccessibility(s: Session) {
  s.queued = false;
  if (s.page.isClosed()) return;
  try {
    await settle(s.page);
    s.checkedUrl = s.page.url();
    const url = new URL(s.page.url());
    if (!url.protocol.startsWith('http') || AXE_SKIP.some((re) => re.test(url.pathname))) return;
    for (const f of await axeFindings(s.page)) {
      if (!BLOCKING.has(f.impact)) continue;
      f.targets.forEach((target, i) => s.axe.set(`${f.rule} ${f.page} ${target}`, { ...f, targets: [target], details: [f.details[i] ?? f.help], nodes: 1 }));
    }
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (!s.page.isClosed() && !LEFT_PAGE.test(msg)) s.problems.push(`axe could not check ${s.page.url()}: ${msg.split('\n')[0]}`);
  }
}

/** Queues a check of the page as it will be once settled (one waiting check at most). */
function scheduleCheck(s: Session) {
  if (s.queued) return;
  s.queued = true;
  s.checks = s.checks.then(() => checkAccessibility(s));
}

export type Journey = {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A fresh browser profile (own cookies) signed in as a demo user through the login page. */
  signIn(username: string, password?: string): Promise<Page>;
  /** A fresh browser profile, not signed in. */
  anonymous(label?: string): Promise<Page>;
  /**
   * Checks what the page shows now (an open dialog or drawer, a state reached without navigating) with axe,
   * besides the checks made on every navigation and at the end of each test. Findings fail the test at its end.
   */
  checkAccessibility(page: Page): Promise<void>;
  /**
   * Waits for the check the last navigation queued (it waits for the screen to settle, then runs axe); checks the
   * page now only when no check has looked at its current address — one axe run per screen instead of two.
   */
  checked(page: Page): Promise<void>;
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
export function journey(opts: { now?: string; chromiumArgs?: readonly string[] } = {}): Journey {
  let server: RunningServer | null = null;
  let browser: Browser | null = null;
  const sessions: Session[] = [];

  beforeAll(async () => {
    server = await startServer({ now: opts.now });
    browser = await launchBrowser(opts.chromiumArgs);
  });

  // Every page a test visited, including the screens it reached by client-side navigation, has been checked
  // by axe (WCAG 2.1 A and AA); the page it ends on is checked once more as it is now. Any serious or critical
  // finding, any Content-Security-Policy violation and any check that could not run fails the test.
  afterEach(async () => {
    const found: string[] = [];
    for (const s of sessions) {
      if (!s.page.isClosed()) scheduleCheck(s);
      await s.checks;
      const axe = [...s.axe.values()];
      if (axe.length) found.push(`${s.who}: ${axe.length} serious or critical accessibility finding(s) (axe-core, WCAG 2.1 AA):\n${describeFindings(axe)}`);
      if (s.csp.length) found.push(`${s.who}: ${s.csp.length} Content-Security-Policy violation(s):\n${[...new Set(s.csp)].join('\n')}`);
      const broken = s.problems.filter((p) => p.startsWith('axe could not'));
      if (broken.length) found.push(`${s.who}:\n${broken.join('\n')}`);
      s.axe.clear();
      s.csp.length = 0;
      s.problems = s.problems.filter((p) => !p.startsWith('axe could not'));
    }
    if (found.length) throw new Error(found.join('\n\n'));
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
    return (await openSession(who)).page;
  }

  async function openSession(who: string): Promise<Session> {
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
    const problems: string[] = [];
    const csp: string[] = [];
    await context.exposeBinding('__nhipCspViolation', ({ page: from }, text: string) => csp.push(`${from?.url() ?? ''} ${text}`));
    await context.addInitScript(CSP_LISTENER);
    const page = await context.newPage();
    const session: Session = { who, context, page, problems, axe: new Map(), csp, checks: Promise.resolve(), queued: false };
    page.on('console', (m) => {
      if (m.type() === 'error') session.problems.push(`console: ${m.text()}`);
      if (CSP_CONSOLE.test(m.text())) csp.push(`${page.url()} console: ${m.text()}`);
    });
    // Every document and every client-side route change (history API) of the main frame gets a check.
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) scheduleCheck(session);
    });
    page.on('pageerror', (e) => session.problems.push(`pageerror: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 500) session.problems.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
    });
    sessions.push(session);
    return session;
  }

  /** Queues a check of the page now and waits for it (and any check before it). */
  async function checkNow(s: Session) {
    scheduleCheck(s);
    await s.checks;
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
    async checkAccessibility(page) {
      const s = sessions.find((x) => x.page === page);
      if (!s) throw new Error('checkAccessibility(): not a page of this journey');
      await checkNow(s);
    },
    async checked(page) {
      const s = sessions.find((x) => x.page === page);
      if (!s) throw new Error('checked(): not a page of this journey');
      await s.checks;
      if (s.checkedUrl !== page.url()) await checkNow(s);
    },
    async signIn(username, password = DEMO_PASSWORD) {
      const session = await openSession(username);
      const page = session.page;
      await page.goto('/');
      // The sign-in page is checked before the form is filled in (it is gone a moment later).
      await page.getByLabel('Tên đăng nhập').waitFor();
      await checkNow(session);
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
