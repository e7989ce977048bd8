/**
 * Fuzz over the OpenAPI document: every operation in /api/openapi.json, as every demo role and anonymously,
 * with odd path ids, odd query values and odd bodies derived from the operation's own schema, mixed with
 * believable values drawn from the demo data so the deeper code paths run too. A module's routes are fuzzed
 * the day they are registered: nothing here names a route.
 *
 * Holds that no answer is ≥ 500, that every 4xx JSON answer carries a Vietnamese `message`, that the server
 * is healthy afterwards, and that a pass of reads (GET, HEAD) leaves every data table as it was.
 *
 * Seeded: the seed is printed; FUZZ_SEED=<n> replays a run. FUZZ_SCALE=<x> multiplies the requests per
 * operation and role (default 1). Runs on PGlite in `npm test` and on PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD } from './modules/demo/seed.js';
import { checksumDiff, tableChecksums } from './platform/db/checksums.js';
import { demoTestServer, TEST_ADMIN_PASSWORD, type TestServer } from './test/server.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
/** Time one operation may take over a pass; past it, its remaining requests are skipped (a PDF costs seconds). */
const OP_BUDGET_MS = 2500 * SCALE;
const TODAY = '2026-11-22';

// ── a small seeded generator (mulberry32) ──

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.next() * a.length)] as T;
  }
  shuffle<T>(a: T[]): T[] {
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j] as T, a[i] as T];
    }
    return a;
  }
}

// ── odd values ──

const BIG = 'Chuyển đổi số '.repeat(15_000); // about 200 KB in UTF-8
const ODD_STRINGS: readonly string[] = [
  '\u0000', 'mã\u0000độc', '\u0001\u001b[31m\u007f\u0085\u009f', 'tab\tở giữa', 'hai\ndòng', 'dòng\r\nWindows',
  'Chuyển đổi số'.normalize('NFD'), 'Nguyễn Thị Ánh'.normalize('NFD'), '😀👩‍👩‍👧🇻🇳', '\ud800', '', ' ', '   \u00a0 ',
  "'; DROP TABLE users; --", '../../etc/passwd', '..\\..\\windows\\win.ini', '%00', '${7*7}{{7*7}}', '<script>alert(1)</script>',
  '=HYPERLINK("http://x","y")', '-2+3+cmd', 'NaN', 'Infinity', '-0', '1e309', '9'.repeat(25), '0x1F', 'true', 'null', '[]', '{}',
  'x'.repeat(1_001), BIG,
];
const ODD_NUMBERS: readonly number[] = [0, -1, -0, 0.5, 1.5, -2.75, 1e308, -1e308, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e21, 5e-324, 123456789.123456];
const ODD_SHAPES: readonly unknown[] = [null, true, false, [], {}, [[]], [null], [1, 2, 3], { a: { b: { c: [] } } }, 'chuỗi', 42];
const ODD_IDS: readonly string[] = ['0', '-1', 'abc', '2147483648', '9007199254740991', '12345678901234567890', '%00', '..%2F..%2Fetc%2Fpasswd', '1.5', '1e3', '%20', '%F0%9F%98%80', 'null', '0x10', '%C2%85'];
/** Raw JSON texts no object can express: deep nesting, numbers beyond double, broken syntax, a BOM. */
const RAW_BODIES: readonly string[] = [
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
  '{"n": 1e400, "m": -1e400, "i": 123456789012345678901234567890}',
  '{"a": 1,',
  '\uFEFF{}',
  '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}',
  '"\\u0000"',
  '',
];

const VI = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

// ── the OpenAPI document ──

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  pattern?: string;
  format?: string;
  $ref?: string;
  'x-multiline'?: boolean;
};
type Param = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema?: Schema; description?: string };
type Operation = {
  method: string;
  path: string;
  params: Param[];
  body: Schema | null;
  description: string;
};

// ── what the demo data offers ──

type Pools = {
  tables: Map<string, { columns: string[]; rows: Record<string, unknown>[] }>;
  codes: string[];
  periods: string[];
};

async function loadPools(s: TestServer): Promise<Pools> {
  const cols = await s.db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const byTable = new Map<string, string[]>();
  for (const c of cols) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  const tables: Pools['tables'] = new Map();
  for (const [t, columns] of byTable) {
    const keep = columns.filter((c) => c === 'id' || c.endsWith('_id') || c === 'code' || c === 'period');
    if (!keep.length) continue;
    const rows = await s.db.query<Record<string, unknown>>(`SELECT ${keep.map((c) => `"${c}"`).join(', ')} FROM "${t}" ORDER BY 1 LIMIT 400`);
    tables.set(t, { columns: keep, rows });
  }
  const codes = new Set<string>();
  const periods = new Set<string>(['2025', '2025Q3', '2026Q3', '2025S1', '2026N1', '202509', 'THIS_QUARTER', 'LAST_4_QUARTERS', 'LAST_YEAR']);
  for (const { rows } of tables.values())
    for (const r of rows) {
      if (typeof r.code === 'string') codes.add(r.code);
      if (typeof r.period === 'string') periods.add(r.period);
    }
  return { tables, codes: [...codes], periods: [...periods] };
}

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_').toLowerCase();
const singular = (s: string) => s.replace(/ies$/, 'y').replace(/s$/, '');

/** The table an id names: 'org-units' → org_units, 'roundId' → reporting_rounds, 'tokens' → api_tokens. */
function tableFor(pools: Pools, noun: string): string | null {
  const x = singular(snake(noun));
  const withId = [...pools.tables.entries()].filter(([, t]) => t.columns.includes('id')).map(([n]) => n);
  const exact = withId.find((n) => n === `${x}s` || n === x);
  if (exact) return exact;
  const ends = withId.filter((n) => n.endsWith(`_${x}s`) || n.endsWith(`_${x}`)).sort((a, b) => a.length - b.length);
  return ends[0] ?? null;
}

// ── believable values ──

type Role = { name: string; username: string | null; password: string; cookie: string | null; unitId: number | null };

class Values {
  constructor(
    private readonly rng: Rng,
    private readonly pools: Pools,
  ) {}

  private idsOf(table: string | null): number[] {
    const rows = table ? this.pools.tables.get(table)?.rows : undefined;
    return (rows ?? []).map((r) => r.id).filter((v): v is number => typeof v === 'number');
  }

  /** A real id for a parameter or field named like `formId`, `unitId` or `id` after `/forms/`. */
  id(noun: string): number {
    const ids = this.idsOf(tableFor(this.pools, noun === 'unit' ? 'org_unit' : noun));
    return ids.length ? this.rng.pick(ids) : this.rng.int(1, 50);
  }

  /** Path values that belong together (a round and a unit that reports in it), for the role's own unit when it can. */
  pathTuple(params: string[], noun: string, role: Role): Record<string, string> {
    const out: Record<string, string> = {};
    const cols = params.map((p) => (p === 'id' ? 'id' : snake(p)));
    if (params.length > 1) {
      const alias = (c: string) => (c === 'unit_id' ? ['unit_id', 'org_unit_id'] : [c]);
      for (const [, t] of this.pools.tables) {
        const names = cols.map((c) => alias(c).find((a) => t.columns.includes(a)));
        if (names.some((n) => !n) || !t.rows.length) continue;
        const own = role.unitId === null ? [] : t.rows.filter((r) => names.includes('org_unit_id') && r.org_unit_id === role.unitId);
        const row = own.length && this.rng.chance(0.6) ? this.rng.pick(own) : this.rng.pick(t.rows);
        params.forEach((p, i) => {
          out[p] = String(row[names[i] as string]);
        });
        return out;
      }
    }
    for (const p of params) out[p] = String(this.id(p === 'id' ? noun : p.replace(/Id$/, '')));
    return out;
  }

  code(): string {
    return this.pools.codes.length && this.rng.chance(0.7) ? this.rng.pick(this.pools.codes) : `FZ_${this.rng.int(1, 99999)}`;
  }

  /** A string that reads like what the field named `name` holds. */
  text(name: string, s: Schema = {}): string {
    const n = name.toLowerCase();
    let v: string;
    if (/period|^pe$/.test(n)) v = this.rng.pick(this.pools.periods);
    else if (/date|from$|^to$|start|end|asof|valid/.test(n)) v = this.rng.pick(['2025-07-01', '2026-01-01', TODAY, '2024-12-31', '30/06/2025']);
    else if (/deadline|^at$|time/.test(n)) v = this.rng.pick(['2026-12-15T10:00:00+07:00', '2026-12-31', '2027-01-10T00:00:00Z']);
    else if (/email/.test(n)) v = `fz${this.rng.int(1, 9999)}@so.vanlinh.gov.vn`;
    else if (/password/.test(n)) v = this.rng.pick(['Mật-khẩu-thử-2026!', 'ngan', 'fuzz-fuzz-fuzz-1']);
    else if (/username|actor/.test(n)) v = `fz.${this.rng.int(1, 99999)}`;
    else if (/^dx$/.test(n)) v = [this.code(), this.code()].join(';');
    else if (/^ou$|orgunit|unitcode/.test(n)) v = this.rng.pick([this.code(), 'VL', 'LEVEL-2', 'VL;LEVEL-3']);
    else if (/dimension/.test(n)) v = this.rng.pick([`dx:${this.code()};${this.code()}`, `ou:VL;LEVEL-2`, `pe:${this.rng.pick(this.pools.periods)}`]);
    else if (/code|dataset|dataelement|^de$|filter|fields/.test(n)) v = this.code();
    else if (/^value$/.test(n)) v = this.rng.pick(['12', '1.234,5', '94,3', 'Có', '0', '-5', 'khoảng 10']);
    else if (/left|right|numerator|denominator|expression/.test(n)) v = `#{${this.code()}} + #{${this.code()}}`;
    else if (s.format === 'date-time') v = '2026-12-15T03:00:00Z';
    else if (s.format === 'email') v = 'fz@so.vanlinh.gov.vn';
    else
      v = this.rng.pick([
        'Báo cáo quý III năm 2026', 'Số liệu đã được đối chiếu với sổ sách của đơn vị.', 'Phòng Văn hóa và Thông tin',
        'Trạm phát sóng\nthôn Khê Thượng', 'Đài truyền thanh xã', 'Ghi chú',
      ]);
    if (s.pattern && !new RegExp(s.pattern).test(v)) v = /\\d\{4\}-\\d\{2\}-\\d\{2\}/.test(s.pattern) ? '2026-01-01' : `FZ_${this.rng.int(1, 999)}`;
    if (s['x-multiline'] !== true) v = v.replace(/\n/g, ' ');
    if (s.maxLength !== undefined) v = v.slice(0, s.maxLength);
    if (s.minLength !== undefined && v.length < s.minLength) v = v.padEnd(s.minLength, 'x');
    return v;
  }

  number(name: string, s: Schema, integer: boolean): number {
    if (integer && /id$/i.test(name) && name !== 'id') return this.id(name.replace(/Ids?$/, ''));
    const lo = Math.max(s.minimum ?? -1000, -1e6) + (s.exclusiveMinimum === true ? 1 : 0);
    const hi = Math.min(s.maximum ?? 1000, 1e6);
    if (lo >= 1900 && hi <= 2200) return this.rng.int(2024, 2026);
    const n = lo + this.rng.next() * Math.max(0, hi - lo);
    return integer ? Math.round(Math.min(hi, Math.max(lo, n))) : Number(n.toFixed(2));
  }

  /** A value that satisfies `s` as far as a request needs, with names guiding the content. */
  valid(s: Schema | undefined, name: string, depth = 0): unknown {
    if (!s || depth > 8) return this.text(name);
    if (s.const !== undefined) return s.const;
    if (s.enum?.length) return this.rng.pick(s.enum);
    const alts = s.anyOf ?? s.oneOf;
    if (alts?.length) return this.valid(this.rng.pick(alts), name, depth + 1);
    if (s.allOf?.length) return this.valid(s.allOf[0], name, depth + 1);
    const types = (Array.isArray(s.type) ? s.type : [s.type]).filter((t) => t && t !== 'null');
    if ((s.nullable || (Array.isArray(s.type) && s.type.includes('null'))) && this.rng.chance(0.1)) return null;
    const type = types.length ? this.rng.pick(types) : s.properties ? 'object' : s.items ? 'array' : 'string';
    switch (type) {
      case 'object': {
        const o: Record<string, unknown> = {};
        for (const [k, p] of Object.entries(s.properties ?? {}))
          if (s.required?.includes(k) || this.rng.chance(0.6)) o[k] = this.valid(p, k, depth + 1);
        if (!s.properties && s.additionalProperties && typeof s.additionalProperties === 'object')
          o[this.code()] = this.valid(s.additionalProperties, name, depth + 1);
        return o;
      }
      case 'array': {
        const n = this.rng.int(s.minItems ?? 0, Math.min(s.maxItems ?? 3, Math.max(s.minItems ?? 0, 3)));
        return Array.from({ length: n }, () => this.valid(s.items, singular(name), depth + 1));
      }
      case 'integer':
        return this.number(name, s, true);
      case 'number':
        return this.number(name, s, false);
      case 'boolean':
        return this.rng.chance(0.5);
      default:
        return this.text(name, s);
    }
  }

  oddString(): string {
    return this.rng.pick(ODD_STRINGS);
  }

  /** Wrong types, control characters, odd Unicode, huge strings and numbers, arrays where objects belong. */
  odd(): unknown {
    const r = this.rng.next();
    if (r < 0.5) return this.oddString();
    if (r < 0.75) return this.rng.pick(ODD_NUMBERS);
    return structuredClone(this.rng.pick(ODD_SHAPES));
  }
}

/** Every place in a value a mutation can land: [container, key] pairs, objects and arrays included. */
function slots(v: unknown, out: [Record<string, unknown> | unknown[], string | number][] = [], depth = 0) {
  if (depth > 10 || v === null || typeof v !== 'object') return out;
  if (Array.isArray(v)) v.forEach((x, i) => (out.push([v, i]), slots(x, out, depth + 1)));
  else for (const [k, x] of Object.entries(v)) out.push([v as Record<string, unknown>, k]), slots(x, out, depth + 1);
  return out;
}

function mutate(rng: Rng, values: Values, body: unknown): unknown {
  const all = slots(body);
  if (!all.length || rng.chance(0.15)) return values.odd();
  const [container, key] = rng.pick(all);
  const current = (container as Record<string | number, unknown>)[key];
  const r = rng.next();
  let next: unknown;
  if (r < 0.15 && current !== null && typeof current === 'object' && !Array.isArray(current)) next = [current]; // an array where an object belongs
  else if (r < 0.25 && Array.isArray(current)) next = Object.fromEntries(current.map((x, i) => [String(i), x])); // an object where an array belongs
  else next = values.odd();
  (container as Record<string | number, unknown>)[key] = next;
  return body;
}

/** Every string in a value replaced by one odd string (the same NUL or NFD text in every field at once). */
function everyString(v: unknown, s: string, depth = 0): unknown {
  if (typeof v === 'string') return s;
  if (depth > 10 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => everyString(x, s, depth + 1));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, everyString(x, s, depth + 1)]));
}

// ── requests ──

type Req = {
  op: Operation;
  role: Role;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** What the request carries, for a failure report. */
  shown: string;
};

function multipartBody(filename: string, content: Buffer, field = 'file', contentType = 'application/octet-stream') {
  const boundary = `----nhipfuzz${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

/** Percent-encoding; a lone surrogate (no UTF-8 form) goes as the invalid bytes %ED%A0%80, itself an odd value. */
const enc = (v: string) => v.split(/([\ud800-\udfff])/).map((x) => (/^[\ud800-\udfff]$/.test(x) ? '%ED%A0%80' : encodeURIComponent(x))).join('');

/** The columns a route's description names for a CSV upload ("Cột: code,name,type,…"). */
const csvColumns = (op: Operation) => /([A-Za-z]+(?:,[A-Za-z]+){2,})/.exec(op.description)?.[1]?.split(',') ?? ['code', 'name', 'value'];

class Planner {
  constructor(
    private readonly rng: Rng,
    private readonly values: Values,
  ) {}

  private url(op: Operation, role: Role, oddPath: boolean, query: Record<string, string | string[]>) {
    const pathParams = op.params.filter((p) => p.in === 'path').map((p) => p.name);
    const noun = op.path.split('/').filter((x) => x && !x.startsWith('{')).pop() ?? '';
    const real = this.values.pathTuple(pathParams, noun, role);
    let path = op.path;
    for (const p of pathParams) {
      const v = oddPath && (pathParams.length === 1 || this.rng.chance(0.6)) ? this.rng.pick(ODD_IDS) : enc(real[p] ?? '1');
      path = path.replace(`{${p}}`, v);
    }
    const qs = Object.entries(query)
      .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${enc(k)}=${enc(x)}`))
      .join('&');
    return qs ? `${path}?${qs}` : path;
  }

  private query(op: Operation, odd: boolean): Record<string, string | string[]> {
    const q: Record<string, string | string[]> = {};
    for (const p of op.params.filter((x) => x.in === 'query')) {
      if (!p.required && !this.rng.chance(odd ? 0.5 : 0.6)) continue;
      if (odd && this.rng.chance(0.5)) {
        const r = this.rng.next();
        q[p.name] = r < 0.7 ? this.values.oddString().slice(0, 20_000) : r < 0.85 ? String(this.rng.pick(ODD_NUMBERS)) : [this.values.oddString().slice(0, 50), 'b'];
      } else {
        const v = this.values.valid(p.schema, p.name);
        q[p.name] = Array.isArray(v) ? v.map(String) : v === null || v === undefined ? '' : String(v);
      }
    }
    if (odd && this.rng.chance(0.2)) q[this.rng.pick(['q', 'x', 'mã\u0000', 'page'])] = this.values.oddString().slice(0, 200);
    return q;
  }

  private req(op: Operation, role: Role, url: string, body?: { payload: string | Buffer; type: string; shown: string }): Req {
    const headers: Record<string, string> = {};
    if (role.cookie) headers.cookie = role.cookie;
    if (body) headers['content-type'] = body.type;
    return { op, role, method: op.method, url, headers, payload: body?.payload, shown: body ? body.shown : '' };
  }

  private json(v: unknown) {
    const text = JSON.stringify(v) ?? 'null';
    return { payload: text, type: 'application/json', shown: text.length > 400 ? `${text.slice(0, 400)}… (${text.length} ký tự)` : text };
  }

  /** The requests of one operation for one role: believable ones, odd ones, and odd paths. */
  plan(op: Operation, role: Role): Req[] {
    const out: Req[] = [];
    const n = Math.max(1, Math.round(SCALE * 6));
    const hasPath = op.params.some((p) => p.in === 'path');
    if (op.method === 'GET') {
      for (let i = 0; i < n; i++) out.push(this.req(op, role, this.url(op, role, false, this.query(op, false))));
      for (let i = 0; i < n; i++) out.push(this.req(op, role, this.url(op, role, false, this.query(op, true))));
      if (hasPath) for (let i = 0; i < Math.ceil(n / 2); i++) out.push(this.req(op, role, this.url(op, role, true, this.query(op, false))));
      out.push({ ...this.req(op, role, this.url(op, role, false, this.query(op, false))), method: 'HEAD' });
      return out;
    }
    const url = (odd = false) => this.url(op, role, odd && hasPath, this.query(op, odd && this.rng.chance(0.3)));
    if (op.body) {
      const valid = () => this.values.valid(op.body as Schema, 'body');
      for (let i = 0; i < n; i++) out.push(this.req(op, role, url(), this.json(valid())));
      for (let i = 0; i < n; i++) out.push(this.req(op, role, url(), this.json(mutate(this.rng, this.values, valid()))));
      for (const odd of [this.rng.pick(ODD_STRINGS.slice(0, 10)), this.values.oddString()]) out.push(this.req(op, role, url(), this.json(everyString(valid(), odd))));
    } else {
      out.push(this.req(op, role, url()));
      // No JSON body documented: a believable object, odd shapes, an upload and a CSV text, as a client might send.
      const record = {
        code: this.values.code(), name: this.values.text('name'), value: this.values.text('value'), period: this.values.text('period'),
        dataValues: [{ dataElement: this.values.code(), period: this.values.text('period'), orgUnit: this.values.code(), value: this.values.text('value'), comment: this.values.oddString().slice(0, 100) }],
      };
      out.push(this.req(op, role, url(), this.json(this.rng.chance(0.5) ? record : mutate(this.rng, this.values, record))));
      const cols = csvColumns(op);
      const cell = () => (this.rng.chance(0.3) ? this.values.oddString().slice(0, 300) : this.values.text(this.rng.pick(cols)));
      const csv = `${cols.join(',')}\r\n${Array.from({ length: 3 }, () => cols.map(() => JSON.stringify(cell())).join(',')).join('\r\n')}\r\n`;
      out.push(this.req(op, role, url(), { payload: csv, type: 'text/csv', shown: `text/csv ${csv.slice(0, 300)}` }));
      const name = this.rng.pick(['bao-cao.csv', 'tệp\u0001.csv', '../../etc/passwd', 'a'.repeat(300), 'tên\u0000.xlsx', 'Báo cáo quý.pdf'.normalize('NFD'), '']);
      const content = this.rng.pick([Buffer.from(csv), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('%PDF-1.4\n%%EOF'), Buffer.alloc(0), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0])]);
      const mp = multipartBody(name, content);
      out.push(this.req(op, role, url(), { payload: mp.payload, type: mp.type, shown: `multipart file "${name}" (${content.length} byte)` }));
    }
    const raw = this.rng.pick(RAW_BODIES);
    out.push(this.req(op, role, url(true), { payload: raw, type: 'application/json', shown: `raw JSON ${raw.slice(0, 80)}… (${raw.length} ký tự)` }));
    if (hasPath) out.push(this.req(op, role, url(true), op.body ? this.json(this.values.valid(op.body, 'body')) : undefined));
    return out;
  }
}

// ── the run ──

type Failure = { what: string; req: Req; status: number; body: string };
type Stats = { requests: number; byStatus: Map<number, number>; skipped: number; ms: number; relogins: number; overBudget: Set<string> };

const ROLES: Omit<Role, 'cookie' | 'unitId'>[] = [
  { name: 'admin', username: 'admin', password: TEST_ADMIN_PASSWORD },
  { name: 'office', username: 'vanphong', password: DEMO_PASSWORD },
  { name: 'reviewer', username: 'thamdinh', password: DEMO_PASSWORD },
  { name: 'director', username: 'giamdoc', password: DEMO_PASSWORD },
  { name: 'reporter', username: 'baocao', password: DEMO_PASSWORD },
  { name: 'unit_head', username: 'lanhdao', password: DEMO_PASSWORD },
  { name: 'viewer', username: 'khach', password: DEMO_PASSWORD },
  { name: 'anonymous', username: null, password: '' },
];

let s: TestServer;
let rng: Rng;
let values: Values;
let planner: Planner;
let ops: Operation[];
let roles: Role[];
let accounts: Map<string, Record<string, unknown>>;
const stats: Stats = { requests: 0, byStatus: new Map(), skipped: 0, ms: 0, relogins: 0, overBudget: new Set() };
let addressCounter = 0;

/** Signs a role in from an address of its own (sign-in is rate-limited per address); restores the account when a request changed it. */
async function signIn(role: Role): Promise<void> {
  if (!role.username) return;
  const attempt = () =>
    s.app.inject({
      method: 'POST', url: '/api/auth/login', remoteAddress: `10.77.${Math.floor(++addressCounter / 250) % 250}.${addressCounter % 250}`,
      payload: { username: role.username, password: role.password },
    });
  let r = await attempt();
  if (r.statusCode !== 200) {
    // A request of the mutating pass deactivated the account, reset its password or changed its role: put it back.
    const a = accounts.get(role.username) as Record<string, unknown>;
    await s.db.query(
      `UPDATE users SET password_hash = $2, role = $3, org_unit_id = $4, active = true, failed_attempts = 0, locked_until = NULL, must_change_password = false WHERE id = $1`,
      [a.id, a.password_hash, a.role, a.org_unit_id],
    );
    r = await attempt();
  }
  if (r.statusCode !== 200) throw new Error(`fuzz: cannot sign ${role.username} in again: ${r.statusCode} ${r.body}`);
  const c = r.cookies.find((k) => k.name === 'nhip_sid');
  role.cookie = `nhip_sid=${c?.value}`;
  stats.relogins++;
}

function check(req: Req, res: LightMyRequestResponse, failures: Failure[]) {
  const fail = (what: string) => failures.push({ what, req, status: res.statusCode, body: res.body.slice(0, 600) });
  if (res.statusCode >= 500) return fail('trả lời ≥ 500');
  if (res.statusCode < 400 || req.method === 'HEAD') return;
  if (!/application\/json/.test(String(res.headers['content-type'] ?? ''))) return fail('lỗi 4xx không ở dạng JSON');
  let body: { error?: unknown; message?: unknown };
  try {
    body = res.json();
  } catch {
    return fail('lỗi 4xx có nội dung JSON hỏng');
  }
  if (typeof body.message !== 'string' || !VI.test(body.message)) fail('lỗi 4xx không có "message" tiếng Việt');
  // The error handler's safety net answered: PostgreSQL met a character the text boundary should have refused.
  if (body.error === 'unsaved_text') fail('ký tự điều khiển lọt qua ranh giới văn bản, đến tận PostgreSQL');
}

async function pass(methods: string[], failures: Failure[]): Promise<void> {
  const queue: Req[] = [];
  for (const op of ops.filter((o) => methods.includes(o.method))) for (const role of roles) queue.push(...planner.plan(op, role));
  rng.shuffle(queue);
  const spent = new Map<string, number>();
  for (const req of queue) {
    const key = `${req.op.method} ${req.op.path}`;
    if ((spent.get(key) ?? 0) > OP_BUDGET_MS) {
      stats.skipped++;
      stats.overBudget.add(key);
      continue;
    }
    const headers = { ...req.headers, ...(req.role.cookie ? { cookie: req.role.cookie } : {}) };
    const t0 = performance.now();
    const res = await s.app.inject({ method: req.method as 'GET', url: req.url, headers, payload: req.payload });
    const ms = performance.now() - t0;
    spent.set(key, (spent.get(key) ?? 0) + ms);
    stats.requests++;
    stats.ms += ms;
    stats.byStatus.set(res.statusCode, (stats.byStatus.get(res.statusCode) ?? 0) + 1);
    check({ ...req, headers }, res, failures);
    // A request ended the role's session (signing out, a password change, a deactivated account): sign in again.
    if (res.statusCode === 401 && req.role.cookie) {
      const me = await s.app.inject({ url: '/api/me', headers: { cookie: req.role.cookie } });
      if (me.statusCode === 401) await signIn(req.role);
    }
  }
}

function report(failures: Failure[]): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const f of failures) {
    const key = `${f.what} ${f.req.method} ${f.req.op.path} ${f.status}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(
      `• ${f.what}: ${f.req.method} ${f.req.url.slice(0, 300)} — vai trò ${f.req.role.name} — ${f.status}\n` +
        `  gửi: ${f.req.headers['content-type'] ?? ''} ${f.req.shown}\n  nhận: ${f.body}`,
    );
  }
  return `${failures.length} lỗi (${lines.length} loại), FUZZ_SEED=${SEED}\n${lines.join('\n')}`;
}

beforeAll(async () => {
  console.log(`fuzz: FUZZ_SEED=${SEED} (đặt FUZZ_SEED=${SEED} để chạy lại đúng lượt này)`);
  rng = new Rng(SEED);
  s = await demoTestServer({ today: TODAY });
  const doc = (await s.app.inject({ url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, { parameters?: Param[]; requestBody?: { content?: Record<string, { schema?: Schema }> }; description?: string; summary?: string }>>;
    components?: { schemas?: Record<string, Schema> };
  };
  const resolve = (sc: Schema | undefined): Schema | undefined =>
    sc?.$ref ? resolve(doc.components?.schemas?.[sc.$ref.replace('#/components/schemas/', '')]) : sc;
  ops = [];
  for (const [path, item] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(item))
      ops.push({
        method: method.toUpperCase(), path, params: (op.parameters ?? []).map((p) => ({ ...p, schema: resolve(p.schema) })),
        body: resolve(op.requestBody?.content?.['application/json']?.schema) ?? null, description: `${op.summary ?? ''} ${op.description ?? ''}`,
      });
  const pools = await loadPools(s);
  values = new Values(rng, pools);
  planner = new Planner(rng, values);
  const users = await s.db.query<Record<string, unknown>>(`SELECT id, username, password_hash, role, org_unit_id FROM users`);
  accounts = new Map(users.map((u) => [u.username as string, u]));
  roles = ROLES.map((r) => ({ ...r, cookie: null, unitId: r.username ? ((accounts.get(r.username)?.org_unit_id as number | null) ?? null) : null }));
  for (const r of roles) await signIn(r);
  stats.relogins = 0;
}, 120_000);
afterAll(() => s?.close());

describe('fuzz over every operation of the OpenAPI document', () => {
  it('finds the operations and signs every role in', () => {
    expect(ops.length).toBeGreaterThan(50);
    expect(roles.filter((r) => r.cookie).length).toBe(ROLES.length - 1);
  });

  it('reads (GET, HEAD): no answer ≥ 500, Vietnamese 4xx messages, and no data table changes', async () => {
    // Reads that legitimately write: `sessions` keeps each session's last-seen time (the idle timeout needs it).
    const exclude = ['sessions'];
    const before = await tableChecksums(s.db, { exclude });
    const failures: Failure[] = [];
    const t0 = performance.now();
    await pass(['GET'], failures);
    const after = await tableChecksums(s.db, { exclude });
    console.log(`fuzz, lượt đọc: ${summary(performance.now() - t0)}`);
    expect(failures.length, report(failures)).toBe(0);
    expect(checksumDiff(before, after), 'bảng dữ liệu đổi sau lượt chỉ đọc').toEqual([]);
  }, 300_000);

  it('writes (POST, PUT, PATCH, DELETE): no answer ≥ 500, Vietnamese 4xx messages, and a healthy server afterwards', async () => {
    const failures: Failure[] = [];
    const t0 = performance.now();
    const before = stats.requests;
    await pass(['POST', 'PUT', 'PATCH', 'DELETE'], failures);
    console.log(`fuzz, lượt ghi: ${summary(performance.now() - t0, before)}`);
    expect(failures.length, report(failures)).toBe(0);
    const health = await s.app.inject({ url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json().status).toBe('ok');
    for (const r of roles.filter((x) => x.username)) {
      if ((await s.app.inject({ url: '/api/me', headers: { cookie: r.cookie ?? '' } })).statusCode !== 200) await signIn(r);
      expect((await s.app.inject({ url: '/api/me', headers: { cookie: r.cookie ?? '' } })).statusCode).toBe(200);
    }
  }, 300_000);
});

function summary(ms: number, from = 0): string {
  const statuses = [...stats.byStatus.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}×${v}`).join(' ');
  return (
    `${ops.length} thao tác, ${roles.length} vai trò, ${stats.requests - from} yêu cầu (tổng ${stats.requests}), ${stats.skipped} bỏ qua vì hết thời gian của thao tác, ` +
    `${stats.relogins} lần đăng nhập lại, ${(ms / 1000).toFixed(1)} s; mã trả lời (cộng dồn): ${statuses}; FUZZ_SEED=${SEED}` +
    (stats.overBudget.size ? `\n  hết thời gian: ${[...stats.overBudget].join(', ')}` : '')
  );
}
