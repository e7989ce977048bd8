/**
 * "Sáng kiến": the initiatives recognised, their authors, the year and scope (cơ sở, tỉnh, toàn quốc) and the award
 * that used each (one initiative supports one award only). The office records a new one; a unit reads its own.
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  formatNumber,
  INITIATIVE_SCOPE_LABELS,
  INITIATIVE_SCOPES,
  type InitiativeScope,
  normalizeText,
  searchMatches,
} from '@nhip/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL } from '../../app/i18n';
import { OrgUnitTreeSelect } from '../../components/orgUnits';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/QueryState';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { EmptyHint, showTotal } from '../../components/table';
import { PersonSelect } from '../conferences/PersonSelect';
import { AWARDS_LOOKBACK_KEY, createInitiative, type Initiative, useInitiatives } from './api-register';
import { NominationDrawer } from './NominationsPage';
import { thisYearVN, useUnitCodes, yearOptions } from './register-shared';

const SCOPE_COLORS: Record<InitiativeScope, string> = { co_so: 'default', tinh: 'blue', toan_quoc: 'purple' };
export const ScopeTag = ({ scope }: { scope: InitiativeScope }) => (
  <Tag color={SCOPE_COLORS[scope]}>{INITIATIVE_SCOPE_LABELS[scope].vi}</Tag>
);

type Values = {
  person?: number;
  coAuthors?: number[];
  title?: string;
  year?: number;
  scope?: InitiativeScope;
  recognisedBy?: string;
  decisionNumber?: string;
  unitId?: number;
  note?: string;
};
const FIELDS = ['person', 'coAuthors', 'title', 'year', 'scope', 'recognisedBy', 'decisionNumber', 'unit', 'note'];
const opt = (s: string | undefined) => (s?.trim() ? normalizeText(s) : null);

function InitiativeModal({ onClose }: { onClose: () => void }) {
  const l = useL();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const { byId } = useUnitCodes();
  const save = useMutation({
    mutationFn: (v: Values) =>
      createInitiative({
        person: v.person ?? 0,
        coAuthors: v.coAuthors?.length ? v.coAuthors : undefined,
        title: normalizeText(v.title ?? ''),
        year: v.year ?? 0,
        scope: v.scope ?? 'co_so',
        recognisedBy: opt(v.recognisedBy),
        decisionNumber: opt(v.decisionNumber),
        unit: v.unitId ? (byId.get(v.unitId)?.code ?? null) : null,
        note: v.note?.trim() ? v.note.trim() : null,
      }),
    onSuccess: (i) => {
      message.success(l(`Đã ghi sáng kiến "${i.title}".`, `Initiative "${i.title}" recorded.`));
      void qc.invalidateQueries({ queryKey: AWARDS_LOOKBACK_KEY });
      onClose();
    },
    onError: (e) => setError(applyServerError(form, e, FIELDS)),
  });
  const [coAuthor, setCoAuthor] = useState<number | null>(null);
  const coAuthors = Form.useWatch('coAuthors', form) ?? [];
  const [names, setNames] = useState<Record<number, string>>({});
  return (
    <Modal
      open
      width={680}
      title={l('Ghi sáng kiến đã được công nhận', 'Record an initiative')}
      okText={l('Ghi sáng kiến', 'Save')}
      cancelText={l('Hủy', 'Cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ year: thisYearVN(), scope: 'co_so', coAuthors: [] }}
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
      >
        <Form.Item
          name="title"
          label={l('Tên sáng kiến', 'Title')}
          rules={[{ required: true, whitespace: true, message: l('Ghi tên sáng kiến.', 'Enter the title.') }]}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
        </Form.Item>
        <Form.Item
          name="person"
          label={l('Tác giả', 'Author')}
          rules={[{ required: true, message: l('Chọn tác giả.', 'Choose the author.') }]}
        >
          <PersonSelect />
        </Form.Item>
        <Form.Item name="coAuthors" hidden>
          <Select mode="multiple" />
        </Form.Item>
        <Form.Item label={l('Đồng tác giả', 'Co-authors')} htmlFor="initiative-coauthor">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <PersonSelect
              id="initiative-coauthor"
              value={coAuthor}
              placeholder={l('Thêm đồng tác giả (gõ họ tên)', 'Add a co-author')}
              onChange={(v, p) => {
                if (v != null && !coAuthors.includes(v)) {
                  form.setFieldValue('coAuthors', [...coAuthors, v]);
                  setNames((n) => ({ ...n, [v]: p?.fullName ?? String(v) }));
                }
                setCoAuthor(null);
              }}
            />
            <Space wrap size={4}>
              {coAuthors.map((id) => (
                <Tag
                  key={id}
                  closable
                  onClose={() =>
                    form.setFieldValue(
                      'coAuthors',
                      coAuthors.filter((x) => x !== id),
                    )
                  }
                >
                  {names[id] ?? id}
                </Tag>
              ))}
            </Space>
          </Space>
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="year"
              label={l('Năm công nhận', 'Year recognised')}
              rules={[{ required: true, message: l('Ghi năm.', 'Enter the year.') }]}
            >
              <InputNumber min={1945} max={thisYearVN()} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="scope" label={l('Phạm vi ảnh hưởng', 'Scope')} rules={[{ required: true }]}>
              <Select options={INITIATIVE_SCOPES.map((s) => ({ value: s, label: INITIATIVE_SCOPE_LABELS[s].vi }))} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item name="recognisedBy" label={l('Cơ quan công nhận', 'Recognised by')}>
              <Input placeholder={l('Hội đồng sáng kiến Sở, UBND tỉnh…', 'Department council, province…')} maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="decisionNumber" label={l('Số quyết định công nhận', 'Decision number')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="unitId" label={l('Đơn vị áp dụng', 'Unit')}>
          <OrgUnitTreeSelect />
        </Form.Item>
        <Form.Item name="note" label={l('Ghi chú', 'Note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function InitiativesPage() {
  const l = useL();
  const me = useCurrentUser();
  const manages = !!me.abilities['awards.manage'];
  const [params, setParams] = useSearchParams();
  const person = params.get('person') ? Number(params.get('person')) : undefined;
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const unused = params.get('unused') === '1';
  const scope = (params.get('scope') as InitiativeScope | null) ?? undefined;
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const [openNomination, setOpenNomination] = useState<number | null>(null);
  const { data, isLoading, isFetching, error, refetch } = useInitiatives({ person, year, unused: unused ? 'true' : undefined });
  const set = (key: string, value: string | null | undefined) => {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    setParams(p, { replace: true });
  };
  const items = (data?.items ?? []).filter(
    (i) =>
      (!scope || i.scope === scope) &&
      (!q.trim() || searchMatches(`${i.title} ${i.authors.map((a) => a.fullName).join(' ')} ${i.decisionNumber ?? ''}`, q)),
  );
  const columns: ColumnsType<Initiative> = [
    { title: l('Năm', 'Year'), dataIndex: 'year', width: 70, sorter: (a, b) => a.year - b.year },
    {
      title: l('Sáng kiến', 'Initiative'),
      key: 'title',
      render: (_, i) => (
        <div>
          <div style={{ fontWeight: 500 }}>{i.title}</div>
          <div className="nhip-muted" style={{ fontSize: 12 }}>
            {[i.recognisedBy, i.decisionNumber, i.unit?.name].filter(Boolean).join(' · ')}
          </div>
        </div>
      ),
    },
    {
      title: l('Tác giả', 'Authors'),
      key: 'authors',
      width: 240,
      render: (_, i) => (
        <Space size={[6, 2]} wrap>
          {i.authors.map((a, k) => (
            <span key={a.id}>
              <Link to={`/awards/people/${a.id}`}>{a.fullName}</Link>
              {k < i.authors.length - 1 ? ',' : ''}
            </span>
          ))}
        </Space>
      ),
    },
    { title: l('Phạm vi', 'Scope'), dataIndex: 'scope', width: 120, render: (s: InitiativeScope) => <ScopeTag scope={s} /> },
    {
      title: l('Đã dùng cho khen thưởng', 'Used for'),
      key: 'used',
      width: 260,
      render: (_, i) =>
        i.usedBy ? (
          <div>
            <div>
              {i.usedBy.title.name} {i.usedBy.year}
            </div>
            <div className="nhip-muted" style={{ fontSize: 12 }}>
              {i.usedBy.who}
              {i.usedBy.nominationId ? (
                <>
                  {' · '}
                  <Typography.Link
                    onClick={() => setOpenNomination(i.usedBy?.nominationId ?? null)}
                    style={{ textDecoration: 'underline' }}
                  >
                    {l('xem đề nghị', 'nomination')}
                  </Typography.Link>
                </>
              ) : null}
            </div>
          </div>
        ) : (
          <Tag color="green">{l('Chưa dùng', 'Unused')}</Tag>
        ),
    },
  ];
  return (
    <>
      <PageHeader
        title={l('Sáng kiến', 'Initiatives')}
        subtitle={l(
          'Sáng kiến đã được công nhận, phạm vi ảnh hưởng và khen thưởng đã dùng sáng kiến. Mỗi sáng kiến chỉ dùng cho một lần khen thưởng; Chiến sĩ thi đua cấp tỉnh cần sáng kiến cấp tỉnh trở lên chưa dùng.',
          'Recognised initiatives, their scope and the award that used each. One initiative supports one award only.',
        )}
        extra={
          manages && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {l('Ghi sáng kiến', 'Add initiative')}
            </Button>
          )
        }
      />
      <Card>
        <div className="nhip-toolbar">
          <Input.Search
            allowClear
            aria-label={l('Tìm sáng kiến', 'Search initiatives')}
            placeholder={l('Tên sáng kiến, tác giả (không cần dấu)', 'Title, author')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            style={{ width: 300 }}
          />
          <Select<number>
            aria-label={l('Năm công nhận', 'Year')}
            allowClear
            placeholder={l('Mọi năm', 'Every year')}
            value={year}
            onChange={(v) => set('year', v ? String(v) : null)}
            options={yearOptions(2010, thisYearVN())}
            style={{ width: 120 }}
          />
          <Select<InitiativeScope>
            aria-label={l('Phạm vi', 'Scope')}
            allowClear
            placeholder={l('Mọi phạm vi', 'Every scope')}
            value={scope}
            onChange={(v) => set('scope', v ?? null)}
            options={INITIATIVE_SCOPES.map((s) => ({ value: s, label: INITIATIVE_SCOPE_LABELS[s].vi }))}
            style={{ width: 160 }}
          />
          <Space size={6}>
            <Switch
              size="small"
              aria-label={l('Chỉ sáng kiến chưa dùng', 'Unused only')}
              checked={unused}
              onChange={(v) => set('unused', v ? '1' : null)}
            />
            <span>{l('Chỉ sáng kiến chưa dùng', 'Unused only')}</span>
          </Space>
          {person && (
            <Tag closable onClose={() => set('person', null)}>
              {l(`Của cán bộ mã ${person}`, `Of person ${person}`)}
            </Tag>
          )}
        </div>
        {!error && !isLoading && (
          <Typography.Paragraph strong style={{ marginBottom: 12 }}>
            {l(`${formatNumber(items.length)} sáng kiến`, `${formatNumber(items.length)} initiatives`)}
            {items.length > 0 && (
              <span className="nhip-muted" style={{ fontWeight: 400 }}>
                {' · '}
                {INITIATIVE_SCOPES.map(
                  (s) => `${INITIATIVE_SCOPE_LABELS[s].vi.toLowerCase()}: ${formatNumber(items.filter((i) => i.scope === s).length)}`,
                ).join(', ')}
                {' · '}
                {l(`chưa dùng: ${formatNumber(items.filter((i) => !i.usedBy).length)}`, `unused: ${items.filter((i) => !i.usedBy).length}`)}
              </span>
            )}
          </Typography.Paragraph>
        )}
        {error ? (
          <ErrorState compact error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<Initiative>
            rowKey="id"
            size="middle"
            loading={isLoading || isFetching}
            dataSource={items}
            columns={columns}
            scroll={{ x: 960 }}
            pagination={{ pageSize: 50, showSizeChanger: false, showTotal, hideOnSinglePage: true }}
            locale={{
              emptyText: (
                <EmptyHint
                  title={l('Không có sáng kiến phù hợp', 'No matching initiative')}
                  hint={
                    manages
                      ? l(
                          'Ghi sáng kiến đã được công nhận để dùng khi xét danh hiệu.',
                          'Record recognised initiatives to use them in nominations.',
                        )
                      : undefined
                  }
                />
              ),
            }}
          />
        )}
      </Card>
      {adding && <InitiativeModal onClose={() => setAdding(false)} />}
      <NominationDrawer id={openNomination} onClose={() => setOpenNomination(null)} />
    </>
  );
}
