import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { formatDateTime } from '@nhip/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useL } from '../../app/i18n';
import { ErrorState } from '../../components/QueryState';
import { SecretOnce } from '../../components/SecretOnce';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { dateSorter, EmptyHint, viSorter } from '../../components/table';
import { api } from '../../lib/api';

export type ApiToken = {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revoked: boolean;
};

const TOKENS_KEY = ['me', 'tokens'] as const;

function tokenState(t: ApiToken): 'active' | 'revoked' | 'expired' {
  if (t.revoked) return 'revoked';
  if (t.expiresAt && new Date(t.expiresAt).getTime() < Date.now()) return 'expired';
  return 'active';
}

function CreateTokenModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const l = useL();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ name: string; expiresInDays?: number | null }>();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ token: string; info: ApiToken } | null>(null);
  const create = useMutation({
    mutationFn: (v: { name: string; expiresInDays?: number | null }) =>
      api.post<{ token: string; info: ApiToken }>('/api/me/tokens', {
        name: v.name.trim(),
        ...(v.expiresInDays ? { expiresInDays: v.expiresInDays } : {}),
      }),
    onSuccess: (r) => {
      setCreated(r);
      void qc.invalidateQueries({ queryKey: TOKENS_KEY });
    },
    onError: (e) => setError(applyServerError(form, e, ['name', 'expiresInDays'])),
  });
  const close = () => {
    setCreated(null);
    setError(null);
    form.resetFields();
    onClose();
  };
  const origin = typeof window !== 'undefined' ? window.location.origin : '';
  return (
    <Modal
      open={open}
      title={created ? l('Mã truy cập mới', 'New access token') : l('Tạo mã truy cập cá nhân', 'Create a personal access token')}
      onCancel={close}
      mask={{ closable: !created }}
      destroyOnHidden
      width={620}
      footer={
        created ? (
          <Button type="primary" onClick={close}>
            {l('Tôi đã lưu mã, đóng lại', 'I have saved it, close')}
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>{l('Hủy', 'Cancel')}</Button>
            <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
              {l('Tạo mã', 'Create token')}
            </Button>
          </Space>
        )
      }
    >
      {created ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <div>
            {l('Mã ', 'Token ')}
            <b>{created.info.name}</b>
            {created.info.expiresAt
              ? l(
                  ` có hiệu lực đến ${formatDateTime(created.info.expiresAt)}.`,
                  ` is valid until ${formatDateTime(created.info.expiresAt)}.`,
                )
              : l(' không có hạn dùng — hãy thu hồi khi không còn cần.', ' does not expire — revoke it when no longer needed.')}
          </div>
          <SecretOnce
            secret={created.token}
            warning={l(
              'Đây là lần duy nhất mã này được hiển thị. Hãy sao chép và cất giữ an toàn như mật khẩu; nếu làm mất, hãy thu hồi và tạo mã mới.',
              'This is the only time the token is shown. Copy it and keep it safe like a password; if lost, revoke it and create a new one.',
            )}
          />
          <div>
            <Typography.Text type="secondary">{l('Cách dùng, ví dụ:', 'How to use it, for example:')}</Typography.Text>
            <pre className="nhip-secret" style={{ fontSize: 12.5, marginTop: 6, whiteSpace: 'pre-wrap' }}>
              {`curl -H "Authorization: Bearer ${l('<mã truy cập>', '<token>')}" ${origin}/api/me`}
            </pre>
          </div>
        </Space>
      ) : (
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} requiredMark="optional">
          <ServerErrorAlert message={error} onClose={() => setError(null)} />
          <Typography.Paragraph type="secondary">
            {l(
              'Mã truy cập cho phép một chương trình (Excel Power Query, tập lệnh đồng bộ với DHIS2…) gọi API của Nhịp với quyền của bạn.',
              'A token lets a program (Excel Power Query, a DHIS2 sync script…) call the Nhịp API with your permissions.',
            )}
          </Typography.Paragraph>
          <Form.Item
            name="name"
            label={l('Tên gợi nhớ', 'Name')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: l('Đặt tên để sau này biết mã dùng vào việc gì', 'Name it so you know later what it is for'),
              },
              { max: 100, message: l('Tối đa 100 ký tự', 'At most 100 characters') },
            ]}
          >
            <Input placeholder={l('Ví dụ: Đồng bộ số liệu sang DHIS2', 'e.g. Sync to DHIS2')} autoFocus />
          </Form.Item>
          <Form.Item
            name="expiresInDays"
            label={l('Hết hạn sau (ngày)', 'Expires after (days)')}
            extra={l(
              'Để trống nếu không đặt hạn. Nên đặt hạn cho mã dùng tạm thời.',
              'Leave empty for no expiry. Temporary uses should have one.',
            )}
          >
            <InputNumber min={1} max={3650} precision={0} style={{ width: 200 }} placeholder="90" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

export function TokensPanel() {
  const l = useL();
  const qc = useQueryClient();
  const { modal, message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const { data, isLoading, error, refetch } = useQuery({ queryKey: TOKENS_KEY, queryFn: () => api.get<ApiToken[]>('/api/me/tokens') });
  const revoke = useMutation({
    mutationFn: (id: number) => api.del(`/api/me/tokens/${id}`),
    onSuccess: () => {
      message.success(l('Đã thu hồi mã truy cập', 'Token revoked'));
      void qc.invalidateQueries({ queryKey: TOKENS_KEY });
    },
    onError: (e) => message.error(applyServerError(null, e)),
  });
  const confirmRevoke = (t: ApiToken) =>
    modal.confirm({
      title: l(`Thu hồi mã "${t.name}"?`, `Revoke "${t.name}"?`),
      content: l(
        'Mọi chương trình đang dùng mã này sẽ bị từ chối ngay lập tức. Không thể hoàn tác.',
        'Any program using this token will be refused at once. This cannot be undone.',
      ),
      okText: l('Thu hồi', 'Revoke'),
      okButtonProps: { danger: true },
      cancelText: l('Hủy', 'Cancel'),
      onOk: () => revoke.mutateAsync(t.id),
    });

  const stateTag = (t: ApiToken) => {
    const s = tokenState(t);
    if (s === 'active') return <Tag color="success">{l('Đang hiệu lực', 'Active')}</Tag>;
    if (s === 'expired') return <Tag color="default">{l('Hết hạn', 'Expired')}</Tag>;
    return <Tag color="error">{l('Đã thu hồi', 'Revoked')}</Tag>;
  };

  return (
    <Card
      title={l('Mã truy cập cá nhân', 'Personal access tokens')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {l('Tạo mã mới', 'New token')}
        </Button>
      }
    >
      {error ? (
        <ErrorState compact error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<ApiToken>
          rowKey="id"
          loading={isLoading}
          dataSource={data ?? []}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{
            emptyText: (
              <EmptyHint
                title={l('Bạn chưa có mã truy cập nào', 'You have no tokens yet')}
                hint={l(
                  'Tạo mã khi cần cho một chương trình gọi API thay bạn.',
                  'Create one when a program needs to call the API on your behalf.',
                )}
              />
            ),
          }}
          columns={[
            { title: l('Tên', 'Name'), dataIndex: 'name', sorter: viSorter<ApiToken>((t) => t.name), render: (v: string) => <b>{v}</b> },
            {
              title: l('Tiền tố', 'Prefix'),
              dataIndex: 'prefix',
              width: 150,
              render: (v: string) => <span className="nhip-code">{v}…</span>,
            },
            { title: l('Trạng thái', 'Status'), key: 'state', width: 130, render: (_, t) => stateTag(t) },
            {
              title: l('Ngày tạo', 'Created'),
              dataIndex: 'createdAt',
              sorter: dateSorter<ApiToken>((t) => t.createdAt),
              defaultSortOrder: 'descend',
              width: 160,
              render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>,
            },
            {
              title: l('Dùng lần cuối', 'Last used'),
              dataIndex: 'lastUsedAt',
              width: 150,
              render: (v: string | null) =>
                v ? (
                  <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>
                ) : (
                  <span className="nhip-muted">{l('Chưa dùng', 'Never')}</span>
                ),
            },
            {
              title: l('Hết hạn', 'Expires'),
              dataIndex: 'expiresAt',
              width: 150,
              render: (v: string | null) =>
                v ? (
                  <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>
                ) : (
                  <span className="nhip-muted">{l('Không đặt hạn', 'Never')}</span>
                ),
            },
            {
              title: '',
              key: 'actions',
              align: 'right',
              width: 110,
              render: (_, t) =>
                tokenState(t) === 'active' && (
                  <Button danger size="small" icon={<DeleteOutlined />} onClick={() => confirmRevoke(t)}>
                    {l('Thu hồi', 'Revoke')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      <CreateTokenModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
