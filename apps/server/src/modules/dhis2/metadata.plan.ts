/**
 * Reading a metadata file against the stored configuration: each object is parsed, merged with the
 * stored object of the same code (fields left out keep their value), and classed as create, update
 * or unchanged. Reference and consistency checks follow in metadata.check.ts.
 */
import type { z } from 'zod';
import type {
  Config,
  ElementRec,
  FormRec,
  IndicatorRec,
  Kind,
  RuleRec,
  SectionRec,
  SectorRec,
  TargetRec,
  UnitRec,
} from './metadata.model.js';
import { same, targetKey, targetLabel } from './metadata.model.js';
import { cmp } from './metadata.repository.js';
import {
  COLLECTIONS,
  type Collection,
  codeOf,
  type DataElementInput,
  type DataSetInput,
  type IndicatorInput,
  issuesText,
  OPERATOR_MAP,
  type OrgUnitInput,
  SCHEMAS,
  type SectorInput,
  type TargetInput,
  VALUE_TYPE_MAP,
  type ValidationRuleInput,
} from './metadata.schema.js';

export type MetaError = { object: string; klass: string; message: string };
export type Action = 'create' | 'update' | 'unchanged';
export type Op<T> = { action: Action; rec: T; before: T | null };
export type Plan = {
  sectors: Op<SectorRec>[];
  organisationUnits: Op<UnitRec>[];
  dataElements: Op<ElementRec>[];
  indicators: Op<IndicatorRec>[];
  dataSets: Op<FormRec>[];
  validationRules: Op<RuleRec>[];
  targets: Op<TargetRec>[];
  errors: MetaError[];
};

const pick = <T>(incoming: T | undefined, stored: T | undefined, fallback: T): T =>
  incoming !== undefined ? incoming : stored !== undefined ? stored : fallback;
const IMPORTANCE: Record<string, 'error' | 'warning'> = { HIGH: 'error', MEDIUM: 'warning', LOW: 'warning' };
const DEFAULT_SECTION = 'Chỉ tiêu';

export function planMetadata(body: Record<string, unknown>, stored: Config): Plan {
  const plan: Plan = {
    sectors: [],
    organisationUnits: [],
    dataElements: [],
    indicators: [],
    dataSets: [],
    validationRules: [],
    targets: [],
    errors: [],
  };
  const err = (klass: Collection, object: string, message: string) => plan.errors.push({ object, klass, message });
  const index = <T, K>(list: T[], key: (t: T) => K) => new Map(list.map((t) => [key(t), t]));
  const existing = {
    sectors: index(stored.sectors, (s) => s.code),
    organisationUnits: index(stored.units, (u) => u.code),
    dataElements: index(stored.elements, (e) => e.code),
    indicators: index(stored.indicators, (i) => i.code),
    dataSets: index(stored.forms, (f) => f.code),
    validationRules: index(stored.rules, (r) => r.code),
    targets: index(stored.targets, targetKey),
  };

  for (const col of COLLECTIONS) {
    const items = body[col];
    if (items === undefined || items === null) continue;
    if (!Array.isArray(items)) {
      err(col, col, `"${col}" phải là một danh sách.`);
      continue;
    }
    const seen = new Set<string>();
    for (const [i, item] of items.entries()) {
      const where = `${col}[${i}]`;
      if (!item || typeof item !== 'object' || Array.isArray(item)) {
        err(col, where, 'Mỗi phần tử phải là một đối tượng {…}.');
        continue;
      }
      const parsed = (SCHEMAS[col] as z.ZodType).safeParse(item);
      const raw = item as Record<string, unknown>;
      const label = typeof raw.code === 'string' ? raw.code : typeof raw.id === 'string' ? raw.id : where;
      if (!parsed.success) {
        err(col, label, `Dữ liệu không hợp lệ — ${issuesText(parsed.error.issues)}.`);
        continue;
      }
      const data = parsed.data as Record<string, unknown>;
      const key = col === 'targets' ? targetKey(targetIds(data as TargetInput)) : codeOf(data as { code?: string; id?: string });
      if (!key) {
        err(col, where, 'Thiếu mã (code).');
        continue;
      }
      const object = col === 'targets' ? targetLabel(targetIds(data as TargetInput)) : key;
      if (seen.has(key)) {
        err(col, object, 'Mã bị lặp lại trong tệp.');
        continue;
      }
      seen.add(key);
      const problems: string[] = [];
      const rec = build(col, key, data, (existing[col] as Map<string, unknown>).get(key), problems);
      if (problems.length || !rec) {
        err(col, object, problems.join(' '));
        continue;
      }
      const before = ((existing[col] as Map<string, unknown>).get(key) ?? null) as never;
      const action: Action = before === null ? 'create' : same(stripLevel(before), rec) ? 'unchanged' : 'update';
      (plan[col] as Op<unknown>[]).push({ action, rec, before });
    }
  }
  return plan;
}

const stripLevel = (r: unknown) => {
  if (r && typeof r === 'object' && 'level' in r) {
    const { level: _l, ...rest } = r as Record<string, unknown>;
    return rest;
  }
  return r;
};

const targetIds = (t: TargetInput) => ({
  dataElement: t.dataElement ?? null,
  indicator: t.indicator ?? null,
  orgUnit: t.orgUnit,
  year: t.year,
});

function build(col: Collection, code: string, data: Record<string, unknown>, stored: unknown, problems: string[]): unknown {
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined || v === null) problems.push(`Thiếu ${what} (bắt buộc khi tạo mới).`);
    return v as T;
  };
  switch (col) {
    case 'sectors': {
      const i = data as SectorInput;
      const s = stored as SectorRec | undefined;
      return {
        code,
        name: need(pick(i.name, s?.name, undefined), 'tên (name)'),
        nameEn: pick(i.nameEn, s?.nameEn, null),
        division: pick(i.division, s?.division, null),
        sort: pick(i.sort, s?.sort, 0),
      } satisfies SectorRec;
    }
    case 'organisationUnits': {
      const i = data as OrgUnitInput;
      const s = stored as UnitRec | undefined;
      const preds = i.predecessors
        ? dedupe(
            i.predecessors.map((p) => (typeof p === 'string' ? { code: p, kind: 'merge' as Kind } : p)),
            (p) => p.code,
          ).sort((a, b) => cmp(a.code, b.code))
        : (s?.predecessors ?? []);
      return {
        code,
        name: need(pick(i.name, s?.name, undefined), 'tên (name)'),
        shortName: pick(i.shortName, s?.shortName, null),
        type: pick(i.type, s?.type, 'other'),
        parent: pick(i.parent, s?.parent, null),
        openingDate: pick(i.openingDate, s?.openingDate, '2000-01-01'),
        closedDate: pick(i.closedDate, s?.closedDate, null),
        sector: pick(i.sector, s?.sector, null),
        address: pick(i.address, s?.address, null),
        predecessors: preds,
      } satisfies UnitRec;
    }
    case 'dataElements': {
      const i = data as DataElementInput;
      const s = stored as ElementRec | undefined;
      const vt = i.valueType ? VALUE_TYPE_MAP[i.valueType] : undefined;
      return {
        code,
        name: need(pick(i.name, s?.name, undefined), 'tên (name)'),
        nameEn: pick(i.nameEn, s?.nameEn, null),
        shortName: pick(i.shortName, s?.shortName, null),
        description: pick(i.description, s?.description, null),
        uom: pick(i.uom, s?.uom, null),
        valueType: need(pick(vt?.type, s?.valueType, undefined), 'kiểu giá trị (valueType)'),
        aggregationType: pick(i.aggregationType, s?.aggregationType, 'SUM'),
        reportLevel: pick(i.reportLevel, s?.reportLevel, null),
        min: pick(i.min ?? (i.min === undefined ? vt?.min : null), s?.min, null),
        max: pick(i.max ?? (i.max === undefined ? vt?.max : null), s?.max, null),
        sector: pick(i.sector, s?.sector, null),
        division: pick(i.division, s?.division, null),
        better: pick(i.better, s?.better, 'higher'),
      } satisfies ElementRec;
    }
    case 'indicators': {
      const i = data as IndicatorInput;
      const s = stored as IndicatorRec | undefined;
      return {
        code,
        name: need(pick(i.name, s?.name, undefined), 'tên (name)'),
        nameEn: pick(i.nameEn, s?.nameEn, null),
        numerator: need(pick(i.numerator, s?.numerator, undefined), 'tử số (numerator)'),
        denominator: pick(i.denominator, s?.denominator, '1'),
        factor: pick(i.factor ?? i.indicatorType?.factor, s?.factor, 1),
        decimals: pick(i.decimals, s?.decimals, 1),
        uom: pick(i.uom, s?.uom, null),
        sector: pick(i.sector, s?.sector, null),
        description: pick(i.description, s?.description, null),
        better: pick(i.better, s?.better, 'higher'),
      } satisfies IndicatorRec;
    }
    case 'dataSets':
      return buildForm(code, data as DataSetInput, stored as FormRec | undefined, problems, need);
    case 'validationRules': {
      const i = data as ValidationRuleInput;
      const s = stored as RuleRec | undefined;
      const name = need(pick(i.name, s?.name, undefined), 'tên (name)');
      return {
        code,
        name,
        dataSet: pick(i.dataSet, s?.dataSet, null),
        left: need(pick(i.leftSide?.expression, s?.left, undefined), 'vế trái (leftSide.expression)'),
        operator: need(pick(i.operator ? OPERATOR_MAP[i.operator] : undefined, s?.operator, undefined), 'phép so sánh (operator)'),
        right: need(pick(i.rightSide?.expression, s?.right, undefined), 'vế phải (rightSide.expression)'),
        importance: pick(i.importance ? IMPORTANCE[i.importance] : undefined, s?.importance, 'warning'),
        missingValueStrategy: pick(
          i.missingValueStrategy ?? i.leftSide?.missingValueStrategy ?? i.rightSide?.missingValueStrategy,
          s?.missingValueStrategy,
          'SKIP_IF_ANY_VALUE_MISSING',
        ),
        message: pick(i.instruction ?? undefined, s?.message, name),
        messageEn: pick(i.instructionEn, s?.messageEn, null),
        active: pick(i.active, s?.active, true),
      } satisfies RuleRec;
    }
    case 'targets': {
      const i = data as TargetInput;
      if (!!i.dataElement === !!i.indicator)
        problems.push('Chỉ tiêu kế hoạch phải gắn với đúng một trong hai: dataElement hoặc indicator.');
      return { ...targetIds(i), value: i.value, note: pick(i.note, (stored as TargetRec | undefined)?.note, null) } satisfies TargetRec;
    }
  }
}

function dedupe<T>(list: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((t) => {
    if (seen.has(key(t))) return false;
    seen.add(key(t));
    return true;
  });
}

function buildForm(
  code: string,
  i: DataSetInput,
  s: FormRec | undefined,
  problems: string[],
  need: <T>(v: T | undefined, what: string) => T,
): FormRec {
  const entryCode = (e: string | { code: string; required?: boolean }) => (typeof e === 'string' ? e : e.code);
  const compulsory = new Set(i.compulsoryDataElements ?? []);
  const storedRequired = new Map((s?.sections ?? []).flatMap((sec) => sec.elements.map((e) => [e.code, e.required] as const)));
  const requiredOf = (e: string | { code: string; required?: boolean }) =>
    (typeof e === 'object' && e.required !== undefined ? e.required : undefined) ??
    (i.compulsoryDataElements ? compulsory.has(entryCode(e)) : undefined) ??
    storedRequired.get(entryCode(e)) ??
    false;
  const flat = i.dataElements ?? i.dataSetElements?.map((d) => d.dataElement);
  let sections: SectionRec[];
  if (i.sections) {
    sections = i.sections.map((sec, n) => {
      const title = sec.title ?? sec.name;
      if (!title) problems.push(`Phần thứ ${n + 1} của biểu mẫu thiếu tiêu đề (title).`);
      return {
        title: title ?? '',
        titleEn: sec.titleEn ?? null,
        elements: sec.dataElements.map((e) => ({ code: entryCode(e), required: requiredOf(e) })),
      };
    });
    if (flat) {
      const a = new Set(flat.map(entryCode));
      const b = new Set(sections.flatMap((sec) => sec.elements.map((e) => e.code)));
      if (a.size !== b.size || [...a].some((c) => !b.has(c)))
        problems.push('Danh sách dataElements không khớp với các chỉ tiêu trong sections.');
    }
  } else if (flat) {
    // Keep the stored sections for elements still listed; new elements go to the last section.
    const wanted = dedupe(flat, entryCode);
    const codes = new Set(wanted.map(entryCode));
    sections = (s?.sections ?? []).map((sec) => ({
      ...sec,
      elements: sec.elements
        .filter((e) => codes.has(e.code))
        .map((e) => ({ code: e.code, required: requiredOf(wanted.find((w) => entryCode(w) === e.code) ?? e.code) })),
    }));
    const placed = new Set(sections.flatMap((sec) => sec.elements.map((e) => e.code)));
    const added = wanted.filter((e) => !placed.has(entryCode(e))).map((e) => ({ code: entryCode(e), required: requiredOf(e) }));
    if (added.length) {
      if (sections.length === 0) sections.push({ title: DEFAULT_SECTION, titleEn: null, elements: [] });
      sections[sections.length - 1].elements.push(...added);
    }
  } else {
    sections = (s?.sections ?? []).map((sec) => ({
      ...sec,
      elements: sec.elements.map((e) => ({ code: e.code, required: i.compulsoryDataElements ? compulsory.has(e.code) : e.required })),
    }));
  }
  const all = sections.flatMap((sec) => sec.elements.map((e) => e.code));
  const dup = all.find((c, n) => all.indexOf(c) !== n);
  if (dup) problems.push(`Chỉ tiêu ${dup} xuất hiện hai lần trong biểu mẫu.`);
  return {
    code,
    name: need(pick(i.name, s?.name, undefined), 'tên (name)'),
    nameEn: pick(i.nameEn, s?.nameEn, null),
    periodType: need(pick(i.periodType, s?.periodType, undefined), 'loại kỳ (periodType)'),
    kind: pick(i.kind, s?.kind, 'administrative'),
    division: pick(i.division, s?.division, null),
    narrative: pick(i.narrative, s?.narrative, true),
    description: pick(i.description, s?.description, null),
    active: pick(i.active, s?.active, true),
    sections,
    units: i.organisationUnits ? [...new Set(i.organisationUnits)].sort(cmp) : (s?.units ?? []),
  };
}
