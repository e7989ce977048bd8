/**
 * Step 2 of the cycle, as the department office does it in the browser: it opens the directorate's
 * dashboard and reads the key figures of each sector (the same figures the API computes, written the
 * Vietnamese way, with their comparisons one click away), drills into a commune and back, then opens the
 * summary report, picks the year 2025, reads the preview and downloads the draft as a Word file.
 */

import fs from 'node:fs';
import { formatNumber } from '@nhip/contracts';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { journey } from './support/browser.js';
import { apiGet } from './support/pages.js';

const j = journey();

type Figure = {
  dx: string;
  dxName: string;
  value: number | null;
  decimals: number | null;
  previous: { peName: string; value: number | null };
  lastYear: { peName: string; value: number | null };
};
type DashboardApi = {
  period: { id: string; name: string };
  unit: { code: string; name: string; path: { code: string; name: string }[]; children: { code: string; name: string; type: string }[] };
  sectors: { code: string; name: string; figures: Figure[] }[];
};

/** A figure as the dashboard writes it: indicators with their decimals, data elements with at most 2. */
const written = (value: number, decimals: number | null) =>
  decimals === null ? formatNumber(value, { maxDecimals: 2 }) : formatNumber(value, { decimals });

/** Waits until the dashboard's cards are shown and every chart has drawn. */
async function dashboardReady(page: Page) {
  await page.locator('[data-testid="dashboard"][data-ready="true"]').waitFor({ timeout: 20_000 });
}

/** Picks the option titled `title` in an antd Select named `label`, typing `search` first when given. */
async function choose(page: Page, label: string, title: string, search?: string) {
  const box = page.getByRole('combobox', { name: label });
  await box.click();
  if (search) await box.fill(search);
  const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: exact });
  await option.first().click();
}

const state: { province?: DashboardApi; commune?: { code: string; name: string } } = {};

describe.sequential('tổng hợp: bảng điều hành, xem đơn vị, dự thảo báo cáo tổng kết', () => {
  let office: Page;

  test('văn phòng mở bảng điều hành và thấy số liệu chủ yếu của từng lĩnh vực', async () => {
    office = await j.signIn('vanphong');
    await office.getByRole('menuitem', { name: 'Bảng điều hành' }).click();
    await office.waitForURL(/\/dashboard$/);
    await dashboardReady(office);

    const res = await apiGet<DashboardApi>(office, '/api/dashboard');
    expect(res.status).toBe(200);
    const dash = res.body;
    state.province = dash;
    expect(dash.unit.path.map((p) => p.code)).toEqual([dash.unit.code]);
    await expect.poll(() => office.locator('.nhip-page-header .subtitle').innerText()).toContain(`${dash.unit.name} · ${dash.period.name}`);

    // Every sector has its card; every figure with a value shows that value, written the Vietnamese way.
    let shown = 0;
    for (const s of dash.sectors) {
      const card = office.getByTestId(`sector-${s.code}`);
      await expect.poll(() => card.locator('.ant-card-head-title').innerText()).toBe(s.name);
      for (const f of s.figures) {
        if (f.value === null) continue;
        expect(await card.getByTestId(`figure-value-${f.dx}`).innerText()).toContain(written(f.value, f.decimals));
        shown++;
      }
    }
    expect(shown, 'the demo province has approved figures in the default period').toBeGreaterThan(10);

    // Comparisons are one click away: previous period and same period last year, named.
    const f = dash.sectors
      .flatMap((s) => s.figures)
      .find((x) => x.value !== null && x.previous.value !== null && x.lastYear.value !== null);
    if (!f) throw new Error('no figure with a previous and a last-year value in the default period');
    await office.getByTestId(`compare-open-${f.dx}`).click();
    const popover = office.getByTestId(`compare-${f.dx}`);
    await popover.waitFor();
    const text = await popover.innerText();
    expect(text).toContain(f.previous.peName);
    expect(text).toContain(f.lastYear.peName);
    expect(text).toContain(written(f.previous.value as number, f.decimals));
    expect(text).toContain(written(f.lastYear.value as number, f.decimals));
    await office.getByTestId(`compare-open-${f.dx}`).click();
    await popover.waitFor({ state: 'hidden' });

    // The charts of the picked figure are drawn: trend, bars across the units below, treemap.
    for (const id of ['dashboard-trend', 'dashboard-bars', 'dashboard-treemap']) {
      await expect.poll(() => office.getByTestId(id).getAttribute('data-ready')).toBe('true');
    }
  });

  test('văn phòng xem một xã: địa chỉ và đường dẫn đơn vị đổi theo, nút quay lại trở về cấp tỉnh', async () => {
    const province = state.province;
    if (!province) throw new Error('an earlier step did not load the dashboard');
    const commune = province.unit.children.find((c) => c.type === 'commune');
    if (!commune) throw new Error('the province has no commune valid in the period');
    state.commune = commune;

    // The unit list is searched without diacritics.
    const folded = commune.name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
    await choose(office, 'Xem đơn vị trực thuộc', commune.name, folded);
    await office.waitForURL((u) => u.searchParams.get('ou') === commune.code);
    await dashboardReadyAfterDrill(office, commune.name);
    const crumbs = office.getByTestId('dashboard-breadcrumb');
    await expect.poll(() => crumbs.innerText()).toMatch(new RegExp(`${province.unit.name}\\s*/\\s*${commune.name}`));

    const drilled = await apiGet<DashboardApi>(office, `/api/dashboard?ou=${encodeURIComponent(commune.code)}`);
    expect(drilled.status).toBe(200);
    expect(drilled.body.unit.path.map((p) => p.code)).toEqual([province.unit.code, commune.code]);

    // The breadcrumb leads back up; so does the browser's back button.
    await office.goBack();
    await office.waitForURL((u) => !u.searchParams.has('ou'));
    await expect.poll(async () => (await crumbs.innerText()).trim()).toBe(province.unit.name);
    await office.goForward();
    await office.waitForURL((u) => u.searchParams.get('ou') === commune.code);
    await crumbs.getByText(province.unit.name).click();
    await office.waitForURL((u) => !u.searchParams.has('ou'));
    await expect.poll(async () => (await crumbs.innerText()).trim()).toBe(province.unit.name);
  });

  test('văn phòng lập dự thảo báo cáo tổng kết năm 2025, xem trước và tải bản Word', async () => {
    await office.getByRole('menuitem', { name: 'Báo cáo tổng kết' }).click();
    await office.waitForURL(/\/reports\/summary$/);
    await office.getByText('Chọn kỳ báo cáo để xem trước dự thảo').waitFor();

    await choose(office, 'Chọn kỳ báo cáo', 'Năm 2025');
    await office.waitForURL((u) => u.searchParams.get('period') === '2025');
    const preview = office.frameLocator('[data-testid="report-preview"]');
    await preview.getByText('BÁO CÁO', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await preview.getByText(/năm 2025/).count()).toBeGreaterThan(0);
    expect(await preview.getByText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM').count()).toBe(1);

    const [download] = await Promise.all([office.waitForEvent('download', { timeout: 60_000 }), office.getByTestId('report-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/năm 2025\.docx$/);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(bytes.length).toBeGreaterThan(10_000);
    const zip = await JSZip.loadAsync(bytes);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const texts = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
    expect(texts).toContain('BÁO CÁO');
    expect(texts).toMatch(/năm 2025/);
    await expect.poll(() => office.locator('.ant-message').innerText()).toContain('Đã tải về');
  });

  // Its speed is measured by `npm run bench:dashboard`; here only that the page marks the moment it is ready.
  test('bảng điều hành đánh dấu lúc mọi thẻ và biểu đồ hiện xong', async () => {
    const times: number[] = [];
    for (let i = 0; i < 2; i++) {
      await office.goto('/dashboard');
      await dashboardReady(office);
      const ms = await office.evaluate(() => performance.getEntriesByName('nhip:dashboard-ready')[0]?.startTime ?? Number.NaN);
      times.push(Math.round(ms));
    }
    for (const ms of times) expect(ms).toBeGreaterThan(0);
  });
});

/** After a drill-down the page keeps its charts; waits until the new unit's figures are in. */
async function dashboardReadyAfterDrill(page: Page, unitName: string) {
  await expect.poll(() => page.locator('.nhip-page-header .subtitle').innerText(), { timeout: 20_000 }).toContain(unitName);
}
