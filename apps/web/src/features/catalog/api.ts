import type { AggregationType, Operator, PeriodType, ValueType } from '@nhip/contracts';
import { useQuery } from '@tanstack/react-query';
import { useCurrentUser } from '../../app/auth';
import { api, qs } from '../../lib/api';

/** The desirable direction of a figure: more is better ('higher', the default) or less is better ('lower'). */
export type Better = 'higher' | 'lower';

export type DataElement = {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  shortName: string | null;
  description: string | null;
  uom: string | null;
  valueType: ValueType;
  aggregationType: AggregationType;
  reportLevel: number | null;
  min: number | null;
  max: number | null;
  sectorId: number | null;
  sectorName: string | null;
  divisionId: number | null;
  better: Better;
  /** Shown on the public portal's open figures, down to publicLevel (1 the province, 2 one level down). */
  public: boolean;
  publicLevel: number;
  /** The sentence the summary report writes about it ({value}, {uom} …); null → the default of its kind. */
  sentencePattern: string | null;
};

export type Indicator = {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  numerator: string;
  denominator: string;
  factor: number;
  decimals: number;
  uom: string | null;
  sectorId: number | null;
  sectorName: string | null;
  description: string | null;
  better: Better;
  public: boolean;
  publicLevel: number;
  sentencePattern: string | null;
};

export type FormKind = 'administrative' | 'statistical';

export type FormSummary = {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  periodType: PeriodType;
  kind: FormKind;
  divisionId: number | null;
  divisionName: string | null;
  narrative: boolean;
  description: string | null;
  active: boolean;
  elementCount: number;
  unitCount: number;
};

export type FormElement = {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  uom: string | null;
  valueType: ValueType;
  aggregationType: AggregationType;
  min: number | null;
  max: number | null;
  required: boolean;
  sectorId: number | null;
};

export type FormDetail = FormSummary & {
  sections: { id: number; title: string; titleEn: string | null; sort: number; elements: FormElement[] }[];
  unitIds: number[];
};

export type Importance = 'error' | 'warning';
export type MissingValueStrategy = 'SKIP_IF_ANY_VALUE_MISSING' | 'SKIP_IF_ALL_VALUES_MISSING' | 'NEVER_SKIP';

export type ValidationRule = {
  id: number;
  code: string;
  name: string;
  formId: number | null;
  left: string;
  operator: Operator;
  right: string;
  importance: Importance;
  missingValueStrategy: MissingValueStrategy;
  message: string;
  messageEn: string | null;
  active: boolean;
};

export type Target = {
  id: number;
  dataElementId: number | null;
  indicatorId: number | null;
  code: string;
  name: string;
  orgUnitId: number;
  orgUnitName: string;
  year: number;
  value: number;
  note: string | null;
};

export const KEYS = {
  elements: ['data-elements'] as const,
  indicators: ['indicators'] as const,
  forms: ['forms'] as const,
  form: (id: number) => ['forms', id] as const,
  rules: ['validation-rules'] as const,
  targets: ['targets'] as const,
};

export function useDataElements() {
  return useQuery({ queryKey: KEYS.elements, queryFn: () => api.get<DataElement[]>('/api/data-elements'), staleTime: 60_000 });
}

export function useIndicators() {
  return useQuery({ queryKey: KEYS.indicators, queryFn: () => api.get<Indicator[]>('/api/indicators'), staleTime: 60_000 });
}

export function useForms() {
  return useQuery({ queryKey: KEYS.forms, queryFn: () => api.get<FormSummary[]>('/api/forms'), staleTime: 60_000 });
}

export function useFormDetail(id: number) {
  return useQuery({
    queryKey: KEYS.form(id),
    queryFn: () => api.get<FormDetail>(`/api/forms/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useRules(formId?: number) {
  return useQuery({
    queryKey: [...KEYS.rules, formId ?? 'all'],
    queryFn: () => api.get<ValidationRule[]>(`/api/validation-rules${qs({ formId })}`),
  });
}

export function useTargets(params: { year?: number; orgUnitId?: number }) {
  return useQuery({ queryKey: [...KEYS.targets, params], queryFn: () => api.get<Target[]>(`/api/targets${qs(params)}`) });
}

/** May this person change the catalog? (write buttons are hidden otherwise) */
export function useCanManageCatalog(): boolean {
  return !!useCurrentUser().abilities['catalog.manage'];
}

/** Optional text fields: '' → null, everything NFC. */
export function clean<T extends Record<string, unknown>>(v: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string') {
      const t = x.normalize('NFC').trim();
      out[k] = t === '' ? null : t;
    } else out[k] = x === undefined ? null : x;
  }
  return out as T;
}
