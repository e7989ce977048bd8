import { describe, expect, it } from 'vitest';
import { renderSummaryReportHtml } from './summary-report.html.js';
import {
  documentDateLine,
  documentNumberLine,
  figureText,
  listLine,
  nextTasksHeading,
  pointWithUnits,
  recipientLines,
  subjectLine,
} from './summary-report.model.js';
import { sampleSummaryReport } from './test-fixtures.js';

describe('subjectLine', () => {
  it('words the subject for each kind of summary period', () => {
    expect(subjectLine('2023')).toBe('Kết quả công tác năm 2023 và phương hướng, nhiệm vụ năm 2024');
    expect(subjectLine('2023Q1')).toBe('Kết quả công tác quý I năm 2023 và nhiệm vụ trọng tâm quý II năm 2023');
    expect(subjectLine('2023S1')).toBe('Kết quả công tác 6 tháng đầu năm 2023 và nhiệm vụ trọng tâm 6 tháng cuối năm 2023');
    expect(subjectLine('2023N1')).toBe('Kết quả công tác 9 tháng năm 2023 và nhiệm vụ trọng tâm quý IV năm 2023');
  });

  it('rolls over the year after the fourth quarter and the second half', () => {
    expect(subjectLine('2023Q4')).toBe('Kết quả công tác quý IV năm 2023 và nhiệm vụ trọng tâm quý I năm 2024');
    expect(subjectLine('2023Q3')).toBe('Kết quả công tác quý III năm 2023 và nhiệm vụ trọng tâm quý IV năm 2023');
    expect(subjectLine('2023S2')).toBe('Kết quả công tác 6 tháng cuối năm 2023 và nhiệm vụ trọng tâm 6 tháng đầu năm 2024');
  });

  it('rejects months and invalid ids', () => {
    expect(() => subjectLine('202301')).toThrow(RangeError);
    expect(() => subjectLine('2023Q5')).toThrow(RangeError);
    expect(() => subjectLine('năm 2023')).toThrow(RangeError);
  });

  it('gives part III its heading', () => {
    expect(nextTasksHeading('2023')).toBe('PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024');
    expect(nextTasksHeading('2023N1')).toBe('NHIỆM VỤ TRỌNG TÂM QUÝ IV NĂM 2023');
    expect(nextTasksHeading('2023S1')).toBe('NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2023');
  });
});

describe('documentDateLine and documentNumberLine', () => {
  it('writes leading zeros for days 1–9 and months 1–2 only', () => {
    expect(documentDateLine('Vân Lĩnh', '2024-01-04')).toBe('Vân Lĩnh, ngày 04 tháng 01 năm 2024');
    expect(documentDateLine('Vân Lĩnh', '2024-02-29')).toBe('Vân Lĩnh, ngày 29 tháng 02 năm 2024');
    expect(documentDateLine('Vân Lĩnh', '2023-12-09')).toBe('Vân Lĩnh, ngày 09 tháng 12 năm 2023');
    expect(documentDateLine('Vân Lĩnh', '2023-07-15')).toBe('Vân Lĩnh, ngày 15 tháng 7 năm 2023');
  });

  it('rejects a date that is not one', () => {
    expect(() => documentDateLine('Vân Lĩnh', '2023-02-30')).toThrow(RangeError);
    expect(() => documentDateLine('Vân Lĩnh', '04/01/2024')).toThrow(RangeError);
  });

  it('leaves room for the number in a draft', () => {
    expect(documentNumberLine('125', 'SKHCN')).toBe('Số: 125/BC-SKHCN');
    expect(documentNumberLine(null, 'SKHCN')).toMatch(/^Số: [\u00a0]{4,}\/BC-SKHCN$/u);
    expect(documentNumberLine('  ', 'SKHCN')).toBe(documentNumberLine(null, 'SKHCN'));
  });
});

describe('wording helpers', () => {
  it('formats figures the Vietnamese way with a dash for missing ones', () => {
    expect(figureText(1634, 0)).toBe('1.634');
    expect(figureText(94.25, 1)).toBe('94,3');
    expect(figureText(1234567.891, 2)).toBe('1.234.567,89');
    expect(figureText(-12.5, 0)).toBe('-13');
    expect(figureText(null, 0)).toBe('—');
    expect(figureText(Number.NaN, 0)).toBe('—');
  });

  it('puts the units before the final punctuation of a point', () => {
    expect(pointWithUnits({ text: 'Thiếu nhân lực.', units: ['Xã A', 'Xã B'] })).toBe('Thiếu nhân lực (02 đơn vị: Xã A, Xã B).');
    expect(pointWithUnits({ text: 'Thiếu nhân lực;', units: ['Xã A'] })).toBe('Thiếu nhân lực (Xã A);');
    expect(pointWithUnits({ text: 'Thiếu nhân lực', units: [' Xã A ', ''] })).toBe('Thiếu nhân lực (Xã A)');
    expect(pointWithUnits({ text: 'Thiếu nhân lực.', units: [] })).toBe('Thiếu nhân lực.');
  });

  it.each([
    ['more than five units: their count and their types', { text: 'Thiếu kinh phí.', units: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'], unitsByType: '08 Trung tâm VH-TT-TT cấp huyện, 04 đài truyền thanh cơ sở' },
      'Thiếu kinh phí (12 đơn vị: 08 Trung tâm VH-TT-TT cấp huyện, 04 đài truyền thanh cơ sở).'],
    ['all of one type: the type gives the count', { text: 'Thiếu kinh phí.', units: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'], unitsByType: '09 UBND cấp xã' }, 'Thiếu kinh phí (09 UBND cấp xã).'],
    ['recognised by the register', { text: 'Thiếu kinh phí;', units: ['Xã A'], timesRaised: 3 }, 'Thiếu kinh phí (Xã A; nêu lại lần thứ 3);'],
    ['several units, raised again', { text: 'Thiếu kinh phí', units: ['Xã A', 'Xã B'], timesRaised: 2 }, 'Thiếu kinh phí (02 đơn vị: Xã A, Xã B; nêu lại lần thứ 2)'],
    ['raised in one period only: no mark', { text: 'Thiếu kinh phí.', units: ['Xã A'], timesRaised: 1 }, 'Thiếu kinh phí (Xã A).'],
  ])('%s', (_name, point, expected) => {
    expect(pointWithUnits(point)).toBe(expected);
  });

  it('ends list lines with ";" and the last one with "."', () => {
    expect(listLine('Việc một', false)).toBe('- Việc một;');
    expect(listLine('- Việc hai', true)).toBe('- Việc hai.');
    expect(listLine('Việc ba:', false)).toBe('- Việc ba:');
  });

  it('ends the recipients with the archive line, once', () => {
    expect(recipientLines(['UBND tỉnh (b/c);', '- Như trên'])).toEqual(['- UBND tỉnh (b/c);', '- Như trên;', '- Lưu: VT, VP.']);
    expect(recipientLines(['Như trên', 'Lưu: VT, VP.'])).toEqual(['- Như trên;', '- Lưu: VT, VP.']);
    expect(recipientLines([])).toEqual(['- Lưu: VT, VP.']);
  });
});

describe('renderSummaryReportHtml', () => {
  it('shows the same header, title, figures and signature as the document', () => {
    const html = renderSummaryReportHtml(sampleSummaryReport());
    for (const s of [
      '<html lang="vi">',
      'ỦY BAN NHÂN DÂN TỈNH VÂN LĨNH',
      'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Vân Lĩnh, ngày 04 tháng 01 năm 2024',
      '<p class="title">BÁO CÁO</p>',
      'Kết quả công tác năm 2023 và phương hướng, nhiệm vụ năm 2024',
      '<h2>I. KẾT QUẢ ĐẠT ĐƯỢC</h2>',
      '<h2>III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024</h2>',
      '<td class="num">1.634</td>',
      '<td class="num">94,3</td>',
      '<td class="num">—</td>',
      '<strong>Nơi nhận:</strong>',
      '<p>- Phòng VH&amp;TT các huyện, thành phố;</p>',
      '<p>- Lưu: VT, VP.</p>',
      '<p>KT. GIÁM ĐỐC</p><p>PHÓ GIÁM ĐỐC</p><p class="name">Lô Quang Tuấn</p>',
      'PHỤ LỤC SỐ LIỆU',
      '<td class="num">215.480</td>',
    ]) {
      expect(html).toContain(s);
    }
    expect(html).toContain('(02 đơn vị: Phòng Văn hóa và Thông tin huyện Bạch Sơn, Ủy ban nhân dân xã Nà Phặc);');
  });

  it('shows the previous year once in a year\'s key-figure tables, and three periods for a quarter', () => {
    const year = renderSummaryReportHtml(sampleSummaryReport());
    expect(year).toContain('<tr><th>Chỉ tiêu</th><th>Đơn vị tính</th><th>Năm 2023</th><th>Năm 2022</th><th>Kế hoạch năm</th><th>% thực hiện kế hoạch</th></tr>');
    expect(year).not.toContain('Cùng kỳ năm trước');
    expect(year).toContain('<td class="num">1.332</td><td class="num">1.298</td><td class="num">1.350</td>');
    const quarter = renderSummaryReportHtml(sampleSummaryReport({ period: '2023Q4', periodKind: 'quarter' }));
    expect(quarter).toContain('<th>Kỳ này</th><th>Kỳ trước</th><th>Cùng kỳ năm trước</th>');
    expect(quarter).toContain('<td class="num">1.332</td><td class="num">1.298</td><td class="num">1.287</td><td class="num">1.350</td>');
  });

  it('names once the units that raised every point of a sector, not after each point', () => {
    const units = ['Viettel Vân Lĩnh', 'VNPT Vân Lĩnh', 'MobiFone tỉnh Vân Lĩnh'];
    const input = sampleSummaryReport();
    const difficulties = [{ sector: 'Viễn thông', points: [
      { text: 'Thủ tục thuê vị trí trạm còn kéo dài.', units },
      { text: 'Tuyến cáp quang thường bị đứt do thi công đường.', units: [...units].reverse(), timesRaised: 3 },
    ] }];
    const html = renderSummaryReportHtml({ ...input, difficulties });
    expect(html).toContain('<p>03 đơn vị (Viettel Vân Lĩnh, VNPT Vân Lĩnh, MobiFone tỉnh Vân Lĩnh) cùng nêu:</p>');
    expect(html).toContain('<p>- Thủ tục thuê vị trí trạm còn kéo dài.</p>');
    expect(html).toContain('<p>- Tuyến cáp quang thường bị đứt do thi công đường (nêu lại lần thứ 3).</p>');
    // one unit fewer on one point: each point names its own
    const apart = renderSummaryReportHtml({ ...input, difficulties: [{ ...difficulties[0]!, points: [difficulties[0]!.points[0]!, { ...difficulties[0]!.points[1]!, units: units.slice(1) }] }] });
    expect(apart).not.toContain('cùng nêu:');
    // one unit behind every point: named once too
    const one = renderSummaryReportHtml({ ...input, difficulties: [{ ...difficulties[0]!, points: difficulties[0]!.points.map((p) => ({ ...p, units: ['Trung tâm CNTT'] })) }] });
    expect(one).toContain('<p>Trung tâm CNTT nêu:</p>');
    expect(one).not.toContain('(Trung tâm CNTT)');
    expect(apart).toContain('(03 đơn vị: Viettel Vân Lĩnh, VNPT Vân Lĩnh, MobiFone tỉnh Vân Lĩnh).');
  });

  it('lists the general key tasks alone without a "1. Nhiệm vụ chung" heading; with sectors, each group under its heading', () => {
    const input = sampleSummaryReport();
    const alone = renderSummaryReportHtml({ ...input, nextTaskGroups: [{ sector: 'Nhiệm vụ chung', tasks: ['Thống nhất các nhiệm vụ trọng tâm'] }] });
    expect(alone).not.toContain('Nhiệm vụ chung');
    expect(alone).toContain('<p>- Thống nhất các nhiệm vụ trọng tâm.</p>');
    const groups = renderSummaryReportHtml({ ...input, nextTaskGroups: [{ sector: 'Nhiệm vụ chung', tasks: ['Thống nhất'] }, { sector: 'Viễn thông', tasks: ['Phủ sóng 4G'] }] });
    expect(groups).toContain('1. Nhiệm vụ chung');
    expect(groups).toContain('2. Viễn thông');
  });

  it('leaves out the target columns of a sector none of whose figures has a target (no column of dashes)', () => {
    const input = sampleSummaryReport({ period: '2023Q4', periodKind: 'quarter' });
    const sectors = input.sectors.map((s) => ({ ...s, figures: s.figures.map((f) => ({ ...f, target: null, achievedPct: null })) }));
    const html = renderSummaryReportHtml({ ...input, sectors });
    expect(html).toContain('<th>Kỳ này</th><th>Kỳ trước</th><th>Cùng kỳ năm trước</th></tr>');
    expect(html).not.toContain('<th>Kế hoạch năm</th>');
    expect(html).toContain('<td class="num">1.332</td><td class="num">1.298</td><td class="num">1.287</td></tr>');
  });

  it('escapes markup in every piece of user text', () => {
    const html = renderSummaryReportHtml(
      sampleSummaryReport({
        subject: 'Báo cáo <b>đậm</b>',
        sectors: [
          {
            name: '<img src=x onerror=alert(1)>',
            narrative: [{ unitName: 'Xã "A" & <i>B</i>', paragraphs: ['<script>alert("x")</script>'] }],
            figures: [
              {
                name: '<u>chỉ tiêu</u>',
                uom: "'%'",
                current: 1,
                previous: null,
                lastYear: null,
                target: null,
                achievedPct: null,
                decimals: 0,
              },
            ],
          },
        ],
        difficulties: [{ sector: 'S', points: [{ text: '</p><script>1</script>', units: ['<svg onload=1>'] }] }],
        appendix: [{ title: '<h1>x</h1>', columns: ['<th>'], rows: [['<td>']] }],
        recipients: ['<a href="javascript:1">x</a>'],
        signer: { title: 'GIÁM ĐỐC', name: '<Nguyễn Văn A>' },
      }),
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img|<svg|<u>|<i>B|<a href|<h1>x|<th><\/th>|<b>đậm/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('Xã &quot;A&quot; &amp; &lt;i&gt;B&lt;/i&gt;:');
    expect(html).toContain('&lt;Nguyễn Văn A&gt;');
    expect(html).toContain('&#39;%&#39;');
  });
});
