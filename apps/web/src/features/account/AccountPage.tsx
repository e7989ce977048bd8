import { App, Card, Tabs, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { PasswordChangeForm } from '../../components/PasswordChangeForm';
import { ProfileCard } from './ProfileCard';
import { TokensPanel } from './TokensPanel';

const TABS = ['profile', 'password', 'tokens'] as const;
type TabKey = (typeof TABS)[number];

export default function AccountPage() {
  const l = useL();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const tab: TabKey = pathname.endsWith('/tokens') ? 'tokens' : pathname.endsWith('/password') ? 'password' : 'profile';

  return (
    <>
      <PageHeader
        title={l('Tài khoản của tôi', 'My account')}
        subtitle={l(
          'Thông tin cá nhân, mật khẩu và mã truy cập cho các chương trình khác.',
          'Profile, password and access tokens for other programs.',
        )}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(k === 'profile' ? '/account' : `/account/${k}`)}
        items={[
          { key: 'profile', label: l('Thông tin', 'Profile'), children: <ProfileCard me={me} /> },
          {
            key: 'password',
            label: l('Đổi mật khẩu', 'Password'),
            children: (
              <Card title={l('Đổi mật khẩu', 'Change password')}>
                <Typography.Paragraph type="secondary" style={{ maxWidth: 560 }}>
                  {l(
                    'Sau khi đổi, các phiên đăng nhập khác của bạn (máy khác, trình duyệt khác) sẽ bị đăng xuất; phiên này vẫn giữ nguyên.',
                    'After the change, your other sessions (other computers or browsers) are signed out; this one stays.',
                  )}
                </Typography.Paragraph>
                <PasswordChangeForm username={me.username} onDone={() => message.success(l('Đã đổi mật khẩu', 'Password changed'))} />
              </Card>
            ),
          },
          { key: 'tokens', label: l('Mã truy cập cá nhân', 'Access tokens'), children: <TokensPanel /> },
        ]}
      />
    </>
  );
}
