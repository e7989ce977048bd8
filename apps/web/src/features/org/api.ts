import { useQuery } from '@tanstack/react-query';
import type { OrgUnit } from '../../components/orgUnits';
import { api } from '../../lib/api';

export type OrgUnitDetail = OrgUnit & { children: OrgUnit[]; users: number };
export type ImportResult = {
  created: number;
  updated: number;
  unchanged: number;
  errors: { line: number; message: string }[];
  dryRun?: boolean;
};

export function useUnitDetail(id: number | null) {
  return useQuery({
    queryKey: ['org-units', 'detail', id],
    queryFn: () => api.get<OrgUnitDetail>(`/api/org-units/${id}`),
    enabled: id != null,
  });
}

export type UnitBody = {
  code: string;
  name: string;
  shortName: string | null;
  type: string;
  parentId: number | null;
  validFrom: string;
  validTo: string | null;
  sectorId: number | null;
  predecessors: { id: number; kind: string }[];
};
