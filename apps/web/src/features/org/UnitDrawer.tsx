import { EditOutlined } from '@ant-design/icons';
import { formatDate, formatNumber } from '@nhip/contracts';
import { Button, Descriptions, Drawer, Empty, Grid, Skeleton, Space, Tag, Typography } from 'antd';
import { useL, useLang } from '../../app/i18n';
import { type OrgUnit, type UnitRef, useOrgUnits } from '../../components/orgUnits';
import { ErrorState } from '../../components/QueryState';
import { useSectors } from '../../components/sectors';
import { useUnitDetail } from './api';
import { LINEAGE_LABELS } from './labels';
import { UnitTypeTag } from './UnitTypeTag';

function Lineage({ label, refs, onOpen }: { label: string; refs: UnitRef[]; onOpen: (id: number) => void }) {
  const lang = useLang();
  if (refs.length === 0) return null;
  return (
    <div style={{ marginBottom: 6 }}>
      <span style={{ fontWeight: 600 }}>{label}: </span>
      {refs.map((r, i) => (
        <span key={r.id}>
          {i > 0 && ', '}
          <Typography.Link onClick={() => onOpen(r.id)}>{r.name}</Typography.Link>
          <span className="nhip-muted"> ({LINEAGE_LABELS[r.kind]?.[lang].toLowerCase() ?? r.kind})</span>
        </span>
      ))}
    </div>
  );
}

/** One unit: identity, validity, place in the tree and lineage across reorganisations. */
export function UnitDrawer({
  id,
  onClose,
  onOpenUnit,
  onEdit,
  asOf,
}: {
  id: number | null;
  onClose: () => void;
  onOpenUnit: (id: number) => void;
  onEdit?: (u: OrgUnit) => void;
  asOf?: string;
}) {
  const l = useL();
  const lang = useLang();
  const screens = Grid.useBreakpoint();
  const { data: u, isLoading, error, refetch } = useUnitDetail(id);
  const all = useOrgUnits({ includeClosed: true });
  const sectors = useSectors();
  const parent = u?.parentId != null ? all.data?.find((x) => x.id === u.parentId) : undefined;
  const sector = u?.sectorId != null ? sectors.data?.find((s) => s.id === u.sectorId) : undefined;
  const outOfDate = u && asOf && (u.validFrom > asOf || (u.validTo != null && u.validTo < asOf));

  return (
    <Drawer
      open={id != null}
      onClose={onClose}
      size={screens.md === false ? '100%' : 560}
      title={u ? u.name : l('Đơn vị', 'Unit')}
      extra={
        u &&
        onEdit && (
          <Button icon={<EditOutlined />} onClick={() => onEdit(u)}>
            {l('Sửa', 'Edit')}
          </Button>
        )
      }
    >
      {isLoading && <Skeleton active paragraph={{ rows: 10 }} />}
      {error && <ErrorState compact error={error} onRetry={() => void refetch()} />}
      {u && (
        <Space orientation="vertical" size={20} style={{ width: '100%' }}>
          <Space wrap>
            <UnitTypeTag type={u.type} />
            {u.active ? <Tag color="success">{l('Đang hoạt động', 'Active')}</Tag> : <Tag>{l('Đã giải thể / hết hiệu lực', 'Closed')}</Tag>}
            {outOfDate && (
              <Tag color="warning">{l(`Không có hiệu lực ngày ${formatDate(asOf)}`, `Not in force on ${formatDate(asOf)}`)}</Tag>
            )}
          </Space>
          <Descriptions column={1} bordered size="small" styles={{ label: { width: 170 } }}>
            <Descriptions.Item label={l('Mã đơn vị', 'Code')}>
              <span className="nhip-code">{u.code}</span>
            </Descriptions.Item>
            <Descriptions.Item label={l('Tên đầy đủ', 'Full name')}>{u.name}</Descriptions.Item>
            <Descriptions.Item label={l('Tên viết tắt', 'Short name')}>{u.shortName || '—'}</Descriptions.Item>
            <Descriptions.Item label={l('Cấp', 'Level')}>{u.level}</Descriptions.Item>
            <Descriptions.Item label={l('Trực thuộc', 'Parent')}>
              {u.parentId == null ? (
                <span className="nhip-muted">{l('Cấp cao nhất', 'Top level')}</span>
              ) : parent ? (
                <Typography.Link onClick={() => onOpenUnit(parent.id)}>{parent.name}</Typography.Link>
              ) : (
                `#${u.parentId}`
              )}
            </Descriptions.Item>
            <Descriptions.Item label={l('Hiệu lực từ ngày', 'In force from')}>{formatDate(u.validFrom)}</Descriptions.Item>
            <Descriptions.Item label={l('Đến ngày', 'Until')}>
              {u.validTo ? formatDate(u.validTo) : <span className="nhip-muted">{l('Chưa xác định (đang hoạt động)', 'Open-ended')}</span>}
            </Descriptions.Item>
            <Descriptions.Item label={l('Lĩnh vực', 'Sector')}>
              {sector ? (lang === 'en' && sector.nameEn ? sector.nameEn : sector.name) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={l('Số tài khoản người dùng', 'User accounts')}>{formatNumber(u.users)}</Descriptions.Item>
          </Descriptions>

          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {l('Lịch sử sắp xếp', 'Lineage')}
            </Typography.Title>
            {u.predecessors.length === 0 && u.successors.length === 0 ? (
              <span className="nhip-muted">{l('Đơn vị không có tiền thân hay đơn vị kế thừa.', 'No predecessors or successors.')}</span>
            ) : (
              <>
                <Lineage label={l('Tiền thân', 'Predecessors')} refs={u.predecessors} onOpen={onOpenUnit} />
                <Lineage label={l('Kế thừa bởi', 'Succeeded by')} refs={u.successors} onOpen={onOpenUnit} />
              </>
            )}
          </div>

          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {l(`Đơn vị trực thuộc (${u.children.length})`, `Child units (${u.children.length})`)}
            </Typography.Title>
            {u.children.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l('Không có đơn vị trực thuộc', 'No child units')} />
            ) : (
              <Space size={[6, 6]} wrap>
                {u.children.map((c) => (
                  <Tag key={c.id} style={{ cursor: 'pointer', opacity: c.active ? 1 : 0.6 }} onClick={() => onOpenUnit(c.id)}>
                    {c.name}
                  </Tag>
                ))}
              </Space>
            )}
          </div>
        </Space>
      )}
    </Drawer>
  );
}
