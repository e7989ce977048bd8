import { PERIOD_TYPES, periodTypeLabel } from '@nhip/contracts';
import { Col, Form, Input, Radio, Row, Select, Switch } from 'antd';
import { useL, useLang } from '../../app/i18n';
import { viFilterOption } from '../../components/orgUnits';
import { clean, type FormSummary, KEYS } from './api';
import { CatalogModal, CODE_PATTERN } from './CatalogModal';
import { FORM_KIND_LABELS } from './labels';
import { useDivisions } from './SectorsPage';

type Values = Pick<FormSummary, 'code' | 'name' | 'nameEn' | 'periodType' | 'kind' | 'divisionId' | 'narrative' | 'description' | 'active'>;

/** Properties of a report form (its sections and units are edited on the form's own page). */
export function FormModal({
  form: f,
  onClose,
  onSaved,
}: {
  form: FormSummary | null;
  onClose: () => void;
  onSaved?: (f: FormSummary) => void;
}) {
  const l = useL();
  const lang = useLang();
  const divisions = useDivisions();
  return (
    <CatalogModal<Values, FormSummary>
      title={f ? l(`Sửa biểu mẫu: ${f.name}`, `Edit form: ${f.name}`) : l('Thêm biểu mẫu báo cáo', 'Add a report form')}
      endpoint="/api/forms"
      id={f?.id}
      width={760}
      initialValues={f ? { ...f } : { periodType: 'Quarterly', kind: 'administrative', narrative: true, active: true }}
      fields={['code', 'name', 'nameEn', 'periodType', 'kind', 'divisionId', 'narrative', 'description', 'active']}
      invalidate={[[...KEYS.forms]]}
      onClose={onClose}
      onSaved={onSaved}
      toBody={(v) => ({
        ...clean({ code: v.code, name: v.name, nameEn: v.nameEn, description: v.description }),
        periodType: v.periodType,
        kind: v.kind,
        divisionId: v.divisionId ?? null,
        narrative: !!v.narrative,
        active: v.active ?? true,
      })}
    >
      {() => (
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="code"
              label={l('Mã biểu mẫu', 'Code')}
              rules={[
                { required: true, message: l('Nhập mã', 'Enter a code') },
                { pattern: CODE_PATTERN, message: l('Chữ không dấu, số, "_", "." hoặc "-"', 'Letters, digits, _ . -') },
              ]}
            >
              <Input spellCheck={false} placeholder="BC_QUY_VT" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="name"
              label={l('Tên biểu mẫu', 'Name')}
              rules={[{ required: true, whitespace: true, message: l('Nhập tên biểu mẫu', 'Enter a name') }, { max: 300 }]}
            >
              <Input placeholder={l('vd: Báo cáo quý lĩnh vực viễn thông', 'e.g. Quarterly telecom report')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="periodType" label={l('Kỳ báo cáo', 'Period type')} rules={[{ required: true }]}>
              <Select options={PERIOD_TYPES.map((t) => ({ value: t, label: periodTypeLabel(t, lang) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="divisionId"
              label={l('Phòng chuyên môn thẩm định', 'Reviewing division')}
              extra={l(
                'Phòng này xem xét, duyệt hoặc trả lại báo cáo của các đơn vị.',
                'This division reviews, approves or returns the reports.',
              )}
            >
              <Select
                allowClear
                loading={divisions.isLoading}
                showSearch={{ filterOption: viFilterOption }}
                options={(divisions.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                placeholder={l('Văn phòng Sở thẩm định', 'Reviewed by the office')}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="kind" label={l('Loại báo cáo', 'Kind')} rules={[{ required: true }]}>
              <Radio.Group>
                {(['administrative', 'statistical'] as const).map((k) => (
                  <Radio key={k} value={k} style={{ display: 'flex', marginBottom: 6 }}>
                    <b>{FORM_KIND_LABELS[k][lang]}</b> <span className="nhip-muted">— {FORM_KIND_LABELS[k].hint[lang]}</span>
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="narrative"
              label={l('Phần thuyết minh', 'Narrative')}
              valuePropName="checked"
              extra={l('Kết quả đạt được; Khó khăn, vướng mắc; Đề xuất, kiến nghị', 'Results; difficulties; proposals')}
            >
              <Switch checkedChildren={l('Có', 'Yes')} unCheckedChildren={l('Không', 'No')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="active" label={l('Đang sử dụng', 'In use')} valuePropName="checked">
              <Switch checkedChildren={l('Có', 'Yes')} unCheckedChildren={l('Ngừng', 'No')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nameEn" label={l('Tên tiếng Anh', 'English name')} rules={[{ max: 300 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="description" label={l('Ghi chú, căn cứ', 'Notes, legal basis')} rules={[{ max: 4000 }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
          </Col>
        </Row>
      )}
    </CatalogModal>
  );
}
