/** Table column sorters: Vietnamese order for text and people, numbers and dates with empty values last. */
import { compareVi } from '@nhip/contracts';

/** Column sorter in Vietnamese order (Đ after D, tones after letters); empty values last. */
export function viSorter<T>(get: (row: T) => string | null | undefined) {
  return (a: T, b: T) => {
    const x = get(a) ?? '';
    const y = get(b) ?? '';
    if (!x && y) return 1;
    if (x && !y) return -1;
    return compareVi(x, y);
  };
}

/**
 * People sorted the Vietnamese way: by given name (the last word), then by the whole name —
 * "Nguyễn Văn An" before "Trần Thị Bình".
 */
export function personSorter<T>(get: (row: T) => string | null | undefined) {
  const key = (name: string) => {
    const words = name.trim().split(/\s+/);
    const given = words.pop() ?? '';
    return { given, rest: words.join(' ') };
  };
  return (a: T, b: T) => {
    const x = key(get(a) ?? '');
    const y = key(get(b) ?? '');
    return compareVi(x.given, y.given) || compareVi(x.rest, y.rest);
  };
}

/** Numeric column sorter; null last. */
export function numSorter<T>(get: (row: T) => number | null | undefined) {
  return (a: T, b: T) => {
    const x = get(a);
    const y = get(b);
    if (x == null && y == null) return 0;
    if (x == null) return 1;
    if (y == null) return -1;
    return x - y;
  };
}

/** Sorter for ISO dates/timestamps as strings or Dates. */
export function dateSorter<T>(get: (row: T) => string | Date | null | undefined) {
  return (a: T, b: T) => {
    const x = get(a);
    const y = get(b);
    const tx = x ? new Date(x).getTime() : Number.NEGATIVE_INFINITY;
    const ty = y ? new Date(y).getTime() : Number.NEGATIVE_INFINITY;
    return tx - ty;
  };
}
