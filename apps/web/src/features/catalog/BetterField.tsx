/**
 * The desirable direction of a data element or indicator ("chiều tốt"): more is better (the default) or less is
 * better (incidents, outages, broken equipment). The dashboard colours a change by it, and a target of a
 * "less is better" figure is read as a ceiling.
 */
import { Form, Radio, Tag, Tooltip } from 'antd';
import { useL } from '../../app/i18n';
import type { Better } from './api';

export function BetterField() {
  const l = useL();
  return (
    <Form.Item
      name="better"
      label={l('Chiều tốt', 'Desirable direction')}
      rules={[{ required: true, message: l('Chọn chiều tốt', 'Choose the desirable direction') }]}
      extra={l(
        'Chọn "càng thấp càng tốt" cho số sự cố, số thiết bị hư hỏng, hồ sơ quá hạn…: bảng điều hành tô xanh khi giảm, và kế hoạch năm được hiểu là mức trần.',
        'Choose "lower is better" for incidents, broken equipment, overdue dossiers…: the dashboard shows a fall in green, and the annual target is read as a ceiling.',
      )}
    >
      <Radio.Group
        optionType="button"
        options={[
          { value: 'higher', label: l('Càng cao càng tốt', 'Higher is better') },
          { value: 'lower', label: l('Càng thấp càng tốt', 'Lower is better') },
        ]}
      />
    </Form.Item>
  );
}

/** A small "↓ tốt" tag for a figure where less is better; nothing for the default. */
export function BetterTag({ better }: { better: Better }) {
  const l = useL();
  if (better !== 'lower') return null;
  return (
    <Tooltip title={l('Càng thấp càng tốt: giảm là tốt, kế hoạch là mức trần', 'Lower is better: a fall is good, the target is a ceiling')}>
      <Tag color="cyan" variant="outlined" style={{ marginInlineStart: 6, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>
        {l('↓ tốt', '↓ good')}
      </Tag>
    </Tooltip>
  );
}
