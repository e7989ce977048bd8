/**
 * Commendation from the unit's proposal to the printed Giấy khen, as the people who do it:
 * 1. a division (Phòng CNTT và Chuyển đổi số) proposes two of its people for Chiến sĩ thi đua cơ sở 2026 — one meets
 *    every criterion, the other is blocked and the screen says which criterion and why — and itself for a Giấy khen;
 * 2. the office accepts the eligible ones; the blocked one cannot be accepted and shows the reason;
 * 3. the council meets, the office types the secret-ballot tally (votes for out of all members against 80%) and
 *    closes the meeting; the Biên bản downloads;
 * 4. the office drafts the decision, the director signs it, and the certificates print as one PDF, whose first page
 *    is rendered to PNG; the conference's "khen thưởng" agenda item lists what is handed out.
 * The history the journey needs (ratings, an initiative, the people) is written through the API first. Each screen is
 * photographed into e2e/artifacts/awards-*.png.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, journey } from './support/browser.js';
import { apiGet } from './support/pages.js';
import { ADMIN_PASSWORD } from './support/server.js';

const j = journey();

/** The page as it is (fullPage: the whole page from its top; the viewport where it has been scrolled to a part). */
async function shot(page: Page, name: string, fullPage = true) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(ARTIFACTS, `awards-${name}.png`), fullPage });
}

const dialog = (page: Page, title: string | RegExp) => page.getByRole('dialog').filter({ has: page.getByText(title) }).last();

async function pickOption(page: Page, text: string | RegExp) {
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  await option.waitFor();
  await option.click();
}

async function api<T>(page: Page, method: 'POST' | 'PUT', url: string, data: unknown): Promise<T> {
  const res = method === 'POST' ? await page.request.post(url, { data }) : await page.request.put(url, { data });
  const text = await res.text();
  expect(res.status(), `${method} ${url}: ${text}`).toBeLessThan(300);
  return JSON.parse(text) as T;
}

const UNIT = 'VL-CDS';
const UNIT_NAME = 'Phòng Công nghệ thông tin và Chuyển đổi số';
const ELIGIBLE = 'Lương Thị Thanh Tâm';
const BLOCKED = 'Hoàng Văn Khải';
const REPORTER = { username: 'baocao.cds', password: 'Cds-Bao-cao-2026!' };
const YEAR = 2026;

describe('thi đua, khen thưởng', () => {
  test('Đơn vị đề nghị, Văn phòng tiếp nhận, Hội đồng bỏ phiếu, Giám đốc ký quyết định, in Giấy khen', async () => {
    const started = Date.now();

    // ── The history the journey needs, through the API: a reporter for the division, two people with their 2026
    // ratings (one excellent with a recognised initiative, one merely "hoàn thành"), the division's own rating.
    const admin = await j.signIn('admin', ADMIN_PASSWORD);
    const units = await apiGet<{ id: number; code: string }[]>(admin, '/api/org-units?type=division');
    const unitId = units.body.find((u) => u.code === UNIT)!.id;
    await api(admin, 'POST', '/api/users', { username: REPORTER.username, fullName: 'Nông Văn Thắng', role: 'reporter', orgUnitId: unitId, password: REPORTER.password });
    const office = await j.signIn('vanphong');
    const tam = await api<{ id: number }>(office, 'POST', '/api/people', { fullName: ELIGIBLE, gender: 'female', unit: UNIT, position: 'Chuyên viên', validFrom: '2019-03-01' });
    const khai = await api<{ id: number }>(office, 'POST', '/api/people', { fullName: BLOCKED, gender: 'male', unit: UNIT, position: 'Chuyên viên', validFrom: '2020-08-01' });
    await api(office, 'PUT', '/api/awards/ratings', { person: tam.id, year: YEAR, rating: 'xuat_sac' });
    await api(office, 'PUT', '/api/awards/ratings', { person: khai.id, year: YEAR, rating: 'hoan_thanh' });
    await api(office, 'PUT', '/api/awards/ratings', { unit: UNIT, year: YEAR, rating: 'tot' });
    await api(office, 'POST', '/api/awards/initiatives', {
      person: tam.id, title: 'Kho dữ liệu dùng chung cho hồ sơ một cửa của Sở', year: YEAR, scope: 'co_so', decisionNumber: '45/QĐ-SKHCN',
    });

    // ── 1. The division proposes its two people and itself.
    const unit = await j.signIn(REPORTER.username, REPORTER.password);
    await unit.goto(`/awards/nominations?year=${YEAR}`);
    await unit.getByRole('heading', { name: 'Đề nghị khen thưởng' }).waitFor();
    const nominate = async (who: string, search: string) => {
      await unit.getByRole('button', { name: 'Đề nghị khen thưởng' }).click();
      const d = dialog(unit, 'Đề nghị cho');
      await d.getByLabel('Cán bộ').click();
      await unit.keyboard.type(search);
      await pickOption(unit, who);
      await d.getByLabel('Danh hiệu, hình thức').click();
      await unit.keyboard.type('chien si thi dua co so');
      await pickOption(unit, 'Chiến sĩ thi đua cơ sở');
      await d.getByTestId('nominate-eligibility').waitFor();
      return d;
    };
    let d = await nominate(ELIGIBLE, 'thanh tam');
    await d.getByText('Đủ điều kiện', { exact: true }).waitFor();
    await d.getByText(/Sáng kiến "Kho dữ liệu dùng chung cho hồ sơ một cửa của Sở" \(cấp cơ sở, công nhận năm 2026\)/).waitFor();
    await expect.poll(() => d.getByText('Điều 23 Luật Thi đua, khen thưởng 06/2022/QH15').count()).toBeGreaterThan(0);
    await j.checkAccessibility(unit);
    await shot(unit, '1-de-nghi-du-dieu-kien');
    await d.getByRole('button', { name: 'Gửi đề nghị' }).click();
    let drawer = dialog(unit, 'Kiểm tra từng tiêu chí');
    await drawer.getByText(ELIGIBLE).first().waitFor();
    await drawer.getByRole('button', { name: /Close|Đóng/ }).first().click();

    d = await nominate(BLOCKED, 'van khai');
    const blocked = d.getByTestId('nominate-blocked');
    await blocked.getByText('Chưa đủ điều kiện').waitFor();
    await blocked.getByText(/Đạt tiêu chuẩn danh hiệu "Lao động tiên tiến": .*hoàn thành nhiệm vụ \(cần hoàn thành tốt nhiệm vụ trở lên\)/).waitFor();
    await j.checkAccessibility(unit);
    await shot(unit, '2-de-nghi-chua-du-dieu-kien');
    await d.getByRole('button', { name: 'Vẫn gửi đề nghị' }).click();
    drawer = dialog(unit, 'Kiểm tra từng tiêu chí');
    await drawer.getByTestId('nomination-blocked').waitFor();
    await drawer.getByRole('button', { name: /Close|Đóng/ }).first().click();

    // Its collective, for the director's Giấy khen, with the achievement the criterion asks to state.
    await unit.getByRole('button', { name: 'Đề nghị khen thưởng' }).click();
    d = dialog(unit, 'Đề nghị cho');
    await d.getByText('Tập thể', { exact: true }).click();
    await d.getByText(UNIT_NAME).waitFor();
    await d.getByLabel('Danh hiệu, hình thức').click();
    await unit.keyboard.type('giay khen');
    await pickOption(unit, 'Giấy khen của Giám đốc Sở');
    await d.getByLabel('Có thành tích được bình xét trong phong trào thi đua').fill('Dẫn đầu phong trào chuyển đổi số của Sở năm 2026: 100% thủ tục hành chính đủ điều kiện được cung cấp trực tuyến toàn trình.');
    await d.getByRole('button', { name: 'Gửi đề nghị' }).click();
    drawer = dialog(unit, 'Kiểm tra từng tiêu chí');
    await drawer.getByText('Giấy khen của Giám đốc Sở (hằng năm)').waitFor();
    await drawer.getByRole('button', { name: /Close|Đóng/ }).first().click();
    const rows = unit.getByTestId('nominations').locator('.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    await shot(unit, '3-danh-sach-don-vi');

    // ── 2. The office accepts the eligible ones; the blocked one shows why and cannot be accepted.
    await office.goto(`/awards/nominations?year=${YEAR}&unit=${UNIT}`);
    const openRow = async (name: string) => {
      await office.getByTestId('nominations').locator('.ant-table-row').filter({ hasText: name }).first().getByTestId('nomination-open').click();
      const dr = dialog(office, 'Kiểm tra từng tiêu chí');
      await dr.getByText(name).first().waitFor();
      return dr;
    };
    drawer = await openRow(BLOCKED);
    await drawer.getByTestId('nomination-blocked').getByText(/Hoàn thành xuất sắc nhiệm vụ\./).waitFor();
    await expect.poll(() => drawer.getByRole('button', { name: 'Tiếp nhận', exact: true }).isDisabled()).toBe(true);
    await drawer.getByRole('button', { name: 'Cho tiếp tục (ngoại lệ)…' }).waitFor();
    await j.checkAccessibility(office);
    await shot(office, '4-van-phong-de-nghi-bi-chan');
    await drawer.getByRole('button', { name: /Close|Đóng/ }).first().click();

    drawer = await openRow(ELIGIBLE);
    await drawer.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await drawer.getByText('Đã tiếp nhận, chờ xét').waitFor();
    await drawer.getByRole('button', { name: /Close|Đóng/ }).first().click();
    drawer = await openRow(UNIT_NAME);
    await drawer.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await drawer.getByRole('button', { name: 'Thông qua (không cần bỏ phiếu)' }).click();
    await drawer.getByText('Hội đồng đã thông qua').waitFor();
    await drawer.getByRole('button', { name: /Close|Đóng/ }).first().click();

    // ── 3. The council: its members (set up through the API unless it exists), a meeting, the tally, the close.
    const councils = await apiGet<{ items: { id: number }[] }>(office, '/api/awards/councils');
    if (!councils.body.items.length) {
      const directorate = await apiGet<{ items: { id: number; fullName: string; position: string }[] }>(office, '/api/people?q=giam%20doc&pageSize=20');
      const by = (name: string) => directorate.body.items.find((p) => p.fullName === name)?.id;
      const people = await apiGet<{ items: { id: number; fullName: string }[] }>(office, `/api/people?pageSize=200`);
      const id = (name: string) => by(name) ?? people.body.items.find((p) => p.fullName === name)!.id;
      await api(office, 'POST', '/api/awards/councils', {
        name: 'Hội đồng thi đua – khen thưởng Sở Khoa học và Công nghệ', decisionNumber: '05/QĐ-SKHCN', validFrom: '2025-03-01',
        members: [
          { person: id('Ma Đình Quang'), role: 'chair' }, { person: id('Triệu Thị Thư'), role: 'vice_chair' }, { person: id('Sầm Thị Vân'), role: 'member' },
          { person: id('Vi Thị Thu Nga'), role: 'member' }, { person: id('Bùi Thị Hồng Hoa'), role: 'secretary' },
        ],
      });
    }
    await office.locator('.nhip-sider .ant-menu').getByRole('link', { name: 'Hội đồng thi đua – khen thưởng' }).click();
    await office.getByTestId('council').first().waitFor();
    await office.getByRole('button', { name: 'Lên lịch họp' }).click();
    d = dialog(office, /Lên lịch họp xét khen thưởng năm 2026/);
    await d.getByLabel('Thời gian họp').fill('22/11/2026 08:00');
    await d.getByLabel('Thời gian họp').press('Enter');
    // Only this journey's nomination is considered.
    await d.locator('.ant-select-selection-item').filter({ hasText: ELIGIBLE }).waitFor();
    for (;;) {
      const other = d.locator('.ant-select-selection-item').filter({ hasNotText: ELIGIBLE }).locator('.ant-select-selection-item-remove');
      if (!(await other.count())) break;
      await other.first().click();
    }
    await shot(office, '5-len-lich-hop');
    await d.getByRole('button', { name: 'Lên lịch', exact: true }).click();
    await office.waitForURL(/\/awards\/meetings\/\d+$/);
    await office.getByRole('button', { name: 'Bắt đầu họp, bỏ phiếu' }).click();
    await office.getByTestId('meeting-status').getByText('Đang họp, bỏ phiếu').waitFor();
    // Everyone present; the paper count gives the nomination exactly the votes its threshold needs, out of ALL members.
    const meetingId = Number(new URL(office.url()).pathname.split('/').pop());
    const attendance = office.getByTestId('attendance');
    const boxes = attendance.getByRole('checkbox');
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
    await office.getByRole('button', { name: 'Ghi có mặt' }).click();
    await office.getByTestId('meeting-quorum').getByText(/— đủ/).waitFor();
    const meeting = await apiGet<{ membersTotal: number; ballots: { nominationId: number; subject: { name: string }; needed: number }[] }>(office, `/api/awards/meetings/${meetingId}`);
    const members = meeting.body.membersTotal;
    const needed = meeting.body.ballots.find((b) => b.subject.name === ELIGIBLE)!.needed;
    expect(needed).toBe(Math.ceil(members * 0.8));
    await office.getByLabel(`Số phiếu thu về của ${ELIGIBLE}`).fill(String(members));
    await office.getByLabel(`Số phiếu đồng ý của ${ELIGIBLE}`).fill(String(needed));
    await office.getByLabel(`Số phiếu không đồng ý của ${ELIGIBLE}`).fill(String(members - needed));
    await office.getByTestId('ballots').getByRole('button', { name: 'Ghi', exact: true }).click();
    const share = ((needed / members) * 100).toFixed(1).replace('.', ',');
    await office.getByTestId('ballots').getByText(`${needed}/${members} phiếu đồng ý (${share}%)`).waitFor();
    await office.getByTestId('ballots').getByText('— Đạt').waitFor();
    await j.checkAccessibility(office);
    await shot(office, '6-hop-hoi-dong-kiem-phieu');
    await office.getByRole('button', { name: 'Kết thúc cuộc họp' }).click();
    await office.locator('.ant-popconfirm').getByRole('button', { name: 'Kết thúc' }).click();
    await office.getByTestId('meeting-status').getByText('Đã kết thúc, có kết quả').waitFor();
    await office.getByTestId('ballots').getByText('Hội đồng đã thông qua').waitFor();
    const [minutes] = await Promise.all([office.waitForEvent('download', { timeout: 60_000 }), office.getByRole('button', { name: 'Biên bản họp Hội đồng (.docx)' }).click()]);
    const zip = await JSZip.loadAsync(fs.readFileSync((await minutes.path()) as string));
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain('BIÊN BẢN');
    expect(text).toContain(ELIGIBLE);
    await shot(office, '7-hop-hoi-dong-ket-thuc');

    // ── 4. The decision: drafted by the office, signed by the director, certificates printed.
    await office.locator('.nhip-sider .ant-menu').getByRole('link', { name: 'Quyết định khen thưởng' }).click();
    await office.getByRole('button', { name: 'Soạn dự thảo quyết định' }).click();
    d = dialog(office, /Soạn dự thảo quyết định khen thưởng/);
    await d.getByRole('checkbox', { name: new RegExp(ELIGIBLE) }).check();
    await d.getByRole('checkbox', { name: new RegExp(`^${UNIT_NAME}`) }).check();
    await d.getByLabel('Ngày ký dự kiến').fill('22/11/2026');
    await d.getByLabel('Ngày ký dự kiến').press('Enter');
    await d.getByRole('button', { name: 'Soạn dự thảo', exact: true }).click();
    await office.waitForURL(/\/awards\/decisions\/\d+$/);
    const decisionUrl = new URL(office.url()).pathname;
    await office.getByTestId('decision-totals').getByText('1 cá nhân, 1 tập thể · tổng 4.050.000 đ').waitFor();
    await office.getByTestId('decision-lines').getByText('2.530.000 đ').waitFor();
    await office.getByTestId('decision-bases').getByText(/^Căn cứ Luật Thi đua, khen thưởng/).first().waitFor();
    await expect.poll(() => office.getByRole('button', { name: 'Ký ban hành' }).count()).toBe(0);
    await shot(office, '8-du-thao-quyet-dinh');

    const director = await j.signIn('giamdoc');
    await director.goto(decisionUrl);
    await director.getByRole('button', { name: 'Ký ban hành' }).click();
    d = dialog(director, 'Ký ban hành quyết định khen thưởng');
    await d.getByLabel('Ngày ký').fill('22/11/2026');
    await d.getByLabel('Ngày ký').press('Enter');
    await d.getByRole('button', { name: 'Ký ban hành' }).click();
    await director.getByTestId('decision-status').getByText('Đã ban hành').waitFor();
    await director.getByRole('heading', { name: /^Quyết định số \d+\/QĐ-SKHCN$/ }).waitFor();
    await j.checkAccessibility(director);
    await shot(director, '9-quyet-dinh-da-ban-hanh');
    const [cert] = await Promise.all([director.waitForEvent('download', { timeout: 90_000 }), director.getByRole('button', { name: 'In Giấy khen (.pdf)' }).click()]);
    const pdf = path.join(ARTIFACTS, 'awards-giay-khen.pdf');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.copyFileSync((await cert.path()) as string, pdf);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(ARTIFACTS, 'awards-giay-khen')]);
    expect(fs.existsSync(path.join(ARTIFACTS, 'awards-giay-khen.png'))).toBe(true);
    const pdfText = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    expect(pdfText).toContain('GIẤY KHEN');
    expect(pdfText).toContain(UNIT_NAME);

    // The conference's "khen thưởng" item lists what is handed out there.
    const decision = await apiGet<{ conference: { id: number } | null }>(director, `/api${decisionUrl}`);
    expect(decision.body.conference).not.toBeNull();
    await director.goto(`/conferences/${decision.body.conference!.id}?tab=agenda`);
    const awards = director.getByTestId('conference-awards');
    await awards.getByText('Giấy khen của Giám đốc Sở').waitFor();
    await awards.getByText(ELIGIBLE, { exact: false }).waitFor();
    await awards.scrollIntoViewIfNeeded();
    await shot(director, '10-hoi-nghi-khen-thuong', false);

    // The register now holds the decision, so next year's eligibility sees the title.
    const next = await apiGet<{ checks: { code: string; passed: boolean }[] }>(office, `/api/awards/eligibility?person=${tam.id}&title=CSTD_CS&year=${YEAR}`);
    expect(next.body.checks.find((c) => c.code === 'chua_tang')?.passed).toBe(false);
    console.log(`awards journey: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 600_000);
});
