import { KeyOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Typography } from 'antd';
import { useEffect } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ME_KEY, type Me, useCurrentUser } from '../../app/auth';
import { safeNext } from '../../app/gate';
import { useL } from '../../app/i18n';
import { useSignOut } from '../../app/session';
import { PasswordChangeForm } from '../../components/PasswordChangeForm';

/** Shown instead of everything else while the account must change its password (first sign-in, after a reset). */
export default function ChangePasswordPage() {
  const l = useL();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const signOut = useSignOut();
  const next = safeNext(params.get('next'));

  useEffect(() => {
    document.title = l('Đổi mật khẩu — Nhịp', 'Change password — Nhịp');
  }, [l]);

  if (!me.mustChangePassword) return <Navigate to={next} replace />;

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 24, background: '#f3f5f8' }}>
      <Card
        style={{ width: '100%', maxWidth: 520, boxShadow: '0 8px 30px rgba(16,42,67,0.08)' }}
        variant="borderless"
        styles={{ body: { padding: 32 } }}
      >
        <div style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 8 }}>
          <KeyOutlined style={{ fontSize: 22, color: '#0b5cad' }} />
          <Typography.Title level={3} style={{ margin: 0 }}>
            {l('Đặt mật khẩu mới', 'Set a new password')}
          </Typography.Title>
        </div>
        <Typography.Paragraph type="secondary">
          {l(
            `Xin chào ${me.fullName || me.username}. Mật khẩu hiện tại là mật khẩu tạm do quản trị cấp; hãy đặt mật khẩu của riêng bạn trước khi tiếp tục.`,
            `Hello ${me.fullName || me.username}. Your current password was issued by the administrator; set your own before you continue.`,
          )}
        </Typography.Paragraph>
        <PasswordChangeForm
          username={me.username}
          submitText={l('Lưu mật khẩu và tiếp tục', 'Save and continue')}
          onDone={() => {
            qc.setQueryData(ME_KEY, (old: Me | null | undefined) => (old ? { ...old, mustChangePassword: false } : old));
            void qc.invalidateQueries({ queryKey: ME_KEY });
            message.success(l('Đã đổi mật khẩu', 'Password changed'));
            navigate(next, { replace: true });
          }}
        />
        <div style={{ marginTop: 16, textAlign: 'right' }}>
          <Button type="link" onClick={() => void signOut()}>
            {l('Đăng xuất', 'Sign out')}
          </Button>
        </div>
      </Card>
    </div>
  );
}
