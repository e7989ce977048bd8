/**
 * "Danh hiệu, hình thức khen thưởng": the catalog as data. Each title or form, its rules by legal period (Decree
 * 98/2023 until 30/06/2025, Decree 152/2025 from 01/07/2025): criteria rows with their legal basis and validity, the
 * council's vote threshold and quorum, the reward as a multiple of the base salary. The legal bases with their
 * validity, and the base salary over time. The office and the admin edit rows, confirm the department's settings and
 * add a provincial regulation; everything is audited on the server.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL } from '../../app/i18n';
import { todayVN } from '../../components/DateField';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageSkeleton } from '../../components/QueryState';
import { type Basis, formatMoney, type Salary, useAwardTypes, useBases, useSalaries } from './api-register';
import { dash, vnDate } from './register-shared';
import { BASIS_KIND_LABELS, currentSalary, inForce, span } from './catalog-shared';
import { BasisModal, SalaryModal } from './CatalogBasisModals';
import { TypesTab } from './CatalogTypesTab';

export default function CatalogPage() {
  const l = useL();
  const me = useCurrentUser();
  const manages = !!me.abilities['awards.manage'];
  const types = useAwardTypes();
  const bases = useBases();
  const salaries = useSalaries();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'types';
  const [addingBasis, setAddingBasis] = useState(false);
  const [addingSalary, setAddingSalary] = useState(false);
  const today = todayVN();
  const basisRows = useMemo(() => [...(bases.data?.items ?? [])].sort((a, b) => b.validFrom.localeCompare(a.validFrom)), [bases.data]);
  const err = types.error ?? bases.error ?? salaries.error;
  if (err) return <ErrorState error={err} onRetry={() => void Promise.all([types.refetch(), bases.refetch(), salaries.refetch()])} />;
  if (!types.data || !bases.data || !salaries.data) return <PageSkeleton />;
  const salaryNow = currentSalary(salaries.data.items, today);
  const unconfirmed = types.data.items
    .flatMap((t) => t.versions)
    .flatMap((v) => v.criteria)
    .filter((c) => c.source === 'setting' && !c.confirmedAt).length;
  return (
    <>
      <PageHeader
        title={l('Danh hiệu, hình thức khen thưởng', 'Titles and forms')}
        subtitle={l(
          'Danh mục danh hiệu thi đua và hình thức khen thưởng với tiêu chí, ngưỡng bỏ phiếu, mức thưởng và căn cứ pháp lý theo từng thời kỳ: Nghị định 98/2023/NĐ-CP áp dụng đến 30/06/2025, Nghị định 152/2025/NĐ-CP từ 01/07/2025.',
          'Titles and forms with their criteria, vote thresholds, rewards and legal bases by period.',
        )}
      />
      {manages && unconfirmed > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={l(`${unconfirmed} tiêu chí là thiết lập của Sở chưa được xác nhận`, `${unconfirmed} settings await confirmation`)}
          description={l(
            'Đây là các quy định nguồn chưa khẳng định; Sở kiểm tra rồi xác nhận ở từng tiêu chí (Sửa → Sở xác nhận).',
            'Check and confirm them on each criterion.',
          )}
        />
      )}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            {
              key: 'types',
              label: l('Danh hiệu và hình thức', 'Titles and forms'),
              children: <TypesTab types={types.data.items} bases={bases.data.items} salaries={salaries.data.items} manages={manages} />,
            },
            {
              key: 'bases',
              label: l('Văn bản căn cứ', 'Legal bases'),
              children: (
                <>
                  {manages && (
                    <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setAddingBasis(true)}>
                      {l('Thêm văn bản (quy định của tỉnh…)', 'Add a basis')}
                    </Button>
                  )}
                  <Table<Basis>
                    size="small"
                    rowKey="id"
                    dataSource={basisRows}
                    pagination={false}
                    scroll={{ x: 900 }}
                    columns={[
                      {
                        title: l('Văn bản', 'Document'),
                        key: 'doc',
                        render: (_, b) => (
                          <div>
                            <div style={{ fontWeight: 500 }}>
                              {BASIS_KIND_LABELS[b.kind]} {b.number}
                            </div>
                            <div className="nhip-muted" style={{ fontSize: 12 }}>
                              {b.line}
                            </div>
                          </div>
                        ),
                      },
                      { title: l('Cơ quan ban hành', 'Issuer'), dataIndex: 'issuer', width: 200, render: (v: string) => v || dash },
                      { title: l('Ngày ban hành', 'Issued'), dataIndex: 'issuedOn', width: 120, render: (v: string | null) => vnDate(v) },
                      {
                        title: l('Hiệu lực', 'Valid'),
                        key: 'valid',
                        width: 220,
                        render: (_, b) => (
                          <Space orientation="vertical" size={2}>
                            <span>{span(b.validFrom, b.validTo)}</span>
                            {inForce(b.validFrom, b.validTo, today) ? (
                              <Tag color="success">{l('Còn hiệu lực', 'In force')}</Tag>
                            ) : (
                              <Tag>{l('Không còn hiệu lực', 'Not in force')}</Tag>
                            )}
                          </Space>
                        ),
                      },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'salary',
              label: l('Lương cơ sở', 'Base salary'),
              children: (
                <>
                  <Space style={{ marginBottom: 12 }} wrap>
                    <Typography.Text>
                      {l('Đang áp dụng: ', 'Now: ')}
                      <strong>{salaryNow ? `${formatMoney(salaryNow.amount)}/tháng` : '—'}</strong>
                      {l(
                        '. Tiền thưởng = hệ số × lương cơ sở, làm tròn lên hàng chục nghìn đồng.',
                        '. Reward = multiple × base salary, rounded up to 10.000 đ.',
                      )}
                    </Typography.Text>
                    {manages && (
                      <Button icon={<PlusOutlined />} onClick={() => setAddingSalary(true)}>
                        {l('Mức lương cơ sở mới', 'New base salary')}
                      </Button>
                    )}
                  </Space>
                  <Table<Salary>
                    size="small"
                    rowKey="id"
                    dataSource={[...salaries.data.items].sort((a, b) => b.validFrom.localeCompare(a.validFrom))}
                    pagination={false}
                    columns={[
                      {
                        title: l('Mức lương cơ sở', 'Amount'),
                        dataIndex: 'amount',
                        width: 180,
                        align: 'right',
                        render: (n: number) => <strong>{formatMoney(n)}</strong>,
                      },
                      { title: l('Áp dụng', 'Period'), key: 'span', width: 220, render: (_, s) => span(s.validFrom, s.validTo) },
                      {
                        title: l('Căn cứ', 'Basis'),
                        key: 'basis',
                        render: (_, s) => (
                          <div>
                            {s.basis || dash}
                            {s.note && (
                              <div className="nhip-muted" style={{ fontSize: 12 }}>
                                {s.note}
                              </div>
                            )}
                          </div>
                        ),
                      },
                    ]}
                  />
                </>
              ),
            },
          ]}
        />
      </Card>
      {addingBasis && <BasisModal onClose={() => setAddingBasis(false)} />}
      {addingSalary && <SalaryModal onClose={() => setAddingSalary(false)} />}
    </>
  );
}
