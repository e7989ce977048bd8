/**
 * The summary report's draft from the first edit to the signed copy, as the office and the director work it on the
 * demo: the office opens the draft of a period the demo left without one, compiles it, types a sentence into a
 * section, saves, refreshes the figures (the sentence stays, the figure chips keep their values) and submits it
 * (Trình ký); the director returns it with a comment, the office reads the comment and submits again, the director
 * approves it with the next number; the office downloads the numbered .docx and uploads the signed PDF. Then two
 * pages of the office save the same version of another draft: the second one is told and keeps its text.
 * Screens are photographed into e2e/artifacts/.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, journey } from './support/browser.js';
import { apiGet } from './support/pages.js';

const j = journey();

type ListItem = { period: string; state: string; number: string | null };
type DraftApi = { period: string; state: string; version: number; number: string | null; fields: Record<string, string>; sections: { key: string; html: string }[] };

async function shot(page: Page, name: string) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.screenshot({ path: path.join(ARTIFACTS, `summary-draft-${name}.png`), fullPage: false });
}

const toast = (page: Page, text: string | RegExp) => page.locator('.ant-message').getByText(text).first().waitFor({ timeout: 60_000 });

/** Summary periods the demo has approved data for, most wanted first. */
const CANDIDATES = ['2025', '2025S2', '2025Q4', '2025Q3', '2025N1', '2025S1', '2025Q2', '2025Q1', '2026Q3', '2026S1', '2026Q2', '2026Q1'];

/** Periods that have no draft yet, in the order above (the server's list says which have one). */
async function freePeriods(page: Page): Promise<string[]> {
  const list = await apiGet<{ items: ListItem[] }>(page, '/api/reports/summary/drafts');
  expect(list.status).toBe(200);
  const taken = new Set(list.body.items.map((i) => i.period));
  return CANDIDATES.filter((p) => !taken.has(p));
}

/** The first section editor that holds a figure chip, with that chip. */
async function editorWithChip(page: Page): Promise<{ editor: Locator; chip: Locator; key: string }> {
  const editor = page.locator('[data-testid^="draft-text-"][contenteditable="true"]').filter({ has: page.locator('span.rte-field') }).first();
  await editor.waitFor({ timeout: 60_000 });
  const chip = editor.locator('span.rte-field').first();
  const key = (await chip.getAttribute('data-field')) ?? '';
  expect(key).not.toBe('');
  return { editor, chip, key };
}

/** Types `text` at the end of an editor's content, as a person would after clicking into it. */
async function typeAtEnd(page: Page, editor: Locator, text: string) {
  await editor.scrollIntoViewIfNeeded();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(text);
}

const saved = (page: Page) => expect.poll(async () => (await page.getByTestId('draft-save-status').innerText()).trim(), { timeout: 30_000 }).toBe('Đã lưu');

async function draftOf(page: Page, period: string) {
  const d = await apiGet<DraftApi>(page, `/api/reports/summary/drafts/${period}`);
  expect(d.status).toBe(200);
  return d.body;
}

async function submit(page: Page) {
  await page.getByTestId('draft-submit').click();
  const confirm = page.locator('.ant-modal-confirm').filter({ hasText: 'Trình Giám đốc ký dự thảo này?' });
  await confirm.waitFor();
  await confirm.getByRole('button', { name: 'Trình ký' }).click();
  await toast(page, 'Đã trình Giám đốc ký.');
  await expect.poll(() => page.getByTestId('draft-state').innerText()).toBe('Chờ Giám đốc duyệt');
}

/** The director goes from the report page's list of drafts to the one waiting for them. */
async function openWaiting(page: Page, period: string) {
  await page.goto(`${j.server.url}/reports/summary`);
  const link = page.getByTestId('report-drafts').locator(`a[href="/reports/summary/draft/${period}"]`);
  await expect.poll(() => link.innerText(), { timeout: 30_000 }).toContain('Chờ Giám đốc duyệt');
  await link.click();
  await page.waitForURL((u) => u.pathname === `/reports/summary/draft/${period}`);
  await page.getByTestId('draft-submitted').waitFor();
}

describe('dự thảo báo cáo tổng kết: chỉnh sửa, trình ký, duyệt', () => {
  let period = '';
  const sentence = 'Văn phòng bổ sung: kết quả trên được các đơn vị xác nhận tại hội nghị giao ban tháng 11.';

  test('Văn phòng lập dự thảo, sửa một đoạn, làm mới số liệu (đoạn sửa còn nguyên) rồi trình ký', async () => {
    const office = await j.signIn('vanphong');
    await office.setViewportSize({ width: 1366, height: 900 });
    const free = await freePeriods(office);
    expect(free.length, 'the demo leaves some summary periods without a draft').toBeGreaterThan(1);
    period = free[0]!;

    // From the report page: the period chosen, "Chỉnh sửa và trình ký" opens its draft, which does not exist yet.
    await office.goto(`${j.server.url}/reports/summary?period=${period}`);
    await office.getByTestId('report-edit-draft').click();
    await office.waitForURL((u) => u.pathname === `/reports/summary/draft/${period}`);
    await office.getByText('Kỳ này chưa có dự thảo để chỉnh sửa').waitFor();
    await office.getByRole('button', { name: 'Lập dự thảo để chỉnh sửa' }).click();
    await office.getByTestId('draft-state').waitFor({ timeout: 120_000 });
    expect(await office.getByTestId('draft-state').innerText()).toBe('Dự thảo');

    const { editor, chip, key } = await editorWithChip(office);
    const before = await draftOf(office, period);
    expect(await chip.innerText()).toBe(before.fields[key]);
    expect(await chip.getAttribute('contenteditable')).toBe('false');
    expect(await chip.getAttribute('title')).toBe('Số liệu tự động — cập nhật khi làm mới số liệu');

    await typeAtEnd(office, editor, ` ${sentence}`);
    await expect.poll(async () => (await office.getByTestId('draft-save-status').innerText()).trim()).toMatch(/^Có thay đổi chưa lưu/);
    // Ctrl+S saves.
    await office.keyboard.press('ControlOrMeta+s');
    await toast(office, /^Đã lưu \(phiên bản \d+\)\.$/);
    await saved(office);
    const afterSave = await draftOf(office, period);
    expect(afterSave.version).toBeGreaterThan(before.version);
    expect(afterSave.sections.some((s) => s.html.includes(sentence))).toBe(true);
    await shot(office, 'editor');

    // Refresh the figures: the sentence stays, the chip still shows its figure.
    await office.getByTestId('draft-refresh').click();
    await toast(office, 'Đã làm mới số liệu từ số liệu đã duyệt; lời văn giữ nguyên.');
    const refreshed = await draftOf(office, period);
    expect(refreshed.version).toBeGreaterThan(afterSave.version);
    expect(refreshed.sections.some((s) => s.html.includes(sentence))).toBe(true);
    const again = await editorWithChip(office);
    expect(await again.editor.innerText()).toContain(sentence);
    await expect.poll(() => office.locator(`span.rte-field[data-field="${key}"]`).first().innerText()).toBe(refreshed.fields[key]);
    expect(refreshed.fields[key]).not.toBe('');
    // After a reload too: what the server kept, not what the page remembered.
    await office.reload();
    await office.locator('[data-testid^="draft-text-"]', { hasText: sentence }).first().waitFor({ timeout: 30_000 });

    // History: the compile, the edit and the refresh, each readable.
    await office.getByTestId('draft-history').click();
    const drawer = office.getByTestId('draft-history-drawer');
    await drawer.getByText(/Phiên bản \d+ · Làm mới số liệu/).waitFor();
    await drawer.getByText(/Phiên bản \d+ · Chỉnh sửa/).waitFor();
    await drawer.getByText(/Phiên bản 1 · Lập dự thảo/).waitFor();
    await drawer.getByRole('button', { name: /^Xem phiên bản 1$/ }).click();
    const v1 = office.locator('.ant-modal').filter({ hasText: 'Phiên bản 1 (chỉ xem)' });
    await v1.locator('[data-testid^="v1-text-"]').first().waitFor();
    expect(await v1.getByText(sentence).count()).toBe(0);
    await j.checkAccessibility(office);
    await v1.getByRole('button', { name: 'Close' }).or(v1.locator('.ant-modal-close')).first().click();
    await drawer.locator('.ant-drawer-close').click();

    await submit(office);
    expect(await office.getByTestId('draft-save').count()).toBe(0);
    expect(await office.locator('[data-testid^="draft-text-"][contenteditable="true"]').count()).toBe(0);
  });

  test('Giám đốc trả lại có ý kiến; Văn phòng đọc ý kiến, trình lại; Giám đốc duyệt và cấp số', async () => {
    expect(period).not.toBe('');
    const director = await j.signIn('giamdoc');
    await director.setViewportSize({ width: 1366, height: 900 });
    await openWaiting(director, period);
    await director.getByTestId('draft-return').click();
    const ret = director.getByRole('dialog').filter({ hasText: 'Trả lại dự thảo cho Văn phòng' });
    await ret.waitFor();
    // A return needs a comment.
    await ret.getByRole('button', { name: 'Trả lại' }).click();
    await ret.getByText('Hãy ghi rõ cần sửa gì trước khi trả lại.').waitFor();
    const comment = 'Đề nghị bổ sung kết quả chuyển đổi số cấp xã vào phần I.';
    await ret.getByRole('textbox').fill(comment);
    await ret.getByRole('button', { name: 'Trả lại' }).click();
    await toast(director, 'Đã trả lại dự thảo cho Văn phòng.');
    await expect.poll(() => director.getByTestId('draft-state').innerText()).toBe('Dự thảo');

    const office = await j.signIn('vanphong');
    await office.setViewportSize({ width: 1366, height: 900 });
    await office.goto(`${j.server.url}/reports/summary/draft/${period}`);
    const alert = office.getByTestId('draft-returned');
    await alert.waitFor();
    expect(await alert.innerText()).toContain(comment);
    expect(await alert.innerText()).toContain('Giám đốc đã trả lại dự thảo');
    await shot(office, 'returned');
    await submit(office);

    await openWaiting(director, period);
    await director.getByTestId('draft-approve').click();
    const approve = director.getByRole('dialog').filter({ hasText: 'Duyệt và cấp số báo cáo' });
    await approve.waitFor();
    await j.checkAccessibility(director);
    await approve.getByRole('button', { name: 'Duyệt và cấp số' }).click();
    await toast(director, 'Đã duyệt và cấp số báo cáo.');
    await expect.poll(() => director.getByTestId('draft-state').innerText()).toBe('Đã duyệt, đã cấp số');
    const approved = await draftOf(director, period);
    expect(approved.number).toMatch(/^\d+\/BC-/);
    expect(await director.getByTestId('draft-number').innerText()).toBe(`Số: ${approved.number}`);
    await director.getByTestId('draft-approved').waitFor();
    expect(await director.getByTestId('draft-return').count()).toBe(0);

    // The office downloads the numbered .docx: its number and the typed sentence are in it.
    await office.reload();
    await office.getByTestId('draft-approved').waitFor();
    const [download] = await Promise.all([office.waitForEvent('download', { timeout: 120_000 }), office.getByTestId('draft-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const bytes = fs.readFileSync(await download.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = (await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string')) ?? '';
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    const n = approved.number!.split('/')[0];
    expect(text).toContain(`Số: ${n}/BC-`);
    expect(text).toContain(sentence);

    // The signed copy: a PDF goes up, then downloads.
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    await office.getByTestId('draft-signed').locator('input[type=file]').setInputFiles({ name: 'Bao cao tong ket da ky.pdf', mimeType: 'application/pdf', buffer: pdf });
    await toast(office, 'Đã tải lên bản đã ký.');
    await office.getByTestId('draft-signed-download').waitFor();
    const [signed] = await Promise.all([office.waitForEvent('download', { timeout: 30_000 }), office.getByTestId('draft-signed-download').click()]);
    expect(fs.readFileSync(await signed.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await shot(office, 'approved');
  });

  test('hai trang cùng lưu một phiên bản: trang sau được báo, giữ phần mình sửa hoặc tải bản mới nhất; làm mới khi chưa lưu thì lưu trước', async () => {
    const a = await j.signIn('vanphong');
    const b = await j.signIn('vanphong');
    const other = (await freePeriods(a))[0]!;
    expect(other).toBeTruthy();
    await a.goto(`${j.server.url}/reports/summary/draft/${other}`);
    await a.getByRole('button', { name: 'Lập dự thảo để chỉnh sửa' }).click();
    await a.getByTestId('draft-state').waitFor({ timeout: 120_000 });
    await b.goto(`${j.server.url}/reports/summary/draft/${other}`);
    await b.getByTestId('draft-state').waitFor();

    const ea = (await editorWithChip(a)).editor;
    const eb = (await editorWithChip(b)).editor;
    await typeAtEnd(a, ea, ' Câu của trang thứ nhất.');
    await typeAtEnd(b, eb, ' Câu của trang thứ hai.');
    await a.getByTestId('draft-save').click();
    await toast(a, /^Đã lưu/);
    await b.getByTestId('draft-save').click();
    const modal = b.getByRole('dialog').filter({ hasText: 'Dự thảo vừa được người khác lưu' });
    await modal.waitFor();
    expect(await modal.innerText()).toContain('những gì bạn sửa từ lần lưu trước sẽ bị bỏ');
    await j.checkAccessibility(b);
    await shot(b, 'conflict');
    // Keep mine: the text stays, the next save goes over the latest version.
    await modal.getByRole('button', { name: 'Giữ bản của tôi để chép lại' }).click();
    await modal.waitFor({ state: 'hidden' });
    expect(await eb.innerText()).toContain('Câu của trang thứ hai.');
    await b.getByTestId('draft-save').click();
    await toast(b, /^Đã lưu/);
    const d = await draftOf(b, other);
    expect(d.sections.some((s) => s.html.includes('Câu của trang thứ hai.'))).toBe(true);

    // The first page, still on its old version, types again and saves: told too, it takes the latest text instead
    // (its own unsaved words go, as the dialog says).
    await typeAtEnd(a, ea, ' Câu sẽ bị bỏ.');
    await a.getByTestId('draft-save').click();
    const modalA = a.getByRole('dialog').filter({ hasText: 'Dự thảo vừa được người khác lưu' });
    await modalA.waitFor();
    await modalA.getByRole('button', { name: 'Tải bản mới nhất' }).click();
    await modalA.waitFor({ state: 'hidden' });
    await expect.poll(() => ea.innerText()).toContain('Câu của trang thứ hai.');
    expect(await ea.innerText()).not.toContain('Câu sẽ bị bỏ.');
    await saved(a);

    // Refreshing the figures with text not saved asks to save first, then does both.
    await typeAtEnd(a, ea, ' Câu lưu trước khi làm mới.');
    await a.getByTestId('draft-refresh').click();
    const ask = a.locator('.ant-modal-confirm').filter({ hasText: 'Có thay đổi chưa lưu' });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Lưu rồi làm mới' }).click();
    await toast(a, 'Đã làm mới số liệu từ số liệu đã duyệt; lời văn giữ nguyên.');
    await saved(a);
    const last = await draftOf(a, other);
    expect(last.sections.some((s) => s.html.includes('Câu lưu trước khi làm mới.'))).toBe(true);
    expect(await ea.innerText()).toContain('Câu lưu trước khi làm mới.');
  });
});
