/**
 * Nhịp without a mouse: a reporter signs in, opens the quarter's report from the home page, types a figure and
 * opens the submit dialog; a division reviewer signs in, goes through the menu to the rounds, opens the round's
 * board, finds a unit and approves its report. Only the keyboard is used (Tab, Enter, Escape and typing), and
 * every control reached shows where the focus is (an outline or a focus shadow that goes when it loses focus).
 * Like every journey, each screen is also checked with axe (WCAG 2.1 AA) and for CSP violations.
 */
import { foldDiacritics, periodLabel } from '@nhip/contracts';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { journey } from './support/browser.js';
import { apiGet, currentRound, type EntryApi, expectStatus, field, type MyRound, waitSaved } from './support/pages.js';
import { DEMO_PASSWORD } from './support/server.js';

const j = journey();

const state: { round?: MyRound } = {};

/** An element and its two ancestors: outline and box-shadow as the browser paints them now (a plain script for the page). */
const look = (element: string) => `(() => {
  const el = ${element};
  if (!el || el === document.body) return null;
  const chain = [el, el.parentElement, el.parentElement && el.parentElement.parentElement].filter(Boolean);
  return chain.map((e) => {
    const cs = getComputedStyle(e);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 ? cs.outlineWidth + ' ' + cs.outlineStyle + ' ' + cs.outlineColor : '';
    const shadow = cs.boxShadow && cs.boxShadow !== 'none' ? cs.boxShadow : '';
    return { tag: e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).slice(0, 2).join('.') : ''), outline, shadow };
  });
})()`;

type Look = { tag: string; outline: string; shadow: string }[] | null;

/** Short description of what has the focus, for failure messages. */
const focusedName = (page: Page) =>
  page.evaluate(`(() => { const e = document.activeElement; return e ? e.tagName.toLowerCase() + ' ' + (e.getAttribute('aria-label') || e.textContent || e.getAttribute('placeholder') || '').trim().slice(0, 60) : 'nothing'; })()`);

/**
 * The focus is visible: with the focus, the element (or the wrapper that draws for it) has an outline or a
 * shadow, and that paint changes when the focus leaves. The focus is put back afterwards.
 */
async function expectVisibleFocus(page: Page, what: string) {
  await page.waitForTimeout(350); // antd animates its focus shadow in
  const focused = (await page.evaluate(look('document.activeElement'))) as Look;
  expect(focused, `${what}: nothing has the focus`).not.toBeNull();
  expect(
    focused!.some((l) => l.outline || l.shadow),
    `${what}: no outline or shadow on the focused element or its wrapper (${JSON.stringify(focused)})`,
  ).toBe(true);
  await page.evaluate('window.__nhipFocused = document.activeElement; document.activeElement.blur();');
  await page.waitForTimeout(350);
  const unfocused = (await page.evaluate(look('window.__nhipFocused'))) as Look;
  await page.evaluate('window.__nhipFocused.focus()');
  await page.waitForTimeout(350);
  expect(JSON.stringify(unfocused), `${what}: looks the same without the focus, so nothing shows where the focus is`).not.toBe(JSON.stringify(focused));
}

/** Presses Tab until `target` (or something inside it) has the focus, then checks the focus is visible. */
async function tabTo(page: Page, target: Locator, what: string, max = 120) {
  await target.waitFor();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const there = await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)).catch(() => false);
    if (there) {
      await expectVisibleFocus(page, what);
      return;
    }
  }
  throw new Error(`${what}: not reached after ${max} presses of Tab (the focus is on ${await focusedName(page)})`);
}

/** Signs in on the login page with the keyboard only: Tab to each field, type, Enter. */
async function keyboardSignIn(page: Page, username: string) {
  await page.goto('/');
  await tabTo(page, page.getByLabel('Tên đăng nhập'), 'the username field');
  await page.keyboard.type(username);
  await tabTo(page, page.getByLabel('Mật khẩu'), 'the password field');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await page.context().cookies()).some((c) => c.name === 'nhip_sid'), { timeout: 15_000 }).toBe(true);
  await page.getByLabel('Tên đăng nhập').waitFor({ state: 'detached', timeout: 15_000 });
}

describe.sequential('dùng Nhịp chỉ bằng bàn phím', () => {
  test('đơn vị đăng nhập, mở báo cáo từ trang chủ, nhập một số liệu và mở hộp thoại nộp', async () => {
    const page = await j.anonymous('baocao-ban-phim');
    await keyboardSignIn(page, 'baocao');

    const { round, entry } = await currentRound(page);
    state.round = round;
    const card = page
      .locator('.ant-card')
      .filter({ hasText: round.formName })
      .filter({ hasText: periodLabel(round.period, 'vi') });
    await tabTo(page, card.getByRole('button', { name: /Nhập báo cáo|Tiếp tục/ }), 'the round card’s button');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/rounds/${round.id}/units/${entry.orgUnit.id}$`));

    // A figure typed into the form, the form saves it on leaving the field.
    const villages = Number(entry.values.THON_TONG?.value ?? entry.previous?.values.THON_TONG ?? 120) + 1;
    await tabTo(page, field(page, 'THON_TONG'), 'the total villages field');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(String(villages));
    await page.keyboard.press('Tab');
    await waitSaved(page);
    const saved = await apiGet<EntryApi>(page, `/api/rounds/${round.id}/units/${entry.orgUnit.id}/entry`);
    expect(saved.body.values.THON_TONG?.value).toBe(String(villages));

    // Submit opens a dialog (the confirmation, or what still stands in the way), which Escape closes again.
    // The submit button sits in the toolbar above the fields: Tab goes on through the form and the side menu (which grows
    // with each module a unit uses) and comes round to it.
    await tabTo(page, page.getByTestId('entry-submit').first(), 'the submit button', 250);
    await page.keyboard.press('Enter');
    const dialogs = page.getByRole('dialog');
    await expect.poll(() => dialogs.count()).toBe(1);
    expect(await dialogs.first().innerText()).toMatch(/Nộp báo cáo\?|[Cc]hưa/);
    await j.checkAccessibility(page);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialogs.count()).toBe(0);
    const after = await apiGet<EntryApi>(page, `/api/rounds/${round.id}/units/${entry.orgUnit.id}/entry`);
    expect(after.body.submission?.status ?? 'not_started').not.toBe('submitted');
  });

  test('phòng chuyên môn đăng nhập, qua menu tới bảng theo dõi, tìm một đơn vị đã nộp và duyệt báo cáo', async () => {
    const round = state.round;
    if (!round) throw new Error('the first step did not find the round');
    const page = await j.anonymous('thamdinh-ban-phim');
    await keyboardSignIn(page, 'thamdinh');

    // The unit to review: one that has submitted this round's report.
    const board = await apiGet<{ rows: { orgUnit: { id: number; name: string }; status: string }[] }>(page, `/api/rounds/${round.id}/board`);
    expect(board.status).toBe(200);
    const unit = board.body.rows.find((r) => r.status === 'submitted')?.orgUnit;
    if (!unit) throw new Error(`no unit has submitted round ${round.id} yet`);

    await tabTo(page, page.getByRole('link', { name: 'Đợt báo cáo', exact: true }), 'the menu’s rounds entry');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/rounds$/);

    const row = page.getByRole('row').filter({ hasText: round.formName }).filter({ hasText: periodLabel(round.period, 'vi') }).first();
    await tabTo(page, row.getByRole('link', { name: round.formName }), 'the round’s link in the list');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/rounds/${round.id}$`));

    await tabTo(page, page.getByTestId('board-search'), 'the board’s search field');
    await page.keyboard.type(foldDiacritics(unit.name));
    const link = page.getByTestId('board-table').getByRole('link', { name: unit.name, exact: true });
    await expect.poll(() => link.count(), { timeout: 15_000 }).toBe(1);
    await tabTo(page, link, 'the unit’s link on the board');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/rounds/${round.id}/units/${unit.id}$`));
    await expectStatus(page, 'Đã nộp');

    await tabTo(page, page.getByTestId('entry-approve'), 'the approve button');
    await page.keyboard.press('Enter');
    const confirm = page.getByTestId('review-confirm');
    await confirm.waitFor({ state: 'visible' });
    await j.checkAccessibility(page);
    await tabTo(page, confirm, 'the dialog’s confirm button', 20);
    await page.keyboard.press('Enter');
    await expectStatus(page, 'Đã duyệt');
    const entry = await apiGet<EntryApi>(page, `/api/rounds/${round.id}/units/${unit.id}/entry`);
    expect(entry.body.submission?.status).toBe('approved');
  });
});
