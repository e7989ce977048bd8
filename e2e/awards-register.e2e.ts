/**
 * Looking back at awards and registering for the year, as people do it: the office records a past award, finds it
 * in the register without diacritics, reads the person's page (history and the titles possible next), checks a
 * history spreadsheet whose bad lines are named and nothing is imported, exports the register, reads the statistics
 * and the rules of a title; a commune registers its targets for next year and the office sees who registered.
 * Each screen is photographed into e2e/artifacts/ at 1366×900.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, journey } from './support/browser.js';
import { apiGet } from './support/pages.js';
import { E2E_NOW } from './support/server.js';

const j = journey();

async function shot(page: Page, name: string) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.screenshot({ path: path.join(ARTIFACTS, `awards-register-${name}.png`) });
}

const menu = (page: Page, name: string) => page.locator('.nhip-sider .ant-menu').getByRole('link', { name, exact: true });
const dialog = (page: Page, title: string | RegExp) =>
  page
    .getByRole('dialog')
    .filter({ has: page.getByText(title) })
    .last();

/** Picks the option whose text contains `text` in the open select dropdown, after typing `typed`. */
async function pick(page: Page, typed: string, text: string | RegExp) {
  await page.keyboard.type(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

describe('sổ khen thưởng và đăng ký thi đua', () => {
  test('Văn phòng ghi khen thưởng đã có, tìm không dấu, xem trang cán bộ, kiểm tra tệp lịch sử, xuất Excel, xem thống kê và quy định', async () => {
    const page = await j.signIn('vanphong');
    await menu(page, 'Sổ khen thưởng').click();
    await page.getByRole('heading', { name: 'Sổ khen thưởng' }).waitFor();

    // A past award from paper: Triệu Văn Bình, Chiến sĩ thi đua cơ sở 2023.
    await page.getByRole('button', { name: 'Thêm bản ghi' }).click();
    const add = dialog(page, 'Thêm bản ghi vào sổ khen thưởng');
    await add.getByLabel('Cán bộ').click();
    await pick(page, 'trieu van binh', 'Triệu Văn Bình');
    await add.getByLabel('Danh hiệu, hình thức khen thưởng').click();
    await pick(page, 'chien si thi dua co so', 'Chiến sĩ thi đua cơ sở');
    await add.getByLabel('Năm thành tích').fill('2023');
    await add.getByLabel('Số quyết định').fill('45/QĐ-UBND');
    await add.getByLabel('Cấp khen').fill('Chủ tịch UBND huyện Khê Thượng');
    await add.getByRole('button', { name: 'Ghi vào sổ' }).click();
    await page.getByText('Đã ghi "Chiến sĩ thi đua cơ sở" năm 2023 vào sổ khen thưởng.').waitFor();

    // Found without diacritics.
    await page.getByRole('searchbox', { name: 'Tìm trong sổ khen thưởng' }).fill('trieu van binh');
    const row = page.locator('.ant-table-row').filter({ hasText: '45/QĐ-UBND' });
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain('Chiến sĩ thi đua cơ sở');
    await j.checkAccessibility(page);
    await shot(page, 'register');

    // The person's page: the whole history and what is possible next.
    await row.first().getByRole('link', { name: 'Triệu Văn Bình' }).click();
    await page.getByRole('heading', { name: 'Triệu Văn Bình' }).waitFor();
    await page
      .getByTestId('award-next')
      .getByText(/Đủ điều kiện đề nghị năm|Chưa đủ điều kiện đề nghị/)
      .first()
      .waitFor();
    await page.getByRole('region', { name: 'Lịch sử khen thưởng' }).getByText('45/QĐ-UBND').waitFor();
    await j.checkAccessibility(page);
    await shot(page, 'person');

    // A history spreadsheet with an unknown title and a year to come: both lines named, nothing imported.
    await page.goBack();
    await page.getByRole('heading', { name: 'Sổ khen thưởng' }).waitFor();
    const before = (await apiGet<{ total: number }>(page, '/api/awards/records?pageSize=1')).body.total;
    await page.getByRole('button', { name: 'Nhập lịch sử từ tệp' }).click();
    const imp = dialog(page, 'Nhập lịch sử khen thưởng từ tệp');
    const csv =
      'fullName,unitCode,title,year,decision\nTriệu Văn Bình,VL-X03,Chiến sĩ thi đua xuất sắc nhất,2021,12/QĐ-UBND\nTriệu Văn Bình,VL-X03,LDTT,2031,13/QĐ-UBND\n';
    await imp.locator('input[type=file]').setInputFiles({ name: 'lich-su.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await imp.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await imp.getByText('Tệp có 2 lỗi — chưa có khen thưởng nào được nhập').waitFor();
    await imp.getByText(/Không có danh hiệu, hình thức khen thưởng "Chiến sĩ thi đua xuất sắc nhất"/).waitFor();
    await imp.getByText(/Năm 2031 chưa đến/).waitFor();
    expect(await imp.getByRole('button', { name: 'Xác nhận nhập' }).count()).toBe(0);
    await j.checkAccessibility(page);
    await shot(page, 'import-errors');
    await imp.getByRole('button', { name: 'Đóng', exact: true }).last().click();
    expect((await apiGet<{ total: number }>(page, '/api/awards/records?pageSize=1')).body.total).toBe(before);

    // The export is the register as a workbook.
    const href = await page.getByRole('link', { name: 'Xuất Excel' }).getAttribute('href');
    const xlsx = await page.request.get(href!);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');

    // Statistics by year, unit, form and gender.
    await menu(page, 'Thống kê khen thưởng').click();
    await page.getByRole('heading', { name: 'Thống kê khen thưởng' }).waitFor();
    await page.getByRole('tab', { name: 'Theo giới tính' }).click();
    await page.getByRole('tabpanel').getByText('Tổng cộng').waitFor();
    await j.checkAccessibility(page);
    await shot(page, 'stats');

    // The rules of a title, with their legal basis by period.
    await menu(page, 'Danh hiệu, hình thức khen thưởng').click();
    await page.getByRole('heading', { name: 'Danh hiệu, hình thức khen thưởng' }).waitFor();
    await page.getByRole('link', { name: 'Chiến sĩ thi đua cấp tỉnh' }).click();
    await page
      .getByRole('tabpanel')
      .getByText(/Luật Thi đua, khen thưởng/)
      .first()
      .waitFor();
    await j.checkAccessibility(page);
    await shot(page, 'catalog');
  });

  test('Xã đăng ký thi đua năm sau; Văn phòng thấy đơn vị đã đăng ký', async () => {
    // Next year of the journey's business date (the server accepts registrations for this year and the next).
    const year = Number(E2E_NOW.slice(0, 4)) + 1;
    const unit = await j.signIn('baocao');
    await menu(unit, 'Đăng ký thi đua').click();
    await unit.getByRole('heading', { name: 'Đăng ký thi đua' }).waitFor();
    await unit.getByLabel('Năm', { exact: true }).click();
    await unit
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: `Năm ${year}` })
      .click();
    await unit.getByText(`Xã Khê Thượng chưa đăng ký thi đua năm ${year}`).waitFor();
    await unit.getByLabel('Mục tiêu của tập thể').click();
    await pick(unit, 'tap the lao dong tien tien', 'Tập thể lao động tiên tiến');
    await unit.getByRole('button', { name: 'Thêm cá nhân' }).click();
    await unit.getByLabel('Cán bộ đăng ký').click();
    await pick(unit, 'trieu van binh', 'Triệu Văn Bình');
    await j.checkAccessibility(unit);
    await shot(unit, 'registration-form');
    await unit.getByRole('button', { name: 'Gửi đăng ký thi đua' }).click();
    await unit.getByText(`Xã Khê Thượng đã đăng ký thi đua năm ${year}`).waitFor();
    await unit.getByRole('link', { name: 'Triệu Văn Bình' }).waitFor();
    await shot(unit, 'registration-sent');

    const office = await j.signIn('vanphong');
    await office.goto(`/awards/registrations?year=${year}`);
    await office.getByRole('heading', { name: 'Đăng ký thi đua' }).waitFor();
    const mine = office.locator('.ant-table-row').filter({ has: office.getByRole('link', { name: 'Xã Khê Thượng', exact: true }) });
    await mine.getByText('Đã đăng ký').waitFor();
    await mine.getByText('Tập thể lao động tiên tiến').waitFor();
    await office.getByRole('switch', { name: 'Chỉ đơn vị chưa đăng ký' }).click();
    await expect.poll(() => mine.count()).toBe(0);
    expect(await office.locator('.ant-table-row').filter({ hasText: 'Đã đăng ký' }).count()).toBe(0);
    await j.checkAccessibility(office);
    await shot(office, 'registrations-office');
  });
});
