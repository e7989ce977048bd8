/** The latest notifications of the signed-in user, on the home page. */
import { BellOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { formatDateTime } from '@nhip/contracts';
import { useNavigate } from 'react-router';
import { useL } from '../../app/i18n';
import { api } from '../../lib/api';
import { useNotifications } from '../rounds/api';
import { ErrorState } from '../rounds/shared';

export function RecentNotifications({ limit = 6 }: { limit?: number }) {
  const l = useL();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const q = useNotifications();
  const markRead = async (ids?: number[]) => {
    await api.post('/api/notifications/read', ids ? { ids } : {});
    await qc.invalidateQueries({ queryKey: ['notifications'] });
  };
  const items = q.data?.items.slice(0, limit) ?? [];
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <BellOutlined />
          {l('Thông báo gần đây', 'Recent notifications')}
          {q.data?.unread ? <Badge count={q.data.unread} /> : null}
        </Flex>
      }
      extra={q.data?.unread ? <Button type="link" size="small" onClick={() => void markRead()}>{l('Đánh dấu đã đọc', 'Mark all read')}</Button> : null}
    >
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : q.isLoading ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l('Chưa có thông báo nào.', 'No notifications yet.')} />
      ) : (
        <Flex vertical gap={4}>
          {items.map((n) => (
            <button
              type="button"
              key={n.id}
              onClick={() => {
                if (!n.read) void markRead([n.id]);
                if (n.link) navigate(n.link);
              }}
              style={{
                display: 'block',
                width: '100%',
                textAlign: 'start',
                font: 'inherit',
                border: 'none',
                padding: '8px 10px',
                borderRadius: 6,
                cursor: n.link ? 'pointer' : 'default',
                background: n.read ? 'transparent' : '#f0f6ff',
                borderInlineStart: n.read ? '3px solid transparent' : '3px solid #0b5cad',
              }}
            >
              <Typography.Text strong={!n.read} style={{ display: 'block' }}>{n.title}</Typography.Text>
              {n.body ? (
                <Typography.Text type="secondary" style={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden', fontSize: 13 }}>
                  {n.body}
                </Typography.Text>
              ) : null}
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{formatDateTime(n.createdAt)}</Typography.Text>
            </button>
          ))}
        </Flex>
      )}
    </Card>
  );
}
