import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api';

/** Lĩnh vực (bưu chính, viễn thông, chuyển đổi số …) as GET /api/sectors returns them. */
export type Sector = { id: number; code: string; name: string; nameEn: string | null; divisionId: number | null; sort: number };

export const SECTORS_KEY = ['sectors'] as const;

export function useSectors() {
  return useQuery({ queryKey: SECTORS_KEY, queryFn: () => api.get<Sector[]>('/api/sectors'), staleTime: 5 * 60_000 });
}
