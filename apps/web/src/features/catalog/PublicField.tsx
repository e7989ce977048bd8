/**
 * Open figures: a data element or indicator the office marks public gets a page on the department's public portal
 * (/so-lieu): province totals by year and quarter of the approved figures, once the period's rounds are closed, and,
 * at level 2, the table of units one level down. Nothing below the chosen level is shown.
 */
import { Form, Radio, Switch, Tag, Tooltip } from 'antd';
import { useL } from '../../app/i18n';

export function PublicField() {
  const l = useL();
  const isPublic = Form.useWatch('public') as boolean | undefined;
  return (
    <>
      <Form.Item
        name="public"
        label={l('Công khai trên trang số liệu', 'Public on the open figures page')}
        valuePropName="checked"
        extra={l(
          'Chỉ số liệu đã duyệt, của các kỳ đã đóng đợt báo cáo, được đăng tại /so-lieu (kèm tải về CSV, JSON).',
          'Only approved figures of periods whose rounds are closed appear at /so-lieu (with CSV and JSON downloads).',
        )}
      >
        <Switch />
      </Form.Item>
      {isPublic && (
        <Form.Item name="publicLevel" label={l('Công khai đến cấp', 'Public down to')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 1, label: l('Toàn tỉnh', 'Province totals') },
              { value: 2, label: l('Thêm một cấp đơn vị', 'Also one level down') },
            ]}
          />
        </Form.Item>
      )}
    </>
  );
}

/** A small "Công khai" tag for a figure shown on the public portal; nothing otherwise. */
export function PublicTag({ isPublic, level }: { isPublic: boolean; level: number }) {
  const l = useL();
  if (!isPublic) return null;
  return (
    <Tooltip title={level >= 2 ? l('Công khai: toàn tỉnh và một cấp đơn vị', 'Public: province and one level down') : l('Công khai: toàn tỉnh', 'Public: province totals')}>
      <Tag color="green" variant="outlined" style={{ marginInlineStart: 6, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>
        {l('Công khai', 'Public')}
      </Tag>
    </Tooltip>
  );
}
