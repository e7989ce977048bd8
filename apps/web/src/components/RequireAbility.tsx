import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../app/auth';
import { useL } from '../app/i18n';

/** Shows the page only to people with the ability; others get a plain explanation instead of a broken screen. */
export function RequireAbility({ ability, children }: { ability: string; children: ReactNode }) {
  const me = useCurrentUser();
  const l = useL();
  if (me.abilities[ability]) return <>{children}</>;
  return (
    <Result
      status="403"
      title={l('Bạn không có quyền truy cập trang này', 'You may not open this page')}
      subTitle={l(
        'Trang này dành cho vai trò khác. Nếu công việc của bạn cần đến nó, hãy đề nghị quản trị hệ thống cấp quyền.',
        'This page belongs to another role. If your work needs it, ask the administrator.',
      )}
      extra={
        <Link to="/">
          <Button type="primary">{l('Về trang chủ', 'Home')}</Button>
        </Link>
      }
    />
  );
}
