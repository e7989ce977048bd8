import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { openDocx, paragraphTexts } from '../documents/docx-reader.test-util.js';
import { award, initiative, makePerson } from './test-fixtures.js';
import { buildWorld, makeCouncil, nominate, passByCouncil, request, type World } from './world.test-util.js';

let s: TestServer;
let w: World;
let req: ReturnType<typeof request>;
const ids: Record<string, number> = {};

const docText = async (url: string, h = w.as.office) => {
  const r = await req(h, 'GET', url);
  expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
  expect(r.headers['content-type']).toContain('officedocument.wordprocessingml');
  return paragraphTexts((await openDocx(r.rawPayload)).document).map((p) => p.trim()).filter(Boolean);
};

beforeAll(async () => {
  s = await testServer({ now: '2026-01-15T02:00:00Z' });
  req = request(s);
  w = await buildWorld(s);
  // History: Lan CSTĐ cơ sở 2023 and 2024; Hùng Lao động tiên tiến 2024; the former commune Khê Hạ (merged into Khê Thượng) TTLĐXS 2024;
  // a collective record with an authority typed as a formula, which the export must keep as text.
  await award(s.db, { personId: w.ids.lan, code: 'CSTD_CS', year: 2023, decision: '12/QĐ-SKHCN' });
  await award(s.db, { personId: w.ids.lan, code: 'CSTD_CS', year: 2024, decision: '09/QĐ-SKHCN' });
  await award(s.db, { personId: w.ids.hung, code: 'LDTT', year: 2024 });
  await award(s.db, { unitId: w.ids.oldCommune, code: 'TTLDXS', year: 2024, decision: '88/QĐ-UBND' });
  ids.formula = await award(s.db, { unitId: w.ids.div2, code: 'GK_SO', year: 2024 });
  await s.db.query(`UPDATE award_records SET authority = '=1+2' WHERE id = $1`, [ids.formula]);
  ids.khe = await makePerson(s.db, { name: 'Triệu Thị Khê', unitId: w.ids.oldCommune, from: '2015-01-01', to: '2025-06-30', gender: 'female' });
  await award(s.db, { personId: ids.khe, code: 'LDTT', year: 2023 });
  ids.init = await initiative(s.db, { personId: w.ids.lan, title: 'Số hóa hồ sơ cấp phép tần số', year: 2025, scope: 'tinh' });
  ids.nomLan = await nominate(s, w, w.as.reporter, { person: w.ids.lan, title: 'CSTD_CS', year: 2025, achievements: 'Chủ trì số hóa 12.000 hồ sơ cấp phép.' });
  ids.council = await makeCouncil(s, w);
  ids.meeting = await passByCouncil(s, w, ids.council, [ids.nomLan]);
});
afterAll(() => s.close());

describe('dossier documents', () => {
  it('the Báo cáo thành tích of a nomination is filled with the person, unit, ratings, initiatives and prior awards', async () => {
    const paras = await docText(`/api/awards/nominations/${ids.nomLan}/report?format=docx`, w.as.reporter);
    const text = paras.join('\n');
    expect(text).toContain('BÁO CÁO THÀNH TÍCH');
    expect(text).toMatch(/Số:\s+\/BC-PBCVT(?![A-ZĐ–-])/u);
    expect(text).toContain('Hà Thị Mai Lan');
    expect(text).toContain('Nữ');
    expect(text).toContain('Chuyên viên Phòng Bưu chính – Viễn thông');
    expect(text).toContain('Chủ trì số hóa 12.000 hồ sơ cấp phép.');
    expect(text).toContain('Số hóa hồ sơ cấp phép tần số');
    expect(text).toMatch(/Hoàn thành xuất sắc nhiệm vụ/);
    expect(text).toContain('12/QĐ-SKHCN');
    expect(text).toContain('09/QĐ-SKHCN');
    const html = await req(w.as.reporter, 'GET', `/api/awards/nominations/${ids.nomLan}/report`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect((await req(w.as.otherReporter, 'GET', `/api/awards/nominations/${ids.nomLan}/report`)).statusCode).toBe(404);
  }, 60_000);

  it('the Tờ trình of a title and year lists the nominations the council passed with their votes, addressed to the director', async () => {
    const paras = await docText('/api/awards/proposals?title=CSTD_CS&year=2025&date=2026-01-07&format=docx');
    const text = paras.join('\n');
    expect(text).toMatch(/Số: .*\/TTr-HĐTĐKT/);
    expect(text).toContain('TỜ TRÌNH');
    expect(text).toContain('Kính gửi: Giám đốc Sở Khoa học và Công nghệ');
    expect(text).toContain('Hà Thị Mai Lan');
    expect(text).toContain('5/5');
    expect(text).toContain('01/BB-HĐTĐKT');
    expect(text).toContain('Hoàng Văn Thái');
    const pdf = await req(w.as.director, 'GET', '/api/awards/proposals?title=CSTD_CS&year=2025&format=pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const unit = await req(w.as.reporter, 'GET', '/api/awards/proposals?title=CSTD_CS&year=2025');
    expect(unit.statusCode).toBe(403);
    expect(unit.json().message).toBe('Tờ trình khen thưởng do Văn phòng Sở lập.');
    const unknown = await req(w.as.office, 'GET', '/api/awards/proposals?title=XYZ&year=2025');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toMatch(/XYZ/);
  }, 60_000);
});

describe('looking back', () => {
  it('a person’s page: whole history, ratings, initiatives, nominations and what is possible next year', async () => {
    const r = await req(w.as.reporter, 'GET', `/api/awards/people/${w.ids.lan}`);
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json();
    expect(p.person).toMatchObject({ fullName: 'Hà Thị Mai Lan', gender: 'female', title: 'Chuyên viên Phòng Bưu chính – Viễn thông' });
    expect(p.history.map((h: { year: number; awardCode: string; decisionNumber: string }) => [h.year, h.awardCode, h.decisionNumber])).toEqual([
      [2024, 'CSTD_CS', '09/QĐ-SKHCN'], [2023, 'CSTD_CS', '12/QĐ-SKHCN'],
    ]);
    expect(p.ratings).toEqual([{ year: 2025, rating: 'xuat_sac', label: 'Hoàn thành xuất sắc nhiệm vụ' }]);
    expect(p.initiatives).toEqual([expect.objectContaining({ title: 'Số hóa hồ sơ cấp phép tần số', scope: 'tinh' })]);
    expect(p.nominations).toEqual([expect.objectContaining({ id: ids.nomLan, awardCode: 'CSTD_CS', year: 2025, status: 'approved' })]);
    expect(p.next.year).toBe(2026);
    const cs = p.next.titles.find((t: { code: string }) => t.code === 'CSTD_CS');
    expect(cs).toMatchObject({ possible: true, assumptions: ['Hoàn thành xuất sắc nhiệm vụ năm 2026'] });
    expect(p.next.summary).toMatch(/^Đủ điều kiện đề nghị năm 2026: .*Chiến sĩ thi đua cơ sở \(nếu hoàn thành xuất sắc nhiệm vụ năm 2026\)/);
    // Hùng has no CSTĐ cơ sở: the provincial title is not possible, and the page says why.
    const hung = (await req(w.as.office, 'GET', `/api/awards/people/${w.ids.hung}`)).json();
    const tinh = hung.next.titles.find((t: { code: string }) => t.code === 'CSTD_TINH');
    expect(tinh.possible).toBe(false);
    expect(tinh.missing.join(' ')).toMatch(/Chiến sĩ thi đua cơ sở/);
    for (const h of [w.as.otherReporter, w.as.viewer]) {
      const x = await req(h, 'GET', `/api/awards/people/${w.ids.lan}`);
      expect(x.statusCode).toBe(404);
      expect(x.json().message).toBe('Không tìm thấy cán bộ.');
    }
  });

  it('a merged collective keeps its predecessor’s history', async () => {
    const r = await req(w.as.office, 'GET', '/api/awards/units/VL-X03');
    expect(r.statusCode, r.body).toBe(200);
    const u = r.json();
    expect(u.predecessors.map((p: { code: string }) => p.code)).toEqual(['VL-X01']);
    expect(u.history.map((h: { awardCode: string; year: number; via: string | null }) => [h.awardCode, h.year, h.via])).toEqual([['TTLDXS', 2024, 'Xã Khê Hạ']]);
    expect((await req(w.as.otherReporter, 'GET', '/api/awards/units/VL-X03')).statusCode).toBe(404);
    expect((await req(w.as.communeReporter, 'GET', '/api/awards/units/VL-X03')).statusCode).toBe(200);
  });

  it('the register finds names typed without diacritics', async () => {
    const r = (await req(w.as.viewer, 'GET', '/api/awards/records?q=luc%20van%20hung')).json();
    expect(r.items.map((x: { person: { fullName: string } | null; year: number }) => [x.person?.fullName, x.year])).toEqual([['Lục Văn Hùng', 2024]]);
  });

  it('statistics by year, unit (with predecessors), form and gender', async () => {
    const r = await req(w.as.viewer, 'GET', '/api/awards/stats?yearFrom=2023&yearTo=2025');
    expect(r.statusCode, r.body).toBe(200);
    const st = r.json();
    expect(st.total).toEqual({ people: 4, units: 2, total: 6 });
    expect(st.byYear).toEqual([
      { year: 2023, people: 2, units: 0, total: 2 }, { year: 2024, people: 2, units: 2, total: 4 }, { year: 2025, people: 0, units: 0, total: 0 },
    ]);
    expect(st.byForm.map((f: { code: string; total: number }) => [f.code, f.total])).toEqual([['LDTT', 2], ['CSTD_CS', 2], ['TTLDXS', 1], ['GK_SO', 1]]);
    expect(st.byGender.map((g: { label: string; total: number }) => [g.label, g.total])).toEqual([['Nữ', 3], ['Nam', 1], ['Tập thể', 2]]);
    const div = st.byUnit.find((u: { unit: { code: string } | null }) => u.unit?.code === 'VL-BCVT');
    expect(div).toMatchObject({ people: 3, units: 0, total: 3 });
    // Khê Thượng counts the records of Khê Hạ, which merged into it, and of the people who worked there.
    const merged = (await req(w.as.viewer, 'GET', '/api/awards/stats?yearFrom=2023&yearTo=2025&unit=VL-X03')).json();
    expect(merged.total).toEqual({ people: 1, units: 1, total: 2 });
    const bad = await req(w.as.viewer, 'GET', '/api/awards/stats?yearFrom=2025&yearTo=2023');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('Năm bắt đầu phải trước năm kết thúc.');
    expect((await req(w.as.viewer, 'GET', '/api/awards/stats?title=ABC')).json().message).toBe('Không có danh hiệu, hình thức khen thưởng "ABC" trong danh mục.');
  });

  it('exports the statistics to .xlsx: numbers as numbers, a text cell that looks like a formula kept as text', async () => {
    const r = await req(w.as.viewer, 'GET', '/api/awards/stats.xlsx?yearFrom=2023&yearTo=2025');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((x) => x.name)).toEqual(['Theo năm', 'Theo đơn vị', 'Theo danh hiệu', 'Theo giới tính', 'Theo cấp khen']);
    const years = wb.getWorksheet('Theo năm')!;
    expect(years.getRow(5).values).toEqual([undefined, 2024, 2, 2, 4]);
    const auth = wb.getWorksheet('Theo cấp khen')!;
    const cells: ExcelJS.Cell[] = [];
    auth.eachRow((row) => row.eachCell((c) => cells.push(c)));
    const formula = cells.find((c) => c.value === '=1+2')!;
    expect(formula).toBeDefined();
    expect(formula.type).toBe(ExcelJS.ValueType.String);
    expect(formula.numFmt).toBe('@');
  });
});
