import { describe, expect, it } from 'vitest';
import {
  condenseNarrative, hasFigures, narrativeSentences, openingOnce, shareAcrossUnits, statedFigures, unitsByType, withoutQuarter, withoutSaidFigures,
} from './summary-report.points.js';
import type { NarrativeRow } from './summary-report.repository.js';
import { plannedTask, points, unitListTable } from './summary-report.service.js';

const Q1 = 'Quý I năm 2025:\nĐài truyền thanh xã A duy trì phát sóng ổn định, tiếp sóng đầy đủ chương trình thời sự.\n- Phát 95 tin, bài;\n- Hoàn thành chuyển đổi cụm loa sang ứng dụng CNTT.';
const Q2 = 'Quý II năm 2025:\nĐài truyền thanh xã A duy trì phát sóng ổn định, tiếp sóng đầy đủ các chương trình thời sự.\n- Phát 85 tin, bài;\n- Tập trung tuyên truyền sắp xếp đơn vị hành chính.';

describe('narrative condensed into one paragraph per unit', () => {
  it.each([
    ['drops period headers and bullet dashes, ends each sentence with a full stop', [{ text: 'Quý I năm 2025:\n- Ý một;\n- ý hai', figures: true }], 'Ý một. Ý hai.'],
    ['a sentence repeated across quarters appears once (diacritics folded)', [{ text: 'Đã hoàn thành kế hoạch.', figures: true }, { text: 'da hoan thanh ke hoach', figures: true }], 'Đã hoàn thành kế hoạch.'],
    ['a near-equal sentence (≥ 0.85) counts as repeated', [{ text: Q1, figures: false }, { text: Q2, figures: false }],
      'Đài truyền thanh xã A duy trì phát sóng ổn định, tiếp sóng đầy đủ chương trình thời sự. Hoàn thành chuyển đổi cụm loa sang ứng dụng CNTT. Tập trung tuyên truyền sắp xếp đơn vị hành chính.'],
    ['a count a finer period repeats with other numbers is left out; a figure said once stays', [
      { text: '- Phát 95 tin, bài.\n- Tổ chức 3 lớp tập huấn kỹ năng số.', figures: false }, { text: '- Phát 85 tin, bài.\n- Có 9 cụm loa hoạt động.', figures: false },
      { text: '- Có 9 cụm loa hoạt động.', figures: false }],
      'Tổ chức 3 lớp tập huấn kỹ năng số. Có 9 cụm loa hoạt động.'],
    ['the period\'s own text keeps its figures', [{ text: 'Cả năm phát 380 tin, bài.', figures: true }, { text: '- Cả năm phát 380 tin bài;', figures: true }],
      'Cả năm phát 380 tin, bài.'],
    ['a sentence opening with a clause already said adds only its new clauses to the sentence that said it', [
      { text: 'Đài xã A duy trì phát sóng ổn định, tiếp sóng đầy đủ chương trình thời sự; tập trung tuyên truyền mừng Đảng, mừng Xuân.', figures: true },
      { text: 'Đài xã A duy trì phát sóng ổn định, tiếp sóng đầy đủ chương trình thời sự; tập trung tuyên truyền sắp xếp đơn vị hành chính.', figures: true },
      { text: 'Đài xã A duy trì phát sóng ổn định, tiếp sóng đầy đủ các chương trình thời sự; tập trung tuyên truyền mừng Đảng, mừng Xuân.', figures: true }],
      'Đài xã A duy trì phát sóng ổn định, tiếp sóng đầy đủ chương trình thời sự; tập trung tuyên truyền mừng Đảng, mừng Xuân; tập trung tuyên truyền sắp xếp đơn vị hành chính.'],
    ['different sentences are all kept, in order', [{ text: 'Rà soát hạ tầng. Tập huấn cán bộ.', figures: true }], 'Rà soát hạ tầng. Tập huấn cán bộ.'],
  ])('%s', (_name, texts, expected) => {
    expect(condenseNarrative(texts)).toBe(expected);
  });

  it('leaves out a unit that says nothing beyond its figures', () => {
    expect(condenseNarrative([
      { text: '- Phát 95 tin, bài;\n- Sản xuất 20 chương trình.', figures: false }, { text: '- Phát 85 tin, bài;\n- Sản xuất 18 chương trình.', figures: false },
    ])).toBeNull();
    expect(condenseNarrative([{ text: 'Quý II năm 2025:\n\n', figures: true }])).toBeNull();
  });

  it.each([
    ['Phát 95 tin, bài.', true],
    ['Đạt 94,3% kế hoạch.', true],
    ['Tổ chức hội nghị ngày 30/06/2025.', false],
    ['Triển khai Nghị định 13/2023/NĐ-CP trong năm 2025.', false],
    ['Hoàn thành nhiệm vụ quý 2.', false],
  ])('figures in "%s": %s', (sentence, expected) => {
    expect(hasFigures(sentence)).toBe(expected);
  });

  it('splits sentences and keeps them whole', () => {
    expect(narrativeSentences('Một việc. Hai việc!\n- ba việc;')).toEqual(['Một việc.', 'Hai việc!', 'Ba việc.']);
  });
});

describe('units named by type', () => {
  it.each([
    [['media_centre', 'radio_station', 'radio_station', 'media_centre', 'media_centre'], '03 Trung tâm VH-TT-TT cấp huyện, 02 đài truyền thanh cơ sở'],
    [[...Array(21).fill('radio_station'), ...Array(8).fill('media_centre')], '21 đài truyền thanh cơ sở, 08 Trung tâm VH-TT-TT cấp huyện'],
    [['commune', null, 'unknown'], '02 đơn vị khác, 01 UBND cấp xã'],
  ])('%j → %s', (types, expected) => {
    expect(unitsByType(types as (string | null)[])).toBe(expected);
  });
});

const row = (id: number, name: string, type: string, difficulties: string): NarrativeRow => ({
  submission_id: 100 + id, unit_id: id, unit_name: name, unit_type: type, period: '2025', period_type: 'Yearly', period_start: '2025-01-01',
  results: '', difficulties, proposals: '', sector_id: 1,
});

describe('section II points', () => {
  const sectorName = () => 'Thông tin cơ sở';
  const rows = [
    ...Array.from({ length: 4 }, (_, i) => row(i + 1, `Trung tâm VH-TT-TT huyện ${i + 1}`, 'media_centre', '- Thiết bị truyền thanh xuống cấp.\n- Thiếu nhân lực.')),
    ...Array.from({ length: 3 }, (_, i) => row(i + 10, `Đài truyền thanh xã ${i + 1}`, 'radio_station', '- Thiết bị truyền thanh đã xuống cấp.')),
  ];

  it.each([
    ['more than five units: counted by type, listed in full in the appendix', new Map<string, number>(), 0,
      { text: 'Thiết bị truyền thanh xuống cấp.', n: 7, unitsByType: '04 Trung tâm VH-TT-TT cấp huyện, 03 đài truyền thanh cơ sở', timesRaised: undefined }],
    ['five or fewer: named, with no type counts', new Map<string, number>(), 1, { text: 'Thiếu nhân lực.', n: 4, unitsByType: undefined, timesRaised: undefined }],
    ['recognised by the register through one unit\'s bullet: the highest count', new Map([['112|difficulties|0', 3], ['101|difficulties|0', 2]]), 0,
      { text: 'Thiết bị truyền thanh xuống cấp.', n: 7, unitsByType: '04 Trung tâm VH-TT-TT cấp huyện, 03 đài truyền thanh cơ sở', timesRaised: 3 }],
    ['raised in a single period: no mark', new Map([['101|difficulties|1', 1]]), 1, { text: 'Thiếu nhân lực.', n: 4, unitsByType: undefined, timesRaised: undefined }],
  ])('%s', (_name, recognised, at, expected) => {
    const [sector] = points(rows, 'difficulties', sectorName, ['Thông tin cơ sở'], recognised);
    const p = sector!.points[at]!;
    expect({ text: p.text, n: p.units.length, unitsByType: p.unitsByType, timesRaised: p.timesRaised }).toEqual(expected);
  });

  it('puts the full list of units of a point named by type in an appendix table', () => {
    const difficulties = points(rows, 'difficulties', sectorName, ['Thông tin cơ sở']);
    const t = unitListTable([{ title: 'Tồn tại, hạn chế', points: difficulties }])!;
    expect(t.columns).toEqual(['STT', 'Nội dung', 'Các đơn vị nêu']);
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0]![1]).toBe('Tồn tại, hạn chế — Thông tin cơ sở: Thiết bị truyền thanh xuống cấp');
    expect(String(t.rows[0]![2]).split(', ')).toHaveLength(7);
    expect(unitListTable([{ title: 'Tồn tại, hạn chế', points: points(rows.slice(0, 4), 'difficulties', sectorName, ['Thông tin cơ sở']) }])).toBeNull();
  });
});

describe('what several units of a sector say alike', () => {
  const station = (x: string, tail: string) => ({
    name: `Đài truyền thanh xã ${x}`, type: 'radio_station',
    paragraph: `Đài truyền thanh xã ${x} duy trì phát sóng ổn định, tiếp sóng đầy đủ chương trình thời sự. ${tail}`,
  });
  it.each([
    ['said once, the units counted by type; a unit left with only its figures is left out', [station('A', 'Phát 95 tin, bài.'), station('B', 'Phát 80 tin, bài.'),
      station('C', 'Tổ chức tuyên truyền lưu động ở 3 thôn. Phối hợp kiểm tra cụm loa.')],
      { shared: ['03 đài truyền thanh cơ sở duy trì phát sóng ổn định, tiếp sóng đầy đủ chương trình thời sự.'],
        units: [{ name: 'Đài truyền thanh xã C', paragraph: 'Tổ chức tuyên truyền lưu động ở 3 thôn. Phối hợp kiểm tra cụm loa.' }] }],
    ['one unit alone keeps its sentence', [station('A', 'Phát 95 tin, bài.'), { name: 'Xã B', type: 'commune', paragraph: 'Xã B kiện toàn tổ công nghệ số.' }],
      { shared: [], units: [{ name: 'Đài truyền thanh xã A', paragraph: 'Đài truyền thanh xã A duy trì phát sóng ổn định, tiếp sóng đầy đủ chương trình thời sự. Phát 95 tin, bài.' },
        { name: 'Xã B', paragraph: 'Xã B kiện toàn tổ công nghệ số.' }] }],
  ])('%s', (_name, units, expected) => {
    expect(shareAcrossUnits(units)).toEqual(expected);
  });

  // near-equal once the units' names and numbers are masked (the communes' and radio stations' paragraphs that do not
  // open with the unit's name)
  const u = (name: string, type: string, paragraph: string) => ({ name, type, paragraph });
  it.each([
    ['the name inside the sentence becomes the units counted by type; "UBND" before a commune\'s name is not said twice', [
      u('Xã A', 'commune', 'Năm 2025, UBND xã A cơ bản hoàn thành các chỉ tiêu, nhiệm vụ được giao.'),
      u('Phường B', 'commune', 'Năm 2025, UBND phường B cơ bản hoàn thành các chỉ tiêu, nhiệm vụ được giao.'),
      u('Xã C', 'commune', 'Đây là kỳ báo cáo đầu tiên của xã C sau sắp xếp. Xã C lắp mới 4 cụm loa.')],
      ['Năm 2025, 02 UBND cấp xã cơ bản hoàn thành các chỉ tiêu, nhiệm vụ được giao.'],
      ['Xã C']],
    ['different numbers: only the clauses without figures are said once, the figures are left to the sector', [
      u('Đài truyền thanh xã A', 'radio_station', 'Đài hoạt động ổn định; phát 95 tin, bài tuyên truyền. Sửa cụm loa hỏng ở thôn Nà Pồ.'),
      u('Đài truyền thanh xã B', 'radio_station', 'Đài hoạt động ổn định; phát 80 tin, bài tuyên truyền.'),
      u('Đài truyền thanh xã C', 'radio_station', 'Đài hoạt động ổn định; phát 71 tin, bài tuyên truyền.')],
      ['Đài hoạt động ổn định (03 đài truyền thanh cơ sở).'],
      ['Đài truyền thanh xã A']],
    ['different numbers and no clause without them: nothing shared, and the sentence is taken out of each unit', [
      u('Đài truyền thanh xã A', 'radio_station', 'Phát 95 tin, bài; sản xuất 12 chương trình. Phối hợp kiểm tra cụm loa.'),
      u('Đài truyền thanh xã B', 'radio_station', 'Phát 80 tin, bài; sản xuất 10 chương trình.')],
      [], ['Đài truyền thanh xã A']],
    ['a subject of their own that is not their registered name ("Viettel Vân Lĩnh", "VNPT Vân Lĩnh") becomes the count', [
      u('Viettel Vân Lĩnh – Chi nhánh Tập đoàn', 'enterprise', 'Viettel Vân Lĩnh tiếp tục mở rộng hạ tầng, bảo đảm thông tin liên lạc thông suốt.'),
      u('Viễn thông Vân Lĩnh (VNPT Vân Lĩnh)', 'enterprise', 'VNPT Vân Lĩnh tiếp tục mở rộng hạ tầng, bảo đảm thông tin liên lạc thông suốt.'),
      u('MobiFone tỉnh Vân Lĩnh', 'enterprise', 'Trong kỳ, MobiFone Vân Lĩnh phát triển 5.475 thuê bao.')],
      ['02 doanh nghiệp bưu chính, viễn thông tiếp tục mở rộng hạ tầng, bảo đảm thông tin liên lạc thông suốt.'],
      ['MobiFone tỉnh Vân Lĩnh']],
    ['a subject after a shared opening keeps the opening', [
      u('Bưu điện tỉnh', 'enterprise', 'Trong quý III năm 2025, Bưu điện tỉnh duy trì mạng lưới ổn định.'),
      u('Viettel Post', 'enterprise', 'Trong quý III năm 2025, Viettel Post Vân Lĩnh duy trì mạng lưới ổn định.')],
      ['Trong quý III năm 2025, 02 doanh nghiệp bưu chính, viễn thông duy trì mạng lưới ổn định.'], []],
    ['the same sentence without a subject: the units follow in brackets, and a next one of the same units joins it', [
      u('Báo A', 'press_agency', 'Báo A bám sát định hướng tuyên truyền của tỉnh. Tuyên truyền đậm nét việc sắp xếp bộ máy.'),
      u('Đài B', 'press_agency', 'Đài B bám sát định hướng tuyên truyền của tỉnh. Tuyên truyền đậm nét việc sắp xếp bộ máy.')],
      ['02 cơ quan báo chí bám sát định hướng tuyên truyền của tỉnh; tuyên truyền đậm nét việc sắp xếp bộ máy.'], []],
    ['sentences that differ are not shared', [
      u('Xã A', 'commune', 'Kiện toàn tổ công nghệ số cộng đồng ở các thôn.'), u('Xã B', 'commune', 'Rà soát hạ tầng cáp quang đến thôn.')],
      [], ['Xã A', 'Xã B']],
  ])('%s', (_name, units, shared, left) => {
    const r = shareAcrossUnits(units);
    expect(r.shared).toEqual(shared);
    expect(r.units.map((x) => x.name)).toEqual(left);
  });
});

describe('a clause that opens as the clause before it', () => {
  it.each([
    ['Đài duy trì phát sóng; tập trung tuyên truyền mừng Đảng, mừng Xuân; tập trung tuyên truyền việc sắp xếp đơn vị hành chính; kiện toàn tổ truyền thanh.',
      'Đài duy trì phát sóng; tập trung tuyên truyền mừng Đảng, mừng Xuân, việc sắp xếp đơn vị hành chính; kiện toàn tổ truyền thanh.'],
    ['Tuyên truyền A; tuyên truyền B.', 'Tuyên truyền A; tuyên truyền B.'], // one word in common is no opening
    ['Đã hoàn thành kế hoạch; đã hoàn thành.', 'Đã hoàn thành kế hoạch; đã hoàn thành.'], // nothing would be left to say
  ])('%s', (sentence, expected) => {
    expect(openingOnce(sentence)).toBe(expected);
  });

  it('is said once in what units share and in a unit\'s own paragraph', () => {
    const said = 'duy trì phát sóng ổn định; tập trung tuyên truyền mừng Đảng; tập trung tuyên truyền sắp xếp đơn vị hành chính.';
    const r = shareAcrossUnits([{ name: 'Đài A', type: 'radio_station', paragraph: `Đài A ${said}` }, { name: 'Đài B', type: 'radio_station', paragraph: `Đài B ${said}` },
      { name: 'Đài C', type: 'radio_station', paragraph: `Kiểm tra cụm loa; tập trung tuyên truyền mừng Đảng; tập trung tuyên truyền phòng chống bão.` }]);
    expect(r.shared).toEqual(['02 đài truyền thanh cơ sở duy trì phát sóng ổn định; tập trung tuyên truyền mừng Đảng, sắp xếp đơn vị hành chính.']);
    expect(r.units).toEqual([{ name: 'Đài C', paragraph: 'Kiểm tra cụm loa; tập trung tuyên truyền mừng Đảng, phòng chống bão.' }]);
  });
});

describe('figures said once', () => {
  const said = new Set(statedFigures('Trong quý có 318 chứng thư số cấp mới, tăng 57,4%; 667.814 lượt truy cập Cổng thông tin điện tử tỉnh. Có 3.026 cảnh báo.'));
  it.each([
    ['a clause whose figures the report said goes, the rest of the sentence stays',
      'Cổng thông tin điện tử tỉnh có 667.814 lượt truy cập; cấp mới 318 chứng thư số. Giám sát, xử lý 3.026 cảnh báo; gỡ mã độc trên 21 máy tính.',
      'Gỡ mã độc trên 21 máy tính.'],
    ['a clause with a figure the report did not say stays whole', 'Cấp mới 318 chứng thư số cho 45 cơ quan.', 'Cấp mới 318 chứng thư số cho 45 cơ quan.'],
    ['a clause without figures stays', 'Bảo đảm vận hành an toàn, liên tục các hệ thống.', 'Bảo đảm vận hành an toàn, liên tục các hệ thống.'],
    ['nothing left', 'Có 667.814 lượt truy cập.', ''],
  ])('%s', (_name, paragraph, expected) => {
    expect(withoutSaidFigures(paragraph, said)).toBe(expected);
  });
});

describe('a quarter\'s sentence in a longer period\'s report', () => {
  it.each([
    ['Trong quý III năm 2025, Viettel Post duy trì mạng lưới bưu chính ổn định.', 'Viettel Post duy trì mạng lưới bưu chính ổn định.'],
    ['Bưu điện tỉnh tiếp tục mở rộng dịch vụ chuyển phát trong quý I năm 2025.', 'Bưu điện tỉnh tiếp tục mở rộng dịch vụ chuyển phát.'],
    ['Báo chí phản ánh kịp thời các sự kiện nổi bật trong 6 tháng đầu năm 2025.', 'Báo chí phản ánh kịp thời các sự kiện nổi bật.'],
    ['Trong quý I năm 2025, đài phát 95 tin, bài.', null],
    ['Đã hoàn thành các nhiệm vụ của 6 tháng đầu năm.', 'Đã hoàn thành các nhiệm vụ của 6 tháng đầu năm.'],
    ['Triển khai kế hoạch quý I.', 'Triển khai kế hoạch quý I.'],
  ])('"%s" → %j', (sentence, expected) => {
    expect(withoutQuarter(sentence)).toBe(expected);
  });

  it('a year condensed from quarters claims no quarter; the quarter\'s own report keeps it', () => {
    const q1 = 'Trong quý I năm 2025, Bưu điện tỉnh tiếp tục mở rộng dịch vụ chuyển phát. Trong quý I năm 2025, khai thác 162.573 bưu gửi.';
    const q2 = 'Bưu điện tỉnh tiếp tục mở rộng dịch vụ chuyển phát trong quý II năm 2025.';
    expect(condenseNarrative([{ text: q1, figures: false }, { text: q2, figures: false }])).toBe('Bưu điện tỉnh tiếp tục mở rộng dịch vụ chuyển phát.');
    expect(condenseNarrative([{ text: q1, figures: true }])).toBe(q1);
  });
});

describe('key tasks planned for the next period', () => {
  it.each([
    ['open', null, true],
    ['done', '2026-01-05', true],
    ['carried', '2026-01-05', true],
    ['closed after the report\'s period (at the end of its own, partly done)', '2026-01-05', true],
    ['closed before the report\'s period ended (dropped)', '2025-09-15', false],
  ])('%s', (state, closedOn, expected) => {
    expect(plannedTask({ state: state.split(' ')[0]!, closed_on: closedOn }, '2025-09-30')).toBe(expected);
  });
});
