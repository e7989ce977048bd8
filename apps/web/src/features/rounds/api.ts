/** Queries and mutations of the rounds screens; home and entry use them too. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../lib/api';
import type { Board, Completeness, FormSummary, MyRound, Notification, Round, RoundDefaults, Sector } from './types';

export const roundKeys = {
  all: ['rounds'] as const,
  list: (f: RoundFilter) => ['rounds', 'list', f] as const,
  mine: ['rounds', 'mine'] as const,
  board: (id: number, f: BoardFilter) => ['rounds', 'board', id, f] as const,
  completeness: (id: number) => ['rounds', 'completeness', id] as const,
};

export type RoundFilter = { status?: 'open' | 'closed'; formId?: number; year?: number };
export type BoardFilter = { status?: string; sectorId?: number; unitType?: string; q?: string };

export function useRounds(f: RoundFilter, enabled = true) {
  return useQuery({
    queryKey: roundKeys.list(f),
    queryFn: () => api.get<Round[]>(`/api/rounds${qs(f)}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMyRounds(enabled = true) {
  return useQuery({ queryKey: roundKeys.mine, queryFn: () => api.get<MyRound[]>('/api/my/rounds'), enabled });
}

export function useBoard(id: number, f: BoardFilter) {
  return useQuery({
    queryKey: roundKeys.board(id, f),
    queryFn: () => api.get<Board>(`/api/rounds/${id}/board${qs(f)}`),
    placeholderData: keepPreviousData,
  });
}

export function useCompleteness(id: number) {
  return useQuery({ queryKey: roundKeys.completeness(id), queryFn: () => api.get<Completeness>(`/api/rounds/${id}/completeness`) });
}

export function useForms(enabled = true) {
  return useQuery({ queryKey: ['forms'], queryFn: () => api.get<FormSummary[]>('/api/forms'), staleTime: 5 * 60_000, enabled });
}

export function useSectors() {
  return useQuery({ queryKey: ['sectors'], queryFn: () => api.get<Sector[]>('/api/sectors'), staleTime: 5 * 60_000 });
}

export function useNotifications(enabled = true) {
  return useQuery({
    queryKey: ['notifications'],
    queryFn: () => api.get<{ unread: number; items: Notification[] }>('/api/notifications'),
    enabled,
  });
}

export function useRoundDefaults(formId: number | undefined, period: string | undefined) {
  return useQuery({
    queryKey: ['rounds', 'defaults', formId, period],
    queryFn: () => api.get<RoundDefaults>(`/api/rounds/defaults${qs({ formId, period })}`),
    enabled: !!formId && !!period,
    staleTime: Infinity,
  });
}

export type RoundInput = { formId: number; period: string; cutoffStart?: string; cutoffEnd?: string; deadline?: string; note?: string };
export type RoundPatch = Partial<{ cutoffStart: string; cutoffEnd: string; deadline: string; status: 'open' | 'closed'; note: string }>;

export function useSaveRound() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: number; create?: RoundInput; patch?: RoundPatch }) =>
      v.id ? api.patch<Round>(`/api/rounds/${v.id}`, v.patch) : api.post<Round>('/api/rounds', v.create),
    onSuccess: () => qc.invalidateQueries({ queryKey: roundKeys.all }),
  });
}
