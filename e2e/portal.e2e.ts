/**
 * The department's public portal, read anonymously: the news list, an article, the news of one day chosen with the
 * date field, a search typed without diacritics, and the open figures with the by-unit table of a chosen quarter.
 * No script runs on these pages; every one is checked with axe (WCAG 2.1 AA) and for CSP violations like every
 * journey's page. Before the reader comes, the office (through the API, as the newsroom screens would) writes and
 * publishes two articles, one with a photo, and marks two demo figures public.
 */
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { ARTIFACTS, journey } from './support/browser.js';
import { DEMO_PASSWORD, E2E_NOW } from './support/server.js';

const j = journey();
const TODAY = new Date(new Date(E2E_NOW).getTime() + 7 * 3600_000).toISOString().slice(0, 10);
const SHOTS = process.env.PORTAL_SCREENSHOTS === '1';

/** The office's API session: signs in once, then calls with its cookie. */
async function officeApi() {
  const base = j.server.url;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'vanphong', password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const isForm = body instanceof FormData;
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, ...(body && !isForm ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
    const text = await r.text();
    expect(r.status, `${method} ${path}: ${text.slice(0, 300)}`).toBeLessThan(300);
    return (text ? JSON.parse(text) : null) as T;
  };
}

const articles: { slug: string; title: string }[] = [];

beforeAll(async () => {
  const api = await officeApi();
  const first = await api<{ id: number; slug: string }>('POST', '/api/news', {
    title: 'Sở tổ chức Hội nghị sơ kết công tác quý III năm 2026',
    summary: 'Sáng nay, Sở tổ chức hội nghị sơ kết quý III, đánh giá kết quả và bàn nhiệm vụ quý IV.',
    body: '<p>Hội nghị đánh giá kết quả <strong>chuyển đổi số</strong> và hạ tầng viễn thông của tỉnh trong quý III.</p><h2>Kết quả nổi bật</h2><ul><li>Phủ sóng 4G đến các thôn, bản.</li><li>Hồ sơ trực tuyến tăng.</li></ul>',
    authorLine: 'Hoàng Thị Mai',
    tags: ['hội nghị', 'sơ kết'],
  });
  const png = await sharp({ create: { width: 960, height: 540, channels: 3, background: { r: 31, g: 111, b: 178 } } }).png().toBuffer();
  const form = new FormData();
  form.append('caption', 'Quang cảnh hội nghị sơ kết quý III');
  form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'hoi-nghi.png');
  await api('POST', `/api/news/${first.id}/photos`, form);
  await api('POST', `/api/news/${first.id}/publish`, {});
  articles.push({ slug: first.slug, title: 'Sở tổ chức Hội nghị sơ kết công tác quý III năm 2026' });
  const second = await api<{ id: number; slug: string }>('POST', '/api/news', {
    title: 'Tập huấn kỹ năng số cho tổ công nghệ số cộng đồng',
    body: '<p>Các tổ công nghệ số cộng đồng được hướng dẫn cài đặt và dùng dịch vụ công trực tuyến.</p>',
    authorLine: 'Lò Văn Tùng',
    source: 'Báo Vân Lĩnh',
  });
  await api('POST', `/api/news/${second.id}/publish`, {});
  articles.push({ slug: second.slug, title: 'Tập huấn kỹ năng số cho tổ công nghệ số cộng đồng' });
  // Two demo figures made public: the fibre-broadband rate one level down, the count of villages at the province only.
  const ind = (await api<{ id: number; code: string }[]>('GET', '/api/indicators?q=TL_THON_CAPQUANG')).find((x) => x.code === 'TL_THON_CAPQUANG')!;
  await api('PATCH', `/api/indicators/${ind.id}`, { public: true, publicLevel: 2 });
  const el = (await api<{ id: number; code: string }[]>('GET', '/api/data-elements?q=THON_TONG')).find((x) => x.code === 'THON_TONG')!;
  await api('PATCH', `/api/data-elements/${el.id}`, { public: true, publicLevel: 1 });
});

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${ARTIFACTS}/portal-${name}.png`, fullPage: true });
}

describe('cổng thông tin công khai', () => {
  test('người đọc không đăng nhập xem tin, xem theo ngày, tìm kiếm không dấu và xem số liệu công khai', async () => {
    const page = await j.anonymous('nguoi-doc');
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });

    // The list: newest first, under the department's name of today.
    const list = await page.goto('/tin-tuc');
    expect(list?.status()).toBe(200);
    expect(list?.headers()['set-cookie']).toBeUndefined();
    await expect.poll(() => page.locator('header.site .org').textContent()).toBe('Sở Khoa học và Công nghệ');
    await page.getByRole('heading', { level: 1, name: 'Tin tức' }).waitFor();
    expect(await page.locator('ol.news > li').count()).toBeGreaterThanOrEqual(2);
    await shot(page, 'danh-sach');

    // One article, reached by its title.
    await page.getByRole('link', { name: articles[0]!.title, exact: true }).click();
    await page.waitForURL(`**/tin-tuc/${articles[0]!.slug}`);
    await page.getByRole('heading', { level: 1, name: articles[0]!.title }).waitFor();
    expect(await page.locator('.updated').textContent()).toMatch(/^\(Cập nhật lúc: \d{2}\/\d{2}\/\d{4}\)$/);
    expect(await page.locator('.byline').textContent()).toBe('Hoàng Thị Mai');
    await page.getByRole('img', { name: 'Quang cảnh hội nghị sơ kết quý III' }).waitFor();
    expect(await page.locator('figure.photo img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(960);
    await shot(page, 'bai-viet');

    // The news of one day, chosen with the date field of the list and its button (no script: a plain GET form).
    await page.getByRole('navigation', { name: 'Chuyên mục' }).getByRole('link', { name: 'Tin tức' }).click();
    await page.waitForURL('**/tin-tuc');
    await page.getByLabel('Chọn ngày đăng tin').fill(TODAY);
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    await page.waitForURL(`**/tin-tuc?ngay=${TODAY}`);
    const [y, m, d] = TODAY.split('-');
    await page.getByRole('heading', { level: 1, name: `Tin ngày ${d}/${m}/${y}` }).waitFor();
    for (const a of articles) await page.getByRole('link', { name: a.title, exact: true }).waitFor();
    await shot(page, 'theo-ngay');

    // A search typed without diacritics finds the article written with them.
    await page.getByRole('searchbox', { name: 'Tìm tin' }).fill('ky nang so');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.waitForURL('**/tin-tuc?q=ky+nang+so');
    await page.getByRole('link', { name: articles[1]!.title, exact: true }).waitFor();
    expect(await page.getByRole('link', { name: articles[0]!.title, exact: true }).count()).toBe(0);
    await shot(page, 'tim-kiem');

    // The open figures: the list, one figure with its charts and tables, the by-unit table of a chosen quarter.
    await page.getByRole('navigation', { name: 'Chuyên mục' }).getByRole('link', { name: 'Số liệu công khai' }).click();
    await page.waitForURL('**/so-lieu');
    await page.getByRole('heading', { level: 1, name: 'Số liệu công khai' }).waitFor();
    await shot(page, 'so-lieu');
    await page.getByRole('link', { name: 'Tỷ lệ thôn, bản, tổ dân phố có Internet băng rộng cáp quang' }).click();
    await page.waitForURL('**/so-lieu/TL_THON_CAPQUANG');
    // The chart is named by its <title> followed by its <desc> (aria-labelledby names both).
    await page.getByRole('img', { name: /toàn tỉnh theo năm/ }).waitFor();
    await page.getByRole('table', { name: /toàn tỉnh theo quý$/ }).waitFor();
    const options = await page.getByLabel('Kỳ').locator('option').allTextContents();
    const quarter = options.find((o) => o.startsWith('Quý'))!;
    expect(quarter).toBeTruthy();
    await page.getByLabel('Kỳ').selectOption({ label: quarter });
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    await page.waitForURL('**/so-lieu/TL_THON_CAPQUANG?ky=*');
    const table = page.getByRole('table', { name: new RegExp(`theo đơn vị, ${quarter.toLocaleLowerCase('vi')}$`) });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(1);
    await shot(page, 'chi-so');

    // Nothing ran: no script was ever asked for.
    expect(scripts).toEqual([]);
  });

  test('một địa chỉ không có là trang 404 tiếng Việt của cổng, không phải ứng dụng web', async () => {
    const page = await j.anonymous('nguoi-doc-go-sai');
    const r = await page.goto('/tin-tuc/khong-co-tin-nay');
    expect(r?.status()).toBe(404);
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }).waitFor();
    await page.getByRole('link', { name: 'Về trang tin tức' }).waitFor();
    expect(await page.locator('#root').count()).toBe(0);
  });
});
