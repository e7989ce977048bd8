/**
 * One quarter's report from entry to approval, as the people involved do it in the browser:
 * the reporter enters figures, trips a validation rule and fixes it, submits; the reviewer returns it with a
 * comment; the reporter corrects and resubmits; the reviewer approves; the office sees the unit counted as
 * submitted on time on the round's completeness page.
 */
import { foldDiacritics, periodLabel } from '@nhip/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { journey } from './support/browser.js';
import {
  apiGet,
  confirmDialog,
  currentRound,
  type EntryApi,
  expectStatus,
  field,
  fieldIssue,
  type MyRound,
  startingFigure,
  statistic,
  typeInto,
  waitSaved,
} from './support/pages.js';

const j = journey();

/** What the steps learn and pass on. */
const state: {
  round?: MyRound;
  unit?: { id: number; name: string };
  before?: { submitted: number; onTime: number };
  total?: number;
} = {};
const COMMENT = 'Số thôn có cáp quang quý này cần đối chiếu lại với số liệu của doanh nghiệp viễn thông, đề nghị kiểm tra.';

function need<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`an earlier step did not establish ${what}`);
  return v;
}

/** The round's card on the reporter's home page. */
const roundCard = (page: Page, round: MyRound) =>
  page
    .locator('.ant-card')
    .filter({ hasText: round.formName })
    .filter({ hasText: periodLabel(round.period, 'vi') })
    .filter({ has: page.getByRole('button', { name: /(Nhập báo cáo|Tiếp tục|Xem)$/ }) });

/** The unit's row on the round's board, as the office sees it (status, late). */
async function boardRow(page: Page, roundId: number, unitId: number) {
  const res = await apiGet<{ rows: { orgUnit: { id: number }; status: string; late: boolean }[] }>(page, `/api/rounds/${roundId}/board`);
  expect(res.status).toBe(200);
  const row = res.body.rows.find((r) => r.orgUnit.id === unitId);
  if (!row) throw new Error(`unit ${unitId} is not on the board of round ${roundId}`);
  return row;
}

/** Opens the review page of the unit from the round's board, searching without diacritics. */
async function openFromBoard(page: Page) {
  const round = need(state.round, 'the round');
  const unit = need(state.unit, 'the unit');
  await page.goto('/rounds');
  await page
    .getByRole('row')
    .filter({ hasText: round.formName })
    .filter({ hasText: periodLabel(round.period, 'vi') })
    .first()
    .click();
  await page.waitForURL(new RegExp(`/rounds/${round.id}$`));
  await page.getByTestId('board-search').fill(foldDiacritics(unit.name));
  const link = page.getByTestId('board-table').getByRole('link', { name: unit.name, exact: true });
  await expect.poll(() => link.count(), { timeout: 15_000 }).toBe(1);
  await link.click();
  await page.waitForURL(new RegExp(`/rounds/${round.id}/units/${unit.id}$`));
}

describe.sequential('chu kỳ báo cáo: nhập, nộp, trả lại, nộp lại, duyệt, tổng hợp', () => {
  let reporter: Page;
  let reviewer: Page;

  test('văn phòng ghi nhận tình hình nộp của đợt trước khi đơn vị nộp', async () => {
    reporter = await j.signIn('baocao');
    const { round, entry } = await currentRound(reporter);
    state.round = round;
    state.unit = { id: entry.orgUnit.id, name: entry.orgUnit.name };
    expect(entry.submission?.status ?? 'not_started').toMatch(/^(not_started|draft)$/);

    const office = await j.signIn('vanphong');
    await office.goto(`/rounds/${round.id}/completeness`);
    const total = office.getByTestId('completeness-total');
    await total.waitFor();
    state.before = { submitted: await statistic(total, 'Đã nộp'), onTime: await statistic(total, 'Đúng hạn') };
    state.total = await statistic(total, 'Phải nộp');
    // The unit has not reported yet.
    expect(await boardRow(office, round.id, entry.orgUnit.id)).toMatchObject({
      status: entry.submission?.status ?? 'not_started',
      late: false,
    });
  });

  test('đơn vị nhập số liệu, gặp lỗi kiểm tra bên cạnh ô, sửa rồi nộp', async () => {
    const round = need(state.round, 'the round');
    const unit = need(state.unit, 'the unit');
    await reporter.goto('/');
    // From the home page: the round's card and its action button.
    const card = roundCard(reporter, round);
    await card.getByRole('button', { name: /Nhập báo cáo|Tiếp tục/ }).click();
    await reporter.waitForURL(new RegExp(`/rounds/${round.id}/units/${unit.id}$`));

    const entry = (await apiGet<EntryApi>(reporter, `/api/rounds/${round.id}/units/${unit.id}/entry`)).body;
    const earlier = (code: string) => startingFigure(entry, code);
    // Required figures still empty are entered from last quarter's report, as a reporter would start.
    const required = entry.form.sections.flatMap((s) => s.elements).filter((e) => e.required && !entry.values[e.code]);
    for (const e of required) {
      if (e.code === 'THON_TONG' || e.code === 'THON_CAPQUANG') continue;
      await typeInto(reporter, e.code, earlier(e.code) ?? '1');
    }
    const villages = Number(earlier('THON_TONG') ?? 120);
    await typeInto(reporter, 'THON_TONG', String(villages));

    // More villages with fibre than villages: the rule's message appears beside the field.
    await typeInto(reporter, 'THON_CAPQUANG', String(villages + 7));
    // The empty required field already shows "Chưa nhập …"; wait for the check of the typed value to replace it.
    await expect
      .poll(async () => ((await fieldIssue(reporter, 'THON_CAPQUANG').isVisible()) ? fieldIssue(reporter, 'THON_CAPQUANG').innerText() : ''), { timeout: 15_000 })
      .toContain('không được lớn hơn tổng số thôn');

    await typeInto(reporter, 'THON_CAPQUANG', String(villages - 3));
    await expect.poll(() => fieldIssue(reporter, 'THON_CAPQUANG').count(), { timeout: 15_000 }).toBe(0);
    await waitSaved(reporter);

    await reporter.getByTestId('entry-submit').click();
    await confirmDialog(reporter, 'Nộp báo cáo');
    await expectStatus(reporter, 'Đã nộp');
    const saved = await apiGet<EntryApi>(reporter, `/api/rounds/${round.id}/units/${unit.id}/entry`);
    expect(saved.body.submission?.status).toBe('submitted');
    expect(saved.body.values.THON_CAPQUANG?.value).toBe(String(villages - 3));
  });

  test('phòng chuyên môn tìm đơn vị trên bảng theo dõi và trả lại kèm ý kiến', async () => {
    reviewer = await j.signIn('thamdinh');
    await openFromBoard(reviewer);
    await expectStatus(reviewer, 'Đã nộp');
    await reviewer.getByTestId('entry-return').click();
    await reviewer.getByTestId('review-comment').fill(COMMENT);
    await reviewer.getByTestId('review-confirm').click();
    await expectStatus(reviewer, 'Trả lại');
  });

  test('đơn vị thấy báo cáo bị trả lại cùng ý kiến, sửa và nộp lại', async () => {
    const round = need(state.round, 'the round');
    const unit = need(state.unit, 'the unit');
    await reporter.goto('/');
    const card = roundCard(reporter, round);
    await expect.poll(() => card.locator('.ant-tag', { hasText: /^Trả lại$/ }).count()).toBe(1);
    await card.getByRole('button', { name: /Tiếp tục/ }).click();
    await reporter.waitForURL(new RegExp(`/rounds/${round.id}/units/${unit.id}$`));
    await expectStatus(reporter, 'Trả lại');
    await expect.poll(() => reporter.getByText(COMMENT).count()).toBeGreaterThan(0);

    const villages = Number((await field(reporter, 'THON_TONG').inputValue()).replace(/\D/g, ''));
    await typeInto(reporter, 'THON_CAPQUANG', String(villages - 2));
    await waitSaved(reporter);
    await reporter.getByTestId('entry-submit').click();
    await confirmDialog(reporter, 'Nộp báo cáo');
    await expectStatus(reporter, 'Đã nộp');
    const saved = await apiGet<EntryApi>(reporter, `/api/rounds/${round.id}/units/${unit.id}/entry`);
    expect(saved.body.values.THON_CAPQUANG?.value).toBe(String(villages - 2));
  });

  test('phòng chuyên môn duyệt báo cáo đã nộp lại', async () => {
    await openFromBoard(reviewer);
    await expectStatus(reviewer, 'Đã nộp');
    await reviewer.getByTestId('entry-approve').click();
    await reviewer.getByTestId('review-confirm').click();
    await expectStatus(reviewer, 'Đã duyệt');
  });

  test('văn phòng thấy đơn vị được tính là đã nộp, đúng hạn', async () => {
    const round = need(state.round, 'the round');
    const unit = need(state.unit, 'the unit');
    const before = need(state.before, 'the completeness before');
    const office = await j.signIn('vanphong');
    await office.goto(`/rounds/${round.id}/completeness`);
    const total = office.getByTestId('completeness-total');
    await total.waitFor();
    expect(await statistic(total, 'Phải nộp')).toBe(need(state.total, 'the assigned count'));
    expect(await statistic(total, 'Đã nộp')).toBe(before.submitted + 1);
    expect(await statistic(total, 'Đúng hạn')).toBe(before.onTime + 1);
    expect(await boardRow(office, round.id, unit.id)).toMatchObject({ status: 'approved', late: false });
  });
});
