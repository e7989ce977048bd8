/**
 * A reporter who types the address of another unit's report gets a not-found page, never its figures;
 * the API answers 404 exactly as for a unit that does not exist, so nothing leaks about other units.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { journey } from './support/browser.js';
import { apiGet, type EntryApi, type MyRound } from './support/pages.js';

const j = journey();

describe('phạm vi dữ liệu của đơn vị', () => {
  test('đơn vị mở địa chỉ báo cáo của đơn vị khác: trang không tìm thấy, API trả 404', async () => {
    const reporter = await j.signIn('baocao');
    const me = (await apiGet<{ orgUnitId: number }>(reporter, '/api/me')).body;
    const mine = (await apiGet<MyRound[]>(reporter, '/api/my/rounds')).body;
    expect(mine.length).toBeGreaterThan(0);
    const round = mine[0];

    // Another unit of the same round, one that has already reported: the office sees it on the board.
    const office = await j.signIn('vanphong');
    const board = await apiGet<{ rows: { orgUnit: { id: number; name: string }; status: string }[] }>(
      office,
      `/api/rounds/${round.id}/board`,
    );
    expect(board.status).toBe(200);
    const others = board.body.rows.filter((r) => r.orgUnit.id !== me.orgUnitId);
    const other = others.find((r) => r.status === 'submitted' || r.status === 'approved') ?? others[0];
    expect(other, 'the round has another unit').toBeTruthy();
    const theirs = await apiGet<EntryApi>(office, `/api/rounds/${round.id}/units/${other.orgUnit.id}/entry`);
    expect(theirs.status).toBe(200);

    // The reporter's browser asks for it and is told it does not exist.
    const entryCall = reporter.waitForResponse((r) => r.url().endsWith(`/api/rounds/${round.id}/units/${other.orgUnit.id}/entry`));
    await reporter.goto(`/rounds/${round.id}/units/${other.orgUnit.id}`);
    const response = await entryCall;
    expect(response.status()).toBe(404);
    await expectNotFoundPage(reporter);
    expect(await reporter.getByText(other.orgUnit.name).count()).toBe(0);
    expect(await reporter.locator('[data-code]').count()).toBe(0);
    expect(await reporter.getByTestId('entry-submit').count()).toBe(0);

    // The same answer as for a unit that does not exist at all.
    const direct = await apiGet<{ error: string; message: string }>(reporter, `/api/rounds/${round.id}/units/${other.orgUnit.id}/entry`);
    const missing = await apiGet<{ error: string; message: string }>(reporter, `/api/rounds/${round.id}/units/987654/entry`);
    expect(direct.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(direct.body).toEqual(missing.body);
    // Nor can the reporter's session reach the other unit's history or Excel template.
    for (const tail of ['history', 'template.xlsx']) {
      const res = await apiGet<{ error: string; message: string }>(reporter, `/api/rounds/${round.id}/units/${other.orgUnit.id}/${tail}`);
      expect(res.status, tail).toBe(404);
      expect(res.body, tail).toEqual(direct.body);
    }
  });
});

async function expectNotFoundPage(page: Page) {
  // The page's own not-found result (antd Result, status 404), not an empty form or a toast.
  await page.locator('.ant-result-404').waitFor({ state: 'visible', timeout: 15_000 });
  expect(await page.locator('.ant-result-404').innerText()).toMatch(/Không tìm thấy/);
}
