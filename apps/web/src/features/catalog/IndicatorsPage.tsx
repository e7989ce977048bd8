import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { formatNumber, searchMatches } from '@nhip/contracts';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useL, useLang } from '../../app/i18n';
import { NameSearch, SectorFilter } from '../../components/CatalogFilters';
import { vnNumberProps } from '../../components/numberInput';
import { viFilterOption } from '../../components/orgUnits';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/QueryState';
import { useSectors } from '../../components/sectors';
import { EmptyHint, showTotal, viSorter } from '../../components/table';
import { clean, type DataElement, type Indicator, KEYS, useCanManageCatalog, useDataElements, useIndicators } from './api';
import { BetterField, BetterTag } from './BetterField';
import { PublicField, PublicTag } from './PublicField';
import { SentencePatternField } from './SentencePatternField';
import { CatalogModal, CODE_PATTERN } from './CatalogModal';
import { ExpressionField, expressionRule } from './ExpressionInput';

type Values = Omit<Indicator, 'id' | 'sectorName'>;

/** '#{A} / #{B} × 100' with element names, for the table. */
function Formula({ i, byCode }: { i: Indicator; byCode: Map<string, DataElement> }) {
  const name = (expr: string) => expr.replace(/#\{([^}]*)\}/g, (_, c: string) => byCode.get(c)?.name ?? c);
  const den = i.denominator.trim();
  return (
    <div style={{ fontSize: 13, lineHeight: 1.5 }}>
      <div>{name(i.numerator)}</div>
      {den !== '1' && (
        <div style={{ borderTop: '1px solid #c4cdd5', display: 'inline-block', paddingTop: 2, marginTop: 2 }}>{name(den)}</div>
      )}
      {i.factor !== 1 && <span className="nhip-muted"> × {formatNumber(i.factor)}</span>}
    </div>
  );
}

function IndicatorModal({ indicator, elements, onClose }: { indicator: Indicator | null; elements: DataElement[]; onClose: () => void }) {
  const l = useL();
  const sectors = useSectors();
  return (
    <CatalogModal<Values>
      title={indicator ? l(`Sửa chỉ số: ${indicator.name}`, `Edit indicator: ${indicator.name}`) : l('Thêm chỉ số', 'Add an indicator')}
      endpoint="/api/indicators"
      id={indicator?.id}
      width={820}
      initialValues={indicator ? { ...indicator } : { denominator: '1', factor: 100, decimals: 1, uom: '%', better: 'higher', public: false, publicLevel: 1 }}
      fields={['code', 'name', 'nameEn', 'numerator', 'denominator', 'factor', 'decimals', 'uom', 'sectorId', 'description', 'better', 'public', 'publicLevel', 'sentencePattern']}
      invalidate={[[...KEYS.indicators]]}
      onClose={onClose}
      toBody={(v) => ({
        ...clean({ code: v.code, name: v.name, nameEn: v.nameEn, uom: v.uom, description: v.description }),
        numerator: v.numerator.trim(),
        denominator: (v.denominator ?? '').trim() || '1',
        factor: v.factor ?? 1,
        decimals: v.decimals ?? 1,
        sectorId: v.sectorId ?? null,
        better: v.better ?? 'higher',
        public: v.public ?? false,
        publicLevel: v.publicLevel ?? 1,
        sentencePattern: v.sentencePattern?.trim() || null,
      })}
    >
      {() => (
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="code"
              label={l('Mã chỉ số', 'Code')}
              rules={[
                { required: true, message: l('Nhập mã', 'Enter a code') },
                { pattern: CODE_PATTERN, message: l('Chữ không dấu, số, "_", "." hoặc "-"', 'Letters, digits, _ . -') },
              ]}
            >
              <Input spellCheck={false} placeholder="TL_THON_BRCD" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="name"
              label={l('Tên chỉ số', 'Name')}
              rules={[{ required: true, whitespace: true, message: l('Nhập tên chỉ số', 'Enter a name') }, { max: 300 }]}
            >
              <Input placeholder={l('vd: Tỷ lệ thôn có Internet băng rộng cáp quang', 'e.g. Share of villages with fibre broadband')} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <ExpressionField
              name="numerator"
              label={l('Tử số', 'Numerator')}
              required
              rules={[{ required: true, whitespace: true, message: l('Nhập biểu thức tử số', 'Enter the numerator') }, expressionRule()]}
              elements={elements}
              placeholder="#{THON_BRCD}"
            />
          </Col>
          <Col xs={24}>
            <ExpressionField
              name="denominator"
              label={l('Mẫu số', 'Denominator')}
              extra={l('Để 1 nếu chỉ số không phải tỷ lệ.', 'Use 1 when the indicator is not a ratio.')}
              rules={[expressionRule()]}
              elements={elements}
              placeholder="#{TONG_THON}"
            />
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="factor" label={l('Hệ số nhân', 'Factor')} extra={l('100 cho tỷ lệ %', '100 for a percentage')}>
              <InputNumber style={{ width: '100%' }} {...vnNumberProps} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="decimals" label={l('Số chữ số thập phân', 'Decimals')}>
              <InputNumber min={0} max={6} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="uom" label={l('Đơn vị tính', 'Unit')} rules={[{ max: 50 }]}>
              <Input placeholder="%" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="sectorId" label={l('Lĩnh vực', 'Sector')}>
              <Select
                allowClear
                showSearch={{ filterOption: viFilterOption }}
                options={(sectors.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <BetterField />
          </Col>
          <Col xs={24}>
            <PublicField />
          </Col>
          <Col xs={24}>
            <SentencePatternField example="Toàn tỉnh có {numerator}/{denominator} {object}, đạt {percent}[, {change}][, {plan}]" />
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nameEn" label={l('Tên tiếng Anh', 'English name')} rules={[{ max: 300 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="description" label={l('Mô tả', 'Description')} rules={[{ max: 4000 }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
          </Col>
        </Row>
      )}
    </CatalogModal>
  );
}

export default function IndicatorsPage() {
  const l = useL();
  const lang = useLang();
  const canManage = useCanManageCatalog();
  const { data, isLoading, error, refetch } = useIndicators();
  const elements = useDataElements();
  const [q, setQ] = useState('');
  const [sectorId, setSectorId] = useState<number | undefined>();
  const [editing, setEditing] = useState<Indicator | 'new' | null>(null);
  const byCode = useMemo(() => new Map((elements.data ?? []).map((e) => [e.code, e])), [elements.data]);
  const rows = useMemo(
    () => (data ?? []).filter((i) => (!sectorId || i.sectorId === sectorId) && searchMatches(`${i.code} ${i.name} ${i.nameEn ?? ''}`, q)),
    [data, sectorId, q],
  );
  const filtered = !!(q.trim() || sectorId);
  return (
    <>
      <PageHeader
        title={l('Chỉ số', 'Indicators')}
        subtitle={l(
          'Chỉ số tính từ các chỉ tiêu: tử số, mẫu số và hệ số. Tỷ lệ luôn tính từ tử số và mẫu số đã tổng hợp, không lấy trung bình các tỷ lệ.',
          'Indicators computed from data elements. Ratios come from aggregated numerator and denominator, never from averaging percentages.',
        )}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {l('Thêm chỉ số', 'Add indicator')}
            </Button>
          )
        }
      />
      <Card>
        <div className="nhip-toolbar">
          <NameSearch value={q} onChange={setQ} />
          <SectorFilter value={sectorId} onChange={setSectorId} />
        </div>
        {error ? (
          <ErrorState compact error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<Indicator>
            rowKey="id"
            loading={isLoading}
            dataSource={rows}
            scroll={{ x: 1000 }}
            pagination={{ pageSize: 25, showTotal, hideOnSinglePage: true }}
            locale={{
              emptyText: (
                <EmptyHint
                  title={filtered ? l('Không có chỉ số phù hợp', 'No matching indicator') : l('Chưa có chỉ số nào', 'No indicators yet')}
                  hint={
                    !filtered && canManage
                      ? l(
                          'Thêm chỉ số như "Tỷ lệ thôn có Internet băng rộng" = số thôn có băng rộng / tổng số thôn × 100.',
                          'Add one such as broadband villages / all villages × 100.',
                        )
                      : undefined
                  }
                />
              ),
            }}
            columns={[
              {
                title: l('Mã', 'Code'),
                dataIndex: 'code',
                width: 150,
                sorter: viSorter<Indicator>((i) => i.code),
                render: (v: string) => <span className="nhip-code">{v}</span>,
              },
              {
                title: l('Tên chỉ số', 'Name'),
                dataIndex: 'name',
                width: 260,
                sorter: viSorter<Indicator>((i) => i.name),
                defaultSortOrder: 'ascend',
                render: (_, i) => (
                  <>
                    <b style={{ fontWeight: 500 }}>{lang === 'en' && i.nameEn ? i.nameEn : i.name}</b>
                    <BetterTag better={i.better} />
                    <PublicTag isPublic={i.public} level={i.publicLevel} />
                  </>
                ),
              },
              { title: l('Công thức', 'Formula'), key: 'formula', render: (_, i) => <Formula i={i} byCode={byCode} /> },
              { title: l('Đơn vị tính', 'Unit'), dataIndex: 'uom', width: 110, render: (v: string | null) => v ?? '—' },
              {
                title: l('Lĩnh vực', 'Sector'),
                dataIndex: 'sectorName',
                width: 150,
                sorter: viSorter<Indicator>((i) => i.sectorName),
                render: (v: string | null) => v ?? '—',
              },
              ...(canManage
                ? [
                    {
                      title: '',
                      key: 'a',
                      width: 56,
                      render: (_: unknown, i: Indicator) => (
                        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(i)} aria-label={l('Sửa', 'Edit')} />
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
        {elements.isError && (
          <Typography.Text type="warning" style={{ display: 'block', marginTop: 8 }}>
            {l(
              'Không tải được danh sách chỉ tiêu nên công thức hiển thị bằng mã.',
              'Data elements could not be loaded; formulas show codes.',
            )}
          </Typography.Text>
        )}
      </Card>
      {editing && (
        <IndicatorModal indicator={editing === 'new' ? null : editing} elements={elements.data ?? []} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
