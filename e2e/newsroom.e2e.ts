/**
 * The conference article from the record to the public pages, as the people who write, approve and read it:
 * 1. the office opens the demo's 2025 annual conference (concluded) and has the article drafted from its record,
 *    rewrites the lead and adds a paragraph in bold, signs it, adds a photo with its caption and sends it for approval;
 *    a colleague's save in between answers 409 and the editor offers the current version;
 * 2. the director (giamdoc) finds it waiting in the newsroom, approves it and publishes it now;
 * 3. an anonymous reader finds it among the day's news (/tin-tuc?ngay=…), reads it with its photo and signature, and
 *    finds it in the RSS feed (parsed with an XML parser).
 * Every screen is checked with axe and for CSP violations like every journey's page, and photographed into
 * e2e/artifacts/ at 1280 px and at 375 px.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, journey } from './support/browser.js';
import { apiGet } from './support/pages.js';
import { E2E_NOW } from './support/server.js';

const j = journey();
const TODAY = new Date(new Date(E2E_NOW).getTime() + 7 * 3600_000).toISOString().slice(0, 10);

async function shot(page: Page, name: string) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(ARTIFACTS, `newsroom-${name}.png`), fullPage: name.endsWith('-375') });
}

/** The same screen at 1280 px and at 375 px wide, then back. */
async function shots(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, name);
  await page.setViewportSize({ width: 375, height: 812 });
  await shot(page, `${name}-375`);
  await j.checkAccessibility(page);
  await page.setViewportSize({ width: 1366, height: 900 });
}

const status = (page: Page) => page.getByTestId('news-status');
const dialog = (page: Page, title: string | RegExp) => page.getByRole('dialog').filter({ has: page.getByText(title) }).last();

type Article = { id: number; slug: string; title: string; status: string; version: number; summary: string; body: string; photos: { caption: string }[] };

const ADDED = 'Văn phòng Sở bổ sung: các xã đã hoàn thành rà soát điểm lõm sóng trước ngày 30/6.';
const LEAD = 'Hội nghị đánh giá kết quả năm 2025, nghe tham luận của các đơn vị và bàn nhiệm vụ năm 2026.';
/** A button's name is its icon's label and its text ('save Lưu'). */
const SAVE = /(^|\s)Lưu$/;
const CAPTION = 'Đại biểu dự hội nghị tổng kết năm 2025';
let article: Article | null = null;

describe('tin bài hội nghị: Văn phòng soạn, lãnh đạo Sở duyệt, người dân đọc', () => {
  test('Văn phòng Sở soạn tin từ hội nghị tổng kết 2025, sửa, thêm ảnh và gửi duyệt', async () => {
    const page = await j.signIn('vanphong');

    // The annual conference of 2025, concluded in January 2026, from the conferences list.
    await page.locator('.nhip-sider .ant-menu').getByRole('link', { name: 'Hội nghị', exact: true }).click();
    await page.waitForURL('**/conferences');
    await page.getByRole('link', { name: /Hội nghị tổng kết công tác năm 2025/ }).first().click();
    await page.waitForURL(/\/conferences\/\d+$/);
    expect(await page.getByTestId('conference-status').innerText()).toMatch(/Đã ban hành kết luận|Đã đóng/);

    // The draft written from the record opens in the editor.
    await page.getByRole('button', { name: 'Viết tin từ hội nghị' }).click();
    await page.waitForURL(/\/news\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    await expect.poll(() => status(page).innerText()).toBe('Nháp');
    const title = await page.locator('#news_title').inputValue();
    expect(title).toMatch(/^Sở Khoa học và Công nghệ tổ chức Hội nghị tổng kết công tác năm 2025 và triển khai nhiệm vụ năm 2026$/);
    const editor = page.getByRole('textbox', { name: 'Nội dung' });
    expect(await editor.innerText()).toMatch(/chủ trì/);
    await shots(page, 'draft');

    // Rewrite the summary, add a bold paragraph at the end of the body, sign it.
    await page.getByLabel('Tóm tắt (sapo)').fill(LEAD);
    await editor.click();
    await page.keyboard.press('ControlOrMeta+End');
    // The body ends with a list: a second Enter leaves it for a new paragraph.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type(ADDED);
    await page.keyboard.press('Shift+Home');
    await page.getByRole('button', { name: 'Chữ đậm (Ctrl+B)' }).click();
    await page.getByLabel('Tác giả (dòng ký tên cuối bài)').fill('Đinh Thị Thu Trang – Văn phòng Sở');

    // A colleague saves the same article first: this save answers 409 and the current version is offered.
    const current = (await apiGet<Article>(page, `/api/news/${id}`)).body;
    const other = await page.request.patch(`/api/news/${id}`, { data: { version: current.version, tags: ['Hội nghị tổng kết', '2025', 'chuyển đổi số'] } });
    expect(other.status()).toBe(200);
    await page.getByRole('button', { name: SAVE }).click();
    const conflict = page.getByTestId('news-conflict');
    await conflict.waitFor();
    expect(await conflict.innerText()).toMatch(new RegExp(`phiên bản ${current.version + 1}`));
    await conflict.getByRole('button', { name: 'Xem bản hiện tại' }).click();
    const currentDialog = dialog(page, `Bản hiện tại (phiên bản ${current.version + 1})`);
    await currentDialog.waitFor();
    await j.checkAccessibility(page);
    await shots(page, 'conflict');
    await currentDialog.getByRole('button', { name: /Close|Đóng/ }).click();
    await conflict.getByRole('button', { name: 'Giữ phần tôi sửa' }).click();
    await page.getByRole('button', { name: SAVE }).click();
    await page.getByText('Đã lưu tin bài.').waitFor();
    await conflict.waitFor({ state: 'detached' });

    const saved = (await apiGet<Article>(page, `/api/news/${id}`)).body;
    expect(saved.summary).toBe(LEAD);
    expect(saved.body.endsWith(`</ul><p><strong>${ADDED}</strong></p>`), saved.body.slice(-300)).toBe(true);
    expect(saved.version).toBe(current.version + 2);

    // A photo with its caption; the limit the server states is shown beside the button.
    await page.getByText(/tối đa 15 MB/).waitFor();
    await page.getByLabel('Chú thích cho ảnh mới').fill(CAPTION);
    const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 180, g: 40, b: 40 } } }).jpeg().toBuffer();
    await page.getByTestId('news-photos').locator('input[type=file]').setInputFiles({ name: 'hoi-nghi-2025.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByText('Đã thêm ảnh.').waitFor();
    await expect.poll(() => page.getByTestId('news-photo').count()).toBe(1);
    await page.getByRole('img', { name: CAPTION }).waitFor();

    // Sent for approval: the editor becomes read-only.
    await page.getByRole('button', { name: 'Gửi duyệt' }).click();
    await expect.poll(() => status(page).innerText()).toBe('Chờ duyệt');
    expect(await editor.getAttribute('contenteditable')).toBe('false');
    await shots(page, 'submitted');

    // The list shows it waiting, found by a search typed without diacritics.
    await page.getByRole('link', { name: 'Tin bài', exact: true }).first().click();
    await page.waitForURL('**/news');
    await page.getByRole('searchbox', { name: 'Tìm tin bài' }).fill('tong ket cong tac nam 2025');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: title }) }).filter({ hasText: 'Chờ duyệt' });
    await row.first().waitFor();
    await shots(page, 'list');

    article = { ...(await apiGet<Article>(page, `/api/news/${id}`)).body };
    expect(article).toMatchObject({ status: 'submitted', photos: [{ caption: CAPTION }] });
  });

  test('lãnh đạo Sở duyệt rồi đăng tin bài', async () => {
    expect(article).not.toBeNull();
    const a = article as Article;
    const page = await j.signIn('giamdoc');
    await page.locator('.nhip-sider .ant-menu').getByRole('link', { name: 'Tin bài', exact: true }).click();
    await page.waitForURL('**/news');
    await page.getByRole('combobox', { name: 'Trạng thái' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'Chờ duyệt' }).click();
    await page.getByRole('link', { name: a.title }).first().waitFor();
    await shots(page, 'director-list');
    await page.goto(`/news/${a.id}`);
    await expect.poll(() => status(page).innerText()).toBe('Chờ duyệt');
    // The director approves; editing is not theirs.
    expect(await page.getByRole('button', { name: SAVE }).count()).toBe(0);
    await page.getByRole('button', { name: /(^|\s)Duyệt$/ }).click();
    await expect.poll(() => status(page).innerText()).toBe('Đã duyệt');
    await page.getByRole('button', { name: 'Đăng bài' }).click();
    const publish = dialog(page, 'Đăng tin bài');
    await publish.waitFor();
    await j.checkAccessibility(page);
    await publish.getByRole('button', { name: 'Đăng ngay' }).click();
    await expect.poll(() => status(page).innerText()).toBe('Đã đăng');
    const link = page.getByTestId('news-public-link');
    expect(await link.getAttribute('href')).toBe(`/tin-tuc/${a.slug}`);
    await shots(page, 'published');
  });

  test('người dân xem tin theo ngày, đọc bài có ảnh và tìm thấy bài trong RSS', async () => {
    const a = article as Article;
    const page = await j.anonymous('nguoi-doc-tin');
    const [y, m, d] = TODAY.split('-');
    const day = await page.goto(`/tin-tuc?ngay=${TODAY}`);
    expect(day?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: `Tin ngày ${d}/${m}/${y}` }).waitFor();
    await page.getByRole('link', { name: a.title }).first().click();
    await page.waitForURL(`**/tin-tuc/${a.slug}`);
    await page.getByRole('heading', { level: 1, name: a.title }).waitFor();
    expect(await page.locator('strong', { hasText: ADDED }).count()).toBe(1);
    expect(await page.locator('.byline').textContent()).toBe('Đinh Thị Thu Trang – Văn phòng Sở');
    const img = page.getByRole('img', { name: CAPTION });
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth)).toBe(1200);
    await shots(page, 'public-article');

    const rss = await page.request.get('/tin-tuc/rss.xml');
    expect(rss.status()).toBe(200);
    const feed = new XMLParser().parse(await rss.text()) as { rss: { channel: { item: { title: string; link: string }[] | { title: string; link: string } } } };
    const items = [feed.rss.channel.item].flat();
    const mine = items.find((i) => i.link.endsWith(`/tin-tuc/${a.slug}`));
    expect(mine?.title).toBe(a.title);
  });
});
