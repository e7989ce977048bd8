import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space } from 'antd';
import { useState } from 'react';
import { useL } from '../app/i18n';

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    /* fall through to the textarea way */
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  document.body.appendChild(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  document.body.removeChild(ta);
  return ok;
}

/** A secret (token, new password) shown once, with a copy button and a warning that it will not be shown again. */
export function SecretOnce({ secret, warning }: { secret: string; warning: string }) {
  const l = useL();
  const { message } = App.useApp();
  const [copied, setCopied] = useState(false);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Alert type="warning" showIcon title={warning} />
      <div style={{ display: 'flex', gap: 8, alignItems: 'stretch' }}>
        <div className="nhip-secret" style={{ flex: 1 }} data-testid="secret-value">
          {secret}
        </div>
        <Button
          type="primary"
          icon={copied ? <CheckOutlined /> : <CopyOutlined />}
          style={{ height: 'auto' }}
          onClick={async () => {
            const ok = await copyText(secret);
            if (ok) {
              setCopied(true);
              message.success(l('Đã sao chép vào bộ nhớ tạm', 'Copied to clipboard'));
            } else {
              message.error(l('Không sao chép được, hãy bôi đen và sao chép thủ công', 'Copy failed; select and copy it by hand'));
            }
          }}
        >
          {copied ? l('Đã chép', 'Copied') : l('Sao chép', 'Copy')}
        </Button>
      </div>
    </Space>
  );
}
