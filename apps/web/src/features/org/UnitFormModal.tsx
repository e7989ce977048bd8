import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { compareVi, formatDate, normalizeText, UNIT_TYPE_LABELS, UNIT_TYPES } from '@nhip/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Form, Input, Modal, Row, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useL, useLang } from '../../app/i18n';
import { DateField, todayVN } from '../../components/DateField';
import { type OrgUnit, OrgUnitTreeSelect, useOrgUnits, viFilterOption } from '../../components/orgUnits';
import { useSectors } from '../../components/sectors';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { api } from '../../lib/api';
import type { UnitBody } from './api';
import { LINEAGE_LABELS } from './labels';

type Values = Omit<UnitBody, 'predecessors'> & { predecessors: { id?: number; kind: string }[] };

const FIELDS = ['code', 'name', 'shortName', 'type', 'parentId', 'validFrom', 'validTo', 'sectorId', 'predecessors'];

/** Create or edit a unit: identity, place in the tree, validity and the units it succeeds. */
export function UnitFormModal({ unit, onClose, onSaved }: { unit: OrgUnit | null; onClose: () => void; onSaved?: (u: OrgUnit) => void }) {
  const l = useL();
  const lang = useLang();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const all = useOrgUnits({ includeClosed: true });
  const sectors = useSectors();

  const unitOptions = useMemo(
    () =>
      (all.data ?? [])
        .filter((u) => u.id !== unit?.id)
        .sort((a, b) => compareVi(a.name, b.name))
        .map((u) => ({
          value: u.id,
          label: `${u.name} (${u.code})`,
          search: `${u.name} ${u.code}`,
          title: `${formatDate(u.validFrom)} – ${u.validTo ? formatDate(u.validTo) : l('nay', 'now')}`,
        })),
    [all.data, unit?.id, l],
  );

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: UnitBody = {
        code: normalizeText(v.code),
        name: normalizeText(v.name),
        shortName: v.shortName ? normalizeText(v.shortName) : null,
        type: v.type,
        parentId: v.parentId ?? null,
        validFrom: v.validFrom,
        validTo: v.validTo ?? null,
        sectorId: v.sectorId ?? null,
        predecessors: (v.predecessors ?? []).filter((p) => p.id != null).map((p) => ({ id: p.id as number, kind: p.kind })),
      };
      return unit ? api.patch<OrgUnit>(`/api/org-units/${unit.id}`, body) : api.post<OrgUnit>('/api/org-units', body);
    },
    onSuccess: (saved) => {
      message.success(unit ? l('Đã lưu thay đổi của đơn vị', 'Unit saved') : l('Đã thêm đơn vị', 'Unit added'));
      void qc.invalidateQueries({ queryKey: ['org-units'] });
      onSaved?.(saved);
      onClose();
    },
    onError: (e) => setError(applyServerError(form, e, FIELDS)),
  });

  const initial: Partial<Values> = unit
    ? {
        code: unit.code,
        name: unit.name,
        shortName: unit.shortName,
        type: unit.type,
        parentId: unit.parentId,
        validFrom: unit.validFrom,
        validTo: unit.validTo,
        sectorId: unit.sectorId,
        predecessors: unit.predecessors.map((p) => ({ id: p.id, kind: p.kind })),
      }
    : { validFrom: todayVN(), predecessors: [] };

  return (
    <Modal
      open
      width={760}
      title={unit ? l(`Sửa đơn vị: ${unit.name}`, `Edit unit: ${unit.name}`) : l('Thêm đơn vị', 'Add a unit')}
      onCancel={onClose}
      okText={l('Lưu', 'Save')}
      cancelText={l('Hủy', 'Cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} requiredMark="optional">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="code"
              label={l('Mã đơn vị', 'Code')}
              rules={[{ required: true, whitespace: true, message: l('Nhập mã đơn vị', 'Enter a code') }, { max: 50 }]}
            >
              <Input placeholder="VD: XA_TANLAP" spellCheck={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="name"
              label={l('Tên đầy đủ', 'Full name')}
              rules={[{ required: true, whitespace: true, message: l('Nhập tên đơn vị', 'Enter a name') }, { max: 300 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="shortName" label={l('Tên viết tắt', 'Short name')} rules={[{ max: 100 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="type"
              label={l('Loại đơn vị', 'Type')}
              rules={[{ required: true, message: l('Chọn loại đơn vị', 'Choose a type') }]}
            >
              <Select options={UNIT_TYPES.map((t) => ({ value: t, label: UNIT_TYPE_LABELS[t][lang] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="sectorId" label={l('Lĩnh vực (nếu có)', 'Sector (if any)')}>
              <Select
                allowClear
                loading={sectors.isLoading}
                options={(sectors.data ?? []).map((s) => ({ value: s.id, label: lang === 'en' && s.nameEn ? s.nameEn : s.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="parentId"
              label={l('Trực thuộc', 'Parent unit')}
              extra={l('Để trống nếu là đơn vị cấp cao nhất (tỉnh).', 'Leave empty for a top-level unit.')}
            >
              <OrgUnitTreeSelect
                units={all.data}
                includeClosed
                disabledIds={unit ? [unit.id] : []}
                placeholder={l('Chọn đơn vị cấp trên', 'Choose the parent')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="validFrom"
              label={l('Hiệu lực từ ngày', 'In force from')}
              rules={[{ required: true, message: l('Chọn ngày bắt đầu hiệu lực', 'Choose a start date') }]}
            >
              <DateField allowClear={false} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="validTo"
              label={l('Đến ngày', 'Until')}
              dependencies={['validFrom']}
              extra={l('Để trống nếu đơn vị còn hoạt động.', 'Leave empty while the unit exists.')}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v: string | null) =>
                    !v || !getFieldValue('validFrom') || v >= getFieldValue('validFrom')
                      ? Promise.resolve()
                      : Promise.reject(new Error(l('Ngày kết thúc phải sau ngày bắt đầu', 'Must be after the start date'))),
                }),
              ]}
            >
              <DateField style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{l('Đơn vị tiền thân', 'Predecessors')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {l(
            'Khi đơn vị này được hình thành do sáp nhập, chia tách, đổi tên hay điều chuyển, hãy chọn các đơn vị cũ để số liệu trước và sau sắp xếp so sánh được với nhau.',
            'When this unit came from a merger, split, rename or transfer, choose the former units so figures before and after stay comparable.',
          )}
        </Typography.Paragraph>
        <Form.List name="predecessors">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item
                    name={[f.name, 'id']}
                    rules={[{ required: true, message: l('Chọn đơn vị', 'Choose a unit') }]}
                    style={{ width: 440, marginBottom: 8 }}
                  >
                    <Select
                      showSearch={{ filterOption: viFilterOption }}
                      options={unitOptions}
                      placeholder={l('Chọn đơn vị tiền thân', 'Choose a predecessor')}
                      loading={all.isLoading}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'kind']} initialValue="merge" style={{ width: 160, marginBottom: 8 }}>
                    <Select options={Object.entries(LINEAGE_LABELS).map(([k, v]) => ({ value: k, label: v[lang] }))} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={l('Bỏ', 'Remove')} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'merge' })}>
                {l('Thêm đơn vị tiền thân', 'Add a predecessor')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
