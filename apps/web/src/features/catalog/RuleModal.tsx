import { OPERATORS, operatorLabel } from '@nhip/contracts';
import { Col, Form, Input, Row, Select, Switch } from 'antd';
import { useL, useLang } from '../../app/i18n';
import { viFilterOption } from '../../components/orgUnits';
import { clean, type DataElement, type FormSummary, KEYS, type ValidationRule } from './api';
import { CatalogModal, CODE_PATTERN } from './CatalogModal';
import { ExpressionField, expressionRule } from './ExpressionInput';
import { IMPORTANCE_LABELS, MISSING_LABELS } from './labels';

type Values = Omit<ValidationRule, 'id'>;

const OPERATOR_WORDS: Record<(typeof OPERATORS)[number], { vi: string; en: string }> = {
  eq: { vi: 'bằng', en: 'equals' },
  ne: { vi: 'khác', en: 'differs from' },
  gt: { vi: 'lớn hơn', en: 'greater than' },
  ge: { vi: 'lớn hơn hoặc bằng', en: 'at least' },
  lt: { vi: 'nhỏ hơn', en: 'less than' },
  le: { vi: 'nhỏ hơn hoặc bằng', en: 'at most' },
};

/** Left side, operator, right side, importance and the message the reporting unit will read. */
export function RuleModal({
  rule,
  forms,
  elements,
  defaultFormId,
  onClose,
}: {
  rule: ValidationRule | null;
  forms: FormSummary[];
  elements: DataElement[];
  defaultFormId?: number;
  onClose: () => void;
}) {
  const l = useL();
  const lang = useLang();
  return (
    <CatalogModal<Values>
      title={rule ? l(`Sửa quy tắc: ${rule.name}`, `Edit rule: ${rule.name}`) : l('Thêm quy tắc kiểm tra', 'Add a validation rule')}
      endpoint="/api/validation-rules"
      id={rule?.id}
      width={860}
      initialValues={
        rule
          ? { ...rule }
          : {
              formId: defaultFormId ?? null,
              operator: 'le',
              importance: 'error',
              missingValueStrategy: 'SKIP_IF_ANY_VALUE_MISSING',
              active: true,
            }
      }
      fields={[
        'code',
        'name',
        'formId',
        'left',
        'operator',
        'right',
        'importance',
        'missingValueStrategy',
        'message',
        'messageEn',
        'active',
      ]}
      invalidate={[[...KEYS.rules]]}
      onClose={onClose}
      toBody={(v) => ({
        ...clean({ code: v.code, name: v.name, message: v.message, messageEn: v.messageEn }),
        formId: v.formId ?? null,
        left: v.left.trim(),
        operator: v.operator,
        right: v.right.trim(),
        importance: v.importance,
        missingValueStrategy: v.missingValueStrategy,
        active: v.active ?? true,
      })}
    >
      {() => (
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="code"
              label={l('Mã quy tắc', 'Code')}
              rules={[
                { required: true, message: l('Nhập mã', 'Enter a code') },
                { pattern: CODE_PATTERN, message: l('Chữ không dấu, số, "_", "." hoặc "-"', 'Letters, digits, _ . -') },
              ]}
            >
              <Input spellCheck={false} placeholder="KT_BTS_01" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="name"
              label={l('Tên quy tắc', 'Name')}
              rules={[{ required: true, whitespace: true, message: l('Nhập tên quy tắc', 'Enter a name') }, { max: 300 }]}
            >
              <Input placeholder={l('vd: Trạm dùng chung không vượt tổng số trạm', 'e.g. Shared sites ≤ all sites')} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="formId"
              label={l('Áp dụng cho biểu mẫu', 'Applies to form')}
              extra={l('Để trống: áp dụng ở mọi biểu mẫu có các chỉ tiêu này.', 'Empty: wherever these data elements appear.')}
            >
              <Select
                allowClear
                showSearch={{ filterOption: viFilterOption }}
                options={forms.map((f) => ({ value: f.id, label: f.name, search: `${f.name} ${f.code}` }))}
                placeholder={l('Mọi biểu mẫu', 'Any form')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <ExpressionField
              name="left"
              label={l('Vế trái', 'Left side')}
              required
              rules={[{ required: true, whitespace: true, message: l('Nhập biểu thức vế trái', 'Enter the left side') }, expressionRule()]}
              elements={elements}
              placeholder="#{VT_BTS_DUNGCHUNG}"
            />
          </Col>
          <Col xs={24} md={4}>
            <Form.Item name="operator" label={l('So sánh', 'Operator')} rules={[{ required: true }]}>
              <Select
                options={OPERATORS.map((o) => ({ value: o, label: `${operatorLabel(o)}  ${OPERATOR_WORDS[o][lang]}` }))}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <ExpressionField
              name="right"
              label={l('Vế phải', 'Right side')}
              required
              rules={[{ required: true, whitespace: true, message: l('Nhập biểu thức vế phải', 'Enter the right side') }, expressionRule()]}
              elements={elements}
              placeholder="#{VT_BTS}"
            />
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="importance" label={l('Mức độ', 'Importance')} rules={[{ required: true }]}>
              <Select options={(['error', 'warning'] as const).map((i) => ({ value: i, label: IMPORTANCE_LABELS[i][lang] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="missingValueStrategy" label={l('Khi thiếu số liệu', 'When values are missing')} rules={[{ required: true }]}>
              <Select
                options={(Object.keys(MISSING_LABELS) as (keyof typeof MISSING_LABELS)[]).map((k) => ({
                  value: k,
                  label: MISSING_LABELS[k][lang],
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item name="active" label={l('Đang áp dụng', 'Active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="message"
              label={l('Thông báo cho đơn vị khi vi phạm', 'Message shown when broken')}
              rules={[{ required: true, whitespace: true, message: l('Nhập nội dung thông báo', 'Enter the message') }, { max: 1000 }]}
            >
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 4 }}
                placeholder={l(
                  'vd: Số trạm BTS dùng chung không được lớn hơn tổng số trạm BTS.',
                  'e.g. Shared BTS sites cannot exceed all BTS sites.',
                )}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="messageEn" label={l('Thông báo (tiếng Anh)', 'Message (English)')} rules={[{ max: 1000 }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      )}
    </CatalogModal>
  );
}
