import { compareVi, searchMatches } from '@nhip/contracts';
import { Input, Modal, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useL, useLang } from '../../app/i18n';
import { SectorFilter } from '../../components/CatalogFilters';
import { EmptyHint } from '../../components/table';
import type { DataElement } from './api';
import { VALUE_TYPE_LABELS } from './labels';

/** Choose data elements to add to a section: searchable (no diacritics needed), filter by sector, several at once. */
export function ElementPicker({
  open,
  elements,
  exclude,
  onClose,
  onPick,
  sectionTitle,
}: {
  open: boolean;
  elements: DataElement[];
  exclude: Set<number>;
  onClose: () => void;
  onPick: (picked: DataElement[]) => void;
  sectionTitle: string;
}) {
  const l = useL();
  const lang = useLang();
  const [q, setQ] = useState('');
  const [sectorId, setSectorId] = useState<number | undefined>();
  const [selected, setSelected] = useState<number[]>([]);
  const rows = useMemo(
    () =>
      elements
        .filter(
          (e) =>
            !exclude.has(e.id) && (!sectorId || e.sectorId === sectorId) && searchMatches(`${e.code} ${e.name} ${e.shortName ?? ''}`, q),
        )
        .sort((a, b) => compareVi(a.name, b.name)),
    [elements, exclude, sectorId, q],
  );
  const close = () => {
    setSelected([]);
    setQ('');
    onClose();
  };
  return (
    <Modal
      open={open}
      width={860}
      title={l(`Thêm chỉ tiêu vào phần "${sectionTitle}"`, `Add data elements to "${sectionTitle}"`)}
      onCancel={close}
      okText={l(`Thêm ${selected.length || ''} chỉ tiêu`, `Add ${selected.length || ''}`)}
      okButtonProps={{ disabled: selected.length === 0 }}
      cancelText={l('Hủy', 'Cancel')}
      onOk={() => {
        const byId = new Map(elements.map((e) => [e.id, e]));
        onPick(selected.map((id) => byId.get(id)).filter((e): e is DataElement => !!e));
        close();
      }}
      destroyOnHidden
    >
      <div className="nhip-toolbar">
        <Input.Search
          autoFocus
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={l('Tìm theo tên hoặc mã (không cần dấu)', 'Search name or code')}
          style={{ width: 340 }}
        />
        <SectorFilter value={sectorId} onChange={setSectorId} />
      </div>
      <Table<DataElement>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), preserveSelectedRowKeys: true }}
        onRow={(e) => ({
          onClick: () => setSelected((s) => (s.includes(e.id) ? s.filter((x) => x !== e.id) : [...s, e.id])),
          className: 'nhip-table-row-clickable',
        })}
        locale={{
          emptyText: (
            <EmptyHint
              title={l('Không còn chỉ tiêu phù hợp', 'No matching data element')}
              hint={l('Chỉ tiêu đã có trong biểu mẫu không hiện ở đây.', 'Elements already in the form are not listed.')}
            />
          ),
        }}
        columns={[
          { title: l('Mã', 'Code'), dataIndex: 'code', width: 150, render: (v: string) => <span className="nhip-code">{v}</span> },
          { title: l('Tên chỉ tiêu', 'Name'), dataIndex: 'name' },
          { title: l('Đơn vị tính', 'Unit'), dataIndex: 'uom', width: 110, render: (v: string | null) => v ?? '—' },
          {
            title: l('Kiểu', 'Type'),
            dataIndex: 'valueType',
            width: 130,
            render: (t: DataElement['valueType']) => <Tag color={VALUE_TYPE_LABELS[t].color}>{VALUE_TYPE_LABELS[t][lang]}</Tag>,
          },
        ]}
      />
    </Modal>
  );
}
