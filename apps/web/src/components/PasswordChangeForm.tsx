import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { foldDiacritics } from '@nhip/contracts';
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useL } from '../app/i18n';
import { ApiError, api } from '../lib/api';
import { errorMessage } from './QueryState';
import { ServerErrorAlert } from './serverError';

type Values = { currentPassword: string; newPassword: string; confirm: string };

/** The policy the server enforces, checked as the person types (the server has the last word). */
function checks(pw: string, username: string) {
  const folded = foldDiacritics(pw);
  const user = foldDiacritics(username);
  return {
    length: [...pw.normalize('NFC')].length >= 10,
    notUsername: pw.length > 0 && !(folded === user || (user.length >= 4 && folded.includes(user))),
    variety: new Set(folded).size >= 4,
  };
}

function Rule({ ok, text }: { ok: boolean; text: string }) {
  return (
    <div style={{ color: ok ? '#17603a' : '#5b6672', display: 'flex', gap: 6, alignItems: 'center', fontSize: 13 }}>
      {ok ? <CheckCircleFilled style={{ color: '#2f9e5b' }} /> : <CloseCircleFilled style={{ color: '#c4cdd5' }} />}
      {text}
    </div>
  );
}

/** Change one's own password: current, new (with the policy shown live), confirmation. */
export function PasswordChangeForm({ username, onDone, submitText }: { username: string; onDone: () => void; submitText?: string }) {
  const l = useL();
  const [form] = Form.useForm<Values>();
  const [serverError, setServerError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const pw = Form.useWatch('newPassword', form) ?? '';
  const c = checks(pw, username);

  const submit = async (v: Values) => {
    setSaving(true);
    setServerError(null);
    try {
      await api.post('/api/me/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      form.resetFields();
      onDone();
    } catch (e) {
      const msg = errorMessage(e);
      if (e instanceof ApiError && /hiện tại/i.test(msg)) form.setFields([{ name: 'currentPassword', errors: [msg] }]);
      else if (e instanceof ApiError && e.status === 400) form.setFields([{ name: 'newPassword', errors: [msg] }]);
      else setServerError(msg);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} style={{ maxWidth: 440 }} autoComplete="off">
      <ServerErrorAlert message={serverError} onClose={() => setServerError(null)} />
      <Form.Item
        name="currentPassword"
        label={l('Mật khẩu hiện tại', 'Current password')}
        rules={[{ required: true, message: l('Nhập mật khẩu hiện tại', 'Enter your current password') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={l('Mật khẩu mới', 'New password')}
        rules={[
          { required: true, message: l('Nhập mật khẩu mới', 'Enter a new password') },
          {
            validator: (_, v: string | undefined) => {
              if (!v) return Promise.resolve();
              const r = checks(v, username);
              if (!r.length) return Promise.reject(new Error(l('Mật khẩu phải có ít nhất 10 ký tự.', 'At least 10 characters.')));
              if (!r.notUsername)
                return Promise.reject(new Error(l('Mật khẩu không được chứa tên đăng nhập.', 'Must not contain your username.')));
              if (!r.variety) return Promise.reject(new Error(l('Mật khẩu cần đa dạng ký tự hơn.', 'Use more varied characters.')));
              return Promise.resolve();
            },
          },
        ]}
        extra={
          <div style={{ marginTop: 6, display: 'grid', gap: 2 }}>
            <Rule
              ok={c.length}
              text={l('Ít nhất 10 ký tự (có thể là một câu dễ nhớ)', 'At least 10 characters (a memorable phrase works)')}
            />
            <Rule ok={c.notUsername} text={l('Không chứa tên đăng nhập', 'Does not contain your username')} />
            <Rule ok={c.variety} text={l('Đủ đa dạng ký tự, không phải mật khẩu phổ biến', 'Varied characters, not a common password')} />
          </div>
        }
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={l('Nhập lại mật khẩu mới', 'Repeat the new password')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: l('Nhập lại mật khẩu mới', 'Repeat the new password') },
          ({ getFieldValue }) => ({
            validator: (_, v) =>
              !v || v === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(l('Hai lần nhập không khớp', 'The two entries differ'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>
        {submitText ?? l('Đổi mật khẩu', 'Change password')}
      </Button>
    </Form>
  );
}
