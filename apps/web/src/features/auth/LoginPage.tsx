import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ME_KEY, type Me, useMe } from '../../app/auth';
import { FullPageSpin, safeNext } from '../../app/gate';
import { useL, useLang } from '../../app/i18n';
import { useSwitchLang } from '../../app/session';
import { errorMessage } from '../../components/QueryState';
import { ApiError, api } from '../../lib/api';
import { CycleIntro } from './CycleIntro';
import './login.css';

type LoginError = { kind: 'error' | 'warning'; title: string; text?: string };

export default function LoginPage() {
  const l = useL();
  const lang = useLang();
  const switchLang = useSwitchLang();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const { data: me, isLoading } = useMe();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<LoginError | null>(null);
  // A language picked on this page wins over the one saved on the account, and is saved there.
  const pickedHere = useRef(false);

  useEffect(() => {
    document.title = l('Đăng nhập — Nhịp', 'Sign in — Nhịp');
  }, [l]);

  if (isLoading) return <FullPageSpin />;
  if (me) return <Navigate to={next} replace />;

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setFailure(null);
    try {
      let signedIn = await api.post<Me>('/api/auth/login', { username: v.username.trim(), password: v.password });
      if (pickedHere.current && signedIn.locale !== lang) {
        await api.patch('/api/me', { locale: lang }).catch(() => undefined);
        signedIn = { ...signedIn, locale: lang };
      }
      qc.setQueryData(ME_KEY, signedIn);
      navigate(next, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 423) {
        setFailure({ kind: 'warning', title: l('Tài khoản đang tạm khóa', 'Account temporarily locked'), text: e.message });
      } else if (e instanceof ApiError && e.status === 429) {
        setFailure({ kind: 'warning', title: l('Thử quá nhiều lần', 'Too many attempts'), text: e.message });
      } else if (e instanceof ApiError && e.status === 403) {
        setFailure({ kind: 'error', title: l('Không thể đăng nhập', 'Cannot sign in'), text: e.message });
      } else {
        setFailure({ kind: 'error', title: errorMessage(e) });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="nhip-login">
      <CycleIntro />
      <div className="nhip-login-form-wrap">
        <div className="nhip-login-card">
          <Card variant="borderless" style={{ boxShadow: '0 8px 30px rgba(16,42,67,0.08)' }} styles={{ body: { padding: 32 } }}>
            <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
              {l('Đăng nhập', 'Sign in')}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
              {l('Dùng tài khoản do quản trị hệ thống của Sở cấp.', 'Use the account your department administrator gave you.')}
            </Typography.Paragraph>
            {failure && (
              <Alert
                type={failure.kind}
                showIcon
                icon={failure.kind === 'warning' ? <LockOutlined /> : undefined}
                title={failure.title}
                description={failure.text}
                style={{ marginBottom: 20 }}
                role="alert"
              />
            )}
            <Form layout="vertical" onFinish={submit} requiredMark={false} size="large" disabled={busy}>
              <Form.Item
                name="username"
                label={l('Tên đăng nhập', 'Username')}
                rules={[{ required: true, whitespace: true, message: l('Nhập tên đăng nhập', 'Enter your username') }]}
              >
                <Input
                  prefix={<UserOutlined style={{ color: '#8a96a3' }} />}
                  autoComplete="username"
                  autoFocus
                  autoCapitalize="none"
                  spellCheck={false}
                />
              </Form.Item>
              <Form.Item
                name="password"
                label={l('Mật khẩu', 'Password')}
                rules={[{ required: true, message: l('Nhập mật khẩu', 'Enter your password') }]}
              >
                <Input.Password
                  prefix={<LockOutlined style={{ color: '#8a96a3' }} />}
                  autoComplete="current-password"
                  iconRender={(visible) => (
                    <span style={{ fontSize: 12, color: '#0b5cad', cursor: 'pointer', userSelect: 'none' }}>
                      {visible ? l('Ẩn', 'Hide') : l('Hiện', 'Show')}
                    </span>
                  )}
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy} style={{ marginTop: 4 }}>
                {l('Đăng nhập', 'Sign in')}
              </Button>
            </Form>
            <Typography.Paragraph type="secondary" style={{ marginTop: 20, marginBottom: 0, fontSize: 13 }}>
              {l(
                'Quên mật khẩu hoặc tài khoản bị khóa? Liên hệ quản trị hệ thống của Sở để được đặt lại mật khẩu.',
                'Forgot your password or locked out? Ask the department administrator to reset it.',
              )}
            </Typography.Paragraph>
          </Card>
          <div
            style={{
              display: 'flex',
              justifyContent: 'space-between',
              alignItems: 'center',
              marginTop: 16,
              color: '#5b6672',
              fontSize: 13,
            }}
          >
            <span>© Nhịp</span>
            <Segmented
              size="small"
              value={lang}
              onChange={(v) => {
                pickedHere.current = true;
                void switchLang(v as 'vi' | 'en');
              }}
              options={[
                { label: 'Tiếng Việt', value: 'vi' },
                { label: 'English', value: 'en' },
              ]}
            />
          </div>
        </div>
      </div>
    </div>
  );
}
