import { normalizeText, ROLE_LABELS, ROLES, type Role } from '@nhip/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Form, Input, Modal, Row, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useL, useLang } from '../../app/i18n';
import { OrgUnitTreeSelect } from '../../components/orgUnits';
import { SecretOnce } from '../../components/SecretOnce';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { api } from '../../lib/api';
import { USERS_KEY, type User } from './usersApi';

type Values = {
  username: string;
  fullName: string;
  email?: string | null;
  role: Role;
  orgUnitId?: number | null;
  title?: string | null;
  active?: boolean;
};

const UNIT_NEEDED: Role[] = ['reporter', 'unit_head', 'reviewer'];
const FIELDS = ['username', 'fullName', 'email', 'role', 'orgUnitId', 'title', 'active'];

/** Create a user (the server generates the first password, shown once) or edit role, unit and status. */
export function UserFormModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const l = useL();
  const lang = useLang();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ user: User; password: string | null } | null>(null);
  const role = Form.useWatch('role', form);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const common = {
        fullName: normalizeText(v.fullName),
        email: v.email?.trim() ? v.email.trim() : null,
        role: v.role,
        orgUnitId: v.orgUnitId ?? null,
        title: v.title?.trim() ? normalizeText(v.title) : null,
      };
      return user
        ? api.patch<User>(`/api/users/${user.id}`, { ...common, active: v.active ?? true }).then((u) => ({ user: u, password: null }))
        : api.post<{ user: User; password: string | null }>('/api/users', { ...common, username: v.username.trim().toLowerCase() });
    },
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: USERS_KEY });
      if (user) {
        message.success(l('Đã lưu thông tin người dùng', 'User saved'));
        onClose();
      } else setCreated(r);
    },
    onError: (e) => setError(applyServerError(form, e, FIELDS)),
  });

  if (created) {
    return (
      <Modal
        open
        title={l(`Đã tạo tài khoản ${created.user.username}`, `Account ${created.user.username} created`)}
        onCancel={onClose}
        mask={{ closable: false }}
        footer={
          <Button type="primary" onClick={onClose}>
            {l('Tôi đã ghi lại, đóng', 'Noted, close')}
          </Button>
        }
      >
        {created.password ? (
          <>
            <Typography.Paragraph>
              {l(
                'Mật khẩu tạm thời dưới đây chỉ hiển thị một lần. Hãy chuyển cho người dùng qua kênh an toàn; họ sẽ phải đặt mật khẩu mới ở lần đăng nhập đầu tiên.',
                'The temporary password below is shown only once. Hand it over through a safe channel; they must set a new one at first sign-in.',
              )}
            </Typography.Paragraph>
            <SecretOnce
              secret={created.password}
              warning={l('Sau khi đóng hộp thoại này, mật khẩu không thể xem lại.', 'Once closed, the password cannot be shown again.')}
            />
          </>
        ) : (
          <Typography.Paragraph>{l('Tài khoản đã được tạo.', 'The account was created.')}</Typography.Paragraph>
        )}
      </Modal>
    );
  }

  return (
    <Modal
      open
      width={680}
      title={user ? l(`Sửa người dùng: ${user.username}`, `Edit user: ${user.username}`) : l('Tạo người dùng', 'Create a user')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={user ? l('Lưu', 'Save') : l('Tạo tài khoản', 'Create account')}
      cancelText={l('Hủy', 'Cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Form
        form={form}
        layout="vertical"
        requiredMark="optional"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          user
            ? {
                username: user.username,
                fullName: user.fullName,
                email: user.email,
                role: user.role,
                orgUnitId: user.orgUnitId,
                title: user.title,
                active: user.active,
              }
            : { role: 'reporter', active: true }
        }
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="username"
              label={l('Tên đăng nhập', 'Username')}
              rules={[
                { required: true, message: l('Nhập tên đăng nhập', 'Enter a username') },
                {
                  pattern: /^[a-zA-Z0-9._-]{3,64}$/,
                  message: l(
                    'Chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang; 3–64 ký tự',
                    'Letters without accents, digits, . _ -; 3–64 characters',
                  ),
                },
              ]}
            >
              <Input disabled={!!user} spellCheck={false} autoCapitalize="none" placeholder="vd: nguyenvana" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="fullName"
              label={l('Họ và tên', 'Full name')}
              rules={[{ required: true, whitespace: true, message: l('Nhập họ và tên', 'Enter the full name') }, { max: 200 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="role" label={l('Vai trò', 'Role')} rules={[{ required: true, message: l('Chọn vai trò', 'Choose a role') }]}>
              <Select options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="title" label={l('Chức vụ', 'Job title')} rules={[{ max: 200 }]}>
              <Input placeholder={l('vd: Chuyên viên', 'e.g. Officer')} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="orgUnitId"
              label={l('Đơn vị', 'Unit')}
              extra={
                role === 'reviewer'
                  ? l('Người thẩm định phải thuộc một phòng chuyên môn.', 'A reviewer belongs to a specialised division.')
                  : role && UNIT_NEEDED.includes(role)
                    ? l('Tài khoản của đơn vị báo cáo phải gắn với đơn vị đó.', 'A unit account must be tied to its unit.')
                    : l('Có thể để trống với tài khoản toàn Sở.', 'May stay empty for department-wide accounts.')
              }
              rules={[
                {
                  required: !!role && UNIT_NEEDED.includes(role),
                  message: l('Chọn đơn vị cho vai trò này', 'Choose a unit for this role'),
                },
              ]}
            >
              <OrgUnitTreeSelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={user ? 12 : 24}>
            <Form.Item
              name="email"
              label={l('Thư điện tử', 'Email')}
              rules={[{ type: 'email', message: l('Địa chỉ thư không hợp lệ', 'Not a valid address') }]}
            >
              <Input type="email" placeholder="ten@donvi.gov.vn" />
            </Form.Item>
          </Col>
          {user && (
            <Col xs={24} md={12}>
              <Form.Item name="active" label={l('Trạng thái', 'Status')} valuePropName="checked">
                <Switch checkedChildren={l('Đang hoạt động', 'Active')} unCheckedChildren={l('Đã khóa', 'Disabled')} />
              </Form.Item>
            </Col>
          )}
        </Row>
        {!user && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {l(
              'Hệ thống sẽ sinh một mật khẩu tạm và hiển thị một lần sau khi tạo; người dùng phải đổi mật khẩu ở lần đăng nhập đầu.',
              'A temporary password is generated and shown once; the user must change it at first sign-in.',
            )}
          </Typography.Paragraph>
        )}
      </Form>
    </Modal>
  );
}
