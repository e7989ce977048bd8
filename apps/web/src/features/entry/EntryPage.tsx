/** '/rounds/:roundId/units/:unitId': a unit's report in a round — entry for the unit, review for the department. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Skeleton } from 'antd';
import { useRef, useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../lib/api';
import { ErrorState } from '../rounds/shared';
import { EntryForm } from './EntryForm';
import type { EntryStore } from './store';
import type { Entry } from './types';
import './entry.css';

export default function EntryPage() {
  const { roundId, unitId } = useParams();
  const base = `/api/rounds/${Number(roundId)}/units/${Number(unitId)}`;
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['entry', base],
    queryFn: () => api.get<Entry>(`${base}/entry`),
    // The form keeps its own state; a background refetch must never reset what is being typed.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const [generation, setGeneration] = useState(0);
  const carry = useRef<EntryStore | null>(null);

  const reload = async (keep: EntryStore | null) => {
    carry.current = keep;
    await q.refetch();
    setGeneration((g) => g + 1);
    void qc.invalidateQueries({ queryKey: ['rounds'] });
  };

  if (q.error && !q.data) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Card><Skeleton active paragraph={{ rows: 12 }} /></Card>;
  return <EntryForm key={`${base}#${generation}#${q.dataUpdatedAt}`} entry={q.data} base={base} carry={carry.current} onReload={(k) => void reload(k)} />;
}
