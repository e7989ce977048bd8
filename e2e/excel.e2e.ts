/**
 * Reporting through Excel: the reporter downloads the unit's template from the entry page, fills a few
 * figures in it (as Excel would, with exceljs), uploads it, reads the preview with its validation results,
 * confirms, and finds the figures in the web form.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { journey } from './support/browser.js';
import { apiGet, currentRound, type EntryApi, field, fieldIssue, startingFigure } from './support/pages.js';

const j = journey();
const SHEET = 'Báo cáo';

/** Sets column D (the value) of the row whose column A holds the code. */
function setFigure(sheet: ExcelJS.Worksheet, code: string, value: number) {
  let found = 0;
  sheet.eachRow((row) => {
    if (String(row.getCell('A').value ?? '').trim() === code) {
      row.getCell('D').value = value;
      found++;
    }
  });
  if (found !== 1) throw new Error(`the template has ${found} rows for ${code}`);
}

const digits = (s: string) => s.replace(/\D/g, '');

describe('báo cáo bằng Excel', () => {
  test('tải mẫu, điền số liệu, tải lên, xem trước kết quả kiểm tra, xác nhận, thấy số liệu trên biểu mẫu', async () => {
    const page = await j.signIn('baocao');
    const { round, entry } = await currentRound(page);
    const unitId = entry.orgUnit.id;
    await page.goto(`/rounds/${round.id}/units/${unitId}`);
    await field(page, 'THON_TONG').waitFor();

    // Download the template of this unit and round.
    const downloading = page.waitForEvent('download');
    await page.getByTestId('xlsx-download').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await download.path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet(SHEET);
    expect(sheet, `sheet "${SHEET}"`).toBeTruthy();

    // Fill three figures; one breaks the village rule, so the preview has something to say.
    const villages = Number(startingFigure(entry, 'THON_TONG') ?? 120) + 1;
    const fibre = villages + 4;
    const sites = Number(startingFigure(entry, 'BTS_VITRI') ?? 40) + 2;
    setFigure(sheet!, 'THON_TONG', villages);
    setFigure(sheet!, 'THON_CAPQUANG', fibre);
    setFigure(sheet!, 'BTS_VITRI', sites);
    const filled = Buffer.from(await book.xlsx.writeBuffer());

    // Upload it: the page shows a preview before anything is saved.
    const upload = page.getByTestId('xlsx-upload');
    const fileInput = (await upload.evaluate((el) => el instanceof HTMLInputElement && el.type === 'file'))
      ? upload
      : upload.locator('input[type=file]');
    await fileInput.setInputFiles({
      name: download.suggestedFilename(),
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: filled,
    });
    const preview = page.getByRole('dialog').last();
    await preview.waitFor();
    await expect.poll(() => preview.getByText('không được lớn hơn tổng số thôn', { exact: false }).count()).toBeGreaterThan(0);
    for (const code of ['THON_TONG', 'THON_CAPQUANG', 'BTS_VITRI']) expect(await preview.getByText(code).count(), code).toBeGreaterThan(0);
    // Nothing saved yet.
    const before = (await apiGet<EntryApi>(page, `/api/rounds/${round.id}/units/${unitId}/entry`)).body;
    expect(before.values.THON_CAPQUANG?.value).not.toBe(String(fibre));

    await preview.getByTestId('xlsx-confirm').click();
    await preview.waitFor({ state: 'hidden' });

    // The figures are in the form, and the rule's message sits beside the field it concerns.
    await expect.poll(async () => digits(await field(page, 'THON_TONG').inputValue())).toBe(String(villages));
    await expect.poll(async () => digits(await field(page, 'THON_CAPQUANG').inputValue())).toBe(String(fibre));
    await expect.poll(async () => digits(await field(page, 'BTS_VITRI').inputValue())).toBe(String(sites));
    await expect.poll(() => fieldIssue(page, 'THON_CAPQUANG').isVisible()).toBe(true);
    const after = (await apiGet<EntryApi>(page, `/api/rounds/${round.id}/units/${unitId}/entry`)).body;
    expect(after.values.THON_TONG?.value).toBe(String(villages));
    expect(after.values.THON_CAPQUANG?.value).toBe(String(fibre));
    expect(after.values.BTS_VITRI?.value).toBe(String(sites));
  });
});
