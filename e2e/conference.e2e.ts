/**
 * The review conference from planning to the issued notice, as the people who run it:
 * 1. the office plans the annual conference from the period, adds the provincial guest, asks a commune for a
 *    presentation and sends the invitations;
 * 2. the commune confirms two of its people as delegates, prints their tickets and uploads its tham luận (.docx);
 * 3. at the door, a phone (375 px) checks a delegate in by the QR code on their ticket, read through the camera
 *    (Chromium's fake camera plays a video made from the ticket's PNG);
 * 4. the secretary opens the conference in the live view, takes notes, records three discussion items from the floor
 *    and writes a conclusion with two tasks owned by divisions;
 * 5. the director issues the Thông báo kết luận, and its .docx is downloaded and read.
 * Every screen is photographed into e2e/artifacts/ at 1366×768 (the live view also at 1024×768) and at 375 px.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { sampleDocx } from '../apps/server/src/modules/conferences/sample-files.js';
import { ARTIFACTS, journey } from './support/browser.js';
import { decodePng, writeY4m } from './support/camera.js';
import { apiGet } from './support/pages.js';
import { ADMIN_PASSWORD } from './support/server.js';

// The fake camera's video: blank until the ticket is known, then the ticket's QR code. Chromium opens the file when a
// page starts the camera, so it can be written after the browser has started.
const camDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhip-camera-'));
const camera = path.join(camDir, 'ticket.y4m');
writeY4m(camera, null);
afterAll(() => fs.rmSync(camDir, { recursive: true, force: true }));

const j = journey({ chromiumArgs: ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${camera}`] });

async function shot(page: Page, name: string) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(ARTIFACTS, `conference-${name}.png`) });
}

const dialog = (page: Page, title: string | RegExp) => page.getByRole('dialog').filter({ has: page.getByText(title) }).last();

/** Picks the option whose text matches from the open antd select (after typing into it). */
async function pickOption(page: Page, text: string | RegExp) {
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  await option.waitFor();
  await option.click();
}

const tab = async (page: Page, name: string) => {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.waitForLoadState('networkidle').catch(() => {});
};

type Detail = { id: number; status: string; counts: { invited: number; delegates: number; checkedIn: number; presentationsUploaded: number } };
type BoardItem = { unit: { id: number; code: string; name: string }; status: string; delegates: { id: number; fullName: string; checkedInAt: string | null }[] };

let conferenceId = 0;
const TASKS = [
  'Phòng Bưu chính – Viễn thông chủ trì, phối hợp các doanh nghiệp viễn thông hoàn thành phủ sóng di động cho các thôn còn lõm sóng.',
  'Phòng Công nghệ thông tin và Chuyển đổi số hướng dẫn các xã triển khai nền tảng số cho cán bộ thôn.',
];

describe('hội nghị tổng kết: lập kế hoạch, mời, điểm danh, thảo luận, kết luận', () => {
  test('1. Văn phòng lập hội nghị từ kỳ báo cáo, thêm khách mời, đề nghị tham luận và gửi giấy mời', async () => {
    const page = await j.signIn('vanphong');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('.nhip-sider .ant-menu').getByRole('link', { name: 'Hội nghị', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/conferences');
    await page.getByRole('heading', { name: 'Hội nghị', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Tạo hội nghị' }).first().click();
    const create = dialog(page, 'Kỳ sơ kết, tổng kết');
    await create.getByRole('combobox').first().click();
    await pickOption(page, /^Năm 2026$/);
    // The server proposes the rest: the annual conference's title, a working day in January, the director, the units.
    await expect.poll(async () => create.getByLabel('Tiêu đề').inputValue()).toBe('Hội nghị tổng kết công tác năm 2026 và triển khai nhiệm vụ năm 2027');
    await create.getByText(/Đơn vị được mời: \d+\/\d+/).waitFor();
    // The demo already plans this year's conference: a second one is allowed, with a warning naming the first.
    await create.getByTestId('conference-draft-warning').filter({ hasText: /đã có \d+ hội nghị/ }).waitFor();
    // This one meets the day after the demo's, in another room.
    const starts = create.getByLabel('Khai mạc lúc');
    await starts.click();
    await starts.press('ControlOrMeta+a');
    await starts.pressSequentially('07/01/2027 14:00');
    await starts.press('Enter');
    await create.getByLabel('Địa điểm').fill('Phòng họp tầng 3, Sở Khoa học và Công nghệ');
    await create.locator('.ant-select').filter({ hasText: /– Giám đốc Sở$/ }).waitFor();
    await create.locator('.ant-table-row').filter({ has: page.getByText('Xã Khê Thượng', { exact: true }) }).waitFor();
    await j.checkAccessibility(page);
    await shot(page, 'create-1366');
    await create.getByRole('button', { name: 'Lập hội nghị' }).click();
    await page.waitForURL(/\/conferences\/\d+$/);
    conferenceId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('conference-status').filter({ hasText: 'Đang chuẩn bị' }).waitFor();

    // The provincial vice-chairman, who gives the directive speech.
    await page.getByRole('button', { name: 'Thêm khách mời' }).click();
    const guest = dialog(page, 'Thêm khách mời');
    await guest.getByLabel('Họ và tên').fill('Hoàng Văn Thạch');
    await guest.getByLabel('Chức vụ').fill('Phó Chủ tịch');
    await guest.getByLabel('Cơ quan').fill('Ủy ban nhân dân tỉnh Vân Lĩnh');
    await guest.getByText('Phát biểu chỉ đạo tại hội nghị').click();
    await guest.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Hoàng Văn Thạch').waitFor();
    await shot(page, 'general-1366');

    // A presentation asked of the commune, due before the opening (the proposed date).
    await tab(page, 'Tham luận');
    await page.getByRole('button', { name: 'Đề nghị tham luận' }).click();
    const ask = dialog(page, 'Đề nghị tham luận');
    await ask.getByRole('combobox', { name: /^\*?\s*Đơn vị$/ }).click();
    await page.keyboard.type('khe thuong');
    await pickOption(page, 'Xã Khê Thượng');
    await ask.getByLabel('Chủ đề tham luận').fill('Đưa chuyển đổi số về thôn bản: kinh nghiệm của xã Khê Thượng');
    await j.checkAccessibility(page);
    await ask.getByRole('button', { name: 'Lưu' }).click();
    await ask.waitFor({ state: 'hidden' });
    await page.getByText('Đưa chuyển đổi số về thôn bản: kinh nghiệm của xã Khê Thượng').waitFor();

    await tab(page, 'Chương trình');
    await page.locator('.conf-agenda-row').first().waitFor();
    await shot(page, 'agenda-1366');

    // Invitations out: every invited unit is told in the app (no SMTP in the journeys).
    await page.getByRole('button', { name: 'Gửi giấy mời' }).click();
    const invite = dialog(page, 'Số giấy mời');
    await invite.getByLabel('Số giấy mời (không bắt buộc)').fill('45/GM-SKHCN');
    await invite.getByRole('button', { name: 'Gửi giấy mời' }).click();
    const sent = page.locator('.ant-modal-confirm').filter({ hasText: 'Đã gửi giấy mời' });
    await sent.waitFor();
    await sent.getByRole('button').last().click();
    await page.getByTestId('conference-status').filter({ hasText: 'Đã gửi giấy mời' }).waitFor();
    await tab(page, 'Đại biểu, xác nhận');
    await page.getByTestId('rsvp-board').locator('.ant-table-row').filter({ has: page.getByText('Xã Khê Thượng', { exact: true }) }).waitFor();
    await shot(page, 'rsvp-1366');
    const detail = await apiGet<Detail>(page, `/api/conferences/${conferenceId}`);
    expect(detail.body.status).toBe('invited');
    expect(detail.body.counts.invited).toBeGreaterThan(10);
  });

  test('2. Xã xác nhận hai đại biểu, in thẻ và nộp tham luận', async () => {
    const page = await j.signIn('baocao');
    await page.setViewportSize({ width: 375, height: 812 });
    // The invitation is a task on the unit's home page.
    const tasks = page.getByTestId('conference-tasks');
    const invitation = tasks.locator('.home-conf-task').filter({ hasText: 'Giấy mời: Hội nghị tổng kết công tác năm 2026' }).filter({ hasText: '07/01/2027 14:00' });
    await invitation.waitFor();
    await tasks.locator('.home-conf-task').filter({ hasText: /Tham luận: Đưa chuyển đổi số về thôn bản/ }).waitFor();
    await shot(page, 'unit-home-375');
    await page.setViewportSize({ width: 1366, height: 768 });
    await invitation.getByRole('button', { name: 'Trả lời giấy mời' }).click();
    await page.waitForURL((u) => u.pathname === `/conferences/${conferenceId}`);

    // Two of the commune's own people, found without diacritics.
    for (const [typed, name] of [['trieu van binh', 'Triệu Văn Bình'], ['hong yen', 'Lương Thị Hồng Yến']] as const) {
      await page.getByRole('combobox', { name: 'Thêm đại biểu' }).click();
      await page.keyboard.type(typed);
      await pickOption(page, name);
      await page.locator('.conf-delegate-chip').filter({ hasText: name }).waitFor();
    }
    await j.checkAccessibility(page);
    await shot(page, 'unit-answer-1366');
    await page.getByRole('button', { name: 'Xác nhận tham dự' }).click();
    const mine = page.locator('.conf-my-invitation');
    await mine.getByText('Đại biểu của đơn vị').waitFor();
    await mine.getByRole('img', { name: /Mã QR thẻ đại biểu của Triệu Văn Bình/ }).waitFor();
    await mine.getByText('Tham dự', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'In thẻ đại biểu' }).click();
    await page.waitForURL(/\/tickets$/);
    await expect.poll(() => page.getByTestId('ticket').count()).toBe(2);
    await shot(page, 'tickets-1366');
    await page.goBack();

    await tab(page, 'Tham luận');
    await page.locator('input[type=file]').first().setInputFiles({
      name: 'Tham luan xa Khe Thuong.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await sampleDocx('Đưa chuyển đổi số về thôn bản', ['Kinh nghiệm của xã Khê Thượng trong năm 2026.']),
    });
    await page.getByRole('button', { name: 'Tham luan xa Khe Thuong.docx' }).waitFor();
    await page.getByText('Đã nộp', { exact: true }).waitFor();
    await shot(page, 'unit-presentation-1366');
    await page.setViewportSize({ width: 375, height: 812 });
    await shot(page, 'unit-presentation-375');
    const detail = await apiGet<Detail>(page, `/api/conferences/${conferenceId}`);
    expect(detail.body.counts.presentationsUploaded).toBe(1);
  });

  test('3. Điểm danh bằng mã QR trên điện thoại', async () => {
    const page = await j.signIn('vanphong');
    await page.setViewportSize({ width: 375, height: 812 });
    const board = await apiGet<{ items: BoardItem[] }>(page, `/api/conferences/${conferenceId}/invitations`);
    const commune = board.body.items.find((i) => i.unit.code === 'VL-X03');
    const binh = commune?.delegates.find((d) => d.fullName === 'Triệu Văn Bình');
    expect(binh, 'Triệu Văn Bình is a delegate').toBeTruthy();
    // The camera shows his ticket: the PNG the unit printed, turned into video frames.
    const png = await page.request.get(`/api/conferences/${conferenceId}/delegates/${binh!.id}/ticket.png`);
    expect(png.status()).toBe(200);
    writeY4m(camera, decodePng(await png.body()));
    await page.context().grantPermissions(['camera'], { origin: j.server.url });

    await page.goto(`/conferences/${conferenceId}/checkin`);
    await page.getByRole('heading', { name: 'Điểm danh' }).waitFor();
    await shot(page, 'checkin-375');
    await page.getByTestId('qr-toggle').click();
    await page.getByTestId('checkin-result').getByText('Đã điểm danh: Triệu Văn Bình').waitFor({ timeout: 20_000 });
    await shot(page, 'checkin-scanned-375');
    await page.getByTestId('qr-toggle').click();

    // The other delegate is found without diacritics (not checked in yet).
    await page.getByRole('searchbox', { name: 'Tìm đại biểu' }).fill('hong yen');
    await page.getByTestId('checkin-row').filter({ hasText: 'Lương Thị Hồng Yến' }).getByRole('button', { name: 'Có mặt: Lương Thị Hồng Yến' }).waitFor();
    await j.checkAccessibility(page);
    const after = await apiGet<{ items: BoardItem[] }>(page, `/api/conferences/${conferenceId}/invitations`);
    const delegates = after.body.items.find((i) => i.unit.code === 'VL-X03')!.delegates;
    expect(delegates.find((d) => d.fullName === 'Triệu Văn Bình')?.checkedInAt).toBeTruthy();
    expect(delegates.find((d) => d.fullName === 'Lương Thị Hồng Yến')?.checkedInAt).toBeNull();
  });

  test('4. Thư ký ghi diễn biến, ba ý kiến thảo luận và kết luận với hai nhiệm vụ', async () => {
    const page = await j.signIn('vanphong');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/conferences/${conferenceId}/live`);
    await page.getByRole('heading', { name: 'Màn hình thư ký' }).waitFor();
    await page.getByRole('button', { name: /Khai mạc/ }).click();
    await page.getByTestId('conference-status').filter({ hasText: 'Đã tổ chức' }).waitFor();

    // Notes of the opening item save themselves.
    await page.locator('#live-notes').click();
    await page.keyboard.type('Đồng chí Giám đốc Sở phát biểu khai mạc, giới thiệu đại biểu.');
    await expect.poll(async () => (await page.getByTestId('notes-status').innerText()).trim(), { timeout: 20_000 }).toMatch(/^Đã lưu/);

    // Three points from the floor, by keyboard: Alt+1/2/3 chooses the kind, Ctrl+Enter records.
    const points: [string, string, string][] = [
      ['1', 'Xã Khê Thượng', 'Nhiều thôn vùng cao chưa có sóng di động ổn định, ảnh hưởng việc dùng dịch vụ công trực tuyến.'],
      ['2', 'Xã Khê Thượng', 'Đề nghị hỗ trợ thiết bị và tập huấn kỹ năng số cho cán bộ thôn.'],
      ['3', 'Báo Vân Lĩnh', 'Cần tăng tin bài về chuyển đổi số ở cơ sở.'],
    ];
    for (const [key, unit, text] of points) {
      await page.getByRole('combobox', { name: 'Đơn vị phát biểu' }).click();
      await page.keyboard.type(unit.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').toLowerCase());
      await pickOption(page, unit);
      await page.locator('#live-quick-text').click();
      await page.keyboard.press(`Alt+${key}`);
      await page.keyboard.type(text);
      await page.keyboard.press('Control+Enter');
      await page.getByTestId('live-discussion-item').filter({ hasText: text }).waitFor();
    }
    await j.checkAccessibility(page);
    await shot(page, 'live-1366');
    await page.setViewportSize({ width: 1024, height: 768 });
    await shot(page, 'live-1024');
    await page.setViewportSize({ width: 1366, height: 768 });
    const discussion = await apiGet<{ items: { kind: string; source: string; raised: boolean; text: string }[] }>(page, `/api/conferences/${conferenceId}/discussion`);
    const floor = discussion.body.items.filter((i) => i.source === 'floor');
    expect(floor.map((i) => i.kind)).toEqual(['difficulty', 'proposal', 'opinion']);
    expect(floor.every((i) => i.raised)).toBe(true);

    // The conclusion: two tasks, each with its owner division and a deadline after the conference.
    await page.goto(`/conferences/${conferenceId}?tab=conclusion`);
    for (const [text, typed, division, deadline] of [
      [TASKS[0]!, 'buu chinh', 'Phòng Bưu chính – Viễn thông', '31/03/2027'],
      [TASKS[1]!, 'chuyen doi so', 'Phòng Công nghệ thông tin và Chuyển đổi số', '30/06/2027'],
    ]) {
      await page.getByRole('button', { name: 'Thêm điểm kết luận' }).click();
      const add = dialog(page, 'Thêm điểm kết luận');
      await add.getByLabel('Nội dung').fill(text);
      await add.getByLabel('Phòng chủ trì').click();
      await page.keyboard.type(typed);
      await pickOption(page, division);
      await add.getByLabel('Hạn hoàn thành (sau ngày hội nghị)').fill(deadline);
      await add.getByLabel('Hạn hoàn thành (sau ngày hội nghị)').press('Enter');
      await j.checkAccessibility(page);
      await add.getByRole('button', { name: 'Lưu' }).click();
      await add.waitFor({ state: 'hidden' });
      await page.getByText(text).waitFor();
    }
    await shot(page, 'conclusion-1366');
    const saved = await apiGet<{ conclusion: { number: number; kind: string; ownerDivision: { name: string } | null; deadline: string | null }[] }>(
      page, `/api/conferences/${conferenceId}/points`);
    expect(saved.body.conclusion.map((p) => [p.number, p.kind, p.ownerDivision?.name, p.deadline])).toEqual([
      [1, 'task', 'Phòng Bưu chính – Viễn thông', '2027-03-31'],
      [2, 'task', 'Phòng Công nghệ thông tin và Chuyển đổi số', '2027-06-30'],
    ]);
  });

  test('hai thư ký ghi cùng một mục: bản lưu sau thấy bản trước, ghép cả hai', async () => {
    const first = await j.signIn('vanphong');
    const second = await j.signIn('admin', ADMIN_PASSWORD);
    for (const p of [first, second]) {
      await p.setViewportSize({ width: 1366, height: 768 });
      await p.goto(`/conferences/${conferenceId}/live`);
      await p.locator('#live-notes').waitFor();
    }
    await first.locator('#live-notes').click();
    await first.keyboard.press('ControlOrMeta+End');
    await first.keyboard.press('Enter');
    await first.keyboard.type('Giới thiệu đồng chí Phó Chủ tịch UBND tỉnh dự và chỉ đạo hội nghị.');
    await expect.poll(async () => (await first.getByTestId('notes-status').innerText()).trim(), { timeout: 20_000 }).toMatch(/^Đã lưu/);

    await second.locator('#live-notes').click();
    await second.keyboard.press('ControlOrMeta+End');
    await second.keyboard.press('Enter');
    await second.keyboard.type('Có 26 đơn vị được mời.');
    const conflict = second.getByTestId('notes-conflict');
    await conflict.waitFor({ timeout: 20_000 });
    await j.checkAccessibility(second);
    await shot(second, 'live-notes-conflict-1366');
    await conflict.getByRole('button', { name: 'Ghép cả hai' }).click();
    await expect.poll(async () => (await second.getByTestId('notes-status').innerText()).trim(), { timeout: 20_000 }).toMatch(/^Đã lưu/);
    const live = await apiGet<{ items: { notes: string }[] }>(second, `/api/conferences/${conferenceId}/live`);
    expect(live.body.items[0]!.notes.split('\n')).toEqual([
      'Đồng chí Giám đốc Sở phát biểu khai mạc, giới thiệu đại biểu.',
      'Giới thiệu đồng chí Phó Chủ tịch UBND tỉnh dự và chỉ đạo hội nghị.',
      'Có 26 đơn vị được mời.',
    ]);
  });

  test('5. Giám đốc ban hành thông báo kết luận và tải bản .docx', async () => {
    const page = await j.signIn('giamdoc');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/conferences/${conferenceId}?tab=conclusion`);
    await page.getByRole('button', { name: 'Ban hành thông báo kết luận' }).click();
    const issue = dialog(page, /Thông báo gồm 2 điểm kết luận/);
    await j.checkAccessibility(page);
    await issue.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await issue.waitFor({ state: 'hidden' });
    await page.getByTestId('conference-status').filter({ hasText: 'Đã ban hành kết luận' }).waitFor();
    await page.getByText('Bản 1').waitFor();
    await shot(page, 'notice-1366');

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Tải .docx bản 1' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Thông báo kết luận .*\.docx$/);
    const zip = await JSZip.loadAsync(fs.readFileSync((await download.path()) as string));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const text = xml.replace(/<w:tab\/>/g, ' ').replace(/<[^>]+>/g, '');
    expect(text).toContain('THÔNG BÁO');
    expect(text).toMatch(/Kết luận của Giám đốc Sở/);
    expect(text).toContain('/TB-');
    for (const t of TASKS) expect(text).toContain(t.slice(0, 60));

    // The documents tab previews the issued notice.
    await tab(page, 'Văn bản');
    await page.locator('.ant-segmented-item').filter({ hasText: 'Thông báo kết luận' }).click();
    await page.getByTestId('document-preview').waitFor();
    await shot(page, 'documents-1366');
  });

  test('hai người sửa biên bản cùng lúc: bản sau thấy bản trước và hợp nhất, không ghi đè', async () => {
    const first = await j.signIn('vanphong');
    const second = await j.signIn('admin', ADMIN_PASSWORD);
    for (const p of [first, second]) {
      await p.setViewportSize({ width: 1366, height: 768 });
      await p.goto(`/conferences/${conferenceId}?tab=minutes`);
      await p.getByLabel('Số biên bản').waitFor();
    }
    await first.getByLabel('Số biên bản').fill('07');
    await first.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    await first.getByTestId('minutes-revision').getByText(/^Phiên bản 1/).waitFor();

    // The second person typed on the compiled version: their save meets revision 1 and shows both.
    await second.getByLabel('Thư ký').fill('Đồng chí Đinh Thị Thu Trang, Chánh Văn phòng');
    await second.getByLabel('Số biên bản').fill('08');
    await second.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    const conflict = second.getByTestId('minutes-conflict');
    await conflict.waitFor();
    await conflict.getByText(/đã lưu phiên bản 1/).waitFor();
    await j.checkAccessibility(second);
    await shot(second, 'minutes-conflict-1366');
    // Keep the first person's number, keep one's own secretary line.
    await conflict.locator('.conf-merge-row').filter({ hasText: 'Số biên bản' }).getByRole('button', { name: 'Dùng bản này' }).click();
    await second.getByRole('button', { name: 'Lưu bản đã hợp nhất' }).click();
    await second.getByTestId('minutes-revision').getByText(/^Phiên bản 2/).waitFor();
    const saved = await apiGet<{ revision: number; content: { number: string | null; secretary: string } }>(second, `/api/conferences/${conferenceId}/minutes`);
    expect(saved.body.revision).toBe(2);
    expect(saved.body.content.number).toBe('07');
    expect(saved.body.content.secretary).toBe('Đồng chí Đinh Thị Thu Trang, Chánh Văn phòng');
  });

  test('mọi thẻ của trang hội nghị trên điện thoại (375 px)', async () => {
    const page = await j.signIn('vanphong');
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/conferences');
    await page.getByRole('link', { name: /Hội nghị tổng kết công tác năm 2026/ }).first().waitFor();
    await shot(page, 'list-375');
    await page.goto(`/conferences/${conferenceId}`);
    await page.getByTestId('conference-status').waitFor();
    await shot(page, 'general-375');
    // On a phone the parts are chosen from a list instead of tabs.
    await page.getByTestId('conference-part').click();
    await pickOption(page, 'Đại biểu, xác nhận');
    await page.getByTestId('rsvp-board').waitFor();
    await j.checkAccessibility(page);
    await shot(page, 'rsvp-375');
    for (const key of ['agenda', 'presentations', 'discussion', 'conclusion', 'minutes', 'documents']) {
      await page.goto(`/conferences/${conferenceId}?tab=${key}`);
      await page.getByTestId('conference-status').waitFor();
      await j.checkAccessibility(page);
      await shot(page, `${key}-375`);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    await tab(page, 'Biên bản');
    await shot(page, 'minutes-1366');
  });
});
