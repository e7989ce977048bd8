/** Use cases of sectors, data elements and indicators. Every write is one transaction with its audit event. */
import { rebuildAnalyticsCells } from '../analytics/analytics.cells.js';
import { type AggregationType, evaluate, type ValueType } from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { checkDivision, checkExpressions, checkSector, cleanCode, cleanName, codesOf, optText, stripUndefined, uniqueOr409 } from './catalog-shared.js';
import { type Better, type DataElement, type DataElementWrite, elementsRepo, type Indicator, type IndicatorWrite, indicatorsRepo, type Sector, type SectorWrite, sectorsRepo } from './catalog.repository.js';
import { patternProblem } from '../reports/figure-sentences.js';
import { rulesRepo } from './forms.repository.js';

// ───────────── sectors ─────────────

export type SectorInput = { code: string; name: string; nameEn?: string | null; divisionId?: number | null; sort?: number };

async function sectorWrite(db: Db, input: SectorInput, selfId: number | null): Promise<SectorWrite> {
  const w: SectorWrite = {
    code: cleanCode(input.code, 'lĩnh vực'), name: cleanName(input.name, 'Tên lĩnh vực'), nameEn: optText(input.nameEn),
    divisionId: input.divisionId ?? null, sort: input.sort ?? 0,
  };
  const other = await sectorsRepo.byCode(db, w.code);
  if (other && other.id !== selfId) throw conflict(`Mã lĩnh vực "${w.code}" đã được dùng cho "${other.name}".`);
  await checkDivision(db, w.divisionId);
  return w;
}

export const createSector = (db: Db, actor: AuditActor, input: SectorInput) =>
  uniqueOr409(`Mã lĩnh vực "${input.code}" đã được dùng.`, () =>
    db.tx(async (t) => {
      const w = await sectorWrite(t, input, null);
      const id = await sectorsRepo.insert(t, w);
      await audit(t, actor, { action: 'sector.create', entityType: 'sector', entityId: id, after: w });
      return id;
    }),
  );

export const updateSector = (db: Db, actor: AuditActor, id: number, patch: Partial<SectorInput>) =>
  uniqueOr409(`Mã lĩnh vực "${patch.code}" đã được dùng.`, () =>
    db.tx(async (t) => {
      const cur = await sectorsRepo.byId(t, id);
      if (!cur) throw notFound('Không tìm thấy lĩnh vực.');
      const before: SectorWrite = { code: cur.code, name: cur.name, nameEn: cur.nameEn, divisionId: cur.divisionId, sort: cur.sort };
      const w = await sectorWrite(t, { ...before, ...stripUndefined(patch) }, id);
      await sectorsRepo.update(t, id, w);
      await audit(t, actor, { action: 'sector.update', entityType: 'sector', entityId: id, before, after: w });
    }),
  );

// ───────────── data elements ─────────────

export type DataElementInput = {
  code: string; name: string; nameEn?: string | null; shortName?: string | null; description?: string | null; uom?: string | null;
  valueType: ValueType; aggregationType?: AggregationType; reportLevel?: number | null; min?: number | null; max?: number | null;
  sectorId?: number | null; divisionId?: number | null; better?: Better; public?: boolean; publicLevel?: number; sentencePattern?: string | null;
};

/** A sentence pattern as stored: trimmed, blank → null (the default); one naming an unknown slot or unbalanced is a 400. */
function cleanPattern(src: string | null | undefined): string | null {
  const p = optText(src);
  if (p === null) return null;
  const problem = patternProblem(p);
  if (problem) throw badRequest(problem);
  return p;
}

const TYPE_LABEL: Record<ValueType, string> = { INTEGER: 'số nguyên', NUMBER: 'số', PERCENTAGE: 'tỷ lệ (%)', BOOLEAN: 'có/không', TEXT: 'văn bản' };

/** Bounds by value type: PERCENTAGE defaults to 0–100 and stays inside it; BOOLEAN and TEXT have none; min ≤ max. */
function checkBounds(w: DataElementWrite) {
  if (w.valueType === 'PERCENTAGE') {
    w.min ??= 0;
    w.max ??= 100;
    if (w.min < 0 || w.max > 100) throw badRequest('Giới hạn của chỉ tiêu tỷ lệ (%) phải nằm trong khoảng 0–100.');
  }
  if ((w.valueType === 'BOOLEAN' || w.valueType === 'TEXT') && (w.min !== null || w.max !== null))
    throw badRequest(`Chỉ tiêu kiểu ${TYPE_LABEL[w.valueType]} không có giá trị nhỏ nhất / lớn nhất.`);
  if (w.min !== null && w.max !== null && w.min > w.max)
    throw badRequest(`Giá trị nhỏ nhất (${w.min}) phải nhỏ hơn hoặc bằng giá trị lớn nhất (${w.max}).`);
}

async function elementWrite(db: Db, input: DataElementInput, selfId: number | null): Promise<DataElementWrite> {
  const w: DataElementWrite = {
    code: cleanCode(input.code, 'chỉ tiêu'), name: cleanName(input.name, 'Tên chỉ tiêu'), nameEn: optText(input.nameEn),
    shortName: optText(input.shortName), description: optText(input.description), uom: optText(input.uom), valueType: input.valueType,
    aggregationType: input.aggregationType ?? 'SUM', reportLevel: input.reportLevel ?? null, min: input.min ?? null, max: input.max ?? null,
    sectorId: input.sectorId ?? null, divisionId: input.divisionId ?? null, better: input.better ?? 'higher',
    public: input.public ?? false, publicLevel: input.publicLevel ?? 1, sentencePattern: cleanPattern(input.sentencePattern),
  };
  checkBounds(w);
  if (w.public && (w.valueType === 'TEXT' || w.valueType === 'BOOLEAN'))
    throw badRequest(`Chỉ tiêu kiểu ${TYPE_LABEL[w.valueType]} không có số tổng hợp nên không công khai được trên trang số liệu.`);
  const other = await elementsRepo.byCode(db, w.code);
  if (other && other.id !== selfId) throw conflict(`Mã chỉ tiêu "${w.code}" đã được dùng cho "${other.name}".`);
  await checkSector(db, w.sectorId);
  await checkDivision(db, w.divisionId);
  return w;
}

const elementSnapshot = (e: DataElement): DataElementWrite => ({
  code: e.code, name: e.name, nameEn: e.nameEn, shortName: e.shortName, description: e.description, uom: e.uom, valueType: e.valueType,
  aggregationType: e.aggregationType, reportLevel: e.reportLevel, min: e.min, max: e.max, sectorId: e.sectorId, divisionId: e.divisionId,
  better: e.better, public: e.public, publicLevel: e.publicLevel, sentencePattern: e.sentencePattern,
});

/** Indicators and validation rules whose expressions name the code. */
async function usesOfCode(db: Db, code: string): Promise<string[]> {
  const uses: string[] = [];
  for (const i of await indicatorsRepo.all(db))
    if ([...codesOf(i.numerator), ...codesOf(i.denominator)].includes(code)) uses.push(`chỉ số "${i.code}"`);
  for (const r of await rulesRepo.all(db)) if ([...codesOf(r.left), ...codesOf(r.right)].includes(code)) uses.push(`quy tắc kiểm tra "${r.code}"`);
  return uses;
}

export const createDataElement = (db: Db, actor: AuditActor, input: DataElementInput) =>
  uniqueOr409(`Mã chỉ tiêu "${input.code}" đã được dùng.`, () =>
    db.tx(async (t) => {
      const w = await elementWrite(t, input, null);
      const id = await elementsRepo.insert(t, w);
      await audit(t, actor, { action: 'data_element.create', entityType: 'data_element', entityId: id, after: w });
      return id;
    }),
  );

export const updateDataElement = (db: Db, actor: AuditActor, id: number, patch: Partial<DataElementInput>) =>
  uniqueOr409(`Mã chỉ tiêu "${patch.code}" đã được dùng.`, () =>
    db.tx(async (t) => {
      const cur = await elementsRepo.byId(t, id);
      if (!cur) throw notFound('Không tìm thấy chỉ tiêu.');
      const before = elementSnapshot(cur);
      const next = { ...before, ...stripUndefined(patch) };
      // Switching to a percentage without new bounds takes the 0–100 default rather than the old bounds.
      if (patch.valueType === 'PERCENTAGE' && cur.valueType !== 'PERCENTAGE') {
        if (patch.min === undefined) next.min = null;
        if (patch.max === undefined) next.max = null;
      }
      if (next.valueType === 'BOOLEAN' || next.valueType === 'TEXT') {
        if (patch.min === undefined) next.min = null;
        if (patch.max === undefined) next.max = null;
      }
      const w = await elementWrite(t, next, id);
      if (w.valueType !== cur.valueType && !(cur.valueType === 'INTEGER' && w.valueType === 'NUMBER') && (await elementsRepo.hasValues(t, id)))
        throw conflict(`Chỉ tiêu đã có số liệu; không thể đổi kiểu dữ liệu từ ${TYPE_LABEL[cur.valueType]} sang ${TYPE_LABEL[w.valueType]}.`);
      if (w.code !== cur.code) {
        const uses = await usesOfCode(t, cur.code);
        if (uses.length) throw conflict(`Mã "${cur.code}" đang được dùng trong ${uses.join(', ')}; hãy sửa các biểu thức đó trước khi đổi mã.`, { uses });
      }
      await elementsRepo.update(t, id, w);
      if (w.aggregationType !== cur.aggregationType) await rebuildAnalyticsCells(t, { deIds: [id] });
      await audit(t, actor, { action: 'data_element.update', entityType: 'data_element', entityId: id, before, after: w });
    }),
  );

// ───────────── indicators ─────────────

export type IndicatorInput = {
  code: string; name: string; nameEn?: string | null; numerator: string; denominator?: string; factor?: number; decimals?: number;
  uom?: string | null; sectorId?: number | null; description?: string | null; better?: Better; public?: boolean; publicLevel?: number;
  sentencePattern?: string | null;
};

async function indicatorWrite(db: Db, input: IndicatorInput, selfId: number | null): Promise<IndicatorWrite> {
  const w: IndicatorWrite = {
    code: cleanCode(input.code, 'chỉ số'), name: cleanName(input.name, 'Tên chỉ số'), nameEn: optText(input.nameEn),
    numerator: input.numerator.trim(), denominator: (input.denominator ?? '1').trim() || '1', factor: input.factor ?? 1,
    decimals: input.decimals ?? 1, uom: optText(input.uom), sectorId: input.sectorId ?? null, description: optText(input.description),
    better: input.better ?? 'higher', public: input.public ?? false, publicLevel: input.publicLevel ?? 1,
    sentencePattern: cleanPattern(input.sentencePattern),
  };
  if (!Number.isFinite(w.factor) || w.factor === 0) throw badRequest('Hệ số phải là một số khác 0.');
  // Checked as typed, so error positions match what the person sees; stored trimmed.
  await checkExpressions(db, [{ label: 'Tử số', src: input.numerator }, { label: 'Mẫu số', src: input.denominator ?? '1' }]);
  if (codesOf(w.denominator).length === 0 && !evaluate(w.denominator, {})) throw badRequest('Mẫu số không được bằng 0.');
  const other = await indicatorsRepo.byCode(db, w.code);
  if (other && other.id !== selfId) throw conflict(`Mã chỉ số "${w.code}" đã được dùng cho "${other.name}".`);
  await checkSector(db, w.sectorId);
  return w;
}

const indicatorSnapshot = (i: Indicator): IndicatorWrite => ({
  code: i.code, name: i.name, nameEn: i.nameEn, numerator: i.numerator, denominator: i.denominator, factor: i.factor, decimals: i.decimals,
  uom: i.uom, sectorId: i.sectorId, description: i.description, better: i.better, public: i.public, publicLevel: i.publicLevel,
  sentencePattern: i.sentencePattern,
});

export const createIndicator = (db: Db, actor: AuditActor, input: IndicatorInput) =>
  uniqueOr409(`Mã chỉ số "${input.code}" đã được dùng.`, () =>
    db.tx(async (t) => {
      const w = await indicatorWrite(t, input, null);
      const id = await indicatorsRepo.insert(t, w);
      await audit(t, actor, { action: 'indicator.create', entityType: 'indicator', entityId: id, after: w });
      return id;
    }),
  );

export const updateIndicator = (db: Db, actor: AuditActor, id: number, patch: Partial<IndicatorInput>) =>
  uniqueOr409(`Mã chỉ số "${patch.code}" đã được dùng.`, () =>
    db.tx(async (t) => {
      const cur = await indicatorsRepo.byId(t, id);
      if (!cur) throw notFound('Không tìm thấy chỉ số.');
      const before = indicatorSnapshot(cur);
      const w = await indicatorWrite(t, { ...before, ...stripUndefined(patch) }, id);
      await indicatorsRepo.update(t, id, w);
      await audit(t, actor, { action: 'indicator.update', entityType: 'indicator', entityId: id, before, after: w });
    }),
  );

export type { DataElement, Indicator, Sector };
