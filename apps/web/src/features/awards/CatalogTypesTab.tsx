/** The titles and forms with their rules by legal period (the catalog screen of awards). */
import { CheckOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  AWARD_CATEGORY_LABELS,
  AWARD_SUBJECT_LABELS,
  CRITERION_KIND_LABELS,
  formatDate,
  RECURRENCE_LABELS,
  searchMatches,
} from '@nhip/contracts';
import { Button, Card, Col, Descriptions, Empty, Input, List, Row, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useL } from '../../app/i18n';
import { todayVN } from '../../components/DateField';
import { type AwardType, type AwardVersion, type Basis, type CriterionRow, formatMoney, formatMultiple, type Salary } from './api-register';
import { dash, ScrollRegion } from './register-shared';
import { currentSalary, inForce, paramsText, SourceTag, span } from './catalog-shared';
import { CriterionModal, VersionModal } from './CatalogRuleModals';

export function VersionCard({
  t,
  v,
  bases,
  salary,
  manages,
}: {
  t: AwardType;
  v: AwardVersion;
  bases: Basis[];
  salary: Salary | null;
  manages: boolean;
}) {
  const l = useL();
  const [editing, setEditing] = useState(false);
  const [criterion, setCriterion] = useState<CriterionRow | 'new' | null>(null);
  const money = (m: number | null) =>
    m === null
      ? dash
      : `${formatMultiple(m)} × lương cơ sở${salary ? ` = ${formatMoney(Math.ceil((m * salary.amount) / 10_000) * 10_000)}` : ''}${v.reward.max ? ' (tối đa)' : ''}`;
  const groups = new Map<string, string[]>();
  for (const c of v.criteria) if (c.altGroup) groups.set(c.altGroup, [...new Set([...(groups.get(c.altGroup) ?? []), c.altOption ?? ''])]);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { width: 170 } }}
        extra={
          manages && (
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {l('Sửa quy định', 'Edit')}
            </Button>
          )
        }
        title={
          <Space wrap size={6}>
            <span>{v.name}</span>
            {t.current === v.id && <Tag color="success">{l('Đang áp dụng', 'In force')}</Tag>}
            {v.confirmedAt && (
              <Tag icon={<CheckOutlined />} color="green">
                {l(`Sở xác nhận ${formatDate(v.confirmedAt)}`, 'Confirmed')}
              </Tag>
            )}
          </Space>
        }
        items={[
          { key: 'span', label: l('Thời kỳ áp dụng', 'Period'), children: span(v.validFrom, v.validTo) },
          { key: 'basis', label: l('Căn cứ', 'Basis'), children: v.basis || dash },
          {
            key: 'vote',
            label: l('Ngưỡng bỏ phiếu', 'Vote threshold'),
            children: v.vote ? (
              <Space wrap size={6}>
                <span>
                  {l(
                    `${v.vote.den === 100 ? `${v.vote.num}%` : `${v.vote.num}/${v.vote.den}`} tổng số thành viên Hội đồng`,
                    `${v.vote.num}/${v.vote.den} of members`,
                  )}
                </span>
                <SourceTag source={v.vote.source} confirmedAt={v.confirmedAt} />
              </Space>
            ) : (
              <span className="nhip-muted">{l('Không bỏ phiếu', 'No ballot')}</span>
            ),
          },
          {
            key: 'quorum',
            label: l('Túc số cuộc họp', 'Quorum'),
            children: v.quorum ? (
              <Space wrap size={6}>
                <span>{`${v.quorum.num}/${v.quorum.den}`}</span>
                <SourceTag source={v.quorum.source} confirmedAt={v.confirmedAt} />
              </Space>
            ) : (
              dash
            ),
          },
          { key: 'ri', label: l('Tiền thưởng cá nhân', 'Individual reward'), children: money(v.reward.individual) },
          { key: 'rc', label: l('Tiền thưởng tập thể', 'Collective reward'), children: money(v.reward.collective) },
          ...(v.reward.basis ? [{ key: 'rb', label: l('Căn cứ mức thưởng', 'Reward basis'), children: v.reward.basis }] : []),
          ...(v.note
            ? [{ key: 'note', label: l('Ghi chú', 'Note'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{v.note}</span> }]
            : []),
        ]}
      />
      <ScrollRegion label={l('Tiêu chí', 'Criteria')} minWidth={720}>
        <Table<CriterionRow>
          size="small"
          rowKey="id"
          dataSource={[...v.criteria].sort((a, b) => a.sort - b.sort)}
          pagination={false}
          title={() => (
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <strong>{l('Tiêu chí', 'Criteria')}</strong>
              {manages && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setCriterion('new')}>
                  {l('Thêm tiêu chí', 'Add criterion')}
                </Button>
              )}
            </Space>
          )}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l('Chưa có tiêu chí', 'No criterion')} /> }}
          columns={[
            {
              title: l('Tiêu chí', 'Criterion'),
              key: 'label',
              render: (_, c) => (
                <div>
                  <div style={{ fontWeight: 500 }}>{c.label}</div>
                  <div className="nhip-muted" style={{ fontSize: 12 }}>
                    {CRITERION_KIND_LABELS[c.kind].vi}
                    {Object.keys(c.params).length ? ` · ${paramsText(c.params)}` : ''}
                    {c.appliesTo !== 'any' ? ` · ${c.appliesTo === 'individual' ? 'cá nhân' : 'tập thể'}` : ''}
                  </div>
                  {c.altGroup && (
                    <Tag style={{ marginTop: 4 }}>
                      {l(`Phương án ${c.altOption} (một trong ${groups.get(c.altGroup)?.length ?? 1} phương án)`, `Option ${c.altOption}`)}
                    </Tag>
                  )}
                </div>
              ),
            },
            {
              title: l('Căn cứ', 'Basis'),
              dataIndex: 'basis',
              width: 230,
              render: (b: string, c) => (
                <div>
                  <div>{b}</div>
                  <SourceTag source={c.source} confirmedAt={c.confirmedAt} />
                </div>
              ),
            },
            {
              title: l('Hiệu lực, khi không đạt', 'Valid, if failed'),
              key: 'span',
              width: 170,
              render: (_, c) => (
                <div>
                  <div>{span(c.validFrom, c.validTo)}</div>
                  {c.severity === 'block' ? (
                    <Tag color="error">{l('Chặn đề nghị', 'Blocks')}</Tag>
                  ) : (
                    <Tag color="warning">{l('Chỉ đánh dấu', 'Flags')}</Tag>
                  )}
                </div>
              ),
            },
            ...(manages
              ? [
                  {
                    title: l('Sửa', 'Edit'),
                    key: 'edit',
                    width: 64,
                    render: (_: unknown, c: CriterionRow) => (
                      <Button
                        size="small"
                        type="text"
                        icon={<EditOutlined />}
                        aria-label={l(`Sửa tiêu chí ${c.label}`, 'Edit')}
                        onClick={() => setCriterion(c)}
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      </ScrollRegion>
      {editing && <VersionModal v={v} onClose={() => setEditing(false)} />}
      {criterion && (
        <CriterionModal versionId={v.id} c={criterion === 'new' ? null : criterion} bases={bases} onClose={() => setCriterion(null)} />
      )}
    </Space>
  );
}

export function TypesTab({
  types,
  bases,
  salaries,
  manages,
}: {
  types: AwardType[];
  bases: Basis[];
  salaries: Salary[];
  manages: boolean;
}) {
  const l = useL();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState('');
  const code = params.get('code') ?? types[0]?.code;
  const t = types.find((x) => x.code === code) ?? types[0];
  const shown = types.filter((x) => !q.trim() || searchMatches(`${x.name} ${x.code}`, q));
  const today = todayVN();
  const [versionKey, setVersionKey] = useState<string | null>(null);
  if (!t) return <Empty />;
  const currentKey = String(t.current ?? t.versions[t.versions.length - 1]?.id ?? '');
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={6}>
        <Input.Search
          allowClear
          aria-label={l('Tìm danh hiệu', 'Search titles')}
          placeholder={l('Tìm (không cần dấu)', 'Search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ marginBottom: 8 }}
        />
        <List
          size="small"
          bordered
          dataSource={shown}
          renderItem={(x) => (
            <List.Item
              key={x.code}
              style={{ cursor: 'pointer', background: x.code === t.code ? '#e8f0f8' : undefined }}
              onClick={() => {
                setVersionKey(null);
                setParams({ tab: 'types', code: x.code }, { replace: true });
              }}
            >
              <div>
                <a
                  href={`?tab=types&code=${x.code}`}
                  onClick={(e) => e.preventDefault()}
                  style={{ fontWeight: x.code === t.code ? 600 : 400 }}
                  aria-current={x.code === t.code ? 'true' : undefined}
                >
                  {x.name}
                </a>
                <div className="nhip-muted" style={{ fontSize: 12 }}>
                  {x.code} · {AWARD_SUBJECT_LABELS[x.subject].vi}
                  {!x.active ? ` · ${l('ngừng dùng', 'inactive')}` : ''}
                </div>
              </div>
            </List.Item>
          )}
        />
      </Col>
      <Col xs={24} lg={18}>
        <Card
          size="small"
          title={
            <Space wrap size={6}>
              <span>{t.name}</span>
              <Tag>{t.code}</Tag>
            </Space>
          }
        >
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'cat', label: l('Loại', 'Category'), children: AWARD_CATEGORY_LABELS[t.category].vi },
              { key: 'sub', label: l('Đối tượng', 'Subject'), children: AWARD_SUBJECT_LABELS[t.subject].vi },
              {
                key: 'rec',
                label: l('Xét tặng', 'Awarded'),
                children: t.recurrences.map((r) => RECURRENCE_LABELS[r].vi).join(', ') || dash,
              },
              {
                key: 'auth',
                label: l('Thẩm quyền', 'Authority'),
                children: t.authorities.length ? (
                  <div>
                    {t.authorities.map((a) => (
                      <div key={a.id}>
                        {a.authority}{' '}
                        <span className="nhip-muted">
                          ({span(a.validFrom, a.validTo)}
                          {inForce(a.validFrom, a.validTo, today) ? '' : l(', hết hiệu lực', ', ended')})
                        </span>
                      </div>
                    ))}
                  </div>
                ) : (
                  dash
                ),
              },
            ]}
          />
          <Tabs
            activeKey={versionKey ?? currentKey}
            onChange={setVersionKey}
            items={t.versions.map((v) => ({
              key: String(v.id),
              label: `${span(v.validFrom, v.validTo)}${t.current === v.id ? ' ●' : ''}`,
              children: (
                <VersionCard
                  t={t}
                  v={v}
                  bases={bases}
                  salary={currentSalary(salaries, inForce(v.validFrom, v.validTo, today) ? today : (v.validTo ?? v.validFrom))}
                  manages={manages}
                />
              ),
            }))}
          />
        </Card>
      </Col>
    </Row>
  );
}
