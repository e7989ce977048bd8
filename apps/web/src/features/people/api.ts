import type { UnitType } from '@nhip/contracts';
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../lib/api';

export type UnitRef = { id: number; code: string; name: string; type: UnitType };
export type EndReason = 'moved' | 'retired' | 'left' | 'other';

export type Membership = { id: number; unit: UnitRef; position: string; validFrom: string; validTo: string | null; endReason: EndReason | null };

/** One person as GET /api/people lists them: phone, e-mail, birth date and note only when `personal`. */
export type Person = {
  id: number;
  fullName: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  phone: string | null;
  email: string | null;
  note: string | null;
  userId: number | null;
  username: string | null;
  unit: UnitRef | null;
  position: string | null;
  validFrom: string | null;
  validTo: string | null;
  current: boolean;
  personal: boolean;
  canManage: boolean;
};

export type PersonDetail = Person & { memberships: Membership[]; createdAt: string; updatedAt: string };

export type PeopleQuery = { q?: string; unitId?: number; asOf?: string; includeFormer?: boolean; page: number; pageSize: number };

export const PEOPLE_KEY = ['people'] as const;

export function usePeople(params: PeopleQuery) {
  return useQuery({
    queryKey: [...PEOPLE_KEY, 'list', params],
    queryFn: () => api.get<{ total: number; items: Person[] }>(`/api/people${qs(params)}`),
    placeholderData: (prev) => prev,
  });
}

export function usePerson(id: number | null) {
  return useQuery({
    queryKey: [...PEOPLE_KEY, 'detail', id],
    queryFn: () => api.get<PersonDetail>(`/api/people/${id}`),
    enabled: id != null,
  });
}

export type PeopleImportResult = {
  created: number;
  updated: number;
  moved: number;
  unchanged: number;
  errors: { line: number; message: string }[];
  dryRun: boolean;
};
