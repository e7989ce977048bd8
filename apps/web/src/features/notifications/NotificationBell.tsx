import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Empty, Spin } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useL } from '../../app/i18n';
import { errorMessage } from '../../components/QueryState';
import { type Notification, useMarkRead, useNotifications } from './api';
import { NotificationItem } from './NotificationItem';

/** Opening a notification marks it read and goes where it points (inside Nhịp only). */
export function useOpenNotification() {
  const navigate = useNavigate();
  const markRead = useMarkRead();
  return (n: Notification) => {
    if (!n.read) markRead.mutate([n.id]);
    if (n.link) {
      if (n.link.startsWith('/') && !n.link.startsWith('//')) navigate(n.link);
      else if (/^https?:\/\//.test(n.link)) window.open(n.link, '_blank', 'noopener');
    }
  };
}

/** Header bell: unread badge, the latest notifications in a dropdown, polling every minute. */
export function NotificationBell() {
  const l = useL();
  const [open, setOpen] = useState(false);
  const { data, isLoading, error } = useNotifications();
  const markRead = useMarkRead();
  const openNotification = useOpenNotification();
  const items = data?.items ?? [];
  const unread = data?.unread ?? 0;

  const panel = (
    <div className="nhip-notif-panel">
      <div className="nhip-notif-head">
        <span>{l('Thông báo', 'Notifications')}</span>
        <Button type="link" size="small" disabled={unread === 0} onClick={() => markRead.mutate(undefined)}>
          {l('Đánh dấu tất cả đã đọc', 'Mark all as read')}
        </Button>
      </div>
      <div className="nhip-notif-list">
        {isLoading && (
          <div style={{ padding: 24, textAlign: 'center' }}>
            <Spin />
          </div>
        )}
        {error && <div style={{ padding: 16, color: '#9b1c1c' }}>{errorMessage(error)}</div>}
        {!isLoading && !error && items.length === 0 && (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={l(
              'Chưa có thông báo nào. Nhắc hạn nộp, trả lại báo cáo, kiến nghị được giao sẽ hiện ở đây.',
              'No notifications yet. Deadlines, returned reports and assigned recommendations will appear here.',
            )}
            style={{ padding: '16px 24px' }}
          />
        )}
        {items.slice(0, 8).map((n) => (
          <NotificationItem
            key={n.id}
            n={n}
            onOpen={(x) => {
              setOpen(false);
              openNotification(x);
            }}
          />
        ))}
      </div>
      <div style={{ padding: '8px 16px', textAlign: 'center', borderTop: '1px solid #eef1f5' }}>
        <Link to="/notifications" onClick={() => setOpen(false)}>
          {l('Xem tất cả thông báo', 'See all notifications')}
        </Link>
      </div>
    </div>
  );

  return (
    <Dropdown open={open} onOpenChange={setOpen} trigger={['click']} placement="bottomRight" popupRender={() => panel}>
      <Button
        type="text"
        aria-label={unread ? l(`Thông báo: ${unread} chưa đọc`, `Notifications: ${unread} unread`) : l('Thông báo', 'Notifications')}
        icon={
          <Badge count={unread} size="small" overflowCount={99} offset={[2, -2]}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Dropdown>
  );
}
