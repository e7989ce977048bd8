/**
 * The sentence the draft summary report writes about a data element or indicator ("Số liệu thành lời"): a small
 * template with named slots in braces and optional parts in brackets. Empty takes the default of the figure's
 * kind (a stock, a flow, a ratio). The server checks the pattern on save and names an unknown slot.
 */
import { SENTENCE_SLOTS } from '@nhip/contracts';
import { Form, Input, Tooltip, Typography } from 'antd';
import { useL } from '../../app/i18n';

export function SentencePatternField({ example }: { example: string }) {
  const l = useL();
  return (
    <Form.Item
      name="sentencePattern"
      label={l('Mẫu câu trong báo cáo tổng kết', 'Sentence in the summary report')}
      rules={[{ max: 500 }]}
      extra={
        <>
          {l(
            'Để trống: dùng câu mặc định theo loại chỉ tiêu. Ô dữ liệu đặt trong {…}; phần trong […] được bỏ qua khi thiếu số liệu (ví dụ chưa có số năm trước, chưa giao kế hoạch).',
            'Empty: the default sentence for the kind of figure. Slots go in {…}; a part in […] is left out when its figures are missing (no figure last year, no target).',
          )}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {Object.entries(SENTENCE_SLOTS).map(([slot, meaning]) => (
              <Tooltip key={slot} title={meaning}>
                <span className="nhip-code" style={{ marginInlineEnd: 6 }}>{`{${slot}}`}</span>
              </Tooltip>
            ))}
          </Typography.Text>
        </>
      }
    >
      <Input allowClear placeholder={example} />
    </Form.Item>
  );
}
