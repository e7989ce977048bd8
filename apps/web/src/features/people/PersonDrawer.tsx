import { EditOutlined, LockOutlined, LogoutOutlined, SwapOutlined, TrophyOutlined } from '@ant-design/icons';
import { formatDate, formatDateTime, maySeeAwardData } from '@nhip/contracts';
import { Alert, Button, Descriptions, Drawer, Grid, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { ErrorState } from '../../components/QueryState';
import { type Membership, usePerson } from './api';
import { END_REASON_LABELS, GENDER_LABELS, PERSONAL_DATA_NOTE } from './labels';
import { LeaveModal, MoveModal } from './MembershipModals';
import { PersonFormModal } from './PersonFormModal';

function span(m: Membership, now: string) {
  return `${formatDate(m.validFrom)} – ${m.validTo ? formatDate(m.validTo) : now}`;
}

/** One person: identity, contacts (when the viewer may see personal data) and the whole membership history. */
export function PersonDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const l = useL();
  const lang = useLang();
  const screens = Grid.useBreakpoint();
  const { data: p, isLoading, error, refetch } = usePerson(id);
  const me = useCurrentUser();
  const [dialog, setDialog] = useState<'edit' | 'move' | 'leave' | null>(null);
  const hidden = <span className="nhip-muted">—</span>;
  const mobile = screens.md === false;
  const actions = p?.canManage && (
    <Space wrap>
      <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
        {l('Sửa', 'Edit')}
      </Button>
      <Button icon={<SwapOutlined />} onClick={() => setDialog('move')}>
        {l('Chuyển công tác', 'Move')}
      </Button>
      {p.current && (
        <Button danger icon={<LogoutOutlined />} onClick={() => setDialog('leave')}>
          {l('Kết thúc', 'End')}
        </Button>
      )}
    </Space>
  );

  return (
    <Drawer
      open={id != null}
      onClose={onClose}
      size={screens.md === false ? '100%' : 600}
      title={p ? p.fullName : l('Cán bộ', 'Person')}
      extra={!mobile && actions}
    >
      {isLoading && <Skeleton active paragraph={{ rows: 10 }} />}
      {error && <ErrorState compact error={error} onRetry={() => void refetch()} />}
      {p && (
        <Space orientation="vertical" size={20} style={{ width: '100%' }}>
          {mobile && actions}
          <Space wrap>
            {p.current ? <Tag color="success">{l('Đang công tác', 'In post')}</Tag> : <Tag>{l('Không còn công tác', 'Former staff')}</Tag>}
            {p.username && <Tag color="blue">{l(`Tài khoản: ${p.username}`, `Account: ${p.username}`)}</Tag>}
          </Space>
          <Descriptions column={1} bordered size="small" styles={{ label: { width: 170 } }}>
            <Descriptions.Item label={l('Họ và tên', 'Full name')}>{p.fullName}</Descriptions.Item>
            <Descriptions.Item label={l('Chức vụ', 'Position')}>{p.position || hidden}</Descriptions.Item>
            <Descriptions.Item label={l('Đơn vị', 'Unit')}>{p.unit?.name ?? hidden}</Descriptions.Item>
            <Descriptions.Item label={l('Giới tính', 'Gender')}>{p.gender ? GENDER_LABELS[p.gender][lang] : hidden}</Descriptions.Item>
            {p.personal && (
              <>
                <Descriptions.Item label={l('Ngày sinh', 'Birth date')}>{p.birthDate ? formatDate(p.birthDate) : hidden}</Descriptions.Item>
                <Descriptions.Item label={l('Điện thoại', 'Phone')}>{p.phone ? <a href={`tel:${p.phone.replace(/[^\d+]/g, '')}`}>{p.phone}</a> : hidden}</Descriptions.Item>
                <Descriptions.Item label={l('Thư điện tử', 'E-mail')}>{p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : hidden}</Descriptions.Item>
                <Descriptions.Item label={l('Ghi chú', 'Note')}>
                  {p.note ? <span style={{ whiteSpace: 'pre-wrap' }}>{p.note}</span> : hidden}
                </Descriptions.Item>
              </>
            )}
          </Descriptions>
          {!p.personal && <Alert type="info" showIcon icon={<LockOutlined />} title={PERSONAL_DATA_NOTE[lang]} />}
          {/* The person's awards page (history, ratings, next possible titles), for whoever may see their award data. */}
          {maySeeAwardData(me, p.unit?.id ?? null) && (
            <Link to={`/awards/people/${p.id}`}>
              <TrophyOutlined /> {l('Khen thưởng, thi đua của cán bộ', 'Awards')}
            </Link>
          )}

          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {l('Quá trình công tác', 'Career')}
            </Typography.Title>
            <Timeline
              items={p.memberships.map((m, i) => ({
                key: m.id,
                color: i === 0 && p.current ? 'green' : 'gray',
                content: (
                  <div>
                    <div style={{ fontWeight: 500 }}>
                      {m.position || l('(chưa ghi chức vụ)', '(no position)')} · {m.unit.name}
                    </div>
                    <div className="nhip-muted">
                      {span(m, l('nay', 'now'))}
                      {m.endReason && ` · ${END_REASON_LABELS[m.endReason][lang]}`}
                    </div>
                  </div>
                ),
              }))}
            />
          </div>
          <div className="nhip-muted">
            {l(`Cập nhật lần cuối: ${formatDateTime(p.updatedAt)}`, `Last updated: ${formatDateTime(p.updatedAt)}`)}
          </div>
        </Space>
      )}
      {p && dialog === 'edit' && <PersonFormModal person={p} onClose={() => setDialog(null)} />}
      {p && dialog === 'move' && <MoveModal person={p} onClose={() => setDialog(null)} />}
      {p && dialog === 'leave' && <LeaveModal person={p} onClose={() => setDialog(null)} />}
    </Drawer>
  );
}
