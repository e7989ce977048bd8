import { formatDateTime } from '@nhip/contracts';
import dayjs from 'dayjs';
import type { Notification } from './api';
import './notifications.css';

/** One notification: unread dot, title, two lines of body, relative time (exact time on hover). */
export function NotificationItem({ n, onOpen }: { n: Notification; onOpen: (n: Notification) => void }) {
  return (
    <button type="button" className={`nhip-notif-item${n.read ? '' : ' unread'}`} onClick={() => onOpen(n)}>
      <span className="mark">{!n.read && <span className="nhip-dot" role="img" aria-label="chưa đọc" />}</span>
      <span className="content">
        <span className="title">{n.title}</span>
        {n.body && <span className="body">{n.body}</span>}
        <span className="time" title={formatDateTime(n.createdAt)}>
          {dayjs(n.createdAt).fromNow()}
        </span>
      </span>
    </button>
  );
}
