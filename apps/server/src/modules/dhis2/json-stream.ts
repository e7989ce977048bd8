/**
 * A streaming parser for DHIS2 data value sets in JSON: `{"dataSet":…, "period":…, "orgUnit":…,
 * "dataValues":[{…}, …]}`. It reads the body piece by piece and hands each element of the top-level
 * `dataValues` array to `onRow` as soon as it is complete, so a 100 MB body never sits in memory as
 * one object tree. Top-level scalars go to `onTop`; other top-level containers are skipped.
 * Strict JSON (RFC 8259): no trailing commas, no comments, no single quotes.
 */

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    public readonly position: number,
  ) {
    super(message);
  }
}

enum S {
  Value,
  ValueOrEnd,
  KeyOrEnd,
  Key,
  Colon,
  After,
  Str,
  Num,
  Lit,
  Done,
}

enum Role {
  Root,
  Rows,
  Row,
  Nested,
  Skip,
}

type Frame = { obj: boolean; role: Role; target: Record<string, unknown> | unknown[] | null; key: string | null };

const NUMBER_RE = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export class DataValueSetJsonParser {
  private stack: Frame[] = [];
  private state: S = S.Value;
  /** Text of the token being read (string content, number or literal). */
  private tok = '';
  private strIsKey = false;
  /** Pending escape sequence inside a string ('\\' or '\\uXXX' split across pieces). */
  private esc = '';
  private offset = 0;
  /** True once any non-whitespace character has been read. */
  sawContent = false;
  /** True once the top-level `dataValues` array has been read completely. */
  sawDataValues = false;

  constructor(
    private readonly onRow: (row: unknown) => void,
    private readonly onTop: (key: string, value: unknown) => void,
  ) {}

  private fail(msg: string, i: number): never {
    throw new JsonSyntaxError(msg, this.offset + i);
  }

  write(chunk: string): void {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      const state = this.state;
      if (state === S.Str) {
        i = this.readString(chunk, i);
        continue;
      }
      if (state === S.Num || state === S.Lit) {
        let j = i;
        if (state === S.Num) {
          for (; j < n; j++) {
            const c = chunk.charCodeAt(j);
            if (!((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69)) break;
          }
        } else {
          for (; j < n; j++) {
            const c = chunk.charCodeAt(j);
            if (c < 97 || c > 122) break;
          }
        }
        this.tok += chunk.slice(i, j);
        i = j;
        if (j < n) this.finishScalarToken(i);
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        i++;
        continue;
      }
      this.sawContent = true;
      switch (state) {
        case S.Value:
        case S.ValueOrEnd:
          if (c === 93 /* ] */ && state === S.ValueOrEnd) {
            this.close(false, i);
          } else this.startValue(c, i);
          i++;
          break;
        case S.KeyOrEnd:
        case S.Key:
          if (c === 34) {
            this.state = S.Str;
            this.strIsKey = true;
            this.tok = '';
          } else if (c === 125 /* } */ && state === S.KeyOrEnd) {
            this.close(true, i);
          } else this.fail('cần tên trường trong dấu ngoặc kép', i);
          i++;
          break;
        case S.Colon:
          if (c !== 58) this.fail("thiếu dấu ':' sau tên trường", i);
          this.state = S.Value;
          i++;
          break;
        case S.After: {
          const top = this.stack[this.stack.length - 1];
          if (c === 44 /* , */) this.state = top.obj ? S.Key : S.Value;
          else if (c === 125 && top.obj) this.close(true, i);
          else if (c === 93 && !top.obj) this.close(false, i);
          else this.fail(top.obj ? "cần dấu ',' hoặc '}'" : "cần dấu ',' hoặc ']'", i);
          i++;
          break;
        }
        case S.Done:
          this.fail('có dữ liệu thừa sau khi kết thúc JSON', i);
      }
    }
    this.offset += n;
  }

  /** Call after the last piece; throws when the document is incomplete. */
  end(): void {
    if (this.state === S.Num || this.state === S.Lit) this.finishScalarToken(0);
    if (this.state === S.Done) return;
    if (!this.sawContent) return; // empty body: the caller decides
    throw new JsonSyntaxError('JSON kết thúc đột ngột (thiếu dấu đóng ngoặc hoặc dữ liệu bị cắt)', this.offset);
  }

  get complete(): boolean {
    return this.state === S.Done;
  }

  private startValue(c: number, i: number) {
    if (c === 123 /* { */) this.open(true, i);
    else if (c === 91 /* [ */) this.open(false, i);
    else if (c === 34) {
      this.state = S.Str;
      this.strIsKey = false;
      this.tok = '';
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      this.state = S.Num;
      this.tok = String.fromCharCode(c);
    } else if (c === 116 || c === 102 || c === 110) {
      this.state = S.Lit;
      this.tok = String.fromCharCode(c);
    } else this.fail(`ký tự không hợp lệ '${String.fromCharCode(c)}'`, i);
    if (this.stack.length === 0 && c !== 123) this.fail('nội dung JSON phải là một đối tượng {…} có trường "dataValues"', i);
  }

  private finishScalarToken(i: number) {
    const t = this.tok;
    let v: unknown;
    if (this.state === S.Num) {
      if (!NUMBER_RE.test(t)) this.fail(`số không hợp lệ '${t.slice(0, 20)}'`, i);
      v = Number(t);
    } else if (t === 'true') v = true;
    else if (t === 'false') v = false;
    else if (t === 'null') v = null;
    else this.fail(`giá trị không hợp lệ '${t.slice(0, 20)}'`, i);
    this.tok = '';
    this.scalar(v);
  }

  private readString(chunk: string, i: number): number {
    const n = chunk.length;
    let j = i;
    if (this.esc) {
      // finish an escape split across pieces
      while (j < n && !this.escapeComplete()) this.esc += chunk[j++];
      if (!this.escapeComplete()) return j;
      this.tok += this.decodeEscape(j);
      this.esc = '';
    }
    let start = j;
    for (; j < n; j++) {
      const c = chunk.charCodeAt(j);
      if (c === 34) {
        this.tok += chunk.slice(start, j);
        const s = this.tok;
        this.tok = '';
        if (this.strIsKey) {
          this.stack[this.stack.length - 1].key = s;
          this.state = S.Colon;
        } else this.scalar(s);
        return j + 1;
      }
      if (c === 92) {
        this.tok += chunk.slice(start, j);
        this.esc = '\\';
        j++;
        while (j < n && !this.escapeComplete()) this.esc += chunk[j++];
        if (!this.escapeComplete()) return j;
        this.tok += this.decodeEscape(j);
        this.esc = '';
        start = j;
        j--;
        continue;
      }
      if (c < 0x20) this.fail('ký tự điều khiển trong chuỗi (xuống dòng phải viết là \\n)', j);
    }
    this.tok += chunk.slice(start, n);
    return n;
  }

  private escapeComplete(): boolean {
    const e = this.esc;
    if (e.length < 2) return false;
    return e[1] !== 'u' || e.length >= 6;
  }

  private decodeEscape(i: number): string {
    const e = this.esc;
    if (e[1] === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(e.slice(2))) this.fail(`mã thoát '\\u' không hợp lệ`, i);
      return String.fromCharCode(Number.parseInt(e.slice(2), 16));
    }
    const d = ESCAPES[e[1]];
    if (d === undefined) this.fail(`mã thoát '\\${e[1]}' không hợp lệ`, i);
    return d;
  }

  private open(obj: boolean, i: number) {
    const parent = this.stack[this.stack.length - 1];
    let role: Role;
    if (!parent) {
      if (!obj) this.fail('nội dung JSON phải là một đối tượng {…} có trường "dataValues"', i);
      role = Role.Root;
    } else if (parent.role === Role.Root) role = parent.key === 'dataValues' && !obj ? Role.Rows : Role.Skip;
    else if (parent.role === Role.Rows) role = obj ? Role.Row : Role.Nested;
    else if (parent.role === Role.Skip) role = Role.Skip;
    else role = Role.Nested;
    const target = role === Role.Row || role === Role.Nested ? (obj ? (Object.create(null) as Record<string, unknown>) : []) : null;
    this.stack.push({ obj, role, target, key: null });
    this.state = obj ? S.KeyOrEnd : S.ValueOrEnd;
  }

  private close(obj: boolean, i: number) {
    const f = this.stack.pop();
    if (!f || f.obj !== obj) this.fail('dấu đóng ngoặc không khớp', i);
    if (this.stack.length === 0) {
      this.state = S.Done;
      return;
    }
    const parent = this.stack[this.stack.length - 1];
    if (parent.role === Role.Root) {
      if (f.role === Role.Rows) this.sawDataValues = true;
      parent.key = null;
      this.state = S.After;
    } else this.scalar(f.target);
  }

  /** A complete value (scalar or finished nested container) for the frame on top. */
  private scalar(v: unknown) {
    const top = this.stack[this.stack.length - 1];
    this.state = S.After;
    switch (top.role) {
      case Role.Root:
        if (top.key !== null) this.onTop(top.key, v);
        top.key = null;
        return;
      case Role.Rows:
        this.onRow(v);
        return;
      case Role.Skip:
        top.key = null;
        return;
      default:
        if (top.obj) {
          (top.target as Record<string, unknown>)[top.key as string] = v;
          top.key = null;
        } else (top.target as unknown[]).push(v);
    }
  }
}
