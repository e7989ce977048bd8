import { Button, Card, Segmented } from 'antd';
import { useState } from 'react';
import { useL } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageSkeleton } from '../../components/QueryState';
import { EmptyHint } from '../../components/table';
import { useMarkRead, useNotifications } from './api';
import { useOpenNotification } from './NotificationBell';
import { NotificationItem } from './NotificationItem';

export default function NotificationsPage() {
  const l = useL();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const { data, isLoading, error, refetch } = useNotifications();
  const markRead = useMarkRead();
  const open = useOpenNotification();
  if (isLoading) return <PageSkeleton />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const items = (data?.items ?? []).filter((n) => filter === 'all' || !n.read);
  return (
    <>
      <PageHeader
        title={l('Thông báo', 'Notifications')}
        subtitle={l(
          'Nhắc hạn nộp, kết quả thẩm định và việc được giao cho bạn hoặc đơn vị của bạn.',
          'Deadline reminders, review results and work assigned to you or your unit.',
        )}
        extra={
          <Button disabled={!data?.unread} onClick={() => markRead.mutate(undefined)}>
            {l('Đánh dấu tất cả đã đọc', 'Mark all as read')}
          </Button>
        }
      />
      <Card
        title={
          <Segmented
            value={filter}
            onChange={(v) => setFilter(v as 'all' | 'unread')}
            options={[
              { value: 'all', label: l(`Tất cả (${data?.items.length ?? 0})`, `All (${data?.items.length ?? 0})`) },
              { value: 'unread', label: l(`Chưa đọc (${data?.unread ?? 0})`, `Unread (${data?.unread ?? 0})`) },
            ]}
          />
        }
        styles={{ body: { padding: 0 } }}
      >
        {items.length === 0 ? (
          <div style={{ padding: 32 }}>
            <EmptyHint
              title={
                filter === 'unread'
                  ? l('Không còn thông báo chưa đọc', 'Nothing unread')
                  : l('Chưa có thông báo nào', 'No notifications yet')
              }
              hint={l(
                'Khi có việc cần bạn chú ý, Nhịp sẽ báo ở đây và trên biểu tượng chuông.',
                'When something needs your attention, Nhịp shows it here and on the bell.',
              )}
            />
          </div>
        ) : (
          items.map((n) => <NotificationItem key={n.id} n={n} onOpen={open} />)
        )}
      </Card>
    </>
  );
}
