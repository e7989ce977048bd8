import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { type Operator, operatorLabel, searchMatches } from '@nhip/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useL, useLang } from '../../app/i18n';
import { ErrorState, errorMessage } from '../../components/QueryState';
import { EmptyHint, showTotal, viSorter } from '../../components/table';
import { api } from '../../lib/api';
import { type DataElement, type Importance, KEYS, useDataElements, useForms, useRules, type ValidationRule } from './api';
import { IMPORTANCE_LABELS } from './labels';
import { RuleModal } from './RuleModal';

function Side({ expr, byCode }: { expr: string; byCode: Map<string, DataElement> }) {
  return <span>{expr.replace(/#\{([^}]*)\}/g, (_, c: string) => `[${byCode.get(c)?.name ?? c}]`)}</span>;
}

/** Validation rules, all or one form's, with the editor. */
export function RulesTable({ formId, canManage }: { formId?: number; canManage: boolean }) {
  const l = useL();
  const lang = useLang();
  const qc = useQueryClient();
  const { modal, message } = App.useApp();
  const { data, isLoading, error, refetch } = useRules(formId);
  const forms = useForms();
  const elements = useDataElements();
  const [q, setQ] = useState('');
  const [importance, setImportance] = useState<Importance | undefined>();
  const [editing, setEditing] = useState<ValidationRule | 'new' | null>(null);
  const byCode = useMemo(() => new Map((elements.data ?? []).map((e) => [e.code, e])), [elements.data]);
  const formName = (id: number | null) => (id == null ? null : (forms.data?.find((f) => f.id === id)?.name ?? `#${id}`));
  const rows = useMemo(
    () => (data ?? []).filter((r) => (!importance || r.importance === importance) && searchMatches(`${r.code} ${r.name} ${r.message}`, q)),
    [data, importance, q],
  );

  const remove = useMutation({
    mutationFn: (id: number) => api.del(`/api/validation-rules/${id}`),
    onSuccess: () => {
      message.success(l('Đã xóa quy tắc', 'Rule deleted'));
      void qc.invalidateQueries({ queryKey: KEYS.rules });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const confirmDelete = (r: ValidationRule) =>
    modal.confirm({
      title: l(`Xóa quy tắc "${r.name}"?`, `Delete rule "${r.name}"?`),
      content: l(
        'Báo cáo sẽ không còn được kiểm tra theo quy tắc này. Nếu chỉ muốn tạm ngừng, hãy tắt "Đang áp dụng".',
        'Reports will no longer be checked against it. To pause it, switch it off instead.',
      ),
      okText: l('Xóa', 'Delete'),
      okButtonProps: { danger: true },
      cancelText: l('Hủy', 'Cancel'),
      onOk: () => remove.mutateAsync(r.id),
    });

  return (
    <>
      <div className="nhip-toolbar">
        <Input.Search
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={l('Tìm theo tên, mã, nội dung (không cần dấu)', 'Search')}
          style={{ width: 320 }}
        />
        <Select
          allowClear
          value={importance}
          onChange={setImportance}
          aria-label={l('Mức độ', 'Importance')}
          placeholder={l('Mọi mức độ', 'Any importance')}
          style={{ width: 200 }}
          options={(['error', 'warning'] as const).map((i) => ({ value: i, label: IMPORTANCE_LABELS[i][lang] }))}
        />
        <span className="grow" />
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {l('Thêm quy tắc', 'Add rule')}
          </Button>
        )}
      </div>
      {error ? (
        <ErrorState compact error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<ValidationRule>
          rowKey="id"
          loading={isLoading}
          dataSource={rows}
          scroll={{ x: 980 }}
          pagination={{ pageSize: 25, showTotal, hideOnSinglePage: true }}
          locale={{
            emptyText: (
              <EmptyHint
                title={
                  q || importance
                    ? l('Không có quy tắc phù hợp', 'No matching rule')
                    : l('Chưa có quy tắc kiểm tra', 'No validation rules yet')
                }
                hint={
                  !q && !importance && canManage
                    ? l(
                        'Quy tắc so sánh hai biểu thức, ví dụ "trạm dùng chung ≤ tổng số trạm", và báo cho đơn vị trước khi nộp.',
                        'A rule compares two expressions and warns the unit before it submits.',
                      )
                    : undefined
                }
              />
            ),
          }}
          columns={[
            {
              title: l('Mã', 'Code'),
              dataIndex: 'code',
              width: 140,
              sorter: viSorter<ValidationRule>((r) => r.code),
              render: (v: string) => <span className="nhip-code">{v}</span>,
            },
            {
              title: l('Quy tắc', 'Rule'),
              dataIndex: 'name',
              sorter: viSorter<ValidationRule>((r) => r.name),
              defaultSortOrder: 'ascend',
              render: (_, r) => (
                <div>
                  <div style={{ fontWeight: 500 }}>
                    {r.name} {!r.active && <Tag>{l('Tạm ngừng', 'Paused')}</Tag>}
                  </div>
                  <div style={{ fontSize: 13, color: '#334e68', marginTop: 2 }}>
                    <Side expr={r.left} byCode={byCode} /> <b style={{ color: '#0b5cad' }}>{operatorLabel(r.operator as Operator)}</b>{' '}
                    <Side expr={r.right} byCode={byCode} />
                  </div>
                  <div className="nhip-muted" style={{ fontSize: 12.5, marginTop: 2 }}>
                    “{lang === 'en' && r.messageEn ? r.messageEn : r.message}”
                  </div>
                </div>
              ),
            },
            {
              title: l('Mức độ', 'Importance'),
              dataIndex: 'importance',
              width: 150,
              render: (i: Importance) => <Tag color={IMPORTANCE_LABELS[i].color}>{IMPORTANCE_LABELS[i][lang]}</Tag>,
            },
            ...(formId == null
              ? [
                  {
                    title: l('Biểu mẫu', 'Form'),
                    key: 'form',
                    width: 200,
                    sorter: viSorter<ValidationRule>((r) => formName(r.formId)),
                    render: (_: unknown, r: ValidationRule) =>
                      formName(r.formId) ?? <span className="nhip-muted">{l('Mọi biểu mẫu', 'Any form')}</span>,
                  },
                ]
              : []),
            ...(canManage
              ? [
                  {
                    title: '',
                    key: 'a',
                    width: 90,
                    render: (_: unknown, r: ValidationRule) => (
                      <Space size={4}>
                        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} aria-label={l('Sửa', 'Edit')} />
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          onClick={() => confirmDelete(r)}
                          aria-label={l('Xóa', 'Delete')}
                        />
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {editing && (
        <RuleModal
          rule={editing === 'new' ? null : editing}
          forms={forms.data ?? []}
          elements={elements.data ?? []}
          defaultFormId={formId}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
