/**
 * DHIS2 list conventions, read loosely: `fields=id,name,parent[code]` (unknown fields ignored; `*` or
 * `:all` for everything), `filter=property:operator:value` (eq, !eq/ne, like/ilike — diacritic-insensitive
 * —, in:[a,b], null, !null; several filters must all hold), `page`, `pageSize` and `paging=false`.
 */
import { foldDiacritics } from '@nhip/contracts';
import { badRequest } from '../../platform/errors.js';

type FieldTree = Map<string, FieldTree | null>;

export function parseFields(spec: string | undefined): FieldTree | null {
  if (!spec?.trim()) return null;
  const root: FieldTree = new Map();
  const stack: FieldTree[] = [root];
  let name = '';
  const flush = () => {
    const n = name.trim();
    if (n) stack[stack.length - 1].set(n, null);
    name = '';
  };
  for (const c of spec) {
    if (c === ',') flush();
    else if (c === '[' || c === '(') {
      const n = name.trim();
      const sub: FieldTree = new Map();
      stack[stack.length - 1].set(n, sub);
      stack.push(sub);
      name = '';
    } else if (c === ']' || c === ')') {
      flush();
      if (stack.length > 1) stack.pop();
    } else name += c;
  }
  flush();
  return root;
}

const ALL = new Set(['*', ':all', ':owner', ':identifiable', ':nameable']);

/** Keeps the requested fields of an object (recursively); unknown names are ignored. */
export function pickFields(obj: Record<string, unknown>, fields: FieldTree | null): Record<string, unknown> {
  if (!fields || [...fields.keys()].some((k) => ALL.has(k))) return obj;
  const out: Record<string, unknown> = {};
  for (const [name, sub] of fields) {
    const key = name.replace(/~.*$/, '').replace(/::.*$/, '');
    if (!(key in obj)) continue;
    const v = obj[key];
    if (sub?.size && v && typeof v === 'object') {
      out[key] = Array.isArray(v)
        ? v.map((x) => (x && typeof x === 'object' ? pickFields(x as Record<string, unknown>, sub) : x))
        : pickFields(v as Record<string, unknown>, sub);
    } else out[key] = v;
  }
  return Object.keys(out).length ? out : obj;
}

const get = (obj: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);

export function filterItems<T extends Record<string, unknown>>(items: T[], filters: string[]): T[] {
  const tests = filters.map((f) => {
    const m = /^([\w.]+):(!?\w+)(?::(.*))?$/s.exec(f);
    if (!m) throw badRequest(`Bộ lọc "${f}" không hợp lệ (dạng thuộc_tính:toán_tử:giá_trị, ví dụ code:eq:HUYEN_01).`);
    const [, path, op, arg = ''] = m;
    const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
    switch (op.toLowerCase()) {
      case 'eq':
        return (o: T) => text(get(o, path)) === arg;
      case '!eq':
      case 'ne':
        return (o: T) => text(get(o, path)) !== arg;
      case 'like':
      case 'ilike':
        return (o: T) => foldDiacritics(text(get(o, path))).includes(foldDiacritics(arg));
      case 'in': {
        const set = new Set(
          arg
            .replace(/^\[|\]$/g, '')
            .split(',')
            .map((s) => s.trim()),
        );
        return (o: T) => set.has(text(get(o, path)));
      }
      case 'null':
        return (o: T) => get(o, path) === null || get(o, path) === undefined;
      case '!null':
        return (o: T) => get(o, path) !== null && get(o, path) !== undefined;
      default:
        throw badRequest(`Toán tử lọc "${op}" chưa được hỗ trợ (eq, !eq, like, ilike, in, null, !null).`);
    }
  });
  return items.filter((o) => tests.every((t) => t(o)));
}

export type ListQuery = { fields?: string; filter?: string | string[]; paging?: boolean; page?: number; pageSize?: number };
export type Pager = { page: number; pageCount: number; total: number; pageSize: number };

/** Filters, pages and trims a list the DHIS2 way: `{pager, <name>: [...]}` (no pager with paging=false). */
export function dhisList<T extends Record<string, unknown>>(name: string, items: T[], q: ListQuery): Record<string, unknown> {
  const filters = q.filter === undefined ? [] : Array.isArray(q.filter) ? q.filter : [q.filter];
  const kept = filterItems(items, filters);
  const fields = parseFields(q.fields);
  if (q.paging === false) return { [name]: kept.map((o) => pickFields(o, fields)) };
  const pageSize = q.pageSize ?? 50;
  const total = kept.length;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(q.page ?? 1, pageCount);
  const pager: Pager = { page, pageCount, total, pageSize };
  return { pager, [name]: kept.slice((page - 1) * pageSize, page * pageSize).map((o) => pickFields(o, fields)) };
}
