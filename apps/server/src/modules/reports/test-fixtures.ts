/** A small province for report tests: two sectors, a department, three units, quarterly and yearly reports. */
import type { Db } from '../../platform/db/index.js';
import { type ValueSeed, makeElement, makeIndicator, putValues } from '../analytics/test-fixtures.js';
import { makeUnit } from '../org/test-fixtures.js';

export type World = { u: Record<string, number>; de: Record<string, number> };

const narrative = (db: Db, unitId: number, period: string, t: { results?: string; difficulties?: string; proposals?: string }) =>
  db.query(
    `UPDATE submissions s SET results = $3, difficulties = $4, proposals = $5
       FROM reporting_rounds r WHERE r.id = s.round_id AND r.period = $2 AND s.org_unit_id = $1`,
    [unitId, period, t.results ?? '', t.difficulties ?? '', t.proposals ?? ''],
  );

export async function seedWorld(db: Db): Promise<World> {
  await db.query(`INSERT INTO settings (key, value) VALUES ('org.province', $1::jsonb)`, [JSON.stringify({ name: 'Tỉnh Vân Lĩnh', place: 'Vân Lĩnh' })]);
  const sector = async (code: string, name: string, sort: number) =>
    (await db.one<{ id: number }>(`INSERT INTO sectors (code, name, sort) VALUES ($1, $2, $3) RETURNING id`, [code, name, sort])).id;
  const BCVT = await sector('BCVT', 'Bưu chính, viễn thông', 1);
  const TTCS = await sector('TTCS', 'Thông tin cơ sở', 2);
  const u: Record<string, number> = {};
  u.PROV = await makeUnit(db, { code: 'PROV', name: 'Tỉnh Vân Lĩnh', type: 'province' });
  u.OLD = await makeUnit(db, { code: 'STTTT', name: 'Sở Thông tin và Truyền thông', type: 'department', parentId: u.PROV, validTo: '2025-02-28' });
  u.DEP = await makeUnit(db, { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', type: 'department', parentId: u.PROV, validFrom: '2025-03-01' });
  u.D1 = await makeUnit(db, { code: 'D1', name: 'Phòng Văn hóa và Thông tin huyện Hòa An', type: 'district_office', parentId: u.PROV });
  u.D2 = await makeUnit(db, { code: 'D2', name: 'Phòng Văn hóa và Thông tin huyện Bảo Lạc', type: 'district_office', parentId: u.PROV });
  u.D3 = await makeUnit(db, { code: 'D3', name: 'Phòng Văn hóa và Thông tin huyện Trùng Khánh', type: 'district_office', parentId: u.PROV });
  u.T1 = await makeUnit(db, { code: 'T1', name: 'Viễn thông Vân Lĩnh', type: 'enterprise', parentId: u.PROV });
  u.DIV = await makeUnit(db, { code: 'DIV', name: 'Phòng Thông tin cơ sở', type: 'division', parentId: u.OLD });
  u.X1 = await makeUnit(db, { code: 'X1', name: 'Xã Quang Trung', type: 'commune', parentId: u.PROV }); // no sector
  u.X2 = await makeUnit(db, { code: 'X2', name: 'Xã Đức Long', type: 'commune', parentId: u.PROV }); // no sector
  await db.query(`UPDATE sectors SET division_id = $1 WHERE id = $2`, [u.DIV, TTCS]);
  await db.query(`UPDATE org_units SET sector_id = $1 WHERE id = ANY($2::int[])`, [TTCS, [u.D1, u.D2, u.D3]]);
  await db.query(`UPDATE org_units SET sector_id = $1 WHERE id = $2`, [BCVT, u.T1]);

  const de: Record<string, number> = {};
  de.BTS = await makeElement(db, 'TRAM_BTS', 'LAST', 'Số trạm BTS');
  de.CAP = await makeElement(db, 'THON_CAP_QUANG', 'SUM', 'Số thôn có cáp quang mới');
  de.TIN = await makeElement(db, 'TIN_BAI', 'SUM', 'Số tin, bài tuyên truyền');
  de.LOA = await makeElement(db, 'LOA_HONG', 'SUM', 'Số cụm loa hỏng');
  de.DUNG = await makeElement(db, 'HS_DUNG_HAN', 'SUM', 'Số hồ sơ đúng hạn');
  de.TONG = await makeElement(db, 'HS_TONG', 'SUM', 'Tổng số hồ sơ');
  const ind = await makeIndicator(db, { code: 'TL_DUNG_HAN', name: 'Tỷ lệ hồ sơ đúng hạn', numerator: '#{HS_DUNG_HAN}', denominator: '#{HS_TONG}', factor: 100, decimals: 1 });
  await db.query(`UPDATE data_elements SET sector_id = $1, uom = 'trạm' WHERE id = ANY($2::int[])`, [BCVT, [de.BTS, de.CAP]]);
  await db.query(`UPDATE data_elements SET sector_id = $1 WHERE id = ANY($2::int[])`, [TTCS, [de.TIN, de.LOA, de.DUNG, de.TONG]]);
  await db.query(`UPDATE indicators SET sector_id = $1 WHERE id = $2`, [TTCS, ind]);
  await db.query(`INSERT INTO targets (data_element_id, org_unit_id, year, value) VALUES ($1, $2, 2023, 150), ($3, $2, 2023, 2000)`, [de.BTS, u.PROV, de.TIN]);
  await db.query(`INSERT INTO targets (indicator_id, org_unit_id, year, value) VALUES ($1, $2, 2023, 95)`, [ind, u.PROV]);

  const values: ValueSeed[] = [];
  const v = (d: string, unit: string, period: string, value: number, status: ValueSeed['status'] = 'approved') =>
    values.push({ deId: de[d]!, unitId: u[unit]!, period, value, status });
  for (const [y, base] of [[2022, 100], [2023, 130]] as const) {
    for (let q = 1; q <= 4; q++) {
      v('BTS', 'T1', `${y}Q${q}`, base + q * 3);
      v('CAP', 'T1', `${y}Q${q}`, 4 + q);
      for (const [i, d] of (['D1', 'D2', 'D3'] as const).entries()) {
        v('TIN', d, `${y}Q${q}`, 120 + 10 * i + q + (y - 2022) * 7);
        v('DUNG', d, `${y}Q${q}`, 90 + i + q);
        v('TONG', d, `${y}Q${q}`, 97 + i + q);
      }
    }
  }
  v('BTS', 'T1', '2023', 143); // the yearly report of the enterprise
  v('TIN', 'D3', '2024Q1', 999, 'submitted'); // not approved: never in the report
  await putValues(db, values);

  // Narrative-only reports of units without a sector: the quarterly form is reviewed by the division owning
  // 'Thông tin cơ sở', the yearly form by no division.
  await db.query(`UPDATE report_forms SET division_id = $1 WHERE code = 'AN-Quarterly'`, [u.DIV]);
  const narrativeOnly = (unitId: number, period: string, results: string) => db.query(
    `INSERT INTO submissions (round_id, org_unit_id, status, results) SELECT id, $1, 'approved', $3 FROM reporting_rounds WHERE period = $2`,
    [unitId, period, results],
  );
  await narrativeOnly(u.X1!, '2023Q4', 'Xã Quang Trung kiện toàn tổ công nghệ số cộng đồng ở 12 thôn.');
  await narrativeOnly(u.X2!, '2023', 'Xã Đức Long hoàn thành các nhiệm vụ được giao.');
  await narrativeOnly(u.X2!, '2023Q3', 'Báo cáo chưa duyệt của xã.');
  await db.query(`UPDATE submissions SET status = 'submitted' WHERE org_unit_id = $1 AND round_id = (SELECT id FROM reporting_rounds WHERE period = '2023Q3')`, [u.X2]);
  await narrative(db, u.T1!, '2023', {
    results: 'Năm 2023, Viễn thông Vân Lĩnh lắp mới 14 trạm BTS, phủ sóng 4G toàn bộ các xã.\n- Hoàn thành kéo cáp quang tới 26 thôn;\n- Bảo đảm thông tin liên lạc thông suốt dịp Tết.',
    difficulties: '- Địa hình đồi núi, chi phí xây dựng trạm cao.',
    proposals: '- Đề nghị UBND tỉnh hỗ trợ mặt bằng xây dựng trạm BTS tại vùng lõm sóng.',
  });
  await narrative(db, u.T1!, '2023Q2', { results: 'Quý II lắp 3 trạm BTS (không dùng khi có báo cáo năm).' });
  await narrative(db, u.D1!, '2023Q4', {
    results: 'Phòng chỉ đạo các xã duy trì hoạt động của hệ thống loa truyền thanh.\n\n- Biên tập 240 tin, bài;\n- Sửa chữa 12 cụm loa.\nNhiệm vụ trọng tâm quý tới:\n- Rà soát, thay thế cụm loa hỏng ở 5 xã vùng cao.',
    difficulties: '- Thiếu nhân lực chuyên trách về chuyển đổi số ở cấp xã.\n- Kinh phí sửa chữa loa còn hạn chế.',
    proposals: '- Bổ sung kinh phí thay thế hệ thống loa có dây đã xuống cấp.',
  });
  await narrative(db, u.D2!, '2023Q4', {
    results: 'Phòng phối hợp tuyên truyền Ngày Chuyển đổi số quốc gia 10/10.',
    difficulties: '- Thieu nhan luc chuyen trach ve chuyen doi so o cap xa;\n- Hạ tầng mạng ở thôn bản còn yếu.',
  });
  await narrative(db, u.D3!, '2023Q3', {
    results: 'Trùng Khánh tổ chức 3 lớp tập huấn kỹ năng số cho tổ công nghệ số cộng đồng.',
    difficulties: '- Thiếu nhân lực chuyên trách về chuyển đổi số tại cấp xã.',
    proposals: 'Đề nghị Sở mở lớp tập huấn kỹ năng số cho cán bộ xã.',
  });
  return { u, de };
}
