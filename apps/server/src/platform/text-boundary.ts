/**
 * The text boundary: every string that enters Nhịp through HTTP passes one check (checkText in
 * @nhip/contracts) before any route sees it — JSON bodies (keys included), query strings, path parameters,
 * the headers the server reads, Nhịp's own cookie, and multipart field names, values and file names. A
 * control character answers 400 with a Vietnamese message naming the field; the string is brought to
 * Unicode NFC otherwise.
 *
 * Tab, line feed and carriage return are refused except in multi-line fields. A route declares them where
 * it declares the field: its body schema uses `multilineText()` from @nhip/contracts for that string. A
 * route that reads and validates its JSON body itself (no `schema.body`) names the schema it validates
 * with in `config.textBody`, so the boundary knows its multi-line fields too.
 *
 * Bodies that are files (text/csv, a data value set streamed to its import, multipart file contents) are
 * checked by their readers, cell by cell, with the same checkText, so the message can name the row and
 * the column.
 */
import { checkText, isMultilineText, printableName } from '@nhip/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The schema a route validates its JSON body with when it has no `schema.body` (for its multi-line fields). */
    textBody?: z.ZodType;
  }
}

/** Deepest JSON nesting accepted; Nhịp's deepest request (a metadata file) needs 7 levels. */
export const MAX_JSON_DEPTH = 64;

/** Headers the server reads (authentication, cross-site check, proxy address, sign-in record, body type). */
const HEADERS = ['authorization', 'origin', 'sec-fetch-site', 'host', 'user-agent', 'content-type', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto'];

export class TextRefused extends AppError {
  constructor(subject: string, reason: string, field: string, codePoint: string) {
    super(400, 'invalid_text', `${subject} ${reason}.`, { field, codePoint });
  }
}

/** The checked NFC text, or a TextRefused naming `subject` ('Trường "name"'). */
export function boundaryText(s: string, subject: string, field: string, multiline = false): string {
  // Printable ASCII is already NFC and holds no control character: the common case costs one regex test.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is the point
  if (!/[^\u0020-\u007e]/.test(s)) return s;
  const r = checkText(s, { multiline });
  if (!r.ok) throw new TextRefused(subject, r.reason, field, `U+${r.problem.codePoint.toString(16).toUpperCase().padStart(4, '0')}`);
  return r.text;
}

// ── which fields of a body are multi-line, read from the route's zod schema ──

type Node = { multiline: boolean; keys: Map<string, Node>; each: Node | null };
const node = (): Node => ({ multiline: false, keys: new Map(), each: null });

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  getter?: () => z.ZodType;
};

function collect(schema: z.ZodType | undefined, into: Node, depth: number): void {
  if (!schema || depth > 40) return;
  const def = (schema as unknown as { _zod?: { def?: Def } })._zod?.def;
  if (!def) return;
  if (isMultilineText(schema)) into.multiline = true;
  const key = (k: string) => {
    let n = into.keys.get(k);
    if (!n) into.keys.set(k, (n = node()));
    return n;
  };
  const each = () => (into.each ??= node());
  switch (def.type) {
    case 'object':
      for (const [k, v] of Object.entries(def.shape ?? {})) collect(v, key(k), depth + 1);
      if (def.catchall) collect(def.catchall, each(), depth + 1);
      return;
    case 'array':
      return collect(def.element, each(), depth + 1);
    case 'record':
      return collect(def.valueType, each(), depth + 1);
    case 'tuple':
      (def.items ?? []).forEach((item, i) => collect(item, key(String(i)), depth + 1));
      if (def.rest) collect(def.rest, each(), depth + 1);
      return;
    case 'union':
      for (const o of def.options ?? []) collect(o, into, depth + 1);
      return;
    case 'intersection':
      collect(def.left, into, depth + 1);
      return collect(def.right, into, depth + 1);
    case 'pipe':
      collect(def.in, into, depth + 1);
      return collect(def.out, into, depth + 1);
    case 'lazy':
      return collect(def.getter?.(), into, depth + 1);
    default:
      // optional, nullable, default, prefault, catch, readonly, nonoptional, …: the wrapped schema
      if (def.innerType) collect(def.innerType, into, depth + 1);
  }
}

const specs = new WeakMap<object, Node>();
/** The multi-line fields of a body schema, as a tree walked alongside the body. */
export function multilineFields(schema: z.ZodType | undefined): Node | null {
  if (!schema || typeof schema !== 'object') return null;
  let spec = specs.get(schema);
  if (!spec) {
    spec = node();
    collect(schema, spec, 0);
    specs.set(schema, spec);
  }
  return spec;
}

// ── the JSON body ──

const isPlain = (v: object) => {
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
};
const tooDeep = () =>
  new AppError(400, 'too_deep', `Dữ liệu gửi lên lồng nhau quá sâu (tối đa ${MAX_JSON_DEPTH} cấp đối tượng, danh sách).`);

/** Checks and NFC-normalises every string and key of a parsed JSON value, in place; returns the value. */
export function checkJson(value: unknown, spec: Node | null, path: string[] = [], depth = 0): unknown {
  if (typeof value === 'string') {
    const field = path.join('.');
    const subject = field ? `Trường "${printableName(field)}"` : 'Nội dung gửi lên';
    return boundaryText(value, subject, field, spec?.multiline ?? false);
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_JSON_DEPTH) throw tooDeep();
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (typeof v !== 'string' && (v === null || typeof v !== 'object')) continue;
      const checked = checkJson(v, spec?.each ?? spec?.keys.get(String(i)) ?? null, [...path, String(i)], depth + 1);
      if (checked !== v) value[i] = checked;
    }
    return value;
  }
  if (!isPlain(value)) return value;
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const field = [...path, k].join('.');
    const key = boundaryText(k, `Tên trường "${printableName(field)}"`, field);
    const child = spec?.keys.get(key) ?? spec?.each ?? null;
    const v = o[k];
    const checked = typeof v === 'string' || (v !== null && typeof v === 'object') ? checkJson(v, child, [...path, key], depth + 1) : v;
    if (key !== k) {
      delete o[k];
      o[key] = checked;
    } else if (checked !== v) o[k] = checked;
  }
  return o;
}

// ── query, path parameters, headers, cookie, multipart ──

function checkRecord(rec: Record<string, unknown> | undefined, subject: (name: string) => string) {
  if (!rec || typeof rec !== 'object') return;
  for (const k of Object.keys(rec)) {
    const name = boundaryText(k, subject(printableName(k)), k);
    const v = rec[k];
    const checked = typeof v === 'string' ? boundaryText(v, subject(printableName(name)), name) : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? boundaryText(x, subject(printableName(name)), name) : x)) : v;
    if (name !== k) delete rec[k];
    if (name !== k || checked !== v) rec[name] = checked;
  }
}

type Part = { type: 'file' | 'field'; fieldname: string; filename?: string; value?: unknown; file?: { resume(): void }; fields?: Record<string, unknown> };

function checkPart(part: Part | undefined) {
  if (!part) return part;
  try {
    const field = boundaryText(part.fieldname ?? '', `Tên trường "${printableName(part.fieldname ?? '')}" của biểu mẫu tải lên`, part.fieldname ?? '');
    part.fieldname = field;
    if (part.type === 'file') {
      if (typeof part.filename === 'string')
        part.filename = boundaryText(part.filename, `Tên tệp "${printableName(part.filename)}" (trường "${field}")`, `${field}.filename`);
    } else if (typeof part.value === 'string') part.value = boundaryText(part.value, `Trường "${field}" của biểu mẫu tải lên`, field);
    // Fields sent before this part, which a route may read from part.fields.
    for (const f of Object.values(part.fields ?? {}).flat() as Part[])
      if (f && f !== part && f.type === 'field' && typeof f.value === 'string')
        f.value = boundaryText(f.value, `Trường "${printableName(f.fieldname)}" của biểu mẫu tải lên`, f.fieldname);
  } catch (err) {
    part.file?.resume(); // the refused file is read to its end, so the request completes
    throw err;
  }
  return part;
}

type Multipart = {
  file: (...a: unknown[]) => Promise<Part | undefined>;
  files: (...a: unknown[]) => AsyncIterableIterator<Part>;
  parts: (...a: unknown[]) => AsyncIterableIterator<Part>;
};

/** Every part a route takes from a multipart request (req.file, req.files, req.parts) passes the check first. */
function guardMultipart(req: FastifyRequest) {
  const r = req as unknown as Multipart;
  const { file, files, parts } = r;
  r.file = async (...a) => checkPart(await file.apply(req, a));
  const iterate = (source: (...a: unknown[]) => AsyncIterableIterator<Part>) =>
    async function* (...a: unknown[]) {
      for await (const p of source.apply(req, a)) yield checkPart(p) as Part;
    };
  r.files = iterate(files);
  r.parts = iterate(parts);
}

/**
 * Registers the boundary on the app: headers, Nhịp's cookie, path parameters and the query string when a
 * request arrives (before authentication reads them), the JSON body once it is parsed (before validation),
 * and the parts of a multipart body as the route takes them.
 * Register it after @fastify/cookie and @fastify/multipart, and before the authentication hook. Of the
 * cookies only Nhịp's own (`cookies`) are checked: a browser also sends other applications' cookies for
 * the same host, and those are not Nhịp's to refuse.
 */
export function registerTextBoundary(app: FastifyInstance, opts: { cookies: string[] }) {
  app.addHook('onRequest', async (req) => {
    for (const h of HEADERS) {
      const v = req.headers[h];
      if (typeof v === 'string') boundaryText(v, `Tiêu đề HTTP "${h}"`, h);
      else if (Array.isArray(v)) for (const x of v) boundaryText(x, `Tiêu đề HTTP "${h}"`, h);
    }
    for (const c of opts.cookies) {
      const v = req.cookies?.[c];
      if (typeof v === 'string') boundaryText(v, `Cookie "${c}"`, c);
    }
    checkRecord(req.params as Record<string, unknown>, (n) => `Tham số "${n}" trong đường dẫn`);
    checkRecord(req.query as Record<string, unknown>, (n) => `Tham số "${n}"`);
  });

  app.addHook('preValidation', async (req) => {
    // Known only once the body's content type has been read.
    if ((req as { isMultipart?: () => boolean }).isMultipart?.()) guardMultipart(req);
    const body = req.body;
    if (body === null || body === undefined) return;
    if (typeof body === 'string') {
      // A JSON string body is text like any other; a text/csv or text/plain body is a file, read by its route.
      if (/^application\/(?:[\w.+-]*\+)?json\b/i.test(req.headers['content-type'] ?? '')) req.body = checkJson(body, null);
      return;
    }
    if (typeof body !== 'object' || !(Array.isArray(body) || isPlain(body))) return; // a stream or a buffer: a file
    const spec = multilineFields(req.routeOptions.config?.textBody ?? (req.routeOptions.schema?.body as z.ZodType | undefined));
    checkJson(body, spec);
  });
}
