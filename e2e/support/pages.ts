/**
 * What the journeys know about the pages, in one place: how to reach a field, read a status, confirm a
 * dialog. Selectors prefer what a person sees (roles, labels, texts) and fall back to the test ids the
 * pages publish (data-testid).
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { E2E_NOW } from './server.js';

export type MyRound = {
  id: number;
  formCode: string;
  formName: string;
  period: string;
  deadline: string;
  submission: { id: number; status: string } | null;
};

export type EntryApi = {
  round: { id: number; period: string; deadline: string };
  orgUnit: { id: number; code: string; name: string };
  form: { code: string; name: string; sections: { elements: { code: string; name: string; required?: boolean }[] }[] };
  submission: { id: number; status: string; version: number; reviewComment: string | null; late: boolean } | null;
  values: Record<string, { value: string }>;
  previous: { period: string; values: Record<string, string> } | null;
  lastYear: { period: string; values: Record<string, string> } | null;
};

/**
 * The signed-in reporter's open quarterly round whose form carries the village figures (THON_TONG,
 * THON_CAPQUANG), earliest deadline first, with its entry as the API gives it.
 */
export async function currentRound(page: Page): Promise<{ round: MyRound; entry: EntryApi }> {
  const mine = await apiGet<MyRound[]>(page, '/api/my/rounds');
  expect(mine.status).toBe(200);
  const me = await apiGet<{ orgUnitId: number }>(page, '/api/me');
  const open = [...mine.body].filter((r) => new Date(r.deadline) > new Date(E2E_NOW)).sort((a, b) => a.deadline.localeCompare(b.deadline));
  for (const r of open) {
    const entry = await apiGet<EntryApi>(page, `/api/rounds/${r.id}/units/${me.body.orgUnitId}/entry`);
    const codes = entry.body.form?.sections.flatMap((s) => s.elements.map((e) => e.code)) ?? [];
    if (codes.includes('THON_TONG') && codes.includes('THON_CAPQUANG')) return { round: r, entry: entry.body };
  }
  throw new Error(
    `no open round with the village figures before its deadline (open rounds: ${mine.body.map((r) => `${r.formCode} ${r.period}`).join(', ') || 'none'})`,
  );
}

/** The figure a reporter starts from: what is saved, else last quarter's, else last year's. */
export const startingFigure = (entry: EntryApi, code: string): string | undefined =>
  entry.values[code]?.value ?? entry.previous?.values[code] ?? entry.lastYear?.values[code];

/** GET through the signed-in browser profile (same cookies as the page). */
export async function apiGet<T>(page: Page, url: string): Promise<{ status: number; body: T }> {
  const res = await page.request.get(url);
  const text = await res.text();
  return { status: res.status(), body: (text ? JSON.parse(text) : null) as T };
}

/** The input of a data element on the entry form (the form marks each with data-code). */
export const field = (page: Page, code: string): Locator => page.locator(`input[data-code="${code}"], textarea[data-code="${code}"]`);

/** Replaces what a field holds, with the keyboard, and leaves it (so the form validates and saves). */
export async function typeInto(page: Page, code: string, value: string) {
  const input = field(page, code);
  await input.scrollIntoViewIfNeeded();
  await input.click();
  await input.press('ControlOrMeta+a');
  await input.press('Backspace');
  await input.pressSequentially(value);
  await input.press('Tab');
}

/** The issue shown beside a field (validation rule or type error naming that element). */
export const fieldIssue = (page: Page, code: string): Locator => page.getByTestId(`field-issue-${code}`);

/** Waits until the entry form says every change is saved (the autosave acknowledged by the server). */
export async function waitSaved(page: Page) {
  const status = page.getByTestId('entry-save-status');
  await expect.poll(async () => (await status.innerText()).trim(), { timeout: 20_000 }).toMatch(/^Đã lưu/);
}

/** Waits for the confirmation dialog and presses its button named `name`. */
export async function confirmDialog(page: Page, name: RegExp | string) {
  const dialog = page
    .getByRole('dialog')
    .filter({ has: page.getByRole('button', { name }) })
    .last();
  await dialog.waitFor({ state: 'visible' });
  await dialog.getByRole('button', { name }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The status tag text of the report on its entry page ('Nháp', 'Đã nộp', 'Trả lại', 'Đã duyệt'). */
export async function expectStatus(page: Page, label: string) {
  await expect
    .poll(
      async () =>
        (await page
          .locator('.ant-tag')
          .filter({ hasText: new RegExp(`^${label}$`) })
          .count()) > 0,
      { timeout: 20_000 },
    )
    .toBe(true);
}

/** Reads a number shown by an antd Statistic whose title is `title` inside `scope` ('1.634' → 1634). */
export async function statistic(scope: Locator, title: string): Promise<number> {
  const stat = scope
    .locator('.ant-statistic')
    .filter({ has: scope.page().locator('.ant-statistic-title', { hasText: new RegExp(`^${title}$`) }) });
  const text = (await stat.locator('.ant-statistic-content-value').first().innerText()).trim();
  const n = Number(text.replace(/\./g, '').replace(',', '.'));
  if (!Number.isFinite(n)) throw new Error(`Statistic "${title}" shows "${text}", not a number`);
  return n;
}
