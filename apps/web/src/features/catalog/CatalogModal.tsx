import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useL } from '../../app/i18n';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { api } from '../../lib/api';

/**
 * Create/edit modal shared by the catalog screens: validates client-side, posts or patches, shows the
 * server's refusal next to the fields it names (or above the form), refreshes the list on success.
 */
export function CatalogModal<V extends object, R = unknown>({
  title,
  endpoint,
  id,
  initialValues,
  toBody,
  invalidate,
  fields,
  onClose,
  onSaved,
  width = 720,
  children,
  savedText,
}: {
  title: string;
  endpoint: string;
  id?: number | null;
  initialValues: Partial<V>;
  toBody: (v: V) => unknown;
  invalidate: readonly unknown[][];
  fields: string[];
  onClose: () => void;
  onSaved?: (r: R) => void;
  width?: number;
  savedText?: string;
  children: (form: FormInstance<V>) => ReactNode;
}) {
  const l = useL();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: V) => (id ? api.patch<R>(`${endpoint}/${id}`, toBody(v)) : api.post<R>(endpoint, toBody(v))),
    onSuccess: (r) => {
      message.success(savedText ?? (id ? l('Đã lưu thay đổi', 'Saved') : l('Đã thêm mới', 'Created')));
      for (const key of invalidate) void qc.invalidateQueries({ queryKey: key });
      onSaved?.(r);
      onClose();
    },
    onError: (e) => setError(applyServerError(form, e, fields)),
  });
  return (
    <Modal
      open
      width={width}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={l('Lưu', 'Save')}
      cancelText={l('Hủy', 'Cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Form<V>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={initialValues}
        onFinish={(v) => save.mutate(v)}
        onValuesChange={() => error && setError(null)}
      >
        {children(form)}
      </Form>
    </Modal>
  );
}

export const CODE_PATTERN = /^[A-Za-z0-9_.-]{1,50}$/;
