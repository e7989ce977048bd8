/**
 * Statistics of the award register: by year, by unit, by title or form, by gender and by authority, for a range of
 * years, optionally one title and one unit (with its predecessors: a merged unit's figures include those of the
 * units it came from). Read by everyone signed in, like the register; exported to .xlsx with one sheet per view,
 * text cells neutralised (platform/spreadsheet-safe).
 */
import { compareVi, UNIT_TYPE_LABELS, type UnitType } from '@nhip/contracts';
import ExcelJS from 'exceljs';
import type { Db } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import { protectWorkbook } from '../../platform/spreadsheet-safe.js';
import { awardsRepo } from './awards.repository.js';
import { loadCatalog } from './catalog.service.js';
import { findType } from './records.service.js';
import { type StatsCell, statsRepo } from './stats.repository.js';

export type StatsQuery = { yearFrom?: number; yearTo?: number; title?: string; unit?: string };

type Count = { people: number; units: number; total: number };
const add = (c: Count, x: StatsCell) => {
  if (x.subject === 'person') c.people += x.n;
  else c.units += x.n;
  c.total += x.n;
};
const zero = (): Count => ({ people: 0, units: 0, total: 0 });

export const GENDER_LABELS = { male: 'Nam', female: 'Nữ', unknown: 'Chưa ghi giới tính', collective: 'Tập thể' } as const;

export async function awardStats(db: Db, q: StatsQuery, today: string) {
  const thisYear = Number(today.slice(0, 4));
  const yearTo = q.yearTo ?? thisYear;
  const yearFrom = q.yearFrom ?? yearTo - 6;
  if (yearFrom > yearTo) throw badRequest('Năm bắt đầu phải trước năm kết thúc.');
  if (yearTo - yearFrom > 80) throw badRequest('Thống kê tối đa 80 năm một lần.');
  const catalog = await loadCatalog(db);
  let awardCode: string | undefined;
  if (q.title !== undefined) {
    const t = findType(catalog, q.title);
    if (!t) throw badRequest(`Không có danh hiệu, hình thức khen thưởng "${q.title.trim()}" trong danh mục.`);
    awardCode = t.code;
  }
  let unitIds: number[] | undefined;
  let unit: { id: number; code: string; name: string } | null = null;
  if (q.unit !== undefined) {
    const u = await awardsRepo.unitByCode(db, q.unit.trim());
    if (!u) throw badRequest(`Không có đơn vị mã "${q.unit.trim()}".`);
    unit = { id: u.id, code: u.code, name: u.name };
    unitIds = await statsRepo.withPredecessors(db, u.id);
  }
  const cells = await statsRepo.cells(db, { yearFrom, yearTo, awardCode, unitIds });
  const units = await statsRepo.units(db, [...new Set(cells.flatMap((c) => (c.unitId === null ? [] : [c.unitId])))]);

  const byYear = new Map<number, Count>();
  for (let y = yearFrom; y <= yearTo; y++) byYear.set(y, zero());
  const byUnit = new Map<number | null, Count>();
  const byForm = new Map<string, Count>();
  const byGender = new Map<keyof typeof GENDER_LABELS, Count>();
  const byAuthority = new Map<string, Count>();
  const total = zero();
  for (const c of cells) {
    add(total, c);
    add(byYear.get(c.year)!, c);
    for (const [m, k] of [[byUnit, c.unitId], [byForm, c.awardCode], [byAuthority, c.authority || '']] as const) {
      const map = m as Map<typeof k, Count>;
      if (!map.has(k)) map.set(k, zero());
      add(map.get(k)!, c);
    }
    const g = c.subject === 'unit' ? 'collective' : (c.gender ?? 'unknown');
    if (!byGender.has(g)) byGender.set(g, zero());
    add(byGender.get(g)!, c);
  }
  const typeIndex = (code: string) => catalog.types.findIndex((t) => t.code === code);
  return {
    yearFrom, yearTo, title: awardCode ?? null, unit,
    total,
    byYear: [...byYear].map(([year, c]) => ({ year, ...c })),
    byUnit: [...byUnit].map(([id, c]) => {
      const u = id === null ? null : units.get(id) ?? null;
      return { unit: u ? { id: u.id, code: u.code, name: u.name, type: u.type } : null, ...c };
    }).sort((a, b) => b.total - a.total || compareVi(a.unit?.name ?? '', b.unit?.name ?? '')),
    byForm: [...byForm].map(([code, c]) => {
      const t = catalog.types.find((x) => x.code === code);
      return { code, name: t?.name ?? code, category: t?.category ?? 'form', ...c };
    }).sort((a, b) => typeIndex(a.code) - typeIndex(b.code)),
    byGender: (['female', 'male', 'unknown', 'collective'] as const).filter((g) => byGender.has(g)).map((g) => ({ gender: g, label: GENDER_LABELS[g], ...byGender.get(g)! })),
    byAuthority: [...byAuthority].map(([authority, c]) => ({ authority: authority || 'Không ghi', ...c })).sort((a, b) => b.total - a.total || compareVi(a.authority, b.authority)),
  };
}

export type Stats = Awaited<ReturnType<typeof awardStats>>;

/** The statistics as a workbook: one sheet per view, numbers as numbers, text cells neutralised. */
export async function statsWorkbook(s: Stats): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, head: string[], rows: (string | number)[][], widths: number[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([`Thống kê khen thưởng năm ${s.yearFrom}–${s.yearTo}${s.unit ? ` – ${s.unit.name}` : ''}${s.title ? ` – ${s.byForm[0]?.name ?? s.title}` : ''}`]).font = { bold: true };
    ws.addRow([]);
    ws.addRow(head).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.addRow(['Tổng cộng', ...head.slice(1, -3).map(() => ''), s.total.people, s.total.units, s.total.total]).font = { bold: true };
    ws.columns.forEach((c, i) => {
      c.width = widths[i] ?? 14;
    });
  };
  const nums = (c: Count) => [c.people, c.units, c.total];
  const tail = ['Cá nhân', 'Tập thể', 'Tổng số'];
  sheet('Theo năm', ['Năm', ...tail], s.byYear.map((r) => [r.year, ...nums(r)]), [10]);
  sheet('Theo đơn vị', ['Mã đơn vị', 'Đơn vị', 'Loại đơn vị', ...tail], s.byUnit.map((r) => [
    r.unit?.code ?? '', r.unit?.name ?? 'Chưa xác định đơn vị', r.unit ? (UNIT_TYPE_LABELS[r.unit.type as UnitType]?.vi ?? r.unit.type) : '', ...nums(r),
  ]), [16, 50, 24]);
  sheet('Theo danh hiệu', ['Mã', 'Danh hiệu, hình thức khen thưởng', ...tail], s.byForm.map((r) => [r.code, r.name, ...nums(r)]), [14, 50]);
  sheet('Theo giới tính', ['Giới tính', ...tail], s.byGender.map((r) => [r.label, ...nums(r)]), [22]);
  sheet('Theo cấp khen', ['Cấp khen', ...tail], s.byAuthority.map((r) => [r.authority, ...nums(r)]), [50]);
  protectWorkbook(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
