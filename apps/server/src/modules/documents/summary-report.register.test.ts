import { describe, expect, it } from 'vitest';
import type { Block } from './kit/model.js';
import { previousBlocks, reportBody } from './summary-report.content.js';
import type { PreviousRecommendations } from './summary-report.model.js';
import { sampleSummaryReport } from './test-fixtures.js';

/** Parts of the report fed by the follow-up register: the previous period's recommendations and the next period's key tasks. */
const text = (b: Block) => (b.kind === 'para' ? b.runs.map((r) => r.text).join('') : b.kind === 'table' ? '' : b.text);
const headings = (blocks: Block[]) => blocks.filter((b) => b.kind === 'heading' && b.level === 1).map(text);

const PREVIOUS: PreviousRecommendations = {
  periodText: 'năm 2024', total: 28, doneOnTime: 9, doneLate: 5, openWithinDeadline: 0, openOverdue: 14,
  notable: [
    { text: 'Đề nghị bố trí kinh phí thay thế cụm loa hư hỏng.', owner: 'Phòng Thông tin – Báo chí – Xuất bản', status: 'chưa hoàn thành, quá hạn, đã nêu qua 4 kỳ' },
    { text: 'Hỗ trợ mặt bằng dùng chung cột ăng-ten', owner: null, status: 'chưa hoàn thành, trong hạn' },
  ],
};

describe('the previous period\'s recommendations', () => {
  it('counts them in the grid in one paragraph and names the notable ones with their owner division', () => {
    expect(previousBlocks(PREVIOUS).map(text)).toEqual([
      'Trong năm 2024, các đơn vị và hội nghị đã nêu 28 kiến nghị, vấn đề được đưa vào sổ theo dõi. Đến ngày báo cáo, đã giải quyết xong 14 kiến nghị (50,0%), '
        + 'trong đó 9 đúng hạn, 5 quá hạn; đang giải quyết 14 kiến nghị, đều đã quá hạn.',
      'Một số kiến nghị cần lưu ý:',
      '- Đề nghị bố trí kinh phí thay thế cụm loa hư hỏng (Phòng Thông tin – Báo chí – Xuất bản chủ trì, chưa hoàn thành, quá hạn, đã nêu qua 4 kỳ);',
      '- Hỗ trợ mặt bằng dùng chung cột ăng-ten (chưa giao phòng chủ trì, chưa hoàn thành, trong hạn).',
    ]);
  });

  it.each([
    [{ doneOnTime: 0, doneLate: 0, openWithinDeadline: 3, openOverdue: 2 }, 'chưa giải quyết xong kiến nghị nào; đang giải quyết 5 kiến nghị, trong đó 3 còn trong hạn, 2 đã quá hạn.'],
    [{ doneOnTime: 4, doneLate: 0, openWithinDeadline: 0, openOverdue: 0 }, 'đã giải quyết xong 4 kiến nghị (100,0%), đều đúng hạn; không còn kiến nghị nào đang giải quyết.'],
  ])('says a side with nothing in it without "0": %o', (grid, end) => {
    const total = grid.doneOnTime + grid.doneLate + grid.openWithinDeadline + grid.openOverdue;
    expect(text(previousBlocks({ ...PREVIOUS, ...grid, total, notable: [] })[0])).toBe(
      `Trong năm 2024, các đơn vị và hội nghị đã nêu ${total} kiến nghị, vấn đề được đưa vào sổ theo dõi. Đến ngày báo cáo, ${end}`,
    );
  });

  it.each([
    ['without the register\'s figures: parts I–IV as before', null, ['I. KẾT QUẢ ĐẠT ĐƯỢC', 'II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN', 'III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024', 'IV. ĐỀ XUẤT, KIẾN NGHỊ']],
    ['with them: the new part second, the proposals kept last', PREVIOUS,
      ['I. KẾT QUẢ ĐẠT ĐƯỢC', 'II. KẾT QUẢ GIẢI QUYẾT KIẾN NGHỊ KỲ TRƯỚC', 'III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN', 'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024', 'V. ĐỀ XUẤT, KIẾN NGHỊ']],
  ])('%s', (_name, previous, expected) => {
    expect(headings(reportBody(sampleSummaryReport({ previousRecommendations: previous })))).toEqual(expected);
  });
});

describe('part III from the register\'s key tasks', () => {
  it.each([
    ['grouped by sector, each group a list', [{ sector: 'Viễn thông', tasks: ['Phủ sóng 4G đến 100% thôn', 'Dùng chung hạ tầng trạm'] }, { sector: 'Chuyển đổi số', tasks: ['Đưa thủ tục lên dịch vụ công toàn trình'] }],
      ['1. Viễn thông', '- Phủ sóng 4G đến 100% thôn;', '- Dùng chung hạ tầng trạm.', '2. Chuyển đổi số', '- Đưa thủ tục lên dịch vụ công toàn trình.']],
    ['none in the register: the tasks compiled from the units (fallback)', [], null],
  ])('%s', (_name, groups, expected) => {
    const input = sampleSummaryReport({ nextTaskGroups: groups });
    const body = reportBody(input).map(text);
    const at = body.indexOf('III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024');
    const end = body.indexOf('IV. ĐỀ XUẤT, KIẾN NGHỊ');
    expect(body.slice(at + 1, end)).toEqual(expected ?? input.nextTasks.map((t, i) => (i === input.nextTasks.length - 1 ? `- ${t.replace(/[.;]$/u, '')}.` : `- ${t.replace(/[.;]$/u, '')};`)));
  });
});
