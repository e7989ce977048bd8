import { EditOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { formatDateTime, formatNumber, ROLE_LABELS, ROLES, type Role } from '@nhip/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useL, useLang } from '../../app/i18n';
import { OrgUnitTreeSelect } from '../../components/orgUnits';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, errorMessage } from '../../components/QueryState';
import { SecretOnce } from '../../components/SecretOnce';
import { dateSorter, EmptyHint, personSorter, showTotal, viSorter } from '../../components/table';
import { api, qs } from '../../lib/api';
import { UserFormModal } from './UserFormModal';
import { USERS_KEY, type User } from './usersApi';

const ROLE_COLORS: Record<Role, string> = {
  admin: 'red',
  office: 'blue',
  reviewer: 'cyan',
  director: 'purple',
  reporter: 'green',
  unit_head: 'gold',
  viewer: 'default',
};

export default function UsersPage() {
  const l = useL();
  const lang = useLang();
  const qc = useQueryClient();
  const { modal, message } = App.useApp();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const [unitId, setUnitId] = useState<number | null>(null);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetResult, setResetResult] = useState<{ user: User; password: string } | null>(null);
  const deferredQ = useDeferredValue(q.trim());
  const params = { q: deferredQ || undefined, role, orgUnitId: unitId ?? undefined };
  const { data, isLoading, isFetching, error, refetch } = useQuery({
    queryKey: [...USERS_KEY, params],
    queryFn: () => api.get<User[]>(`/api/users${qs(params)}`),
    placeholderData: (prev) => prev,
  });

  const reset = useMutation({
    mutationFn: (u: User) =>
      api.post<{ password: string }>(`/api/users/${u.id}/reset-password`, {}).then((r) => ({ user: u, password: r.password })),
    onSuccess: (r) => {
      setResetResult(r);
      void qc.invalidateQueries({ queryKey: USERS_KEY });
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  const confirmReset = (u: User) =>
    modal.confirm({
      title: l(`Đặt lại mật khẩu cho ${u.fullName || u.username}?`, `Reset the password of ${u.fullName || u.username}?`),
      content: l(
        'Mật khẩu hiện tại sẽ hết hiệu lực ngay và mọi phiên đăng nhập của người này bị đăng xuất. Hệ thống sinh mật khẩu tạm, hiển thị một lần; người dùng phải đổi khi đăng nhập.',
        'The current password stops working at once and their sessions end. A temporary password is generated and shown once; they must change it at sign-in.',
      ),
      okText: l('Đặt lại mật khẩu', 'Reset password'),
      okButtonProps: { danger: true },
      cancelText: l('Hủy', 'Cancel'),
      onOk: () => reset.mutateAsync(u),
    });

  const statusTags = (u: User) => (
    <Space size={[4, 4]} wrap>
      {u.active ? <Tag color="success">{l('Hoạt động', 'Active')}</Tag> : <Tag>{l('Đã vô hiệu hóa', 'Disabled')}</Tag>}
      {u.locked && (
        <Tooltip
          title={l(
            'Nhập sai mật khẩu nhiều lần; tự mở sau ít phút hoặc khi đặt lại mật khẩu.',
            'Too many failed sign-ins; unlocks after a while or on reset.',
          )}
        >
          <Tag color="warning">{l('Tạm khóa', 'Locked')}</Tag>
        </Tooltip>
      )}
      {u.mustChangePassword && <Tag color="processing">{l('Chờ đổi mật khẩu', 'Must change password')}</Tag>}
    </Space>
  );

  return (
    <>
      <PageHeader
        title={l('Người dùng', 'Users')}
        subtitle={l(
          'Tài khoản, vai trò và đơn vị của cán bộ dùng Nhịp. Vai trò quyết định mỗi người được xem và làm gì.',
          'Accounts, roles and units. The role decides what each person may see and do.',
        )}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {l('Tạo người dùng', 'New user')}
          </Button>
        }
      />
      <Card>
        <div className="nhip-toolbar">
          <Input.Search
            allowClear
            placeholder={l('Tìm theo tên, tên đăng nhập (không cần dấu)', 'Search name or username')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            style={{ width: 300 }}
            loading={isFetching && !!q}
          />
          <Select<Role>
            allowClear
            aria-label={l('Vai trò', 'Role')}
            placeholder={l('Mọi vai trò', 'All roles')}
            value={role}
            onChange={setRole}
            style={{ width: 240 }}
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))}
          />
          <div style={{ width: 320 }}>
            <OrgUnitTreeSelect
              value={unitId}
              onChange={(v) => setUnitId((v as number | null) ?? null)}
              placeholder={l('Mọi đơn vị', 'All units')}
            />
          </div>
          <span className="grow" />
          {data && (
            <Typography.Text type="secondary">
              {l(`${formatNumber(data.length)} người dùng`, `${formatNumber(data.length)} users`)}
            </Typography.Text>
          )}
        </div>
        {error ? (
          <ErrorState compact error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<User>
            rowKey="id"
            loading={isLoading}
            dataSource={data ?? []}
            scroll={{ x: 940 }}
            pagination={{ pageSize: 20, showSizeChanger: false, showTotal, hideOnSinglePage: true }}
            locale={{
              emptyText: (
                <EmptyHint
                  title={
                    q || role || unitId ? l('Không có người dùng phù hợp', 'No matching user') : l('Chưa có người dùng', 'No users yet')
                  }
                  hint={
                    q || role || unitId
                      ? l('Thử bỏ bớt điều kiện lọc.', 'Loosen the filters.')
                      : l(
                          'Tạo tài khoản cho cán bộ Văn phòng, phòng chuyên môn và các đơn vị báo cáo.',
                          'Create accounts for the office, divisions and reporting units.',
                        )
                  }
                />
              ),
            }}
            columns={[
              {
                title: l('Họ và tên', 'Name'),
                key: 'name',
                sorter: personSorter<User>((u) => u.fullName),
                defaultSortOrder: 'ascend',
                render: (_, u) => (
                  <div>
                    <div style={{ fontWeight: 600 }}>{u.fullName || '—'}</div>
                    <div style={{ fontSize: 12.5 }}>
                      <span className="nhip-code">{u.username}</span>
                      {u.title && <span className="nhip-muted"> · {u.title}</span>}
                    </div>
                  </div>
                ),
              },
              {
                title: l('Vai trò', 'Role'),
                dataIndex: 'role',
                width: 180,
                sorter: viSorter<User>((u) => ROLE_LABELS[u.role]?.[lang]),
                render: (r: Role) => <Tag color={ROLE_COLORS[r]}>{ROLE_LABELS[r]?.[lang] ?? r}</Tag>,
              },
              {
                title: l('Đơn vị', 'Unit'),
                dataIndex: 'orgUnitName',
                sorter: viSorter<User>((u) => u.orgUnitName),
                render: (v: string | null) => v ?? <span className="nhip-muted">{l('Toàn Sở', 'Department-wide')}</span>,
              },
              { title: l('Trạng thái', 'Status'), key: 'status', width: 150, render: (_, u) => statusTags(u) },
              {
                title: l('Đăng nhập cuối', 'Last sign-in'),
                dataIndex: 'lastLoginAt',
                width: 170,
                sorter: dateSorter<User>((u) => u.lastLoginAt),
                render: (v: string | null) => (v ? formatDateTime(v) : <span className="nhip-muted">{l('Chưa đăng nhập', 'Never')}</span>),
              },
              {
                title: '',
                key: 'actions',
                width: 84,
                fixed: 'right',
                render: (_, u) => (
                  <Space size={4}>
                    <Tooltip title={l('Sửa', 'Edit')}>
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(u)} aria-label={l('Sửa', 'Edit')} />
                    </Tooltip>
                    <Tooltip title={l('Đặt lại mật khẩu', 'Reset password')}>
                      <Button
                        size="small"
                        icon={<KeyOutlined />}
                        onClick={() => confirmReset(u)}
                        aria-label={l('Đặt lại mật khẩu', 'Reset password')}
                      />
                    </Tooltip>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      {editing && <UserFormModal user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <Modal
        open={!!resetResult}
        title={l('Mật khẩu tạm thời', 'Temporary password')}
        onCancel={() => setResetResult(null)}
        footer={
          <Button type="primary" onClick={() => setResetResult(null)}>
            {l('Tôi đã ghi lại, đóng', 'Noted, close')}
          </Button>
        }
        mask={{ closable: false }}
        destroyOnHidden
      >
        {resetResult && (
          <>
            <Typography.Paragraph>
              {l(
                `Mật khẩu mới của ${resetResult.user.fullName || resetResult.user.username} (`,
                `New password of ${resetResult.user.fullName || resetResult.user.username} (`,
              )}
              <span className="nhip-code">{resetResult.user.username}</span>
              {l('). Người dùng sẽ phải đổi mật khẩu khi đăng nhập.', '). They must change it at sign-in.')}
            </Typography.Paragraph>
            <SecretOnce
              secret={resetResult.password}
              warning={l(
                'Mật khẩu chỉ hiển thị lần này. Hãy chuyển cho người dùng qua kênh an toàn.',
                'Shown only this once. Hand it over through a safe channel.',
              )}
            />
          </>
        )}
      </Modal>
    </>
  );
}
