import { AGGREGATION_TYPES, type AggregationType, UNIT_TYPE_LABELS, type UnitType, VALUE_TYPES } from '@nhip/contracts';
import { Col, Form, type FormInstance, Input, InputNumber, Row, Select } from 'antd';
import { useMemo } from 'react';
import { useL, useLang } from '../../app/i18n';
import { todayVN } from '../../components/DateField';
import { vnNumberProps } from '../../components/numberInput';
import { useOrgUnits, viFilterOption } from '../../components/orgUnits';
import { useSectors } from '../../components/sectors';
import { clean, type DataElement, KEYS } from './api';
import { BetterField } from './BetterField';
import { PublicField } from './PublicField';
import { SentencePatternField } from './SentencePatternField';
import { CatalogModal, CODE_PATTERN } from './CatalogModal';
import { AGGREGATION_LABELS, VALUE_TYPE_LABELS } from './labels';
import { useDivisions } from './SectorsPage';

type Values = Omit<DataElement, 'id' | 'sectorName'>;

const FIELDS = [
  'code',
  'name',
  'nameEn',
  'shortName',
  'description',
  'uom',
  'valueType',
  'aggregationType',
  'reportLevel',
  'min',
  'max',
  'sectorId',
  'divisionId',
  'better',
  'public',
  'publicLevel',
  'sentencePattern',
];

/** "Cấp 2 — Sở, Huyện" from the units in force today, so the level means something to the reader. */
function useLevelOptions() {
  const lang = useLang();
  const { data } = useOrgUnits({ asOf: todayVN() });
  return useMemo(() => {
    const byLevel = new Map<number, Set<UnitType>>();
    for (const u of data ?? []) {
      const set = byLevel.get(u.level) ?? new Set<UnitType>();
      set.add(u.type);
      byLevel.set(u.level, set);
    }
    const levels = [...byLevel.keys()].sort((a, b) => a - b);
    if (levels.length === 0) return [1, 2, 3, 4, 5].map((n) => ({ value: n, label: `Cấp ${n}` }));
    return levels.map((n) => ({
      value: n,
      label: `${lang === 'vi' ? 'Cấp' : 'Level'} ${n} — ${[...(byLevel.get(n) ?? [])].map((t) => UNIT_TYPE_LABELS[t][lang]).join(', ')}`,
    }));
  }, [data, lang]);
}

function AggregationHint({ form }: { form: FormInstance<Values> }) {
  const lang = useLang();
  const a = Form.useWatch('aggregationType', form) as AggregationType | undefined;
  return a ? <span>{AGGREGATION_LABELS[a].hint[lang]}</span> : null;
}

export function DataElementModal({ element, onClose }: { element: DataElement | null; onClose: () => void }) {
  const l = useL();
  const lang = useLang();
  const sectors = useSectors();
  const divisions = useDivisions();
  const levels = useLevelOptions();
  const initial: Partial<Values> = element ? { ...element } : { valueType: 'INTEGER', aggregationType: 'SUM', better: 'higher', public: false, publicLevel: 1 };
  return (
    <CatalogModal<Values>
      title={element ? l(`Sửa chỉ tiêu: ${element.name}`, `Edit data element: ${element.name}`) : l('Thêm chỉ tiêu', 'Add a data element')}
      endpoint="/api/data-elements"
      id={element?.id}
      width={820}
      initialValues={initial}
      fields={FIELDS}
      invalidate={[[...KEYS.elements], [...KEYS.forms]]}
      onClose={onClose}
      toBody={(v) => ({
        ...clean({ code: v.code, name: v.name, nameEn: v.nameEn, shortName: v.shortName, description: v.description, uom: v.uom }),
        valueType: v.valueType,
        aggregationType: v.aggregationType,
        reportLevel: v.reportLevel ?? null,
        min: v.min ?? null,
        max: v.max ?? null,
        sectorId: v.sectorId ?? null,
        divisionId: v.divisionId ?? null,
        better: v.better ?? 'higher',
        public: v.public ?? false,
        publicLevel: v.publicLevel ?? 1,
        sentencePattern: v.sentencePattern?.trim() || null,
      })}
    >
      {(form) => (
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="code"
              label={l('Mã chỉ tiêu', 'Code')}
              rules={[
                { required: true, message: l('Nhập mã', 'Enter a code') },
                {
                  pattern: CODE_PATTERN,
                  message: l('Chữ không dấu, số, "_", "." hoặc "-", tối đa 50 ký tự', 'Letters, digits, _ . -, up to 50'),
                },
              ]}
              extra={l('Dùng trong biểu thức: #{MÃ}', 'Used in expressions as #{CODE}')}
            >
              <Input spellCheck={false} placeholder="VT_BTS" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="name"
              label={l('Tên chỉ tiêu', 'Name')}
              rules={[{ required: true, whitespace: true, message: l('Nhập tên chỉ tiêu', 'Enter a name') }, { max: 300 }]}
            >
              <Input placeholder={l('vd: Số vị trí trạm BTS', 'e.g. Number of BTS sites')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="shortName" label={l('Tên ngắn', 'Short name')} rules={[{ max: 100 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="nameEn" label={l('Tên tiếng Anh', 'English name')} rules={[{ max: 300 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="valueType" label={l('Kiểu dữ liệu', 'Value type')} rules={[{ required: true }]}>
              <Select options={VALUE_TYPES.map((t) => ({ value: t, label: VALUE_TYPE_LABELS[t][lang] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="aggregationType"
              label={l('Cách tổng hợp', 'Aggregation')}
              rules={[{ required: true }]}
              extra={<AggregationHint form={form} />}
            >
              <Select options={AGGREGATION_TYPES.map((t) => ({ value: t, label: AGGREGATION_LABELS[t][lang] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="uom" label={l('Đơn vị tính', 'Unit of measure')} rules={[{ max: 50 }]}>
              <Input placeholder={l('vd: trạm, thuê bao, triệu đồng', 'e.g. sites, subscribers')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="min" label={l('Giá trị nhỏ nhất', 'Minimum')}>
              <InputNumber style={{ width: '100%' }} {...vnNumberProps} placeholder={l('Không giới hạn', 'No limit')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="max"
              label={l('Giá trị lớn nhất', 'Maximum')}
              dependencies={['min']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v: number | null) => {
                    const min = getFieldValue('min') as number | null;
                    return v == null || min == null || v >= min
                      ? Promise.resolve()
                      : Promise.reject(new Error(l('Phải lớn hơn hoặc bằng giá trị nhỏ nhất', 'Must be ≥ the minimum')));
                  },
                }),
              ]}
            >
              <InputNumber style={{ width: '100%' }} {...vnNumberProps} placeholder={l('Không giới hạn', 'No limit')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="reportLevel"
              label={l('Cấp báo cáo', 'Reported at level')}
              extra={l('Để trống nếu mọi cấp đều báo cáo', 'Empty: any level')}
            >
              <Select allowClear options={levels} placeholder={l('Mọi cấp', 'Any level')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="sectorId" label={l('Lĩnh vực', 'Sector')}>
              <Select
                allowClear
                loading={sectors.isLoading}
                showSearch={{ filterOption: viFilterOption }}
                options={(sectors.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="divisionId" label={l('Phòng chuyên môn phụ trách', 'Responsible division')}>
              <Select
                allowClear
                loading={divisions.isLoading}
                showSearch={{ filterOption: viFilterOption }}
                options={(divisions.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
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
            <SentencePatternField example="Toàn tỉnh có {value} {object}[, {delta}][, {plan}]" />
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label={l('Mô tả, cách tính', 'Description')} rules={[{ max: 4000 }]}>
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 6 }}
                placeholder={l('Khái niệm, phạm vi, nguồn số liệu…', 'Definition, scope, source…')}
              />
            </Form.Item>
          </Col>
        </Row>
      )}
    </CatalogModal>
  );
}
