/**
 * Check-in at the door, made for a phone held in one hand: scan the QR code of a delegate's ticket, or find them by
 * name without diacritics and tap once; someone not on the list is recorded as a walk-in and flagged. Arrivals are
 * counted by unit type.
 */
import { CheckCircleFilled, CheckOutlined, UserAddOutlined, WarningFilled } from '@ant-design/icons';
import { UNIT_TYPE_LABELS } from '@nhip/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, List, Modal, Select, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useL, useLang } from '../../app/i18n';
import { ErrorState, errorMessage } from '../../components/QueryState';
import { api, qs } from '../../lib/api';
import { type Board, type CheckinDelegate, type CheckinResult, type CheckinSummary, useConference, usePart } from './api';
import { QrScanner } from './QrScanner';
import { vnTime, viSearch } from './shared';
import './conferences.css';

export default function CheckinPage() {
  const l = useL();
  const lang = useLang();
  const id = Number(useParams().id);
  const conference = useConference(id);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [last, setLast] = useState<CheckinResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [walkIn, setWalkIn] = useState(false);
  const [busy, setBusy] = useState<number | 'scan' | null>(null);
  useEffect(() => {
    const t = setTimeout(() => setQ(typed.trim()), 200);
    return () => clearTimeout(t);
  }, [typed]);
  const list = useQuery({
    queryKey: ['conferences', id, 'checkin', q],
    queryFn: () => api.get<{ items: CheckinDelegate[] }>(`/api/conferences/${id}/checkin${qs({ q: q || undefined })}`),
    placeholderData: (p) => p,
  });
  const summary = usePart<CheckinSummary>(id, 'checkin-summary', 'checkin/summary');

  const checkIn = async (body: object, key: number | 'scan') => {
    setBusy(key);
    setFailure(null);
    try {
      const r = await api.post<CheckinResult>(`/api/conferences/${id}/checkin`, body);
      setLast(r);
      if (navigator.vibrate) navigator.vibrate(r.alreadyCheckedIn ? [60, 60, 60] : 80);
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['conferences', id, 'checkin'] }),
        qc.invalidateQueries({ queryKey: ['conferences', id, 'checkin-summary'] }),
      ]);
      return r;
    } catch (e) {
      setFailure(errorMessage(e, lang));
      setLast(null);
      return null;
    } finally {
      setBusy(null);
    }
  };

  if (conference.error) return <ErrorState error={conference.error} onRetry={() => void conference.refetch()} />;
  const c = conference.data;
  if (c && !c.abilities.checkin)
    return (
      <Card>
        <Empty
          description={l('Điểm danh mở khi hội nghị đã gửi giấy mời hoặc đang diễn ra, cho Văn phòng Sở.', 'Check-in is open to the office once invitations are sent and during the conference.')}
        >
          <Link to={`/conferences/${id}`}>{l('Về trang hội nghị', 'Back to the conference')}</Link>
        </Empty>
      </Card>
    );
  const t = summary.data?.total;
  return (
    <Flex vertical gap={12} className="conf-checkin">
      <div>
        <Link to={`/conferences/${id}`} className="nhip-muted">
          ← {l('Hội nghị', 'Conference')}
        </Link>
        <h1 className="conf-checkin-title">{l('Điểm danh', 'Check-in')}</h1>
        {c ? <Typography.Text type="secondary">{c.title}</Typography.Text> : <Skeleton.Input active size="small" />}
      </div>
      <Card size="small" className="conf-checkin-counts">
        <Flex justify="space-between" gap={8} wrap="wrap">
          <div>
            <div className="conf-big" data-testid="checkin-count">
              {t?.checkedIn ?? '—'}
              <span className="nhip-muted"> / {t?.delegates ?? '—'}</span>
            </div>
            <Typography.Text type="secondary">{l('đại biểu có mặt / đăng ký', 'present / registered')}</Typography.Text>
          </div>
          <div>
            <div className="conf-big">{t ? `${t.unitsPresent}/${t.unitsInvited}` : '—'}</div>
            <Typography.Text type="secondary">{l('đơn vị có mặt', 'units present')}</Typography.Text>
          </div>
          <div>
            <div className="conf-big">{t?.walkIns ?? '—'}</div>
            <Typography.Text type="secondary">{l('vãng lai', 'walk-ins')}</Typography.Text>
          </div>
        </Flex>
        {summary.data?.byUnitType.length ? (
          <details className="conf-checkin-types">
            <summary>{l('Theo loại đơn vị', 'By unit type')}</summary>
            <ul className="conf-plain-list">
              {summary.data.byUnitType.map((r) => (
                <li key={r.unitType ?? 'none'}>
                  {r.unitType ? UNIT_TYPE_LABELS[r.unitType][lang] : l('Khách vãng lai, khách mời', 'Walk-ins, guests')}: <strong>{r.checkedIn}</strong>
                  {r.delegates ? `/${r.delegates}` : ''} {l('đại biểu', 'delegates')}
                  {r.unitsInvited ? `, ${r.unitsPresent}/${r.unitsInvited} ${l('đơn vị', 'units')}` : ''}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </Card>

      <QrScanner paused={busy === 'scan'} onCode={(text) => void checkIn({ ticket: text }, 'scan')} />

      <div aria-live="polite" data-testid="checkin-result">
        {last ? (
          <Alert
            type={last.alreadyCheckedIn ? 'warning' : last.delegate.walkIn ? 'info' : 'success'}
            showIcon
            icon={last.alreadyCheckedIn ? <WarningFilled /> : <CheckCircleFilled />}
            title={
              last.alreadyCheckedIn
                ? l(`${last.delegate.fullName} đã điểm danh lúc ${vnTime(last.delegate.checkedInAt)}`, `${last.delegate.fullName} already checked in at ${vnTime(last.delegate.checkedInAt)}`)
                : l(`Đã điểm danh: ${last.delegate.fullName}`, `Checked in: ${last.delegate.fullName}`)
            }
            description={
              <>
                {[last.delegate.position, last.delegate.unit?.name].filter(Boolean).join(' · ')}
                {last.delegate.walkIn ? <Tag color="warning" style={{ marginInlineStart: 6 }}>{l('Vãng lai — không có trong danh sách', 'Walk-in — not on the list')}</Tag> : null}
              </>
            }
          />
        ) : failure ? (
          <Alert type="error" showIcon title={failure} />
        ) : null}
      </div>

      <Card size="small">
        <Flex vertical gap={8}>
          <Input.Search
            size="large"
            allowClear
            aria-label={l('Tìm đại biểu', 'Find a delegate')}
            placeholder={l('Tìm tên, chức vụ, đơn vị (không cần dấu)', 'Name, position or unit')}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
          {list.error ? (
            <ErrorState compact error={list.error} onRetry={() => void list.refetch()} />
          ) : (
            <List
              loading={list.isLoading}
              dataSource={(list.data?.items ?? []).slice(0, 60)}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l('Không có đại biểu phù hợp', 'No matching delegate')} /> }}
              renderItem={(d) => (
                <List.Item className="conf-checkin-row" data-testid="checkin-row">
                  <Flex justify="space-between" align="center" gap={8} style={{ width: '100%' }}>
                    <div style={{ minWidth: 0 }}>
                      <div className="conf-checkin-name">
                        {d.fullName} {d.walkIn ? <Tag color="warning">{l('vãng lai', 'walk-in')}</Tag> : null}
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                        {[d.position, d.unit?.name].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    </div>
                    {d.checkedIn ? (
                      <Tag color="success" icon={<CheckOutlined />} style={{ marginInlineEnd: 0 }}>
                        {vnTime(d.checkedInAt)}
                      </Tag>
                    ) : (
                      <Button
                        type="primary"
                        size="large"
                        loading={busy === d.id}
                        aria-label={l(`Có mặt: ${d.fullName}`, `Present: ${d.fullName}`)}
                        onClick={() => void checkIn({ delegateId: d.id }, d.id)}
                      >
                        {l('Có mặt', 'Present')}
                      </Button>
                    )}
                  </Flex>
                </List.Item>
              )}
            />
          )}
          <Button icon={<UserAddOutlined />} size="large" onClick={() => setWalkIn(true)}>
            {l('Ghi khách không có trong danh sách', 'Record a walk-in')}
          </Button>
        </Flex>
      </Card>
      {walkIn ? (
        <WalkInModal
          id={id}
          initialName={typed}
          onClose={() => setWalkIn(false)}
          onSave={async (w) => {
            const r = await checkIn({ walkIn: w }, 'scan');
            if (r) {
              message.success(l('Đã ghi khách vãng lai.', 'Walk-in recorded.'));
              setWalkIn(false);
            }
          }}
        />
      ) : null}
    </Flex>
  );
}

function WalkInModal({ id, initialName, onClose, onSave }: { id: number; initialName: string; onClose: () => void; onSave: (w: { fullName: string; unitId: number | null; position: string | null }) => Promise<void> }) {
  const l = useL();
  const board = usePart<Board>(id, 'board', 'invitations');
  const [form] = Form.useForm<{ fullName: string; unitId: number | null; position: string }>();
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open
      title={l('Khách không có trong danh sách', 'Walk-in')}
      onCancel={onClose}
      okText={l('Ghi nhận có mặt', 'Record')}
      cancelText={l('Hủy', 'Cancel')}
      okButtonProps={{ loading: saving }}
      onOk={async () => {
        const v = await form.validateFields();
        setSaving(true);
        try {
          await onSave({ fullName: v.fullName.trim(), unitId: v.unitId ?? null, position: v.position?.trim() || null });
        } finally {
          setSaving(false);
        }
      }}
    >
      <Typography.Paragraph type="secondary">
        {l('Người này được ghi là khách vãng lai và được đánh dấu để Văn phòng Sở rà soát.', 'They are recorded as a walk-in and flagged for the office.')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ fullName: initialName }}>
        <Form.Item name="fullName" label={l('Họ và tên', 'Full name')} rules={[{ required: true, message: l('Hãy nhập họ và tên.', 'Enter the name.') }]}>
          <Input maxLength={200} autoFocus />
        </Form.Item>
        <Form.Item name="unitId" label={l('Đơn vị', 'Unit')}>
          <Select allowClear showSearch={viSearch} options={(board.data?.items ?? []).map((i) => ({ value: i.unit.id, label: i.unit.name }))} placeholder={l('Đơn vị được mời (nếu có)', 'An invited unit (if any)')} />
        </Form.Item>
        <Form.Item name="position" label={l('Chức vụ', 'Position')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
