/**
 * Autosave: ~1.5 s after the last edit, PUT the changed values with the version the form was loaded at.
 * Network and server failures keep the local edits and retry with back-off; a stale version (409) stops
 * saving and asks the person what to do; a rejected value (400/422) is shown beside its field.
 */
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { api, ApiError } from '../../lib/api';
import type { EntryStore } from './store';
import type { SaveResponse } from './types';

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; message: string; network: boolean }
  | { kind: 'rejected'; message: string }
  | { kind: 'conflict'; message: string };

const DEBOUNCE_MS = 1500;

/** Field messages from an error's details, whatever shape the server chose. */
export function fieldErrorsFrom(details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!details || typeof details !== 'object') return out;
  const d = details as Record<string, unknown>;
  const lists = [d.errors, d.issues, d.values].filter(Array.isArray) as unknown[][];
  for (const list of lists)
    for (const item of list) {
      if (!item || typeof item !== 'object') continue;
      const it = item as Record<string, unknown>;
      const code = (it.code ?? it.dataElementCode) as string | undefined;
      const importance = it.importance as string | undefined;
      if (typeof code === 'string' && typeof it.message === 'string' && importance !== 'warning') out[code] = it.message;
    }
  return out;
}

type Options = {
  store: EntryStore;
  url: string;
  enabled: boolean;
  onSaved: (r: SaveResponse) => void;
  onFieldErrors: (errors: Record<string, string>) => void;
};

/**
 * The save status lives outside React state so that a keystroke (→ 'pending') or a save round trip
 * re-renders only the components that show it, never the whole form.
 */
export class StatusBox {
  private value: SaveStatus = { kind: 'idle' };
  private readonly listeners = new Set<() => void>();
  get = () => this.value;
  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  set(next: SaveStatus) {
    if (next.kind === this.value.kind && (next.kind === 'pending' || next.kind === 'saving' || next.kind === 'idle')) return;
    this.value = next;
    for (const fn of this.listeners) fn();
  }
}

export function useSaveStatus(box: StatusBox): SaveStatus {
  return useSyncExternalStore(box.subscribe, box.get);
}

export function useAutosave({ store, url, enabled, onSaved, onFieldErrors }: Options) {
  const box = useRef<StatusBox>(null as unknown as StatusBox);
  if (!box.current) box.current = new StatusBox();
  const setStatus = useCallback((s: SaveStatus) => box.current.set(s), []);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const backoff = useRef(3000);
  const stopped = useRef(false);
  const cb = useRef({ onSaved, onFieldErrors });
  cb.current = { onSaved, onFieldErrors };

  // The timer calls the latest `run` through a ref (run and schedule refer to each other).
  const runRef = useRef<() => Promise<void>>(async () => {});
  const schedule = useCallback((ms: number) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void runRef.current(), ms);
  }, []);

  const run = useCallback(async (): Promise<void> => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    if (stopped.current) return;
    if (inFlight.current) {
      await inFlight.current;
      return run();
    }
    const job = store.buildSave();
    if (!job) return;
    setStatus({ kind: 'saving' });
    const p = (async () => {
      try {
        const res = await api.put<SaveResponse>(url, job.body);
        store.acknowledge(job.marks, res.submission.version);
        backoff.current = 3000;
        cb.current.onFieldErrors({});
        cb.current.onSaved(res);
        if (store.dirty) {
          setStatus({ kind: 'pending' });
          schedule(300);
        } else setStatus({ kind: 'saved', at: new Date() });
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) {
          stopped.current = true;
          setStatus({ kind: 'conflict', message: e.message });
        } else if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 429) {
          const fields = fieldErrorsFrom(e.details);
          cb.current.onFieldErrors(fields);
          setStatus({ kind: 'rejected', message: e.message });
        } else {
          const wait = backoff.current;
          backoff.current = Math.min(backoff.current * 2, 60_000);
          setStatus({ kind: 'error', message: e instanceof Error ? e.message : String(e), network: !(e instanceof ApiError) });
          schedule(wait);
        }
      }
    })();
    inFlight.current = p;
    try {
      await p;
    } finally {
      inFlight.current = null;
    }
  }, [store, url, schedule, setStatus]);
  runRef.current = run;

  useEffect(() => {
    if (!enabled) return;
    const unsubscribe = store.subscribe(() => {
      if (stopped.current) return;
      setStatus({ kind: 'pending' });
      schedule(DEBOUNCE_MS);
    });
    if (store.dirty) {
      setStatus({ kind: 'pending' });
      schedule(300);
    }
    const beforeUnload = (ev: BeforeUnloadEvent) => {
      if (store.dirty || inFlight.current) {
        ev.preventDefault();
        ev.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      unsubscribe();
      window.removeEventListener('beforeunload', beforeUnload);
      if (timer.current) clearTimeout(timer.current);
      // Leaving the page: send what is still unsaved (the request outlives the component).
      if (store.dirty && !stopped.current) void run();
    };
  }, [enabled, store, schedule, run, setStatus]);

  /** Save now; resolves true when everything typed is on the server. */
  const flush = useCallback(async (): Promise<boolean> => {
    if (!enabled) return true;
    await run();
    return !store.dirty && !stopped.current;
  }, [enabled, run, store]);

  return { statusBox: box.current, flush };
}
