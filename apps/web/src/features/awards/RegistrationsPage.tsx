/**
 * "Đăng ký thi đua": at the start of the year each unit registers its collective target and its people's titles. A
 * unit's reporter or head registers their own unit; the office sees, for every unit, who registered and who did not,
 * and may register for a unit. A nomination without registration is flagged, following the province's setting.
 */
import { CheckCircleFilled, EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { formatDateTime, formatNumber, normalizeText, UNIT_ROLES, UNIT_TYPE_LABELS, type UnitType } from '@nhip/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL } from '../../app/i18n';
import { useOrgUnits } from '../../components/orgUnits';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageSkeleton } from '../../components/QueryState';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { EmptyHint } from '../../components/table';
import { PersonSelect } from '../conferences/PersonSelect';
import { AWARDS_LOOKBACK_KEY, type Registration, saveRegistration, useAwardTypes, useRegistrations } from './api-register';
import { AwardTypeSelect, thisYearVN } from './register-shared';

/** Unit types that take part in the department's emulation movement (a telecom enterprise does not). */
const EMULATING: UnitType[] = ['division', 'it_centre', 'district_office', 'media_centre', 'commune', 'radio_station'];

/** How many times each title occurs. */
function countBy(codes: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of codes) out[c] = (out[c] ?? 0) + 1;
  return out;
}

type Target = { key: number; person: number | null; fullName: string; title: string | null };

/** The registration form of one unit for a year (new or changing the one there is). */
function RegistrationEditor({
  unit,
  year,
  current,
  onDone,
  onCancel,
}: {
  unit: { id: number; code: string; name: string };
  year: number;
  current: Registration | null;
  onDone?: () => void;
  onCancel?: () => void;
}) {
  const l = useL();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const types = useAwardTypes();
  const nameOf = (code: string) => types.data?.items.find((t) => t.code === code)?.name ?? code;
  const [collective, setCollective] = useState<string | null>(current?.collectiveTarget ?? null);
  const [note, setNote] = useState(current?.note ?? '');
  const [targets, setTargets] = useState<Target[]>(
    () => current?.targets.map((t, i) => ({ key: i, person: t.personId, fullName: t.fullName, title: t.title })) ?? [],
  );
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => {
      const incomplete = targets.find((t) => t.person === null || t.title === null);
      if (incomplete)
        throw new Error(l('Mỗi dòng đăng ký cá nhân cần chọn cán bộ và danh hiệu.', 'Each individual line needs a person and a title.'));
      return saveRegistration({
        unit: unit.code,
        year,
        collectiveTarget: collective,
        targets: targets.map((t) => ({ person: t.person!, title: t.title! })),
        note: note.trim() ? normalizeText(note) : null,
        version: current?.version,
      });
    },
    onSuccess: () => {
      message.success(l(`Đã lưu đăng ký thi đua năm ${year} của ${unit.name}.`, `Registration ${year} saved.`));
      void qc.invalidateQueries({ queryKey: [...AWARDS_LOOKBACK_KEY, 'registrations'] });
      onDone?.();
    },
    onError: (e) => setError(applyServerError(null, e)),
  });
  const next = () => Math.max(0, ...targets.map((t) => t.key)) + 1;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <div>
        <Typography.Text strong>
          <label htmlFor="reg-collective">{l('Mục tiêu của tập thể', 'Collective target')}</label>
        </Typography.Text>
        <AwardTypeSelect
          id="reg-collective"
          subject="collective"
          value={collective}
          onChange={setCollective}
          placeholder={l('Chọn danh hiệu tập thể đăng ký (Tập thể lao động tiên tiến, …)', 'Choose the collective title')}
          style={{ width: '100%', marginTop: 4 }}
        />
      </div>
      <div>
        <Typography.Text strong>{l('Cá nhân đăng ký danh hiệu', 'Individuals')}</Typography.Text>
        <Table<Target>
          size="small"
          rowKey="key"
          dataSource={targets}
          pagination={false}
          style={{ marginTop: 4 }}
          locale={{ emptyText: <span className="nhip-muted">{l('Chưa có cá nhân nào đăng ký.', 'No individual yet.')}</span> }}
          columns={[
            {
              title: l('Cán bộ', 'Person'),
              key: 'person',
              render: (_, t) => (
                <PersonSelect
                  aria-label={l('Cán bộ đăng ký', 'Person')}
                  unitId={unit.id}
                  value={t.person}
                  initial={t.person ? { personId: t.person, fullName: t.fullName, position: null } : null}
                  onChange={(v, p) =>
                    setTargets((ts) => ts.map((x) => (x.key === t.key ? { ...x, person: v, fullName: p?.fullName ?? '' } : x)))
                  }
                />
              ),
            },
            {
              title: l('Danh hiệu đăng ký', 'Title'),
              key: 'title',
              width: 280,
              render: (_, t) => (
                <AwardTypeSelect
                  subject="individual"
                  placeholder={l('Danh hiệu', 'Title')}
                  value={t.title}
                  onChange={(v) => setTargets((ts) => ts.map((x) => (x.key === t.key ? { ...x, title: v } : x)))}
                  style={{ width: '100%' }}
                />
              ),
            },
            {
              title: l('Bỏ', 'Remove'),
              key: 'rm',
              width: 56,
              render: (_, t) => (
                <Button
                  type="text"
                  danger
                  icon={<MinusCircleOutlined />}
                  aria-label={l('Bỏ dòng này', 'Remove this line')}
                  onClick={() => setTargets((ts) => ts.filter((x) => x.key !== t.key))}
                />
              ),
            },
          ]}
        />
        <Space style={{ marginTop: 8 }} wrap>
          <Button
            icon={<PlusOutlined />}
            onClick={() => setTargets((ts) => [...ts, { key: next(), person: null, fullName: '', title: 'LDTT' }])}
          >
            {l('Thêm cá nhân', 'Add a person')}
          </Button>
          {targets.length > 0 && (
            <span className="nhip-muted">
              {Object.entries(countBy(targets.flatMap((t) => (t.title ? [t.title] : []))))
                .map(([c, n]) => `${nameOf(c)}: ${formatNumber(n)}`)
                .join(' · ')}
            </span>
          )}
        </Space>
      </div>
      <div>
        <Typography.Text strong>
          <label htmlFor="reg-note">{l('Ghi chú', 'Note')}</label>
        </Typography.Text>
        <Input.TextArea
          id="reg-note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={2000}
          style={{ marginTop: 4 }}
        />
      </div>
      <Space>
        <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
          {current ? l('Lưu thay đổi đăng ký', 'Save changes') : l('Gửi đăng ký thi đua', 'Register')}
        </Button>
        {onCancel && <Button onClick={onCancel}>{l('Hủy', 'Cancel')}</Button>}
      </Space>
    </Space>
  );
}

/** A unit's own registration for the year. */
function OwnRegistration({ year }: { year: number }) {
  const l = useL();
  const me = useCurrentUser();
  const regs = useRegistrations(year);
  const [editing, setEditing] = useState(false);
  const types = useAwardTypes();
  const nameOf = (code: string | null) => (code ? (types.data?.items.find((t) => t.code === code)?.name ?? code) : '—');
  if (me.orgUnitId === null) return <Empty description={l('Tài khoản của bạn chưa gắn với đơn vị nào.', 'Your account has no unit.')} />;
  if (regs.error) return <ErrorState error={regs.error} onRetry={() => void regs.refetch()} />;
  if (!regs.data) return <PageSkeleton />;
  const mine = regs.data.items.find((r) => r.unit.id === me.orgUnitId) ?? null;
  const unit = mine?.unit ?? { id: me.orgUnitId, code: '', name: me.orgUnitName ?? '' };
  return (
    <Card>
      {mine && !editing ? (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Alert
            type="success"
            showIcon
            title={l(`${unit.name} đã đăng ký thi đua năm ${year}`, `Registered for ${year}`)}
            description={l(
              `Gửi lúc ${formatDateTime(mine.registeredAt)}; sửa lần cuối ${formatDateTime(mine.updatedAt)}.`,
              `Sent ${formatDateTime(mine.registeredAt)}.`,
            )}
            action={
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {l('Sửa đăng ký', 'Edit')}
              </Button>
            }
          />
          <div>
            <strong>{l('Mục tiêu của tập thể: ', 'Collective target: ')}</strong>
            {nameOf(mine.collectiveTarget)}
          </div>
          <Table
            size="small"
            rowKey="personId"
            pagination={false}
            dataSource={mine.targets}
            locale={{ emptyText: <span className="nhip-muted">{l('Không có cá nhân đăng ký.', 'No individual.')}</span> }}
            columns={[
              {
                title: l('Cán bộ', 'Person'),
                dataIndex: 'fullName',
                render: (v: string, t) => <Link to={`/awards/people/${t.personId}`}>{v}</Link>,
              },
              { title: l('Danh hiệu đăng ký', 'Title'), dataIndex: 'title', render: (c: string) => nameOf(c) },
            ]}
          />
          {mine.note && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{mine.note}</Typography.Paragraph>}
        </Space>
      ) : (
        <>
          {!mine && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={l(`${unit.name} chưa đăng ký thi đua năm ${year}`, `Not registered for ${year}`)}
              description={l(
                'Đề nghị khen thưởng của đơn vị chưa đăng ký sẽ bị đánh dấu khi xét.',
                'Nominations of a unit that did not register are flagged.',
              )}
            />
          )}
          <OwnEditor
            year={year}
            current={mine}
            unitId={me.orgUnitId}
            unitName={unit.name}
            onDone={() => setEditing(false)}
            onCancel={mine ? () => setEditing(false) : undefined}
          />
        </>
      )}
    </Card>
  );
}

/** The editor for the signed-in unit, which knows its unit's code from the units list. */
function OwnEditor({
  year,
  current,
  unitId,
  unitName,
  onDone,
  onCancel,
}: {
  year: number;
  current: Registration | null;
  unitId: number;
  unitName: string;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const units = useOrgUnits({ includeClosed: true });
  const u = units.data?.find((x) => x.id === unitId);
  if (!u) return <PageSkeleton />;
  return (
    <RegistrationEditor
      unit={{ id: u.id, code: u.code, name: u.name || unitName }}
      year={year}
      current={current}
      onDone={onDone}
      onCancel={onCancel}
    />
  );
}

type Row = { unit: { id: number; code: string; name: string; type: UnitType | null }; reg: Registration | null };

/** The office's view: every unit of the movement, registered or not. */
function AllRegistrations({ year }: { year: number }) {
  const l = useL();
  const me = useCurrentUser();
  const mayEdit = me.role === 'admin' || me.role === 'office';
  const regs = useRegistrations(year);
  const units = useOrgUnits({ asOf: `${year}-01-01` });
  const types = useAwardTypes();
  const nameOf = (code: string | null) => (code ? (types.data?.items.find((t) => t.code === code)?.name ?? code) : null);
  const [params, setParams] = useSearchParams();
  const missingOnly = params.get('missing') === '1';
  const [open, setOpen] = useState<Row | null>(null);
  const rows = useMemo<Row[]>(() => {
    const byUnit = new Map((regs.data?.items ?? []).map((r) => [r.unit.id, r]));
    const out: Row[] = (units.data ?? [])
      .filter((u) => EMULATING.includes(u.type))
      .map((u) => ({ unit: { id: u.id, code: u.code, name: u.name, type: u.type }, reg: byUnit.get(u.id) ?? null }));
    for (const r of regs.data?.items ?? [])
      if (!out.some((x) => x.unit.id === r.unit.id)) out.push({ unit: { ...r.unit, type: null }, reg: r });
    return out.sort(
      (a, b) =>
        Number(!!a.reg) - Number(!!b.reg) ||
        (a.unit.type ?? '').localeCompare(b.unit.type ?? '') ||
        a.unit.name.localeCompare(b.unit.name, 'vi'),
    );
  }, [regs.data, units.data]);
  if (regs.error) return <ErrorState error={regs.error} onRetry={() => void regs.refetch()} />;
  if (!regs.data || !units.data) return <PageSkeleton />;
  const registered = rows.filter((r) => r.reg).length;
  const shown = missingOnly ? rows.filter((r) => !r.reg) : rows;
  const columns: ColumnsType<Row> = [
    {
      title: l('Đơn vị', 'Unit'),
      key: 'unit',
      render: (_, r) => (
        <div>
          <Link to={`/awards/units/${encodeURIComponent(r.unit.code)}`} style={{ fontWeight: 500 }}>
            {r.unit.name}
          </Link>
          {r.unit.type && (
            <div className="nhip-muted" style={{ fontSize: 12 }}>
              {UNIT_TYPE_LABELS[r.unit.type].vi}
            </div>
          )}
        </div>
      ),
    },
    {
      title: l('Tình trạng', 'Status'),
      key: 'status',
      width: 200,
      render: (_, r) =>
        r.reg ? (
          <Space orientation="vertical" size={0}>
            <Tag color="success" icon={<CheckCircleFilled />}>
              {l('Đã đăng ký', 'Registered')}
            </Tag>
            <span className="nhip-muted" style={{ fontSize: 12 }}>
              {formatDateTime(r.reg.registeredAt)}
            </span>
          </Space>
        ) : (
          <Tag color="warning">{l('Chưa đăng ký', 'Not registered')}</Tag>
        ),
    },
    {
      title: l('Mục tiêu tập thể', 'Collective target'),
      key: 'collective',
      width: 240,
      render: (_, r) => nameOf(r.reg?.collectiveTarget ?? null) ?? <span className="nhip-muted">—</span>,
    },
    {
      title: l('Cá nhân đăng ký', 'Individuals'),
      key: 'targets',
      width: 260,
      render: (_, r) => {
        if (!r.reg?.targets.length) return <span className="nhip-muted">—</span>;
        const by = countBy(r.reg.targets.map((t) => t.title));
        return (
          <div>
            <strong>{formatNumber(r.reg.targets.length)}</strong>
            <span className="nhip-muted">
              :{' '}
              {Object.entries(by)
                .map(([c, n]) => `${nameOf(c)} ${formatNumber(n)}`)
                .join(', ')}
            </span>
          </div>
        );
      },
    },
    ...(mayEdit
      ? [
          {
            title: l('Thao tác', 'Actions'),
            key: 'edit',
            width: 120,
            render: (_: unknown, r: Row) => (
              <Button size="small" onClick={() => setOpen(r)}>
                {r.reg ? l('Xem, sửa', 'Open') : l('Đăng ký thay', 'Register')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card>
      <div className="nhip-toolbar">
        <Typography.Text strong>
          {l(
            `${formatNumber(registered)}/${formatNumber(rows.length)} đơn vị đã đăng ký thi đua năm ${year}`,
            `${registered}/${rows.length} units registered for ${year}`,
          )}
        </Typography.Text>
        <Space size={6}>
          <Switch
            size="small"
            aria-label={l('Chỉ đơn vị chưa đăng ký', 'Not registered only')}
            checked={missingOnly}
            onChange={(v) => {
              const p = new URLSearchParams(params);
              if (v) p.set('missing', '1');
              else p.delete('missing');
              setParams(p, { replace: true });
            }}
          />
          <span>
            {l(`Chỉ đơn vị chưa đăng ký (${formatNumber(rows.length - registered)})`, `Not registered only (${rows.length - registered})`)}
          </span>
        </Space>
      </div>
      <Table<Row>
        rowKey={(r) => r.unit.id}
        size="middle"
        dataSource={shown}
        columns={columns}
        scroll={{ x: 900 }}
        pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: <EmptyHint title={l('Mọi đơn vị đã đăng ký', 'Every unit registered')} /> }}
      />
      {open && (
        <Modal
          open
          width={820}
          footer={null}
          title={l(`Đăng ký thi đua năm ${year} — ${open.unit.name}`, `Registration ${year} — ${open.unit.name}`)}
          onCancel={() => setOpen(null)}
          destroyOnHidden
        >
          <RegistrationEditor unit={open.unit} year={year} current={open.reg} onDone={() => setOpen(null)} onCancel={() => setOpen(null)} />
        </Modal>
      )}
    </Card>
  );
}

export default function RegistrationsPage() {
  const l = useL();
  const me = useCurrentUser();
  const unitRole = UNIT_ROLES.includes(me.role);
  const [params, setParams] = useSearchParams();
  const thisYear = thisYearVN();
  const year = params.get('year') ? Number(params.get('year')) : thisYear;
  return (
    <>
      <PageHeader
        title={l('Đăng ký thi đua', 'Emulation registration')}
        subtitle={
          unitRole
            ? l(
                'Đầu năm, đơn vị đăng ký danh hiệu tập thể phấn đấu và danh hiệu của từng cán bộ. Đề nghị khen thưởng cuối năm đối chiếu với đăng ký này.',
                'At the start of the year the unit registers its collective target and each person’s title.',
              )
            : l(
                'Đơn vị nào đã đăng ký thi đua, mục tiêu tập thể và số cá nhân đăng ký; đơn vị chưa đăng ký được đánh dấu.',
                'Who registered, and who did not.',
              )
        }
        extra={
          <Select<number>
            aria-label={l('Năm', 'Year')}
            value={year}
            onChange={(v) => {
              const p = new URLSearchParams(params);
              p.set('year', String(v));
              setParams(p, { replace: true });
            }}
            options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: l(`Năm ${y}`, `Year ${y}`) }))}
            style={{ width: 120 }}
          />
        }
      />
      {unitRole ? <OwnRegistration key={year} year={year} /> : <AllRegistrations year={year} />}
    </>
  );
}
