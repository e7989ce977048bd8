/**
 * Every screen of the menu, for every role: each account signs in and opens each entry of its menu the way a
 * person does (a click, so the app routes on the client), then its account page. The journey's checks run on
 * every screen: axe-core (WCAG 2.1 A and AA, no serious or critical finding) and no Content-Security-Policy
 * violation. The menu comes from the features' registry, so a new screen in the menu is checked the day it
 * exists.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { journey } from './support/browser.js';
import { ADMIN_PASSWORD } from './support/server.js';

const j = journey();

/** The menu's entries: name and address of each link in the side menu. */
async function menuEntries(page: Page): Promise<{ name: string; path: string }[]> {
  const links = page.locator('.nhip-sider .ant-menu a[href]');
  await links.first().waitFor();
  const out: { name: string; path: string }[] = [];
  for (const a of await links.all()) out.push({ name: (await a.innerText()).trim(), path: (await a.getAttribute('href')) ?? '' });
  return out;
}

/**
 * Waits until the screen has drawn its data (no spinner, no skeleton, the page quiet) and has been checked: the
 * check its navigation queued does both; a screen reached without one is checked now.
 */
async function checkScreen(page: Page) {
  await j.checked(page);
}

const ACCOUNTS: { username: string; password?: string }[] = [
  { username: 'admin', password: ADMIN_PASSWORD },
  { username: 'vanphong' },
  { username: 'thamdinh' },
  { username: 'giamdoc' },
  { username: 'baocao' },
  { username: 'khach' },
];

describe('mọi màn hình trong menu, với mọi vai trò, đạt WCAG 2.1 AA và chạy trong CSP', () => {
  for (const account of ACCOUNTS) {
    test(`${account.username}: mọi mục trong menu và trang tài khoản`, async () => {
      const page = await j.signIn(account.username, account.password);
      const entries = await menuEntries(page);
      expect(entries.length, 'the menu has entries').toBeGreaterThan(0);
      for (const entry of entries) {
        await page.locator('.nhip-sider .ant-menu').getByRole('link', { name: entry.name, exact: true }).click();
        await page.waitForURL((u) => u.pathname === entry.path);
        await checkScreen(page);
      }
      // The account page, from the account menu in the header.
      await page.locator('.nhip-user-button').click();
      await page.getByRole('menuitem', { name: /Tài khoản/ }).click();
      await page.waitForURL(/\/account/);
      await checkScreen(page);
    });
  }
});
