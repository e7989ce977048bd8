/** Field-by-field comparison of an audit event's before and after (pure, no React). */

type Flat = Map<string, unknown>;

/** Nested objects become dotted paths (`address.street`, `items[2].code`); leaves keep their value. */
export function flatten(value: unknown, prefix = '', out: Flat = new Map()): Flat {
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v] as const) : Object.entries(value as Record<string, unknown>);
    const primitiveArray = Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object');
    if (entries.length === 0 || primitiveArray) {
      out.set(prefix || '(giá trị)', value);
      return out;
    }
    for (const [k, v] of entries) flatten(v, Array.isArray(value) ? `${prefix}${k}` : prefix ? `${prefix}.${k}` : k, out);
    return out;
  }
  out.set(prefix || '(giá trị)', value);
  return out;
}

export function show(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return '∅';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

export type DiffRow = { key: string; before: unknown; after: unknown; status: 'same' | 'changed' | 'added' | 'removed' };

export function diffRows(before: unknown, after: unknown): DiffRow[] {
  const b = before == null ? new Map<string, unknown>() : flatten(before);
  const a = after == null ? new Map<string, unknown>() : flatten(after);
  const keys = [...b.keys(), ...[...a.keys()].filter((k) => !b.has(k))];
  return keys.map((key) => {
    const inB = b.has(key);
    const inA = a.has(key);
    const bv = b.get(key);
    const av = a.get(key);
    const status = inB && inA ? (JSON.stringify(bv) === JSON.stringify(av) ? 'same' : 'changed') : inA ? 'added' : 'removed';
    return { key, before: bv, after: av, status };
  });
}
