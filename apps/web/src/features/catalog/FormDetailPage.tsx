import { EditOutlined } from '@ant-design/icons';
import { formatNumber, periodTypeLabel } from '@nhip/contracts';
import { Button, Card, Descriptions, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useL, useLang } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageSkeleton } from '../../components/QueryState';
import { useCanManageCatalog, useDataElements, useFormDetail } from './api';
import { FormModal } from './FormModal';
import { FormUnitsCard } from './FormUnitsCard';
import { FORM_KIND_LABELS } from './labels';
import { RulesTable } from './RulesTable';
import { SectionsEditor } from './SectionsEditor';

export default function FormDetailPage() {
  const l = useL();
  const lang = useLang();
  const navigate = useNavigate();
  const { id } = useParams();
  const formId = Number(id);
  const canManage = useCanManageCatalog();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'structure';
  const { data: form, isLoading, error, refetch } = useFormDetail(formId);
  const elements = useDataElements();
  const [editing, setEditing] = useState(false);

  if (!Number.isInteger(formId) || formId <= 0)
    return <ErrorState error={new Error(l('Địa chỉ biểu mẫu không hợp lệ.', 'Invalid form address.'))} />;
  if (isLoading) return <PageSkeleton />;
  if (error || !form) return <ErrorState error={error} onRetry={() => void refetch()} />;

  return (
    <>
      <PageHeader
        crumbs={[{ title: l('Biểu mẫu báo cáo', 'Report forms'), to: '/catalog/forms' }, { title: form.code }]}
        title={lang === 'en' && form.nameEn ? form.nameEn : form.name}
        extra={
          canManage && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {l('Sửa thông tin', 'Edit properties')}
            </Button>
          )
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={l('Mã', 'Code')}>
            <span className="nhip-code">{form.code}</span>
          </Descriptions.Item>
          <Descriptions.Item label={l('Kỳ báo cáo', 'Period type')}>
            <Tag color="blue">{periodTypeLabel(form.periodType, lang)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={l('Loại', 'Kind')}>{FORM_KIND_LABELS[form.kind]?.[lang] ?? form.kind}</Descriptions.Item>
          <Descriptions.Item label={l('Phòng thẩm định', 'Reviewing division')}>
            {form.divisionName ?? l('Văn phòng Sở', 'Department office')}
          </Descriptions.Item>
          <Descriptions.Item label={l('Phần thuyết minh', 'Narrative')}>
            {form.narrative ? l('Có (kết quả, khó khăn, kiến nghị)', 'Yes') : l('Không', 'No')}
          </Descriptions.Item>
          <Descriptions.Item label={l('Trạng thái', 'Status')}>
            {form.active ? <Tag color="success">{l('Đang sử dụng', 'In use')}</Tag> : <Tag>{l('Ngừng dùng', 'Inactive')}</Tag>}
          </Descriptions.Item>
          {form.description && (
            <Descriptions.Item label={l('Ghi chú', 'Notes')} span={3}>
              {form.description}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          {
            key: 'structure',
            label: l(`Cấu trúc (${formatNumber(form.elementCount)} chỉ tiêu)`, `Structure (${formatNumber(form.elementCount)})`),
            children: <SectionsEditor form={form} elements={elements.data ?? []} canEdit={canManage} />,
          },
          {
            key: 'units',
            label: l(`Đơn vị báo cáo (${formatNumber(form.unitIds.length)})`, `Reporting units (${formatNumber(form.unitIds.length)})`),
            children: <FormUnitsCard form={form} canEdit={canManage} />,
          },
          {
            key: 'rules',
            label: l('Quy tắc kiểm tra', 'Validation rules'),
            children: (
              <Card>
                <RulesTable formId={form.id} canManage={canManage} />
              </Card>
            ),
          },
        ]}
      />
      {editing && (
        <FormModal form={form} onClose={() => setEditing(false)} onSaved={() => navigate(`/catalog/forms/${form.id}`, { replace: true })} />
      )}
    </>
  );
}
