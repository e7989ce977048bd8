import { Alert, Button, Card, Result, Skeleton } from 'antd';
import { useL } from '../app/i18n';
import { ApiError } from '../lib/api';

/** The server's Vietnamese message, or a plain sentence for network failures. */
export function errorMessage(e: unknown, lang: 'vi' | 'en' = 'vi'): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof TypeError)
    return lang === 'vi'
      ? 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.'
      : 'Cannot reach the server. Check the network and try again.';
  return e instanceof Error ? e.message : String(e);
}

/** Full error state for a page whose data could not be loaded. */
export function ErrorState({ error, onRetry, compact }: { error: unknown; onRetry?: () => void; compact?: boolean }) {
  const l = useL();
  const status = error instanceof ApiError ? error.status : 0;
  const title =
    status === 403
      ? l('Bạn không có quyền xem nội dung này', 'You may not view this')
      : status === 404
        ? l('Không tìm thấy dữ liệu', 'Not found')
        : l('Không tải được dữ liệu', 'Could not load the data');
  const msg = errorMessage(error, l('vi', 'en') as 'vi' | 'en');
  if (compact) {
    return (
      <Alert
        type="error"
        showIcon
        title={title}
        description={msg}
        action={
          onRetry && (
            <Button size="small" onClick={onRetry}>
              {l('Thử lại', 'Retry')}
            </Button>
          )
        }
      />
    );
  }
  return (
    <Card>
      <Result
        status={status === 403 ? '403' : status === 404 ? '404' : 'warning'}
        title={title}
        subTitle={msg}
        extra={onRetry && <Button onClick={onRetry}>{l('Thử lại', 'Retry')}</Button>}
      />
    </Card>
  );
}

/** Loading placeholder shaped like a page: header line and a table. */
export function PageSkeleton() {
  return (
    <div>
      <Skeleton.Input active style={{ width: 280, height: 30, marginBottom: 20 }} />
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    </div>
  );
}
