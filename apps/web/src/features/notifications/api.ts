import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export type Notification = {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  read: boolean;
};
export type NotificationList = { unread: number; items: Notification[] };

export const NOTIFICATIONS_KEY = ['notifications'] as const;

/** The signed-in person's notifications, polled every minute while the tab is visible. */
export function useNotifications() {
  return useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: () => api.get<NotificationList>('/api/notifications'),
    refetchInterval: 60_000,
    refetchIntervalInBackground: false,
    staleTime: 20_000,
  });
}

/** Mark some (ids) or all (no ids) as read; the badge updates at once. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids?: number[]) => api.post('/api/notifications/read', ids ? { ids } : {}),
    onMutate: async (ids) => {
      await qc.cancelQueries({ queryKey: NOTIFICATIONS_KEY });
      const prev = qc.getQueryData<NotificationList>(NOTIFICATIONS_KEY);
      if (prev) {
        const hit = (n: Notification) => !ids || ids.includes(n.id);
        const items = prev.items.map((n) => (hit(n) ? { ...n, read: true } : n));
        qc.setQueryData<NotificationList>(NOTIFICATIONS_KEY, { items, unread: items.filter((n) => !n.read).length });
      }
      return { prev };
    },
    onError: (_e, _ids, ctx) => {
      if (ctx?.prev) qc.setQueryData(NOTIFICATIONS_KEY, ctx.prev);
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}
