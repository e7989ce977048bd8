import { Button, Result, Typography } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';

type Props = { children: ReactNode; lang?: 'vi' | 'en' };
type State = { error: Error | null };

/** A chunk that failed to load after a new version was deployed: the cure is a reload. */
export function isChunkLoadError(e: unknown): boolean {
  const msg = e instanceof Error ? e.message : String(e);
  return /dynamically imported module|Importing a module script failed|Failed to fetch dynamically|error loading dynamically/i.test(msg);
}

/** Friendly Vietnamese message when a page crashes while rendering, instead of a blank screen. */
export function CrashMessage({ error, onRetry, lang = 'vi' }: { error: unknown; onRetry?: () => void; lang?: 'vi' | 'en' }) {
  const vi = lang === 'vi';
  const chunk = isChunkLoadError(error);
  return (
    <Result
      status={chunk ? 'info' : 'error'}
      title={
        chunk
          ? vi
            ? 'Nhịp vừa được cập nhật'
            : 'Nhịp has been updated'
          : vi
            ? 'Trang này gặp sự cố khi hiển thị'
            : 'This page failed to display'
      }
      subTitle={
        chunk
          ? vi
            ? 'Hãy tải lại trang để dùng phiên bản mới. Dữ liệu bạn đã lưu không bị ảnh hưởng.'
            : 'Reload the page to use the new version. Your saved data is not affected.'
          : vi
            ? 'Dữ liệu đã lưu không bị ảnh hưởng. Bạn có thể thử lại; nếu lỗi lặp lại, hãy báo cho quản trị hệ thống kèm thời điểm xảy ra.'
            : 'Saved data is not affected. Try again; if it keeps happening, tell your administrator when it occurred.'
      }
      extra={[
        <Button key="reload" type="primary" onClick={() => (chunk || !onRetry ? window.location.reload() : onRetry())}>
          {vi ? (chunk ? 'Tải lại trang' : 'Thử lại') : chunk ? 'Reload' : 'Try again'}
        </Button>,
        <Button key="home" href="/">
          {vi ? 'Về trang chủ' : 'Home'}
        </Button>,
      ]}
    >
      {!chunk && error instanceof Error && (
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginBottom: 0 }}>
          <small>
            {vi ? 'Chi tiết kỹ thuật: ' : 'Technical detail: '}
            {error.message}
          </small>
        </Typography.Paragraph>
      )}
    </Result>
  );
}

/** Catches rendering errors of the page below it; the shell (menu, header) stays usable. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Lỗi hiển thị trang', error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return <CrashMessage error={this.state.error} lang={this.props.lang} onRetry={() => this.setState({ error: null })} />;
    }
    return this.props.children;
  }
}
