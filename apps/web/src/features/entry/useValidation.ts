/**
 * Live validation with the same `validateReport` the server runs. It runs in a deferred pass after typing
 * pauses (idle callback, at most ~250 ms late), never per keystroke per field; each field receives the same
 * array object while its issues are unchanged, so memoised rows do not re-render.
 */
import { type Issue, validateReport } from '@nhip/contracts';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EntryStore } from './store';
import type { Entry, EntryElement } from './types';

export type IssueIndex = { byCode: Map<string, Issue[]>; general: Issue[]; all: Issue[] };

const EMPTY: Issue[] = [];
const sig = (list: Issue[]) => list.map((i) => `${i.kind}|${i.importance}|${i.ruleCode ?? ''}|${i.commented}|${i.message}`).join('\n');

type IdleWindow = Window & { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number; cancelIdleCallback?: (h: number) => void };

export function useValidation(store: EntryStore, entry: Entry, elements: EntryElement[], serverErrors: Record<string, string>): IssueIndex {
  const [issues, setIssues] = useState<Issue[]>(() =>
    validateReport({ elements, rules: entry.rules, values: store.entered(), history: entry.history }),
  );

  useEffect(() => {
    let handle: number | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const w = window as IdleWindow;
    const run = () => {
      handle = null;
      setIssues(validateReport({ elements, rules: entry.rules, values: store.entered(), history: entry.history }));
    };
    const unsubscribe = store.subscribe(() => {
      if (timer) clearTimeout(timer);
      // Wait for a short pause in typing, then validate when the browser is idle.
      timer = setTimeout(() => {
        if (w.requestIdleCallback) {
          if (handle !== null) w.cancelIdleCallback?.(handle);
          handle = w.requestIdleCallback(run, { timeout: 250 });
        } else run();
      }, 120);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
      if (handle !== null) w.cancelIdleCallback?.(handle);
    };
  }, [store, entry, elements]);

  const prev = useRef<Map<string, Issue[]>>(new Map());
  return useMemo(() => {
    const codes = new Set(elements.map((e) => e.code));
    const grouped = new Map<string, Issue[]>();
    const general: Issue[] = [];
    const add = (code: string, i: Issue) => {
      const list = grouped.get(code);
      if (list) list.push(i);
      else grouped.set(code, [i]);
    };
    for (const i of issues) {
      if (i.dataElementCode && codes.has(i.dataElementCode)) add(i.dataElementCode, i);
      else general.push(i);
    }
    for (const i of serverIssues(serverErrors, codes, grouped)) add(i.dataElementCode as string, i);
    const stable = new Map<string, Issue[]>();
    for (const [code, list] of grouped) {
      const old = prev.current.get(code);
      stable.set(code, old && sig(old) === sig(list) ? old : list);
    }
    prev.current = stable;
    return { byCode: stable, general, all: [...[...stable.values()].flat(), ...general] };
  }, [issues, serverErrors, elements]);
}

/** What the server refused to store, unless the live check already says so. */
function serverIssues(serverErrors: Record<string, string>, codes: Set<string>, grouped: Map<string, Issue[]>): Issue[] {
  const out: Issue[] = [];
  for (const [code, message] of Object.entries(serverErrors)) {
    if (!codes.has(code) || grouped.get(code)?.some((i) => i.kind === 'type')) continue;
    out.push({ kind: 'type', importance: 'error', dataElementCode: code, message, commented: false });
  }
  return out;
}

/** The issues of the form as it stands now, computed on demand (submission, review summary). */
export function currentIssues(store: EntryStore, entry: Entry, elements: EntryElement[], serverErrors: Record<string, string>): Issue[] {
  const issues = validateReport({ elements, rules: entry.rules, values: store.entered(), history: entry.history });
  const grouped = new Map<string, Issue[]>();
  for (const i of issues) if (i.dataElementCode) grouped.set(i.dataElementCode, [...(grouped.get(i.dataElementCode) ?? []), i]);
  return [...issues, ...serverIssues(serverErrors, new Set(elements.map((e) => e.code)), grouped)];
}

export function issuesFor(index: IssueIndex, code: string): Issue[] {
  return index.byCode.get(code) ?? EMPTY;
}
