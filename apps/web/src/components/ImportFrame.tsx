/**
 * The frame of an import that is checked before it is saved (units, people, award history): the dialog, its three
 * steps (choose a file, dry run, confirm), the buttons of each step and the error of the last call. What the file
 * holds and what the dry run found are the caller's children.
 */
import { Alert, Button, Modal, Space, Steps } from 'antd';
import type { ReactNode } from 'react';
import { useL } from '../app/i18n';

export function ImportFrame(props: {
  open: boolean;
  title: ReactNode;
  width?: number;
  /** A file is chosen / the dry run has answered / it found errors / there is nothing to import. */
  chosen: boolean;
  checked: boolean;
  hasErrors: boolean;
  nothing: boolean;
  busy: boolean;
  error: string | null;
  onClose: () => void;
  onCheck: () => void;
  onReset: () => void;
  onImport: () => void;
  children: ReactNode;
}) {
  const l = useL();
  const { checked, hasErrors } = props;
  return (
    <Modal
      open={props.open}
      onCancel={props.onClose}
      width={props.width ?? 760}
      title={props.title}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={props.onClose}>{l('Đóng', 'Close')}</Button>
          {props.chosen && !checked && (
            <Button type="primary" loading={props.busy} onClick={props.onCheck}>
              {l('Kiểm tra tệp', 'Check the file')}
            </Button>
          )}
          {checked && (
            <Button onClick={props.onReset} disabled={props.busy}>
              {l('Chọn tệp khác', 'Choose another file')}
            </Button>
          )}
          {checked && !hasErrors && !props.nothing && (
            <Button type="primary" loading={props.busy} onClick={props.onImport}>
              {l('Xác nhận nhập', 'Import now')}
            </Button>
          )}
        </Space>
      }
    >
      <Steps
        size="small"
        current={hasErrors ? 1 : !props.chosen ? 0 : !checked ? 1 : 2}
        status={hasErrors ? 'error' : 'process'}
        style={{ marginBottom: 20 }}
        items={[{ title: l('Chọn tệp', 'Choose file') }, { title: l('Kiểm tra thử', 'Dry run') }, { title: l('Xác nhận', 'Confirm') }]}
      />
      {props.error && <Alert type="error" showIcon title={props.error} style={{ marginBottom: 16 }} />}
      {props.children}
    </Modal>
  );
}
