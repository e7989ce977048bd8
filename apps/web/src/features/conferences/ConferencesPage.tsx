/**
 * Hội nghị: the review conferences, upcoming first then past, filtered by period and status. The office plans a new
 * one from a period ("Tạo hội nghị"); a unit sees the conferences it was invited to.
 */
import { CalendarOutlined, EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import {
  CONFERENCE_KIND_LABELS, CONFERENCE_STATUS_LABELS, CONFERENCE_STATUSES, type ConferenceStatus, type PeriodType, periodLabel, periodTypeLabel,
  UNIT_ROLES,
} from '@nhip/contracts';
import { Button, Card, Flex, Grid, List, Segmented, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/QueryState';
import { EmptyHint } from '../../components/table';
import { pickablePeriods, todayVN } from '../analytics/figures';
import { type ConferenceListItem, useConferences } from './api';
import { CreateConferenceModal } from './CreateConferenceModal';
import { ConferenceStatusTag, dt } from './shared';
import './conferences.css';

const PERIOD_TYPES: PeriodType[] = ['Yearly', 'NineMonthly', 'SixMonthly', 'Quarterly'];

export default function ConferencesPage() {
  const l = useL();
  const lang = useLang();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const unitRole = UNIT_ROLES.includes(me.role);
  const canCreate = !!me.abilities['conferences.manage'];
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? undefined;
  const status = (params.get('status') as ConferenceStatus | null) ?? undefined;
  const [periodType, setPeriodType] = useState<PeriodType>('Yearly');
  const creating = params.get('new') === '1';
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;

  const setParam = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p, { replace: true });
  };
  const q = useConferences({ period, status });
  const now = Date.now();
  const { upcoming, past } = useMemo(() => {
    const items = q.data?.items ?? [];
    const up = items.filter((c) => new Date(c.startsAt).getTime() >= now - 12 * 3600_000 && c.status !== 'closed' && c.status !== 'concluded');
    const rest = items.filter((c) => !up.includes(c));
    return {
      upcoming: [...up].sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
      past: [...rest].sort((a, b) => b.startsAt.localeCompare(a.startsAt)),
    };
  }, [q.data, now]);

  const periodOptions = useMemo(
    () => pickablePeriods(periodType, todayVN(), periodType === 'Quarterly' ? 16 : 8, period).map((p) => ({ value: p.id, label: periodLabel(p, lang) })),
    [periodType, period, lang],
  );

  const row = (c: ConferenceListItem) => (
    <List.Item key={c.id} className="conf-list-item">
      <Flex gap={12} justify="space-between" align="flex-start" wrap="wrap" style={{ width: '100%' }}>
        <div style={{ minWidth: 0, flex: '1 1 420px' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {CONFERENCE_KIND_LABELS[c.kind][lang]} · {lang === 'en' ? periodLabel(c.period, 'en') : c.periodLabel}
          </Typography.Text>
          <div>
            <Link to={`/conferences/${c.id}`} className="conf-list-title">
              {c.title}
            </Link>
          </div>
          <Space size={16} wrap className="nhip-muted" style={{ marginTop: 4 }}>
            <span>
              <CalendarOutlined aria-hidden /> {dt(c.startsAt)}
            </span>
            {c.place ? (
              <span>
                <EnvironmentOutlined aria-hidden /> {c.place}
              </span>
            ) : null}
            {!unitRole ? <span>{l(`${c.invited} đơn vị được mời`, `${c.invited} units invited`)}</span> : null}
          </Space>
        </div>
        <ConferenceStatusTag status={c.status} />
      </Flex>
    </List.Item>
  );

  const section = (title: string, items: ConferenceListItem[], empty: string) => (
    <Card title={title} size={mobile ? 'small' : undefined}>
      {items.length === 0 ? (
        <Typography.Text type="secondary">{empty}</Typography.Text>
      ) : (
        <List dataSource={items} renderItem={row} split />
      )}
    </Card>
  );

  return (
    <>
      <PageHeader
        title={unitRole ? l('Hội nghị của đơn vị', 'Our conferences') : l('Hội nghị', 'Conferences')}
        subtitle={
          unitRole
            ? l(
                'Các hội nghị sơ kết, tổng kết đơn vị được mời: xác nhận tham dự, đăng ký đại biểu, in thẻ đại biểu, nộp tham luận.',
                'Review conferences your unit is invited to: answer, name delegates, print their tickets, upload presentations.',
              )
            : l(
                'Hội nghị sơ kết quý, 6 tháng, 9 tháng và tổng kết năm: kế hoạch, giấy mời, chương trình, tham luận, điểm danh, biên bản và thông báo kết luận.',
                'Interim and annual review conferences: plan, invitations, agenda, presentations, check-in, minutes and the conclusion notice.',
              )
        }
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setParam('new', '1')}>
              {l('Tạo hội nghị', 'New conference')}
            </Button>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <div className="nhip-toolbar" style={{ marginBottom: 0 }}>
          <Segmented<PeriodType>
            aria-label={l('Loại kỳ', 'Period type')}
            value={periodType}
            onChange={(t) => {
              setPeriodType(t);
              setParam('period', undefined);
            }}
            options={PERIOD_TYPES.map((t) => ({ value: t, label: periodTypeLabel(t, lang) }))}
          />
          <Select
            aria-label={l('Kỳ', 'Period')}
            allowClear
            placeholder={l('Mọi kỳ', 'Every period')}
            value={period}
            onChange={(v?: string) => setParam('period', v)}
            options={periodOptions}
            style={{ width: 220 }}
          />
          <Select
            aria-label={l('Trạng thái', 'Status')}
            allowClear
            placeholder={l('Mọi trạng thái', 'Every status')}
            value={status}
            onChange={(v?: string) => setParam('status', v)}
            options={CONFERENCE_STATUSES.map((s) => ({ value: s, label: CONFERENCE_STATUS_LABELS[s][lang] }))}
            style={{ width: 220 }}
          />
        </div>
      </Card>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isLoading ? (
        <Card loading />
      ) : (q.data?.items.length ?? 0) === 0 ? (
        <Card>
          <EmptyHint
            title={period || status ? l('Không có hội nghị phù hợp', 'No matching conference') : l('Chưa có hội nghị nào', 'No conference yet')}
            hint={
              unitRole
                ? l('Khi Sở gửi giấy mời, hội nghị sẽ hiện ở đây và trên trang chủ.', 'When the department invites your unit, the conference shows here and on your home page.')
                : canCreate
                  ? l('Tạo hội nghị từ một kỳ báo cáo: loại, tiêu đề, ngày họp, chủ trì và đơn vị được mời được đề xuất sẵn.', 'Plan one from a period: kind, title, date, chair and invited units are proposed.')
                  : undefined
            }
            action={
              canCreate && !period && !status ? (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setParam('new', '1')}>
                  {l('Tạo hội nghị', 'New conference')}
                </Button>
              ) : undefined
            }
          />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          {section(l('Sắp diễn ra, đang chuẩn bị', 'Upcoming'), upcoming, l('Không có hội nghị nào sắp diễn ra.', 'Nothing upcoming.'))}
          {section(l('Đã diễn ra', 'Past'), past, l('Chưa có hội nghị nào đã diễn ra.', 'None yet.'))}
        </Flex>
      )}
      {creating && canCreate ? (
        <CreateConferenceModal
          onClose={() => setParam('new', undefined)}
          onCreated={(id) => navigate(`/conferences/${id}`)}
        />
      ) : null}
    </>
  );
}
