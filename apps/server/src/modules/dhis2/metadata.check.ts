/**
 * Consistency of a planned import: every reference names an object stored or in the file, the unit
 * tree has no loop, expressions parse and use known data elements, and nothing in use changes in a
 * way that would corrupt stored figures (an element's value type, a form's period type).
 */
import { ExpressionError, expressionCodes } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import type { Config } from './metadata.model.js';
import type { Plan } from './metadata.plan.js';
import { metadataRepo } from './metadata.repository.js';
import type { Collection } from './metadata.schema.js';

export async function checkPlan(db: Db, plan: Plan, stored: Config): Promise<void> {
  const err = (klass: Collection, object: string, message: string) => plan.errors.push({ object, klass, message });
  const known = (storedCodes: string[], planned: { rec: { code: string } }[]) =>
    new Set([...storedCodes, ...planned.map((o) => o.rec.code)]);
  const sectors = known(
    stored.sectors.map((s) => s.code),
    plan.sectors,
  );
  const units = known(
    stored.units.map((u) => u.code),
    plan.organisationUnits,
  );
  const elements = known(
    stored.elements.map((e) => e.code),
    plan.dataElements,
  );
  const indicators = known(
    stored.indicators.map((i) => i.code),
    plan.indicators,
  );
  const forms = known(
    stored.forms.map((f) => f.code),
    plan.dataSets,
  );
  const ref = (klass: Collection, object: string, set: Set<string>, code: string | null, what: string) => {
    if (code !== null && !set.has(code)) err(klass, object, `${what} "${code}" không có trong hệ thống lẫn trong tệp.`);
  };
  const expression = (klass: Collection, object: string, expr: string, what: string) => {
    try {
      for (const c of expressionCodes(expr))
        if (!elements.has(c)) err(klass, object, `${what} dùng chỉ tiêu "${c}" không có trong hệ thống lẫn trong tệp.`);
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      err(klass, object, `${what} không hợp lệ: ${e.message}.`);
    }
  };

  for (const { rec } of plan.sectors) ref('sectors', rec.code, units, rec.division, 'Phòng phụ trách (division)');

  const parentOf = new Map(stored.units.map((u) => [u.code, u.parent]));
  for (const { rec } of plan.organisationUnits) parentOf.set(rec.code, rec.parent);
  for (const { rec } of plan.organisationUnits) {
    ref('organisationUnits', rec.code, units, rec.parent, 'Đơn vị cấp trên (parent)');
    ref('organisationUnits', rec.code, sectors, rec.sector, 'Lĩnh vực (sector)');
    if (rec.parent === rec.code) err('organisationUnits', rec.code, 'Đơn vị không thể là cấp trên của chính nó.');
    if (rec.closedDate !== null && rec.closedDate < rec.openingDate)
      err('organisationUnits', rec.code, 'Ngày giải thể (closedDate) trước ngày thành lập (openingDate).');
    for (const p of rec.predecessors) {
      ref('organisationUnits', rec.code, units, p.code, 'Đơn vị tiền thân (predecessors)');
      if (p.code === rec.code) err('organisationUnits', rec.code, 'Đơn vị không thể là tiền thân của chính nó.');
    }
    // walk up: a loop comes back to the starting unit
    const seen = new Set<string>([rec.code]);
    for (let p = rec.parent; p !== null && p !== undefined; p = parentOf.get(p) ?? null) {
      if (seen.has(p)) {
        err('organisationUnits', rec.code, `Quan hệ cấp trên tạo thành vòng lặp (qua đơn vị ${p}).`);
        break;
      }
      seen.add(p);
    }
  }

  for (const { rec, before } of plan.dataElements) {
    ref('dataElements', rec.code, sectors, rec.sector, 'Lĩnh vực (sector)');
    ref('dataElements', rec.code, units, rec.division, 'Phòng phụ trách (division)');
    if (rec.min !== null && rec.max !== null && rec.min > rec.max)
      err('dataElements', rec.code, 'Giá trị nhỏ nhất (min) lớn hơn giá trị lớn nhất (max).');
    if (before && before.valueType !== rec.valueType && (await metadataRepo.elementHasValues(db, rec.code)))
      err('dataElements', rec.code, `Chỉ tiêu đã có số liệu nên không đổi kiểu giá trị từ ${before.valueType} sang ${rec.valueType}.`);
  }

  for (const { rec } of plan.indicators) {
    ref('indicators', rec.code, sectors, rec.sector, 'Lĩnh vực (sector)');
    expression('indicators', rec.code, rec.numerator, 'Tử số (numerator)');
    expression('indicators', rec.code, rec.denominator, 'Mẫu số (denominator)');
  }

  for (const { rec, before } of plan.dataSets) {
    ref('dataSets', rec.code, units, rec.division, 'Phòng thẩm định (division)');
    for (const s of rec.sections) for (const e of s.elements) ref('dataSets', rec.code, elements, e.code, 'Chỉ tiêu');
    for (const u of rec.units) ref('dataSets', rec.code, units, u, 'Đơn vị báo cáo');
    if (before && before.periodType !== rec.periodType && (await metadataRepo.formHasRounds(db, rec.code)))
      err('dataSets', rec.code, `Biểu mẫu đã có đợt báo cáo nên không đổi loại kỳ từ ${before.periodType} sang ${rec.periodType}.`);
  }

  for (const { rec } of plan.validationRules) {
    ref('validationRules', rec.code, forms, rec.dataSet, 'Biểu mẫu (dataSet)');
    expression('validationRules', rec.code, rec.left, 'Vế trái (leftSide)');
    expression('validationRules', rec.code, rec.right, 'Vế phải (rightSide)');
  }

  for (const { rec } of plan.targets) {
    const object = `${rec.dataElement ?? rec.indicator}/${rec.orgUnit}/${rec.year}`;
    ref('targets', object, elements, rec.dataElement, 'Chỉ tiêu (dataElement)');
    ref('targets', object, indicators, rec.indicator, 'Chỉ số (indicator)');
    ref('targets', object, units, rec.orgUnit, 'Đơn vị (orgUnit)');
  }
}
