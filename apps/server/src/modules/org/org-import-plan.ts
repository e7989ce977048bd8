/**
 * Plans an org unit CSV import against the current organisation, entirely in memory: every row is
 * checked, parent and predecessor codes are resolved against existing units and other rows of the
 * same file (in any order), and the final tree is checked as a whole (cycles, validity nesting).
 * Nothing here touches the database; org-import.service.ts applies the plan in one transaction.
 */
import { foldDiacritics, normalizeText, UNIT_TYPE_LABELS, UNIT_TYPES, type UnitType } from '@nhip/contracts';
import type { CsvRow, LineError } from './org-csv.js';
import {
  containmentMessage, inferLineageKind, type LineageKind, type OrgUnit, parseFlexibleDate, UNIT_CODE_MESSAGE, UNIT_CODE_RE,
  validityProblem, validityWithin,
} from './org-rules.js';

export type ExistingLink = { unitId: number; predecessorId: number; kind: LineageKind };

export type PlannedUnit = {
  line: number;
  code: string;
  name: string;
  type: UnitType;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
  predecessors: { code: string; kind: LineageKind }[];
  existing: OrgUnit | null;
  changed: boolean;
  /** Number of ancestors in the tree after the import. */
  depth: number;
};

export type ImportPlan = {
  errors: LineError[];
  /** Rows of the file, parents before children. */
  units: PlannedUnit[];
  created: number;
  updated: number;
  unchanged: number;
};

type Node = { code: string; name: string; parentCode: string | null; validFrom: string; validTo: string | null; line: number | null };

const typeKey = (s: string) => foldDiacritics(s).replace(/[^a-z0-9]+/g, ' ').trim();
const TYPE_BY_KEY = new Map<string, UnitType>();
for (const t of UNIT_TYPES) for (const k of [t, UNIT_TYPE_LABELS[t].vi, UNIT_TYPE_LABELS[t].en]) TYPE_BY_KEY.set(typeKey(k), t);

/** A unit type given as its code ('commune') or its Vietnamese or English label ('Xã, phường', 'xa phuong'). */
export const resolveUnitType = (s: string): UnitType | undefined => TYPE_BY_KEY.get(typeKey(s));

export function planImport(rows: CsvRow[], existingUnits: OrgUnit[], existingLinks: ExistingLink[], divisionIdsInUse: ReadonlySet<number> = new Set()): ImportPlan {
  const errors: LineError[] = [];
  const err = (line: number, message: string) => errors.push({ line, message });
  const byCode = new Map(existingUnits.map((u) => [u.code, u]));
  const codeOf = new Map(existingUnits.map((u) => [u.id, u.code]));

  // 1. Each row on its own.
  const planned: PlannedUnit[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, values: v } of rows) {
    const before = errors.length;
    const code = v.code;
    if (!code) err(line, 'Thiếu mã đơn vị (cột code).');
    else if (!UNIT_CODE_RE.test(code)) err(line, `Mã "${code}" không hợp lệ. ${UNIT_CODE_MESSAGE}`);
    else if (firstLineOf.has(code)) err(line, `Mã đơn vị "${code}" trùng với dòng ${firstLineOf.get(code)}.`);
    const name = normalizeText(v.name);
    if (!name) err(line, 'Thiếu tên đơn vị (cột name).');
    else if (name.length > 300) err(line, 'Tên đơn vị dài quá 300 ký tự.');
    const type = v.type ? resolveUnitType(v.type) : undefined;
    if (!v.type) err(line, 'Thiếu loại đơn vị (cột type).');
    else if (!type) err(line, `Loại đơn vị "${v.type}" không hợp lệ. Các loại hợp lệ: ${UNIT_TYPES.join(', ')}.`);
    const validFrom = v.validFrom ? parseFlexibleDate(v.validFrom) : null;
    if (!v.validFrom) err(line, 'Thiếu ngày bắt đầu hiệu lực (cột validFrom).');
    else if (!validFrom) err(line, `Ngày bắt đầu hiệu lực "${v.validFrom}" không hợp lệ (dùng YYYY-MM-DD hoặc dd/mm/yyyy).`);
    const validTo = v.validTo ? parseFlexibleDate(v.validTo) : null;
    if (v.validTo && !validTo) err(line, `Ngày hết hiệu lực "${v.validTo}" không hợp lệ (dùng YYYY-MM-DD hoặc dd/mm/yyyy).`);
    if (validFrom && validTo) {
      const p = validityProblem({ validFrom, validTo });
      if (p) err(line, p);
    }
    const parentCode = v.parentCode || null;
    if (parentCode && parentCode === code) err(line, 'Đơn vị không thể là cấp trên của chính nó.');
    const predCodes = [...new Set(v.predecessorCodes.split(';').map((c) => c.trim()).filter(Boolean))];
    if (code && predCodes.includes(code)) err(line, 'Đơn vị không thể là đơn vị tiền thân của chính nó.');
    if (code && !firstLineOf.has(code)) firstLineOf.set(code, line);
    if (errors.length > before) continue;
    planned.push({
      line, code, name, type: type!, parentCode, validFrom: validFrom!, validTo, predecessors: predCodes.map((c) => ({ code: c, kind: 'merge' })),
      existing: byCode.get(code) ?? null, changed: false, depth: 0,
    });
  }

  // 2. The organisation as it would be after the import.
  const final = new Map<string, Node>();
  for (const u of existingUnits)
    final.set(u.code, { code: u.code, name: u.name, parentCode: u.parentId ? (codeOf.get(u.parentId) ?? null) : null, validFrom: u.validFrom, validTo: u.validTo, line: null });
  // Codes of rows that failed on their own still exist for the purpose of resolving references.
  const plannedCodes = new Set(planned.map((p) => p.code));
  const failedCodes = new Set(rows.map((r) => r.values.code).filter((c) => c && !plannedCodes.has(c)));
  for (const p of planned) final.set(p.code, { code: p.code, name: p.name, parentCode: p.parentCode, validFrom: p.validFrom, validTo: p.validTo, line: p.line });
  const known = (c: string) => final.has(c) || failedCodes.has(c);

  const bad = new Set<string>();
  for (const p of planned) {
    if (p.parentCode && !known(p.parentCode)) {
      err(p.line, `Không tìm thấy đơn vị cấp trên có mã "${p.parentCode}" (trong tệp hay trong hệ thống).`);
      bad.add(p.code);
    }
    const unknownPreds = p.predecessors.filter((x) => !known(x.code)).map((x) => `"${x.code}"`);
    if (unknownPreds.length) {
      err(p.line, `Không tìm thấy đơn vị tiền thân có mã ${unknownPreds.join(', ')}.`);
      bad.add(p.code);
    }
    if (p.existing?.type === 'division' && p.type !== 'division' && divisionIdsInUse.has(p.existing.id)) {
      err(p.line, `"${p.name}" đang phụ trách lĩnh vực, chỉ tiêu hoặc biểu mẫu; không thể đổi sang loại đơn vị khác.`);
      bad.add(p.code);
    }
  }

  // 3. Parent cycles: walk up from each row; a walk that comes back to the row is a cycle.
  const inCycle = new Set<string>();
  for (const p of planned) {
    const seen = [p.code];
    for (let c = final.get(p.code)?.parentCode ?? null; c !== null && final.has(c); c = final.get(c)!.parentCode) {
      if (c === p.code) {
        inCycle.add(p.code);
        err(p.line, `Vòng lặp cấp trên – cấp dưới: ${[...seen, c].join(' → ')}.`);
        break;
      }
      if (seen.includes(c)) break;
      seen.push(c);
    }
  }

  // 4. Validity nesting, for every row and for existing children of rows.
  const children = new Map<string, string[]>();
  for (const n of final.values()) {
    if (!n.parentCode) continue;
    if (!children.has(n.parentCode)) children.set(n.parentCode, []);
    children.get(n.parentCode)!.push(n.code);
  }
  for (const p of planned) {
    if (inCycle.has(p.code)) continue;
    const parent = p.parentCode ? final.get(p.parentCode) : undefined;
    if (parent && !validityWithin(p, parent)) {
      err(p.line, containmentMessage(p, parent));
      bad.add(p.code);
    }
    for (const c of children.get(p.code) ?? []) {
      const child = final.get(c)!;
      if (child.line === null && !validityWithin(child, p)) {
        err(p.line, `${containmentMessage(child, p)} Đơn vị "${child.name}" (${child.code}) không có trong tệp.`);
        bad.add(p.code);
      }
    }
  }

  // 5. Lineage: the final predecessor links; a unit cannot (transitively) precede itself.
  const fileCodes = new Set(planned.map((p) => p.code));
  const predsOf = new Map<string, string[]>();
  for (const l of existingLinks) {
    const u = codeOf.get(l.unitId)!;
    if (fileCodes.has(u)) continue;
    if (!predsOf.has(u)) predsOf.set(u, []);
    predsOf.get(u)!.push(codeOf.get(l.predecessorId)!);
  }
  for (const p of planned) predsOf.set(p.code, p.predecessors.map((x) => x.code));
  for (const p of planned) {
    const stack = [...(predsOf.get(p.code) ?? [])];
    const seen = new Set<string>();
    while (stack.length) {
      const c = stack.pop()!;
      if (c === p.code) {
        err(p.line, `Vòng lặp đơn vị tiền thân: "${p.code}" vừa là đơn vị tiền thân vừa là đơn vị kế thừa của chính nó.`);
        bad.add(p.code);
        break;
      }
      if (seen.has(c)) continue;
      seen.add(c);
      stack.push(...(predsOf.get(c) ?? []));
    }
  }
  const successorCount = new Map<string, number>();
  for (const preds of predsOf.values()) for (const c of preds) successorCount.set(c, (successorCount.get(c) ?? 0) + 1);
  const existingKind = new Map(existingLinks.map((l) => [`${codeOf.get(l.unitId)}|${codeOf.get(l.predecessorId)}`, l.kind]));
  for (const p of planned)
    for (const x of p.predecessors)
      x.kind = existingKind.get(`${p.code}|${x.code}`) ?? inferLineageKind(p.predecessors.length, successorCount.get(x.code) ?? 1);

  errors.sort((a, b) => a.line - b.line);

  // 6. What changes, parents before children.
  const depth = (code: string) => {
    let d = 0;
    for (let c = final.get(code)?.parentCode ?? null; c !== null && d <= final.size; c = final.get(c)?.parentCode ?? null) d += 1;
    return d;
  };
  const oldPreds = new Map<number, string[]>();
  for (const l of existingLinks) {
    if (!oldPreds.has(l.unitId)) oldPreds.set(l.unitId, []);
    oldPreds.get(l.unitId)!.push(`${codeOf.get(l.predecessorId)}:${l.kind}`);
  }
  const oldPredKey = (u: OrgUnit) => (oldPreds.get(u.id) ?? []).sort().join(';');
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const p of planned) {
    const e = p.existing;
    if (!e) {
      p.changed = true;
      created += 1;
      continue;
    }
    const parentCode = e.parentId ? (codeOf.get(e.parentId) ?? null) : null;
    p.changed =
      e.name !== p.name || e.type !== p.type || parentCode !== p.parentCode || e.validFrom !== p.validFrom || e.validTo !== p.validTo ||
      oldPredKey(e) !== p.predecessors.map((x) => `${x.code}:${x.kind}`).sort().join(';');
    if (p.changed) updated += 1;
    else unchanged += 1;
  }
  const units = planned.filter((p) => !bad.has(p.code) && !inCycle.has(p.code));
  for (const p of units) p.depth = depth(p.code);
  units.sort((a, b) => a.depth - b.depth || a.line - b.line);
  return { errors, units, created, updated, unchanged };
}
