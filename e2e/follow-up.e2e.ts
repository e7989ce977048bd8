/**
 * The follow-up register as the department works it on the demo: a division's reviewer clears its triage queue from
 * the keyboard; the office records progress on a point a commune raised, answers it and closes it, and the commune
 * reads the answer on its page; the director goes from the home card's escalated items to the board, switches to the
 * kanban and exports the register; the office tunes the reminders and the matching lexicon and tries a text typed
 * without diacritics. Each screen is photographed into e2e/artifacts/ at 1366×768.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, journey } from './support/browser.js';
import { apiGet } from './support/pages.js';

const j = journey();

async function shot(page: Page, name: string) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.screenshot({ path: path.join(ARTIFACTS, `follow-up-${name}.png`) });
}

const menu = (page: Page, name: string) => page.locator('.nhip-sider .ant-menu').getByRole('link', { name, exact: true }).click();
const toast = (page: Page, text: string | RegExp) => page.locator('.ant-message').getByText(text).first().waitFor();

type Item = { id: number; text: string; state: string; answered: boolean; raisedBy: { code: string }[]; owner: { code: string } | null };

describe('theo dõi kiến nghị', () => {
  test('phòng chủ trì xử lý hàng chờ bằng bàn phím: nối điểm nêu lại, tạo mới, không xử lý có lý do', async () => {
    const page = await j.signIn('thamdinh');
    await page.setViewportSize({ width: 1366, height: 768 });
    await menu(page, 'Hàng chờ kiến nghị');
    await page.waitForURL((u) => u.pathname === '/follow-up/triage');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(2);
    await shot(page, 'triage-1366');
    const before = await apiGet<{ total: number }>(page, '/api/recommendations/candidates?status=pending&pageSize=1');
    expect(before.status).toBe(200);

    // The first row has the focus: "n" makes it a new recommendation.
    await page.getByRole('heading', { name: 'Hàng chờ kiến nghị' }).click();
    const first = await rows.count();
    await page.keyboard.press('n');
    await toast(page, 'Đã tạo kiến nghị mới.');
    await expect.poll(() => rows.count()).toBe(first - 1);
    // A row the system matched to an open point already in the register (a finished one is shown, not offered):
    // focus it with j and link it with l.
    const matched = rows.filter({ has: page.getByTestId('fu-link-first') });
    await expect.poll(() => matched.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const index = await rows.evaluateAll((trs) => trs.findIndex((tr) => tr.querySelector('[data-testid="fu-link-first"]')));
    for (let i = 0; i < index; i++) await page.keyboard.press('j');
    await page.keyboard.press('l');
    await toast(page, /^Đã nối vào kiến nghị #\d+\.$/);
    await expect.poll(() => rows.count()).toBe(first - 2);
    // "d" asks for the reason before a point is dropped.
    await page.keyboard.press('d');
    const reason = page.getByRole('dialog').filter({ hasText: 'Không xử lý mục này' });
    await reason.waitFor();
    await j.checkAccessibility(page);
    await shot(page, 'triage-dismiss');
    await reason.getByRole('textbox').fill('Thuộc thẩm quyền của UBND xã; đã hướng dẫn xã tự bố trí kinh phí.');
    await reason.getByRole('button', { name: 'Xác nhận' }).click();
    await reason.waitFor({ state: 'hidden' });
    const pending = async () => (await apiGet<{ total: number }>(page, '/api/recommendations/candidates?status=pending&pageSize=1')).body.total;
    await expect.poll(pending).toBe(before.body.total - 3);
    await page.getByText('Không xử lý (', { exact: false }).first().click();
    await page.getByText('Thuộc thẩm quyền của UBND xã; đã hướng dẫn xã tự bố trí kinh phí.').first().waitFor();
    await shot(page, 'triage-dismissed');
  });

  test('Văn phòng cập nhật tiến độ, trả lời và hoàn thành một kiến nghị của xã; xã đọc được trả lời', async () => {
    const unit = await j.signIn('baocao');
    // A unit sees what it raised (and what the units it took over raised).
    const mine = await apiGet<{ items: Item[] }>(unit, '/api/recommendations?pageSize=200');
    expect(mine.status).toBe(200);
    const target = mine.body.items.find((r) => (r.state === 'in_progress' || r.state === 'assigned') && !r.answered);
    expect(target, 'the demo has an open, unanswered point raised by the commune').toBeTruthy();
    const id = target!.id;

    const office = await j.signIn('vanphong');
    await office.setViewportSize({ width: 1366, height: 768 });
    await office.goto(`${j.server.url}/follow-up/${id}`);
    await office.getByRole('heading', { name: `Kiến nghị #${id}` }).waitFor();
    if (target!.state === 'assigned') {
      await office.getByTestId('fu-t-start').click();
      await office.getByRole('dialog').getByRole('button', { name: 'Xác nhận' }).click();
      await office.getByTestId('fu-t-complete').waitFor();
    }
    await office.getByLabel('Nội dung cập nhật').fill('Đã khảo sát hiện trạng cùng UBND xã; dự toán sửa chữa trình Giám đốc Sở.');
    await office.getByRole('spinbutton', { name: 'Tiến độ (%)' }).fill('60');
    await office.getByTestId('fu-update-submit').click();
    await toast(office, 'Đã thêm cập nhật.');
    await office.getByTestId('fu-timeline').getByText('Đã khảo sát hiện trạng cùng UBND xã').waitFor();
    const answer = 'Sở đã bố trí kinh phí sửa chữa trong quý này; đề nghị xã phối hợp bàn giao mặt bằng.';
    await office.getByLabel('Nội dung trả lời').fill(answer);
    await office.getByTestId('fu-answer-publish').click();
    await toast(office, 'Đã gửi trả lời cho các đơn vị đã nêu.');
    await office.getByTestId('fu-t-complete').click();
    const done = office.getByRole('dialog').filter({ hasText: 'Hoàn thành' });
    await done.getByRole('textbox').first().fill('Biên bản nghiệm thu sửa chữa ngày 02/12/2026.');
    await done.getByRole('button', { name: 'Xác nhận' }).click();
    await expect.poll(async () => (await apiGet<{ state: string }>(office, `/api/recommendations/${id}`)).body.state).toBe('done');
    await shot(office, 'recommendation-done');

    await unit.setViewportSize({ width: 1366, height: 768 });
    await unit.goto(`${j.server.url}/`);
    await menu(unit, 'Kiến nghị của đơn vị');
    await unit.waitForURL((u) => u.pathname === '/follow-up/unit');
    await unit.getByText(answer).first().waitFor();
    await shot(unit, 'unit-page');
  });

  test('Giám đốc đi từ thẻ trên trang chủ tới các kiến nghị quá hạn đã báo lãnh đạo, xem kanban và xuất Excel', async () => {
    const page = await j.signIn('giamdoc');
    await page.setViewportSize({ width: 1366, height: 768 });
    const card = page.getByText('Theo dõi kiến nghị').first();
    await card.waitFor();
    await shot(page, 'director-home');
    await page.getByRole('link', { name: 'Xem các kiến nghị quá hạn đã báo lãnh đạo Sở phụ trách' }).click();
    await page.waitForURL((u) => u.pathname === '/follow-up' && u.searchParams.get('escalated') === 'true');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const board = await apiGet<{ items: { escalated: boolean; timeliness: string }[] }>(page, '/api/recommendations?escalated=true&pageSize=50');
    expect(board.body.items.length).toBeGreaterThan(0);
    expect(board.body.items.every((i) => i.escalated)).toBe(true);
    await shot(page, 'board-escalated');
    await page.getByText('Theo trạng thái', { exact: true }).click();
    await page.locator('.fu-kanban').first().waitFor();
    await shot(page, 'board-kanban');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /Xuất Excel/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const saved = path.join(ARTIFACTS, `follow-up-${file.suggestedFilename()}`);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await file.saveAs(saved);
    expect(fs.readFileSync(saved).subarray(0, 2).toString()).toBe('PK');
  });

  test('Văn phòng đổi lịch nhắc hạn, sửa từ điển so khớp và thử một câu gõ không dấu', async () => {
    const page = await j.signIn('vanphong');
    await page.setViewportSize({ width: 1366, height: 768 });
    await menu(page, 'Thiết lập theo dõi kiến nghị');
    await page.waitForURL((u) => u.pathname === '/follow-up/settings');
    await page.getByRole('heading', { name: 'Thiết lập theo dõi kiến nghị' }).waitFor();
    await page.getByText(/quá hạn 7 ngày thì kiến nghị được báo lãnh đạo Sở phụ trách/).waitFor();
    await shot(page, 'settings');

    await page.getByLabel('Quá hạn bao nhiêu ngày thì báo lãnh đạo Sở').fill('10');
    await page.getByRole('button', { name: 'Lưu lịch nhắc hạn' }).click();
    await toast(page, /Đã lưu lịch nhắc hạn/);
    await page.getByText(/quá hạn 10 ngày thì kiến nghị được báo lãnh đạo Sở phụ trách/).waitFor();
    expect((await apiGet<{ escalateAfterDays: number }>(page, '/api/recommendations/reminders')).body.escalateAfterDays).toBe(10);

    // A text typed without diacritics finds the loudspeaker points.
    await page.getByLabel('Nội dung kiến nghị để thử so khớp').fill('de nghi ho tro kinh phi sua chua loa truyen thanh bi hu hong');
    await page.getByRole('button', { name: 'So khớp' }).click();
    await expect.poll(() => page.locator('li').filter({ hasText: /loa/i }).count(), { timeout: 10_000 }).toBeGreaterThan(0);

    // A synonym the department uses: saved, every point's match terms rebuilt, then the default restored.
    await page.getByRole('button', { name: 'Thêm dòng' }).click();
    const row = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await row.getByRole('combobox', { name: 'Loại' }).click();
    await page.getByTitle('Đồng nghĩa').last().click();
    await row.getByRole('textbox', { name: 'Từ' }).fill('máy tính bảng');
    await row.getByRole('combobox', { name: 'Các cách viết khác' }).fill('tablet');
    await row.getByRole('combobox', { name: 'Các cách viết khác' }).press('Enter');
    await j.checkAccessibility(page);
    await shot(page, 'lexicon-edit');
    await page.getByRole('button', { name: 'Lưu từ điển' }).click();
    await toast(page, /Đã lưu từ điển\. Đã tính lại khóa so khớp của [\d.]+ kiến nghị\./);
    const saved = await apiGet<{ rows: { term: string; variants: string[] }[]; isDefault: boolean }>(page, '/api/recommendations/lexicon');
    expect(saved.body.isDefault).toBe(false);
    expect(saved.body.rows.find((r) => r.term === 'máy tính bảng')?.variants).toEqual(['tablet']);
    await page.getByRole('button', { name: 'Khôi phục mặc định' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Khôi phục' }).click();
    await toast(page, /Đã khôi phục từ điển mặc định/);
    expect((await apiGet<{ isDefault: boolean }>(page, '/api/recommendations/lexicon')).body.isDefault).toBe(true);
  });
});
