import { CheckCircleOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { compareVi, validateExpression } from '@nhip/contracts';
import { Button, Form, type GetRef, Input, type FormRule as Rule, Select, Space, Typography } from 'antd';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { useL } from '../../app/i18n';
import { viFilterOption } from '../../components/orgUnits';
import type { DataElement } from './api';

/** Form rule: the expression parses (unknown codes are left to the server, which names them). */
export function expressionRule(): Rule {
  return {
    validator: (_: unknown, v: string | undefined) => {
      if (!v?.trim()) return Promise.resolve();
      const r = validateExpression(v);
      return r.ok ? Promise.resolve() : Promise.reject(new Error(r.error.message));
    },
  };
}

/**
 * An expression field over data element codes (`#{BC_DN} / #{TONG_THON} * 100`): the text box (validated by
 * the form), a searchable picker that inserts `#{CODE}` where the cursor is, and a live reading of the
 * expression with element names — or a warning naming codes that do not exist.
 */
export function ExpressionField({
  name,
  label,
  rules,
  extra,
  elements,
  placeholder,
  required,
}: {
  name: string;
  label: ReactNode;
  rules?: Rule[];
  extra?: ReactNode;
  elements: DataElement[];
  placeholder?: string;
  required?: boolean;
}) {
  const l = useL();
  const form = Form.useFormInstance();
  const text = (Form.useWatch(name, form) as string | undefined) ?? '';
  const ref = useRef<GetRef<typeof Input.TextArea>>(null);
  const [pick, setPick] = useState<string | undefined>();
  const byCode = useMemo(() => new Map(elements.map((e) => [e.code, e])), [elements]);
  const options = useMemo(
    () =>
      [...elements]
        .sort((a, b) => compareVi(a.name, b.name))
        .map((e) => ({ value: e.code, label: `${e.name} (${e.code})`, search: `${e.name} ${e.code} ${e.shortName ?? ''}` })),
    [elements],
  );

  const insert = (code: string) => {
    const el = ref.current?.resizableTextArea?.textArea;
    const token = `#{${code}}`;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    const before = text.slice(0, start);
    const pad = before && !/[\s(+\-*/]$/.test(before) ? ' ' : '';
    form.setFieldValue(name, `${before}${pad}${token}${text.slice(end)}`);
    void form.validateFields([name]);
    setPick(undefined);
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      const pos = before.length + pad.length + token.length;
      el.setSelectionRange(pos, pos);
    });
  };

  const check = text.trim() ? validateExpression(text) : null;
  const unknown = check?.ok ? check.codes.filter((c) => !byCode.has(c)) : [];
  const readable = check?.ok ? text.replace(/#\{([^}]*)\}/g, (_, c: string) => `[${byCode.get(c)?.name ?? c}]`) : null;

  return (
    <div style={{ marginBottom: 20 }}>
      <Form.Item name={name} label={label} rules={rules} extra={extra} required={required} style={{ marginBottom: 6 }}>
        <Input.TextArea
          ref={ref}
          autoSize={{ minRows: 2, maxRows: 6 }}
          placeholder={placeholder}
          spellCheck={false}
          style={{ fontFamily: 'SFMono-Regular, Consolas, "Liberation Mono", monospace' }}
        />
      </Form.Item>
      <Space.Compact style={{ width: '100%' }}>
        <Select
          value={pick}
          onChange={setPick}
          options={options}
          showSearch={{ filterOption: viFilterOption }}
          placeholder={l('Chọn chỉ tiêu để chèn #{MÃ} vào biểu thức', 'Pick a data element to insert #{CODE}')}
          style={{ width: '100%' }}
          size="small"
          aria-label={l('Chọn chỉ tiêu để chèn', 'Pick a data element')}
        />
        <Button size="small" icon={<PlusOutlined />} disabled={!pick} onClick={() => pick && insert(pick)}>
          {l('Chèn', 'Insert')}
        </Button>
      </Space.Compact>
      {check?.ok && (
        <div style={{ marginTop: 6, fontSize: 13 }}>
          {unknown.length ? (
            <Typography.Text type="warning">
              <WarningOutlined /> {l('Không có chỉ tiêu mã: ', 'Unknown codes: ')}
              {unknown.join(', ')}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">
              <CheckCircleOutlined style={{ color: '#2f9e5b' }} /> {readable}
            </Typography.Text>
          )}
        </div>
      )}
    </div>
  );
}
