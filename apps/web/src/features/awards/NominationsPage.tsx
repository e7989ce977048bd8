/**
 * Đề nghị khen thưởng of a year. A unit proposes its own people or itself; each proposal is checked against the rules
 * in force, criterion by criterion, and a failed criterion blocks it: the office cannot accept it unless it lets it go on
 * with a written reason. The office accepts, returns or rejects; titles without a council ballot it approves directly.
 * The Tờ trình of a title and each nomination's Báo cáo thành tích download as .docx or .pdf.
 */
import { PlusOutlined } from '@ant-design/icons';
import { NOMINATION_STATUS_LABELS, NOMINATION_STATUSES, RECURRENCE_LABELS, searchMatches, UNIT_ROLES } from '@nhip/contracts';
import {
  Alert, App, Button, Card, Descriptions, Drawer, Flex, Form, Input, Modal, Radio, Select, Space, Table, Tooltip, Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type Me, useCurrentUser } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, errorMessage } from '../../components/QueryState';
import { useOrgUnits } from '../../components/orgUnits';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { EmptyHint } from '../../components/table';
import { PersonSelect } from '../conferences/PersonSelect';
import { viSearch } from '../conferences/shared';
import {
  type AwardType, awApi, type Check, docs, type Nomination, type NominationTransitionName, useAwardTypes, useEligibility, useNomination, useNominations,
  useRefreshAwards,
} from './api';
import {
  DocButtons, EligibilityPanel, EligibleTag, failedChecks, NominationStatusTag, vnDate, vnDateTime, YearSelect, useYear,
} from './process-shared';

const OFFICE_ROLES = ['admin', 'office'];
const mayPropose = (me: Me) => OFFICE_ROLES.includes(me.role) || UNIT_ROLES.includes(me.role);

/** Does this title's rule in force (or its latest) ask for a council ballot? */
export const needsBallot = (t: AwardType | undefined) => {
  if (!t) return false;
  const v = t.versions.find((x) => x.id === t.current) ?? t.versions[t.versions.length - 1];
  return !!v?.vote;
};

type Eligibility = 'eligible' | 'blocked' | 'overridden';

export default function NominationsPage() {
  const l = useL();
  const lang = useLang();
  const me = useCurrentUser();
  const office = OFFICE_ROLES.includes(me.role);
  const [year, setYear] = useYear();
  const [params, setParams] = useSearchParams();
  const title = params.get('title') ?? undefined;
  const status = params.get('status') ?? undefined;
  const unit = params.get('unit') ?? undefined;
  const elig = (params.get('eligibility') ?? undefined) as Eligibility | undefined;
  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p, { replace: true });
  };
  const types = useAwardTypes();
  const units = useOrgUnits({}, office || me.role === 'director');
  const list = useNominations({ year, title, status, proposingUnit: unit });
  const [openId, setOpenId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);

  const items = useMemo(() => {
    const all = list.data?.items ?? [];
    if (!elig) return all;
    return all.filter((n) => (elig === 'eligible' ? n.eligible : elig === 'blocked' ? !n.eligible && !n.override : !n.eligible && !!n.override));
  }, [list.data, elig]);

  const typeOptions = (types.data?.items ?? []).map((t) => ({ value: t.code, label: t.name }));
  const columns: ColumnsType<Nomination> = [
    {
      title: l('Cá nhân, tập thể', 'Nominee'),
      key: 'subject',
      render: (_, n) => (
        <div style={{ minWidth: 200 }}>
          <Typography.Link onClick={() => setOpenId(n.id)} data-testid="nomination-open">
            {n.subject.name}
          </Typography.Link>
          <div className="nhip-muted" style={{ fontSize: 12 }}>
            {n.subject.kind === 'unit' ? l('Tập thể', 'Collective') : (n.subject.unit?.name ?? '')}
          </div>
        </div>
      ),
    },
    { title: l('Danh hiệu, hình thức', 'Title or form'), key: 'title', render: (_, n) => n.title.name },
    { title: l('Đơn vị đề nghị', 'Proposed by'), key: 'unit', render: (_, n) => n.proposingUnit.name },
    {
      title: l('Điều kiện', 'Eligibility'),
      key: 'eligible',
      width: 190,
      render: (_, n) => {
        const failed = failedChecks(n.checks);
        return (
          <Flex vertical gap={2} align="flex-start">
            <EligibleTag eligible={n.eligible} conditional={n.conditional} overridden={!!n.override} />
            {!n.eligible && failed[0] ? <span className="nhip-muted" style={{ fontSize: 12 }}>{failed[0].rule}</span> : null}
          </Flex>
        );
      },
    },
    { title: l('Trạng thái', 'Status'), key: 'status', width: 170, render: (_, n) => <NominationStatusTag status={n.status} /> },
    { title: l('Ngày đề nghị', 'Proposed on'), key: 'created', width: 115, render: (_, n) => vnDate(n.createdAt.slice(0, 10)) },
  ];

  return (
    <>
      <PageHeader
        title={l('Đề nghị khen thưởng', 'Award nominations')}
        subtitle={l(
          'Đơn vị đề nghị cán bộ của mình hoặc tập thể; từng tiêu chí được kiểm tra theo quy định có hiệu lực. Đề nghị chưa đủ điều kiện không được tiếp nhận, trừ khi Văn phòng Sở cho tiếp tục với lý do bằng văn bản.',
          'Units propose their people or themselves; each criterion is checked against the rules in force. A nomination that fails one is not accepted unless the office lets it go on with a written reason.',
        )}
        extra={
          mayPropose(me) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {l('Đề nghị khen thưởng', 'Nominate')}
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="nhip-toolbar" style={{ marginBottom: 0 }}>
          <YearSelect value={year} onChange={setYear} />
          <Select
            aria-label={l('Danh hiệu, hình thức', 'Title or form')}
            allowClear
            showSearch={viSearch}
            placeholder={l('Mọi danh hiệu, hình thức', 'Every title and form')}
            value={title}
            onChange={(v?: string) => set('title', v)}
            options={typeOptions}
            style={{ width: 260 }}
          />
          {office || me.role === 'director' ? (
            <Select
              aria-label={l('Đơn vị đề nghị', 'Proposing unit')}
              allowClear
              showSearch={viSearch}
              placeholder={l('Mọi đơn vị đề nghị', 'Every unit')}
              value={unit}
              onChange={(v?: string) => set('unit', v)}
              options={(units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.code, label: u.name }))}
              style={{ width: 260 }}
            />
          ) : null}
          <Select
            aria-label={l('Trạng thái', 'Status')}
            allowClear
            placeholder={l('Mọi trạng thái', 'Every status')}
            value={status}
            onChange={(v?: string) => set('status', v)}
            options={NOMINATION_STATUSES.map((s) => ({ value: s, label: NOMINATION_STATUS_LABELS[s][lang] }))}
            style={{ width: 210 }}
          />
          <Select
            aria-label={l('Điều kiện', 'Eligibility')}
            allowClear
            placeholder={l('Đủ và chưa đủ điều kiện', 'Eligible or not')}
            value={elig}
            onChange={(v?: string) => set('eligibility', v)}
            options={[
              { value: 'eligible', label: l('Đủ điều kiện', 'Eligible') },
              { value: 'blocked', label: l('Chưa đủ điều kiện', 'Not eligible') },
              { value: 'overridden', label: l('Chưa đủ, được cho tiếp tục', 'Overridden') },
            ]}
            style={{ width: 230 }}
          />
        </div>
      </Card>
      {(office || me.role === 'director') && title ? (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Flex gap={12} align="center" wrap="wrap">
            <Typography.Text>
              {l(`Tờ trình đề nghị khen thưởng "${typeOptions.find((t) => t.value === title)?.label ?? title}" năm ${year} (các đề nghị đã được thông qua):`,
                `Proposal for "${title}" ${year} (approved nominations):`)}
            </Typography.Text>
            <DocButtons url={(f) => docs.proposal(title, year, f)} name={`Tờ trình ${title} ${year}`} label={l('Tờ trình', 'Proposal')} size="small" />
          </Flex>
        </Card>
      ) : null}
      {list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card size="small" styles={{ body: { padding: 8 } }}>
          <Table<Nomination>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={list.isFetching}
            pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            locale={{
              emptyText: (
                <EmptyHint
                  title={l(`Chưa có đề nghị khen thưởng năm ${year}`, `No nomination for ${year}`)}
                  hint={mayPropose(me) ? l('Bấm "Đề nghị khen thưởng" để đề nghị một cán bộ hoặc tập thể.', 'Press "Nominate" to propose someone.') : undefined}
                />
              ),
            }}
            data-testid="nominations"
          />
        </Card>
      )}
      {creating ? <NominateModal year={year} onClose={() => setCreating(false)} onCreated={(id) => setOpenId(id)} /> : null}
      <NominationDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}

/** Criteria whose proof is a statement the unit writes (thành tích, đề tài …): they take a claim. */
const claimable = (c: Check) => c.kind === 'manual' && !c.passed;

function NominateModal({ year, onClose, onCreated }: { year: number; onClose: () => void; onCreated: (id: number) => void }) {
  const l = useL();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const office = OFFICE_ROLES.includes(me.role);
  const refresh = useRefreshAwards();
  const types = useAwardTypes();
  // Every role reads the units: a unit's own code names its collective.
  const units = useOrgUnits({});
  const [form] = Form.useForm<{ kind: 'person' | 'unit'; person?: number; unit?: string; title?: string; year: number; achievements?: string; claims?: Record<string, string> }>();
  const kind = Form.useWatch('kind', form) ?? 'person';
  const person = Form.useWatch('person', form);
  const unitCode = Form.useWatch('unit', form);
  const title = Form.useWatch('title', form);
  const y = Form.useWatch('year', form) ?? year;
  const ownUnit = (units.data ?? []).find((u) => u.id === me.orgUnitId);
  const collective = kind === 'unit' ? (office ? unitCode : (ownUnit?.code ?? unitCode)) : undefined;
  const check = useEligibility({ person: kind === 'person' ? person : undefined, unit: collective, title, year: y });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const fitting = (types.data?.items ?? []).filter((t) => t.active && (kind === 'person' ? t.subject !== 'collective' : t.subject !== 'individual'));
  // A statement can still satisfy a failed criterion (or its group's alternative); the others block.
  const failed = failedChecks(check.data?.checks ?? []);
  const claims = failed.filter(claimable);
  const blocking = failed.filter((c) => !claimable(c) && !(c.group !== null && claims.some((o) => o.group === c.group)));

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const filled = Object.fromEntries(Object.entries(v.claims ?? {}).filter(([, t]) => typeof t === 'string' && t.trim()));
      const n = await awApi.nominate({
        person: v.kind === 'person' ? v.person : undefined, unit: v.kind === 'unit' ? collective : undefined, title: v.title ?? '', year: v.year,
        achievements: v.achievements?.trim() || null, claims: Object.keys(filled).length ? filled : undefined,
      });
      message.success(n.eligible ? l('Đã gửi đề nghị.', 'Nomination sent.') : l('Đã lưu đề nghị; đề nghị chưa đủ điều kiện.', 'Saved; the nomination is not eligible.'));
      void refresh();
      onClose();
      onCreated(n.id);
    } catch (e) {
      setError(applyServerError(form, e, ['person', 'unit', 'title', 'year', 'achievements']));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={760}
      title={l('Đề nghị khen thưởng', 'Nominate')}
      okText={blocking.length ? l('Vẫn gửi đề nghị', 'Send anyway') : l('Gửi đề nghị', 'Send')}
      cancelText={l('Hủy', 'Cancel')}
      onOk={() => void submit()}
      confirmLoading={saving}
      onCancel={onClose}
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Form form={form} layout="vertical" initialValues={{ kind: 'person', year }}>
        <Form.Item name="kind" label={l('Đề nghị cho', 'For')}>
          <Radio.Group
            optionType="button"
            options={[{ value: 'person', label: l('Cá nhân', 'A person') }, { value: 'unit', label: l('Tập thể', 'A collective') }]}
            onChange={() => form.setFieldsValue({ title: undefined })}
          />
        </Form.Item>
        {kind === 'person' ? (
          <Form.Item name="person" label={l('Cán bộ', 'Person')} rules={[{ required: true, message: l('Hãy chọn cán bộ.', 'Pick a person.') }]}>
            <PersonSelect unitId={office ? undefined : (me.orgUnitId ?? undefined)} />
          </Form.Item>
        ) : office ? (
          <Form.Item name="unit" label={l('Tập thể (đơn vị)', 'Collective (unit)')} rules={[{ required: true, message: l('Hãy chọn đơn vị.', 'Pick a unit.') }]}>
            <Select showSearch={viSearch} options={(units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.code, label: u.name }))} />
          </Form.Item>
        ) : (
          <Typography.Paragraph>
            {l('Tập thể: ', 'Collective: ')}
            <strong>{me.orgUnitName}</strong>
          </Typography.Paragraph>
        )}
        <Flex gap={12}>
          <Form.Item name="title" label={l('Danh hiệu, hình thức', 'Title or form')} style={{ flex: 1 }} rules={[{ required: true, message: l('Hãy chọn danh hiệu.', 'Pick a title.') }]}>
            <Select
              showSearch={{ filterOption: (input, o) => searchMatches(String(o?.label ?? ''), input) }}
              options={fitting.map((t) => ({ value: t.code, label: t.name }))}
            />
          </Form.Item>
          <Form.Item name="year" label={l('Năm thành tích', 'Year')} rules={[{ required: true }]}>
            <YearSelect value={y} onChange={(v) => form.setFieldsValue({ year: v })} />
          </Form.Item>
        </Flex>
        {check.error ? <Alert type="error" showIcon title={errorMessage(check.error)} style={{ marginBottom: 12 }} /> : null}
        {check.data ? (
          <Card size="small" title={l('Kiểm tra điều kiện', 'Eligibility')} style={{ marginBottom: 12 }} loading={check.isFetching}>
            {blocking.length ? (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 8 }}
                data-testid="nominate-blocked"
                title={l('Chưa đủ điều kiện', 'Not eligible')}
                description={
                  <>
                    {blocking.map((c) => (
                      <div key={c.code}>
                        {c.rule}: {c.evidence}
                      </div>
                    ))}
                    <div style={{ marginTop: 4 }}>
                      {l(
                        'Đề nghị vẫn được lưu để Văn phòng Sở xem, nhưng không được tiếp nhận trừ khi Văn phòng cho tiếp tục với lý do bằng văn bản.',
                        'It is saved for the office to see, but not accepted unless the office lets it go on with a written reason.',
                      )}
                    </div>
                  </>
                }
              />
            ) : (
              <Alert type="success" showIcon style={{ marginBottom: 8 }} title={claims.length ? l('Đủ điều kiện khi nêu thành tích bên dưới', 'Eligible once the achievements below are stated') : l('Đủ điều kiện', 'Eligible')} />
            )}
            <EligibilityPanel checks={check.data.checks} date={check.data.date} testId="nominate-eligibility" />
          </Card>
        ) : null}
        {claims.map((c) => (
          <Form.Item key={c.code} name={['claims', c.code]} label={c.rule} extra={c.basis}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
          </Form.Item>
        ))}
        <Form.Item name="achievements" label={l('Tóm tắt thành tích', 'Summary of achievements')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={20000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Ask = { action: NominationTransitionName | 'override'; title: string; ok: string; hint?: string; min?: number } | null;

export function NominationDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const l = useL();
  const lang = useLang();
  const { message } = App.useApp();
  const q = useNomination(id);
  const types = useAwardTypes();
  const refresh = useRefreshAwards();
  const [busy, setBusy] = useState<string | null>(null);
  const [ask, setAsk] = useState<Ask>(null);
  const n = q.data;
  const ballot = needsBallot(types.data?.items.find((t) => t.code === n?.title.code));
  const failed = n ? failedChecks(n.checks) : [];
  const blocked = !!n && !n.eligible && !n.override;

  const act = async (action: NominationTransitionName | 'override', reason?: string) => {
    if (!n) return;
    setBusy(action);
    try {
      if (action === 'override') await awApi.override(n.id, n.version, reason ?? '');
      else await awApi.transition(n.id, action, n.version, reason);
      message.success(l('Đã ghi nhận.', 'Done.'));
      await refresh();
      setAsk(null);
    } catch (e) {
      message.error(errorMessage(e, lang));
      void refresh();
      throw e;
    } finally {
      setBusy(null);
    }
  };

  return (
    <Drawer open={id !== null} onClose={onClose} title={l('Đề nghị khen thưởng', 'Nomination')} size="large" destroyOnHidden>
      {q.error ? (
        <ErrorState compact error={q.error} />
      ) : !n ? null : (
        <Flex vertical gap={14} data-testid="nomination-drawer">
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 's', label: n.subject.kind === 'person' ? l('Cá nhân', 'Person') : l('Tập thể', 'Collective'), children: <strong>{n.subject.name}</strong> },
              ...(n.subject.kind === 'person' && n.subject.unit ? [{ key: 'u', label: l('Đơn vị', 'Unit'), children: n.subject.unit.name }] : []),
              { key: 't', label: l('Danh hiệu, hình thức', 'Title or form'), children: `${n.title.name} (${RECURRENCE_LABELS[n.kind][lang].toLowerCase()})` },
              { key: 'y', label: l('Năm thành tích', 'Year'), children: n.year },
              { key: 'p', label: l('Đơn vị đề nghị', 'Proposed by'), children: n.proposingUnit.name },
              {
                key: 'st', label: l('Trạng thái', 'Status'),
                children: (
                  <Space wrap>
                    <NominationStatusTag status={n.status} />
                    <EligibleTag eligible={n.eligible} conditional={n.conditional} overridden={!!n.override} />
                    {n.statusReason ? <span>{n.statusReason}</span> : null}
                  </Space>
                ),
              },
              ...(n.registered !== null
                ? [{ key: 'r', label: l('Đăng ký thi đua', 'Registered'), children: n.registered ? l('Đã đăng ký đầu năm', 'Registered') : l('Chưa đăng ký', 'Not registered') }]
                : []),
              { key: 'c', label: l('Ngày đề nghị', 'Proposed on'), children: vnDateTime(n.createdAt) },
            ]}
          />
          {blocked ? (
            <Alert
              type="error"
              showIcon
              data-testid="nomination-blocked"
              title={l('Chưa đủ điều kiện: không thể tiếp nhận', 'Not eligible: cannot be accepted')}
              description={failed.map((c) => (
                <div key={c.code}>
                  <strong>{c.rule}.</strong> {c.evidence} <span className="nhip-muted">({c.basis})</span>
                </div>
              ))}
            />
          ) : null}
          {n.override ? (
            <Alert
              type="warning"
              showIcon
              data-testid="nomination-override"
              title={l(`Văn phòng Sở cho tiếp tục dù chưa đủ điều kiện (${vnDateTime(n.override.at)}, người dùng số ${n.override.by ?? '—'})`, `Overridden by the office (${vnDateTime(n.override.at)})`)}
              description={<span className="aw-text">{l('Lý do: ', 'Reason: ')}{n.override.reason}</span>}
            />
          ) : null}
          <ActionBar n={n} ballot={ballot} blocked={blocked} busy={busy} act={act} setAsk={setAsk} />
          <Card size="small" title={l('Kiểm tra từng tiêu chí', 'Criteria')}>
            <EligibilityPanel checks={n.checks} date={n.date} />
          </Card>
          {n.achievements || Object.keys(n.claims).length ? (
            <Card size="small" title={l('Thành tích', 'Achievements')}>
              {n.achievements ? <Typography.Paragraph className="aw-text">{n.achievements}</Typography.Paragraph> : null}
              {Object.entries(n.claims).map(([code, text]) => (
                <div key={code} className="aw-text">
                  <strong>{n.checks.find((c) => c.code === code)?.rule ?? code}:</strong> {text}
                </div>
              ))}
            </Card>
          ) : null}
          {n.initiatives.length ? (
            <Card size="small" title={l('Sáng kiến dùng cho đề nghị', 'Initiatives counted')}>
              {n.initiatives.map((i) => (
                <div key={i.id}>
                  {i.title} ({i.year}){i.decisionNumber ? ` · ${i.decisionNumber}` : ''}
                </div>
              ))}
            </Card>
          ) : null}
          <Card size="small" title={l('Hồ sơ', 'Dossier')}>
            <DocButtons url={(f) => docs.report(n.id, f)} name={`Báo cáo thành tích ${n.subject.name}`} label={l('Báo cáo thành tích', 'Achievement report')} size="small" />
          </Card>
        </Flex>
      )}
      {ask ? <ReasonModal ask={ask} onClose={() => setAsk(null)} onOk={(r) => act(ask.action, r)} /> : null}
    </Drawer>
  );
}

function ActionBar({
  n, ballot, blocked, busy, act, setAsk,
}: {
  n: Nomination; ballot: boolean; blocked: boolean; busy: string | null; act: (a: NominationTransitionName, r?: string) => Promise<void>; setAsk: (a: Ask) => void;
}) {
  const l = useL();
  const a = n.abilities;
  const buttons = [];
  if (a.accept) {
    const accept = (
      <Button key="accept" type="primary" disabled={blocked} loading={busy === 'accept'} onClick={() => void act('accept').catch(() => {})}>
        {l('Tiếp nhận', 'Accept')}
      </Button>
    );
    buttons.push(blocked ? <Tooltip key="accept" title={l('Đề nghị chưa đủ điều kiện; chỉ tiếp nhận được khi Văn phòng cho tiếp tục với lý do.', 'Not eligible; override first.')}><span>{accept}</span></Tooltip> : accept);
  }
  if (a.approve && !ballot)
    buttons.push(<Button key="approve" type="primary" disabled={blocked} loading={busy === 'approve'} onClick={() => void act('approve').catch(() => {})}>{l('Thông qua (không cần bỏ phiếu)', 'Approve')}</Button>);
  if (a.override && !n.eligible && !n.override)
    buttons.push(
      <Button key="override" onClick={() => setAsk({ action: 'override', title: l('Cho tiếp tục dù chưa đủ điều kiện', 'Override'), ok: l('Cho tiếp tục', 'Override'), min: 10,
        hint: l('Lý do bằng văn bản được lưu vào nhật ký cùng tên người và thời điểm.', 'The written reason is audited with who and when.') })}>
        {l('Cho tiếp tục (ngoại lệ)…', 'Override…')}
      </Button>,
    );
  if (a.return) buttons.push(<Button key="return" onClick={() => setAsk({ action: 'return', title: l('Trả lại đơn vị', 'Return'), ok: l('Trả lại', 'Return'), min: 1 })}>{l('Trả lại…', 'Return…')}</Button>);
  if (a.reject) buttons.push(<Button key="reject" danger onClick={() => setAsk({ action: 'reject', title: l('Không tiếp nhận', 'Reject'), ok: l('Không tiếp nhận', 'Reject'), min: 1 })}>{l('Không tiếp nhận…', 'Reject…')}</Button>);
  if (a.resubmit) buttons.push(<Button key="resubmit" type="primary" loading={busy === 'resubmit'} onClick={() => void act('resubmit').catch(() => {})}>{l('Gửi lại', 'Resubmit')}</Button>);
  if (a.withdraw) buttons.push(<Button key="withdraw" onClick={() => setAsk({ action: 'withdraw', title: l('Rút đề nghị', 'Withdraw'), ok: l('Rút đề nghị', 'Withdraw') })}>{l('Rút đề nghị…', 'Withdraw…')}</Button>);
  if (!buttons.length) return null;
  return (
    <Space wrap data-testid="nomination-actions">
      {buttons}
    </Space>
  );
}

function ReasonModal({ ask, onClose, onOk }: { ask: NonNullable<Ask>; onClose: () => void; onOk: (reason: string) => Promise<void> }) {
  const l = useL();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const min = ask.min ?? 0;
  const ok = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await onOk(v.reason?.trim() ?? '');
    } catch {
      // The drawer shows the server's message.
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={ask.title} okText={ask.ok} cancelText={l('Hủy', 'Cancel')} onOk={() => void ok()} confirmLoading={saving} onCancel={onClose}>
      {ask.hint ? <Typography.Paragraph type="secondary">{ask.hint}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={l('Lý do', 'Reason')}
          rules={min ? [{ required: true, whitespace: true, min, message: min > 1 ? l(`Hãy ghi rõ lý do (ít nhất ${min} ký tự).`, `At least ${min} characters.`) : l('Hãy ghi lý do.', 'Write the reason.') }] : []}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
