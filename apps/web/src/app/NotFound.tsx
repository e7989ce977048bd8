import { Button, Result } from 'antd';
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { useL } from './i18n';

export function NotFound() {
  const l = useL();
  const { pathname } = useLocation();
  useEffect(() => {
    document.title = l('Không tìm thấy trang — Nhịp', 'Page not found — Nhịp');
  }, [l]);
  return (
    <Result
      status="404"
      title={l('Không tìm thấy trang', 'Page not found')}
      subTitle={
        <>
          {l('Địa chỉ ', 'The address ')}
          <span className="nhip-code">{pathname}</span>
          {l(
            ' không tồn tại hoặc đã được chuyển đi. Hãy kiểm tra lại đường dẫn hoặc chọn mục trong menu bên trái.',
            ' does not exist or has moved. Check the link or pick an item from the menu.',
          )}
        </>
      }
      extra={
        <Link to="/">
          <Button type="primary">{l('Về trang chủ', 'Go to the home page')}</Button>
        </Link>
      }
    />
  );
}
