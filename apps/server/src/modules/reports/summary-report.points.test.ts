import { describe, expect, it } from 'vitest';
import { MERGE_SIMILARITY, extractNextTasks, mergePoints, narrativeParagraphs, pointKey, similarity, splitPoints } from './summary-report.points.js';

describe('narrative paragraphs', () => {
  it('splits on blank lines, keeps "- " lines as bullets and joins plain lines', () => {
    const text = 'Mở đầu dòng một\ndòng hai.\n- Ý một;\n-   Ý hai.\n\n\nĐoạn hai.\r\n\r\n- \n';
    expect(narrativeParagraphs(text)).toEqual(['Mở đầu dòng một dòng hai.', '- Ý một;', '- Ý hai.', 'Đoạn hai.']);
  });
  it('stores decomposed input as NFC', () => {
    expect(narrativeParagraphs('Xa\u0303 A')[0]).toBe('Xã A');
  });
});

describe('points', () => {
  it('takes each bullet as a point and splits plain paragraphs into sentences', () => {
    expect(splitPoints('- Thiếu kinh phí;\n- Hạ tầng yếu.\n\nNhân lực mỏng. Thiết bị cũ, xuống cấp.'))
      .toEqual(['Thiếu kinh phí', 'Hạ tầng yếu.', 'Nhân lực mỏng.', 'Thiết bị cũ, xuống cấp.']);
  });
  it('keys fold diacritics, case, punctuation and whitespace', () => {
    expect(pointKey('  Thiếu   nhân lực, CNTT. ')).toBe(pointKey('thieu nhan luc cntt'));
  });
  it('similarity is 1 for equal keys, high for a one-word change, low for other points', () => {
    const a = pointKey('Thiếu nhân lực chuyên trách về chuyển đổi số ở cấp xã');
    expect(similarity(a, a)).toBe(1);
    expect(similarity(a, pointKey('Thiếu nhân lực chuyên trách về chuyển đổi số tại cấp xã'))).toBeGreaterThanOrEqual(MERGE_SIMILARITY);
    expect(similarity(a, pointKey('Kinh phí cho hạ tầng mạng còn hạn chế'))).toBeLessThan(MERGE_SIMILARITY);
  });
  it('merges the same point from several units, lists each unit once, most-raised first', () => {
    const merged = mergePoints([
      { text: 'Kinh phí hạn chế.', unit: 'Xã A' },
      { text: 'Thiếu nhân lực chuyên trách về chuyển đổi số ở cấp xã.', unit: 'Xã A' },
      { text: 'thieu nhan luc chuyen trach ve chuyen doi so o cap xa', unit: 'Xã B' },
      { text: 'Thiếu nhân lực chuyên trách về chuyển đổi số tại cấp xã', unit: 'Xã C' },
      { text: 'Thiếu nhân lực chuyên trách về chuyển đổi số ở cấp xã', unit: 'Xã B' },
      { text: 'Hạ tầng mạng yếu', unit: 'Xã C' },
    ]);
    expect(merged).toEqual([
      { text: 'Thiếu nhân lực chuyên trách về chuyển đổi số ở cấp xã.', units: ['Xã A', 'Xã B', 'Xã C'] },
      { text: 'Kinh phí hạn chế.', units: ['Xã A'] },
      { text: 'Hạ tầng mạng yếu', units: ['Xã C'] },
    ]);
  });
});

describe('next tasks section', () => {
  it('takes the marked section out of the narrative', () => {
    const r = extractNextTasks('Kết quả tốt.\n- Ý một.\nNhiệm vụ trọng tâm quý tới:\n- Rà soát vùng lõm sóng;\n- Tập huấn cán bộ.');
    expect(r.results).toBe('Kết quả tốt.\n- Ý một.');
    expect(r.tasks).toEqual(['Rà soát vùng lõm sóng', 'Tập huấn cán bộ.']);
  });
  it('leaves a narrative without such a section alone, even when it mentions tasks', () => {
    const text = 'Đơn vị hoàn thành phần lớn nhiệm vụ trọng tâm của quý.\n- Tiếp nhận nhiệm vụ từ cấp huyện.';
    expect(extractNextTasks(text)).toEqual({ results: text, tasks: [] });
  });
});

describe('next tasks built from proposals', () => {
  it('names the sector and the matter, without the request formula', async () => {
    const { proposalTask } = await import('./summary-report.service.js');
    expect(proposalTask('Viễn thông', 'Đề nghị Sở hỗ trợ truyền thông về lộ trình dừng công nghệ 2G.', 3))
      .toBe('Viễn thông: tham mưu giải quyết kiến nghị về việc hỗ trợ truyền thông về lộ trình dừng công nghệ 2G (3 đơn vị đề nghị).');
    expect(proposalTask('Báo chí', 'Bổ sung kinh phí đặt hàng;', 1)).toBe('Báo chí: tham mưu giải quyết kiến nghị về việc bổ sung kinh phí đặt hàng (1 đơn vị đề nghị).');
  });
});
