/** Queries of the dashboard and the pivot table. */
import { keepPreviousData, type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../lib/api';
import { chartDimensions, pickedFigure } from './figures';
import type { AnalyticsGrid, Dashboard } from './types';

/** `/api/analytics?dimension=…&dimension=…` for the given dimension strings ('dx:A;B', 'ou:VL;LEVEL-2', 'pe:2025'). */
export function analyticsUrl(dimensions: string[], includeUnapproved = false): string {
  const p = new URLSearchParams();
  for (const d of dimensions) p.append('dimension', d);
  if (includeUnapproved) p.set('includeUnapproved', 'true');
  return `/api/analytics?${p.toString()}`;
}

const analyticsQuery = (url: string) => ({ queryKey: ['analytics', url], queryFn: () => api.get<AnalyticsGrid>(url), staleTime: 30_000 });

export function useAnalytics(dimensions: string[] | null, includeUnapproved = false) {
  const url = dimensions ? analyticsUrl(dimensions, includeUnapproved) : '';
  return useQuery({ ...analyticsQuery(url), enabled: !!dimensions, placeholderData: keepPreviousData });
}

/** Asks for the charts' figures as soon as the dashboard is known, before its cards are drawn. */
function prefetchCharts(qc: QueryClient, data: Dashboard, dx: string | null) {
  const f = pickedFigure(data, dx);
  if (!f) return;
  const dims = chartDimensions(data, f.dx);
  for (const d of [dims.trend, dims.units]) if (d) void qc.prefetchQuery(analyticsQuery(analyticsUrl(d)));
}

export function useDashboard(params: { period?: string | null; ou?: string | null; dx?: string | null }) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: ['dashboard', params.period ?? null, params.ou ?? null],
    queryFn: async () => {
      const data = await api.get<Dashboard>(`/api/dashboard${qs({ period: params.period, ou: params.ou })}`);
      prefetchCharts(qc, data, params.dx ?? null);
      return data;
    },
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export { useDataElements, useIndicators } from '../catalog/api';
