import { describe, expect, it } from 'vitest';
import { mergePoints } from '../reports/summary-report.points.js';
import type { NarrativeRow } from '../reports/summary-report.repository.js';
import { mergeWithSources, prefillItems } from './discussion.prefill.js';

const row = (o: Partial<NarrativeRow> & { submission_id: number; unit_id: number }): NarrativeRow => ({
  unit_name: `Đơn vị ${o.unit_id}`, period: '2023Q4', period_type: 'Quarterly', period_start: '2023-10-01',
  results: '', difficulties: '', proposals: '', sector_id: null, ...o,
});

describe('mergeWithSources', () => {
  it('merges as the draft report does and keeps each unit\'s first source', () => {
    const raised = [
      { text: 'Thiếu nhân lực chuyên trách về chuyển đổi số ở cấp xã', source: { unitId: 1, submissionId: 11, section: 'difficulties' as const, itemIndex: 0 } },
      { text: 'Kinh phí sửa chữa loa còn hạn chế', source: { unitId: 1, submissionId: 11, section: 'difficulties' as const, itemIndex: 1 } },
      { text: 'Thieu nhan luc chuyen trach ve chuyen doi so o cap xa', source: { unitId: 2, submissionId: 12, section: 'difficulties' as const, itemIndex: 0 } },
      { text: 'Hạ tầng mạng ở thôn bản còn yếu', source: { unitId: 2, submissionId: 12, section: 'difficulties' as const, itemIndex: 1 } },
      { text: 'Thiếu nhân lực chuyên trách về chuyển đổi số tại cấp xã', source: { unitId: 3, submissionId: 13, section: 'difficulties' as const, itemIndex: 0 } },
      // the same unit raising the same point twice counts once, with its first index
      { text: 'Thiếu nhân lực chuyên trách về chuyển đổi số ở cấp xã.', source: { unitId: 3, submissionId: 13, section: 'difficulties' as const, itemIndex: 2 } },
    ];
    const merged = mergeWithSources(raised);
    const report = mergePoints(raised.map((r) => ({ text: r.text, unit: String(r.source.unitId) })));
    expect(merged.map((m) => m.text)).toEqual(report.map((p) => p.text));
    expect(merged.map((m) => m.sources.map((s) => String(s.unitId)))).toEqual(report.map((p) => p.units));
    expect(merged[0]).toEqual({
      text: 'Thiếu nhân lực chuyên trách về chuyển đổi số ở cấp xã',
      sources: [
        { unitId: 1, submissionId: 11, section: 'difficulties', itemIndex: 0 },
        { unitId: 2, submissionId: 12, section: 'difficulties', itemIndex: 0 },
        { unitId: 3, submissionId: 13, section: 'difficulties', itemIndex: 0 },
      ],
    });
    expect(merged.slice(1).map((m) => m.sources)).toEqual([
      [{ unitId: 1, submissionId: 11, section: 'difficulties', itemIndex: 1 }],
      [{ unitId: 2, submissionId: 12, section: 'difficulties', itemIndex: 1 }],
    ]);
  });

  it('gives a point to the earliest group it resembles, as mergePoints does, even when a later group is closer', () => {
    // b is similar to a (joins it); c is similar to b but not to a: it starts its own group.
    const a = 'Đề nghị hỗ trợ kinh phí sửa chữa hệ thống loa truyền thanh';
    const b = 'Đề nghị hỗ trợ kinh phí sửa chữa hệ thống loa truyền thanh xã';
    const c = 'Đề nghị hỗ trợ kinh phí thay thế hệ thống loa truyền thanh xã vùng cao';
    const raised = [a, b, c].map((text, i) => ({ text, source: { unitId: i + 1, submissionId: 20 + i, section: 'proposals' as const, itemIndex: 0 } }));
    const merged = mergeWithSources(raised);
    const report = mergePoints(raised.map((r) => ({ text: r.text, unit: String(r.source.unitId) })));
    expect(merged.map((m) => [m.text, m.sources.map((s) => String(s.unitId))])).toEqual(report.map((p) => [p.text, p.units]));
  });
});

describe('prefillItems', () => {
  it('lists difficulties then proposals, sector by sector, from the coarsest report of each unit', () => {
    const rows = [
      row({ submission_id: 1, unit_id: 1, sector_id: 7, difficulties: '- Thiếu kinh phí sửa chữa loa.\n- Thiếu nhân lực.', proposals: '- Đề nghị tập huấn kỹ năng số.' }),
      row({ submission_id: 2, unit_id: 2, sector_id: 5, difficulties: 'Trạm BTS xa khu dân cư. Chi phí thuê đất cao.' }),
      row({ submission_id: 3, unit_id: 3, sector_id: 7, difficulties: '- Thiếu kinh phí sửa chữa loa' }),
      // a unit with a yearly report: its quarterly one is not used
      row({ submission_id: 4, unit_id: 4, sector_id: null, period: '2023Q2', difficulties: '- Quý II: mất điện.' }),
      row({ submission_id: 5, unit_id: 4, sector_id: null, period: '2023', period_type: 'Yearly', difficulties: '- Cả năm: thiếu máy tính.' }),
    ];
    const items = prefillItems(rows, [5, 7]);
    expect(items.map((i) => [i.kind, i.sectorId, i.text, i.sources.map((s) => `${s.unitId}/${s.submissionId}/${s.section}/${s.itemIndex}`)])).toEqual([
      ['difficulty', 5, 'Trạm BTS xa khu dân cư.', ['2/2/difficulties/0']],
      ['difficulty', 5, 'Chi phí thuê đất cao.', ['2/2/difficulties/1']],
      ['difficulty', 7, 'Thiếu kinh phí sửa chữa loa.', ['1/1/difficulties/0', '3/3/difficulties/0']],
      ['difficulty', 7, 'Thiếu nhân lực.', ['1/1/difficulties/1']],
      ['difficulty', null, 'Cả năm: thiếu máy tính.', ['4/5/difficulties/0']],
      ['proposal', 7, 'Đề nghị tập huấn kỹ năng số.', ['1/1/proposals/0']],
    ]);
  });

  it('is empty when no approved report raised anything', () => {
    expect(prefillItems([row({ submission_id: 1, unit_id: 1, results: 'Hoàn thành.' })], [])).toEqual([]);
  });
});
