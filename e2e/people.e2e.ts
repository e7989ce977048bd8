/**
 * The people directory as people use it: the office finds someone without diacritics and reads their career,
 * adds a person, records a promotion and a retirement, and checks a CSV before importing it; a commune's
 * reporter keeps their own unit's list on a phone; a viewer reads names and positions but no personal data.
 * Each screen is photographed into e2e/artifacts/ at 1366×768 or 375 px wide.
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
  await page.screenshot({ path: path.join(ARTIFACTS, `people-${name}.png`) });
}

/** The open drawer or dialog whose title is given. */
const dialog = (page: Page, title: string | RegExp) => page.getByRole('dialog').filter({ has: page.getByText(title) }).last();

describe('danh sách cán bộ', () => {
  test('Văn phòng tìm cán bộ không dấu, xem quá trình công tác, thêm, đổi chức vụ, cho nghỉ và kiểm tra tệp CSV', async () => {
    const page = await j.signIn('vanphong');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('.nhip-sider .ant-menu').getByRole('link', { name: 'Cán bộ', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/people');
    await page.getByRole('heading', { name: 'Cán bộ' }).waitFor();
    await expect.poll(async () => page.locator('.ant-table-row').count()).toBeGreaterThan(20);
    await shot(page, 'list-1366');

    // Without diacritics: "trieu van binh" finds Triệu Văn Bình, whose career crosses the 2025 reform.
    await page.getByRole('searchbox', { name: 'Tìm theo họ tên' }).fill('trieu van binh');
    const row = page.locator('.ant-table-row').filter({ hasText: 'Triệu Văn Bình' });
    await row.first().waitFor();
    await row.first().getByText('Triệu Văn Bình').click();
    const drawer = dialog(page, 'Quá trình công tác');
    await drawer.getByText('Phó Chủ tịch UBND xã · Xã Khê Thượng').waitFor();
    await expect.poll(() => drawer.getByText(/^Trưởng phòng · Phòng Văn hóa và Thông tin huyện Khê Thượng/).count()).toBe(1);
    await expect.poll(() => drawer.getByText(/01\/07\/2025 – nay/).count()).toBe(1);
    await j.checkAccessibility(page);
    await shot(page, 'drawer-1366');
    await drawer.getByRole('button', { name: 'Close' }).or(drawer.getByRole('button', { name: 'Đóng' })).first().click();

    // Add someone to the IT and digital transformation division.
    await page.getByRole('searchbox', { name: 'Tìm theo họ tên' }).fill('');
    await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
    const add = dialog(page, 'Thêm cán bộ');
    await add.getByLabel('Họ và tên').fill('Phùng Thị Khánh Linh');
    await add.getByLabel('Đơn vị').click();
    await page.keyboard.type('chuyen doi so');
    await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: 'Phòng Công nghệ thông tin và Chuyển đổi số' }).first().click();
    await add.getByLabel('Chức vụ').fill('Chuyên viên');
    await add.getByLabel('Công tác từ ngày').fill('01/10/2026');
    await add.getByLabel('Công tác từ ngày').press('Enter');
    await add.getByLabel('Điện thoại').fill('0915 246 810');
    await add.getByLabel('Thư điện tử').fill('linhptk@vanlinh.gov.vn');
    await j.checkAccessibility(page);
    await shot(page, 'add-1366');
    await add.getByRole('button', { name: 'Lưu' }).click();
    const person = dialog(page, 'Quá trình công tác');
    await person.getByText('Chuyên viên · Phòng Công nghệ thông tin và Chuyển đổi số').waitFor();

    // A promotion in the same unit from a date, then her retirement: the history keeps all three.
    await person.getByRole('button', { name: 'Chuyển công tác' }).click();
    const move = dialog(page, /Chuyển công tác: Phùng Thị Khánh Linh/);
    await move.getByLabel('Từ ngày').fill('01/12/2026');
    await move.getByLabel('Từ ngày').press('Enter');
    await move.getByLabel('Chức vụ mới').fill('Phó Trưởng phòng');
    await move.getByRole('button', { name: 'Ghi nhận' }).click();
    await person.getByText('Phó Trưởng phòng · Phòng Công nghệ thông tin và Chuyển đổi số').waitFor();
    await person.getByRole('button', { name: 'Kết thúc' }).click();
    const leave = dialog(page, /Kết thúc công tác: Phùng Thị Khánh Linh/);
    await leave.getByLabel('Nghỉ từ ngày').fill('01/01/2027');
    await leave.getByLabel('Nghỉ từ ngày').press('Enter');
    await leave.getByRole('combobox', { name: 'Lý do' }).click();
    await page.getByTitle('Thôi việc, chuyển ra ngoài ngành').click();
    await j.checkAccessibility(page);
    await leave.getByRole('button', { name: 'Kết thúc' }).click();
    await person.getByText(/01\/12\/2026 – 31\/12\/2026 · Thôi việc, chuyển ra ngoài ngành/).waitFor();
    const saved = await apiGet<{ items: { id: number }[] }>(page, '/api/people?q=khanh%20linh&includeFormer=true');
    const detail = await apiGet<{ memberships: { position: string; validFrom: string; validTo: string | null; endReason: string | null }[] }>(
      page, `/api/people/${saved.body.items[0].id}`);
    expect(detail.body.memberships.map((m) => [m.position, m.validFrom, m.validTo, m.endReason])).toEqual([
      ['Phó Trưởng phòng', '2026-12-01', '2026-12-31', 'left'],
      ['Chuyên viên', '2026-10-01', '2026-11-30', 'moved'],
    ]);
    await person.getByRole('button', { name: 'Close' }).or(person.getByRole('button', { name: 'Đóng' })).first().click();

    // A CSV with two mistakes: the dry run names each line, and nothing is imported.
    await page.getByRole('button', { name: 'Nhập CSV' }).click();
    const imp = dialog(page, 'Nhập danh sách cán bộ từ CSV');
    await imp.locator('input[type=file]').setInputFiles({
      name: 'can-bo.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('fullName,unitCode,position,birthDate\nHoàng Văn Mới,VL-CDS,Chuyên viên,1995-04-02\n,VL-CDS,Chuyên viên,\nLê Thị Sai,KHONG-CO,Chuyên viên,31/02/1990\n'),
    });
    await imp.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await imp.getByText('Tệp có 3 lỗi — chưa có gì được nhập').waitFor();
    await imp.getByText('Không có đơn vị mã "KHONG-CO".').waitFor();
    await j.checkAccessibility(page);
    await shot(page, 'import-1366');
    expect((await apiGet<{ total: number }>(page, '/api/people?q=hoang%20van%20moi')).body.total).toBe(0);
  });

  test('cán bộ báo cáo của xã quản lý danh sách đơn vị mình trên điện thoại', async () => {
    const page = await j.signIn('baocao');
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/people');
    await page.getByRole('heading', { name: 'Cán bộ đơn vị' }).waitFor();
    await page.locator('.ant-table-row').filter({ hasText: 'Hà Thị Mai Lan' }).first().waitFor();
    // Only the commune's people, with their contacts (their own unit).
    const list = await apiGet<{ items: { unit: { code: string }; personal: boolean }[] }>(page, '/api/people?unitId=' + (await apiGet<{ orgUnitId: number }>(page, '/api/me')).body.orgUnitId);
    expect(list.body.items.every((p) => p.unit.code === 'VL-X03' && p.personal)).toBe(true);
    await shot(page, 'unit-375');
    await page.locator('.ant-table-row').filter({ hasText: 'Triệu Văn Bình' }).first().getByText('Triệu Văn Bình').click();
    const drawer = dialog(page, 'Quá trình công tác');
    await drawer.getByText('Điện thoại').first().waitFor();
    await j.checkAccessibility(page);
    await shot(page, 'drawer-375');
  });

  test('người xem đọc họ tên, chức vụ, đơn vị nhưng không thấy dữ liệu cá nhân', async () => {
    const page = await j.signIn('khach');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto('/people?unit=all');
    await page.getByRole('heading', { name: 'Cán bộ' }).waitFor();
    await page.getByText('Ẩn dữ liệu cá nhân').waitFor();
    expect(await page.getByRole('button', { name: 'Thêm cán bộ' }).count()).toBe(0);
    const list = await apiGet<{ items: { phone: string | null; email: string | null; birthDate: string | null }[] }>(page, '/api/people?pageSize=200');
    expect(list.body.items.length).toBeGreaterThan(100);
    expect(list.body.items.filter((p) => p.phone || p.email || p.birthDate).length).toBeLessThanOrEqual(3);
    await page.locator('.ant-table-row').filter({ hasText: 'Sở Khoa học và Công nghệ' }).first().getByRole('link').click();
    await dialog(page, 'Quá trình công tác').getByText(/Nghị định 13\/2023\/NĐ-CP/).waitFor();
    await shot(page, 'viewer-1366');
  });
});
