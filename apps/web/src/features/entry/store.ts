/**
 * The entry form's local state, outside React: typing in one field touches only that field's component,
 * while validation and autosave listen here. Nothing typed is dropped until the server has acknowledged it.
 */
import type { EnteredValue, NarrativeSection, ValueType } from '@nhip/contracts';
import { formatNumber } from '@nhip/contracts';
import type { Entry, SaveBody } from './types';

export type Draft = { value: string; comment: string };

/** Stored canonical value → what the input shows ('1634' → '1.634', '94.3' → '94,3'). */
export function displayValue(valueType: ValueType, canonical: string | null | undefined): string {
  if (canonical === null || canonical === undefined) return '';
  if (valueType === 'TEXT' || valueType === 'BOOLEAN') return canonical;
  const n = Number(canonical);
  return canonical.trim() !== '' && Number.isFinite(n) ? formatNumber(n) : canonical;
}

/** A stored value for reading: 'Có' / 'Không', '1.634', '94,3%'. */
export function readableValue(valueType: ValueType, canonical: string | null | undefined, lang: 'vi' | 'en' = 'vi'): string {
  if (canonical === null || canonical === undefined || canonical === '') return '—';
  if (valueType === 'BOOLEAN') return canonical === 'true' ? (lang === 'en' ? 'Yes' : 'Có') : canonical === 'false' ? (lang === 'en' ? 'No' : 'Không') : canonical;
  if (valueType === 'TEXT') return canonical;
  const n = Number(canonical);
  if (!Number.isFinite(n)) return canonical;
  return `${formatNumber(n, { locale: lang })}${valueType === 'PERCENTAGE' ? '%' : ''}`;
}

type Narrative = Record<NarrativeSection, string>;
export type SaveMarks = { values: Map<string, number>; narrative: Map<NarrativeSection, number> };

export class EntryStore {
  readonly values = new Map<string, Draft>();
  readonly narrative: Narrative;
  version: number;
  private seq = 0;
  private readonly dirtyValues = new Map<string, number>();
  private readonly dirtyNarrative = new Map<NarrativeSection, number>();
  private readonly listeners = new Set<() => void>();
  private readonly types = new Map<string, ValueType>();

  constructor(entry: Entry) {
    for (const s of entry.form.sections)
      for (const e of s.elements) {
        this.types.set(e.code, e.valueType);
        const v = entry.values[e.code];
        this.values.set(e.code, { value: displayValue(e.valueType, v?.value), comment: v?.comment ?? '' });
      }
    const s = entry.submission;
    this.narrative = { results: s?.results ?? '', difficulties: s?.difficulties ?? '', proposals: s?.proposals ?? '' };
    this.version = s?.version ?? 0;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit() {
    for (const fn of this.listeners) fn();
  }

  get(code: string): Draft {
    return this.values.get(code) ?? { value: '', comment: '' };
  }

  setValue(code: string, value: string) {
    const d = this.get(code);
    if (d.value === value) return;
    this.values.set(code, { ...d, value });
    this.dirtyValues.set(code, ++this.seq);
    this.emit();
  }

  setComment(code: string, comment: string) {
    const d = this.get(code);
    if (d.comment === comment) return;
    this.values.set(code, { ...d, comment });
    this.dirtyValues.set(code, ++this.seq);
    this.emit();
  }

  setNarrative(section: NarrativeSection, text: string) {
    if (this.narrative[section] === text) return;
    this.narrative[section] = text;
    this.dirtyNarrative.set(section, ++this.seq);
    this.emit();
  }

  get dirty(): boolean {
    return this.dirtyValues.size > 0 || this.dirtyNarrative.size > 0;
  }

  /** Codes with unsaved edits, for the conflict dialog. */
  dirtyCodes(): string[] {
    return [...this.dirtyValues.keys()];
  }

  dirtySections(): NarrativeSection[] {
    return [...this.dirtyNarrative.keys()];
  }

  /** What to PUT now, and the marks to acknowledge once the server has it. */
  buildSave(): { body: SaveBody; marks: SaveMarks } | null {
    if (!this.dirty) return null;
    const body: SaveBody = { version: this.version };
    if (this.dirtyValues.size) {
      body.values = [...this.dirtyValues.keys()].map((code) => {
        const d = this.get(code);
        return { code, value: d.value.trim() === '' ? '' : d.value, comment: d.comment.trim() === '' ? '' : d.comment };
      });
    }
    for (const k of this.dirtyNarrative.keys()) body[k] = this.narrative[k];
    return { body, marks: { values: new Map(this.dirtyValues), narrative: new Map(this.dirtyNarrative) } };
  }

  /** The server stored what `marks` describe; edits made since stay dirty. */
  acknowledge(marks: SaveMarks, version: number) {
    for (const [code, seq] of marks.values) if (this.dirtyValues.get(code) === seq) this.dirtyValues.delete(code);
    for (const [k, seq] of marks.narrative) if (this.dirtyNarrative.get(k) === seq) this.dirtyNarrative.delete(k);
    this.version = version;
  }

  /** After a reload: take the server's state, then lay the unsaved local edits back on top. */
  rebase(fresh: EntryStore, keepLocal: boolean): EntryStore {
    if (!keepLocal) return fresh;
    for (const code of this.dirtyCodes()) {
      const d = this.get(code);
      fresh.values.set(code, d);
      fresh.dirtyValues.set(code, ++fresh.seq);
    }
    for (const k of this.dirtySections()) fresh.setNarrativeDirty(k, this.narrative[k]);
    return fresh;
  }

  private setNarrativeDirty(k: NarrativeSection, text: string) {
    this.narrative[k] = text;
    this.dirtyNarrative.set(k, ++this.seq);
  }

  /** Values as validateReport wants them. */
  entered(): Record<string, EnteredValue> {
    const out: Record<string, EnteredValue> = {};
    for (const [code, d] of this.values) if (d.value.trim() !== '') out[code] = { value: d.value, comment: d.comment };
    return out;
  }

  valueType(code: string): ValueType | undefined {
    return this.types.get(code);
  }
}
