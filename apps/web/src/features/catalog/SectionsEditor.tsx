import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Empty, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useBlocker } from 'react-router';
import { useL, useLang } from '../../app/i18n';
import { applyServerError } from '../../components/serverError';
import { api } from '../../lib/api';
import { type DataElement, type FormDetail, KEYS } from './api';
import { ElementPicker } from './ElementPicker';
import { VALUE_TYPE_LABELS } from './labels';

type Item = {
  dataElementId: number;
  code: string;
  name: string;
  uom: string | null;
  valueType: DataElement['valueType'];
  required: boolean;
};
type Section = { key: string; title: string; titleEn: string | null; elements: Item[] };

let seq = 0;
const newKey = () => `s${++seq}`;

function fromForm(f: FormDetail): Section[] {
  return [...f.sections]
    .sort((a, b) => a.sort - b.sort)
    .map((s) => ({
      key: `id${s.id}`,
      title: s.title,
      titleEn: s.titleEn,
      elements: s.elements.map((e) => ({
        dataElementId: e.id,
        code: e.code,
        name: e.name,
        uom: e.uom,
        valueType: e.valueType,
        required: e.required,
      })),
    }));
}

const signature = (s: Section[]) =>
  JSON.stringify(s.map((x) => [x.title, x.titleEn, x.elements.map((e) => [e.dataElementId, e.required])]));

function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const out = [...list];
  const [x] = out.splice(from, 1);
  out.splice(to, 0, x as T);
  return out;
}

/** The form's structure: sections in order, data elements in each, which are required. Saved at once with PUT structure. */
export function SectionsEditor({ form, elements, canEdit }: { form: FormDetail; elements: DataElement[]; canEdit: boolean }) {
  const l = useL();
  const lang = useLang();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [sections, setSections] = useState<Section[]>(() => fromForm(form));
  const [saved, setSaved] = useState(() => signature(fromForm(form)));
  const [picking, setPicking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const dirty = signature(sections) !== saved;

  // A refetch of the form (after saving, or after the units were saved) replaces the baseline; edits in
  // progress are kept.
  const savedRef = useRef(saved);
  savedRef.current = saved;
  useEffect(() => {
    const fresh = fromForm(form);
    setSections((cur) => (signature(cur) === savedRef.current ? fresh : cur));
    setSaved(signature(fresh));
  }, [form]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: l('Cấu trúc biểu mẫu chưa được lưu', 'The form structure is not saved'),
      content: l('Rời trang sẽ mất các thay đổi chưa lưu.', 'Leaving discards the unsaved changes.'),
      okText: l('Rời trang', 'Leave'),
      okButtonProps: { danger: true },
      cancelText: l('Ở lại', 'Stay'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, l]);

  const used = useMemo(() => new Set(sections.flatMap((s) => s.elements.map((e) => e.dataElementId))), [sections]);

  const save = useMutation({
    mutationFn: () =>
      api.put(`/api/forms/${form.id}/structure`, {
        sections: sections.map((s) => ({
          title: s.title.normalize('NFC').trim(),
          titleEn: s.titleEn?.trim() || null,
          elements: s.elements.map((e) => ({ dataElementId: e.dataElementId, required: e.required })),
        })),
      }),
    onSuccess: () => {
      setSaved(signature(sections));
      setError(null);
      message.success(l('Đã lưu cấu trúc biểu mẫu', 'Form structure saved'));
      void qc.invalidateQueries({ queryKey: KEYS.form(form.id) });
      void qc.invalidateQueries({ queryKey: KEYS.forms });
    },
    onError: (e) => setError(applyServerError(null, e)),
  });

  const update = (key: string, fn: (s: Section) => Section) => setSections((all) => all.map((s) => (s.key === key ? fn(s) : s)));
  const emptyTitle = sections.some((s) => !s.title.trim());
  const picked = sections.find((s) => s.key === picking);

  const removeSection = (s: Section) => {
    const go = () => setSections((all) => all.filter((x) => x.key !== s.key));
    if (s.elements.length === 0) return go();
    modal.confirm({
      title: l(`Xóa phần "${s.title}"?`, `Remove section "${s.title}"?`),
      content: l(
        `${s.elements.length} chỉ tiêu trong phần này sẽ bị bỏ khỏi biểu mẫu (số liệu đã nhập không bị xóa).`,
        `${s.elements.length} data elements leave the form (entered values are kept).`,
      ),
      okText: l('Xóa phần', 'Remove'),
      okButtonProps: { danger: true },
      cancelText: l('Hủy', 'Cancel'),
      onOk: go,
    });
  };

  return (
    <div>
      {canEdit && (
        <div className="nhip-toolbar" style={{ position: 'sticky', top: 64, zIndex: 5, background: '#f3f5f8', padding: '8px 0' }}>
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              setSections((all) => [
                ...all,
                { key: newKey(), title: l(`Phần ${all.length + 1}`, `Section ${all.length + 1}`), titleEn: null, elements: [] },
              ])
            }
          >
            {l('Thêm phần', 'Add section')}
          </Button>
          <span className="grow" />
          {dirty && <Tag color="warning">{l('Có thay đổi chưa lưu', 'Unsaved changes')}</Tag>}
          <Button icon={<UndoOutlined />} disabled={!dirty} onClick={() => setSections(fromForm(form))}>
            {l('Hoàn tác', 'Revert')}
          </Button>
          <Tooltip title={emptyTitle ? l('Mỗi phần cần có tiêu đề', 'Every section needs a title') : undefined}>
            <Button
              type="primary"
              icon={<SaveOutlined />}
              disabled={!dirty || emptyTitle}
              loading={save.isPending}
              onClick={() => save.mutate()}
            >
              {l('Lưu cấu trúc', 'Save structure')}
            </Button>
          </Tooltip>
        </div>
      )}
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} style={{ marginBottom: 12 }} />}
      {sections.length === 0 && (
        <Card>
          <Empty
            description={
              canEdit
                ? l(
                    'Biểu mẫu chưa có phần nào. Thêm một phần (vd: "I. Bưu chính"), rồi chọn các chỉ tiêu cho phần đó.',
                    'No sections yet. Add one, then choose its data elements.',
                  )
                : l('Biểu mẫu chưa có chỉ tiêu nào.', 'The form has no data elements yet.')
            }
          />
        </Card>
      )}
      {sections.map((s, i) => (
        <Card
          key={s.key}
          className="nhip-section-card"
          size="small"
          title={
            canEdit ? (
              <Input
                value={s.title}
                onChange={(e) => update(s.key, (x) => ({ ...x, title: e.target.value }))}
                status={s.title.trim() ? undefined : 'error'}
                placeholder={l('Tiêu đề phần', 'Section title')}
                variant="underlined"
                style={{ fontWeight: 600, fontSize: 15, paddingInline: 0, maxWidth: 560 }}
                aria-label={l('Tiêu đề phần', 'Section title')}
              />
            ) : (
              s.title
            )
          }
          extra={
            canEdit && (
              <Space size={4}>
                <Tooltip title={l('Lên', 'Up')}>
                  <Button
                    size="small"
                    icon={<ArrowUpOutlined />}
                    disabled={i === 0}
                    onClick={() => setSections((all) => move(all, i, i - 1))}
                    aria-label={l('Chuyển phần lên', 'Move up')}
                  />
                </Tooltip>
                <Tooltip title={l('Xuống', 'Down')}>
                  <Button
                    size="small"
                    icon={<ArrowDownOutlined />}
                    disabled={i === sections.length - 1}
                    onClick={() => setSections((all) => move(all, i, i + 1))}
                    aria-label={l('Chuyển phần xuống', 'Move down')}
                  />
                </Tooltip>
                <Button size="small" type="primary" ghost icon={<PlusOutlined />} onClick={() => setPicking(s.key)}>
                  {l('Thêm chỉ tiêu', 'Add elements')}
                </Button>
                <Tooltip title={l('Xóa phần', 'Remove section')}>
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => removeSection(s)}
                    aria-label={l('Xóa phần', 'Remove section')}
                  />
                </Tooltip>
              </Space>
            )
          }
        >
          <Table<Item>
            rowKey="dataElementId"
            size="small"
            pagination={false}
            dataSource={s.elements}
            locale={{ emptyText: l('Chưa có chỉ tiêu trong phần này', 'No data elements in this section') }}
            columns={[
              { title: '#', key: 'n', width: 48, render: (_, __, idx) => <span className="nhip-muted">{idx + 1}</span> },
              { title: l('Mã', 'Code'), dataIndex: 'code', width: 150, render: (v: string) => <span className="nhip-code">{v}</span> },
              { title: l('Chỉ tiêu', 'Data element'), dataIndex: 'name' },
              { title: l('Đơn vị tính', 'Unit'), dataIndex: 'uom', width: 110, render: (v: string | null) => v ?? '—' },
              {
                title: l('Kiểu', 'Type'),
                dataIndex: 'valueType',
                width: 120,
                render: (t: Item['valueType']) => <Tag color={VALUE_TYPE_LABELS[t].color}>{VALUE_TYPE_LABELS[t][lang]}</Tag>,
              },
              {
                title: l('Bắt buộc', 'Required'),
                dataIndex: 'required',
                width: 90,
                align: 'center',
                render: (v: boolean, e) => (
                  <Checkbox
                    checked={v}
                    disabled={!canEdit}
                    aria-label={l(`Bắt buộc nhập ${e.name}`, `${e.name} required`)}
                    onChange={(ev) =>
                      update(s.key, (x) => ({
                        ...x,
                        elements: x.elements.map((y) => (y.dataElementId === e.dataElementId ? { ...y, required: ev.target.checked } : y)),
                      }))
                    }
                  />
                ),
              },
              ...(canEdit
                ? [
                    {
                      title: '',
                      key: 'a',
                      width: 120,
                      render: (_: unknown, e: Item, idx: number) => (
                        <Space size={2}>
                          <Button
                            size="small"
                            type="text"
                            icon={<ArrowUpOutlined />}
                            disabled={idx === 0}
                            onClick={() => update(s.key, (x) => ({ ...x, elements: move(x.elements, idx, idx - 1) }))}
                            aria-label={l('Lên', 'Up')}
                          />
                          <Button
                            size="small"
                            type="text"
                            icon={<ArrowDownOutlined />}
                            disabled={idx === s.elements.length - 1}
                            onClick={() => update(s.key, (x) => ({ ...x, elements: move(x.elements, idx, idx + 1) }))}
                            aria-label={l('Xuống', 'Down')}
                          />
                          <Button
                            size="small"
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            onClick={() =>
                              update(s.key, (x) => ({ ...x, elements: x.elements.filter((y) => y.dataElementId !== e.dataElementId) }))
                            }
                            aria-label={l('Bỏ khỏi biểu mẫu', 'Remove')}
                          />
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      ))}
      {sections.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {l(
            `${sections.length} phần, ${used.size} chỉ tiêu, trong đó ${sections.reduce((n, s) => n + s.elements.filter((e) => e.required).length, 0)} chỉ tiêu bắt buộc.`,
            `${sections.length} sections, ${used.size} data elements, ${sections.reduce((n, s) => n + s.elements.filter((e) => e.required).length, 0)} required.`,
          )}
        </Typography.Paragraph>
      )}
      <ElementPicker
        open={!!picked}
        sectionTitle={picked?.title ?? ''}
        elements={elements}
        exclude={used}
        onClose={() => setPicking(null)}
        onPick={(list) =>
          picked &&
          update(picked.key, (x) => ({
            ...x,
            elements: [
              ...x.elements,
              ...list.map((e) => ({
                dataElementId: e.id,
                code: e.code,
                name: e.name,
                uom: e.uom,
                valueType: e.valueType,
                required: false,
              })),
            ],
          }))
        }
      />
    </div>
  );
}
