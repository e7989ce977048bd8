/**
 * One council meeting: who is present (quorum), each nomination's secret ballot (votes for out of ALL members against
 * the title's threshold), typed from the paper count by the office or cast in Nhịp by members with an account; closing
 * decides each nomination and numbers the Biên bản, which downloads as .docx or .pdf.
 */
import { formatPercent } from '@nhip/contracts';
import { Alert, App, Button, Card, Checkbox, Descriptions, Flex, InputNumber, Popconfirm, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { useL, useLang } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, errorMessage, PageSkeleton } from '../../components/QueryState';
import { awApi, type Ballot, docs, type Meeting, useMeeting, useRefreshAwards } from './api';
import { DocButtons, MeetingStatusTag, NominationStatusTag, num, vnWallTime } from './process-shared';

const fraction = (f: { num: number; den: number }) => (f.den === 100 ? `${f.num}%` : `${f.num}/${f.den}`);

export default function MeetingPage() {
  const l = useL();
  const lang = useLang();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const q = useMeeting(id);
  const refresh = useRefreshAwards();
  const [busy, setBusy] = useState<string | null>(null);
  const m = q.data;

  const run = async (key: string, call: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      await call();
      message.success(done);
    } catch (e) {
      message.error(errorMessage(e, lang));
    } finally {
      setBusy(null);
      await refresh();
    }
  };

  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!m) return <PageSkeleton />;
  const a = m.abilities;
  const members = m.membersTotal ?? m.members.length;

  return (
    <>
      <PageHeader
        title={l(`Họp Hội đồng thi đua – khen thưởng năm ${m.year}`, `Council meeting, ${m.year}`)}
        subtitle={`${m.council.name} · ${vnWallTime(m.heldAt)}${m.place ? ` · ${m.place}` : ''}`}
        crumbs={[{ title: l('Hội đồng thi đua – khen thưởng', 'Awards council'), to: `/awards/council?year=${m.year}` }, { title: vnWallTime(m.heldAt) }]}
        extra={
          <>
            {a.open ? (
              <Button type="primary" loading={busy === 'open'} onClick={() => void run('open', () => awApi.openMeeting(m.id, m.version), l('Đã bắt đầu họp.', 'Meeting opened.'))}>
                {l('Bắt đầu họp, bỏ phiếu', 'Open the meeting')}
              </Button>
            ) : null}
            {a.close ? (
              <Popconfirm
                title={l('Kết thúc cuộc họp?', 'Close the meeting?')}
                description={l('Kết quả từng đề nghị được chốt theo số phiếu và Biên bản được vào số.', 'Each result is fixed and the minutes numbered.')}
                okText={l('Kết thúc', 'Close')}
                cancelText={l('Hủy', 'Cancel')}
                onConfirm={() => run('close', () => awApi.closeMeeting(m.id, m.version), l('Đã kết thúc cuộc họp.', 'Meeting closed.'))}
              >
                <Button type="primary" loading={busy === 'close'}>{l('Kết thúc cuộc họp', 'Close the meeting')}</Button>
              </Popconfirm>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 's', label: l('Trạng thái', 'Status'), children: <MeetingStatusTag status={m.status} /> },
            { key: 'm', label: l('Thành viên Hội đồng', 'Members'), children: num(members) },
            { key: 'p', label: l('Có mặt', 'Present'), children: m.present === null ? '—' : num(m.present) },
            {
              key: 'q', label: l('Số thành viên dự họp', 'Quorum'),
              children: m.quorum ? (
                <span data-testid="meeting-quorum">
                  {l(`cần từ ${fraction(m.quorum)} tổng số thành viên (${Math.ceil((m.quorum.num * m.quorum.members) / m.quorum.den)} người)`, `needs ${fraction(m.quorum)}`)}
                  {m.quorum.met === null ? '' : m.quorum.met ? l(' — đủ', ' — met') : l(' — chưa đủ', ' — not met')}
                </span>
              ) : '—',
            },
            { key: 'b', label: l('Biên bản', 'Minutes'), children: m.minutesNumber ?? l('vào số khi kết thúc', 'numbered at the close') },
            ...(m.endedAt ? [{ key: 'e', label: l('Kết thúc lúc', 'Ended'), children: vnWallTime(m.endedAt) }] : []),
          ]}
        />
        {a.minutes ? (
          <div style={{ marginTop: 8 }}>
            <DocButtons url={(f) => docs.minutes(m.id, f)} name={`Biên bản họp Hội đồng ${m.year}`} label={l('Biên bản họp Hội đồng', 'Minutes')} size="small" />
          </div>
        ) : null}
      </Card>
      <Attendance m={m} />
      <Card size="small" title={l('Bỏ phiếu kín từng đề nghị', 'Secret ballot per nomination')}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {l(
            `Tỷ lệ phiếu đồng ý tính trên tổng số ${members} thành viên Hội đồng, kể cả thành viên vắng mặt.`,
            `The share of votes for is counted against all ${members} members, absent ones included.`,
          )}
        </Typography.Paragraph>
        <Ballots m={m} />
      </Card>
    </>
  );
}

function Attendance({ m }: { m: Meeting }) {
  const l = useL();
  const lang = useLang();
  const { message } = App.useApp();
  const refresh = useRefreshAwards();
  const saved = Object.fromEntries(m.members.map((x) => [x.personId, x.present ?? false]));
  const [present, setPresent] = useState<Record<number, boolean>>(saved);
  const [saving, setSaving] = useState(false);
  useEffect(() => setPresent(Object.fromEntries(m.members.map((x) => [x.personId, x.present ?? false]))), [m.members]);
  const dirty = m.members.some((x) => (x.present ?? false) !== (present[x.personId] ?? false)) || m.members.every((x) => x.present === null);
  const save = async () => {
    setSaving(true);
    try {
      await awApi.patchMeeting(m.id, { version: m.version, attendance: m.members.map((x) => ({ person: x.personId, present: !!present[x.personId] })) });
      message.success(l('Đã ghi thành viên có mặt.', 'Attendance saved.'));
    } catch (e) {
      message.error(errorMessage(e, lang));
    } finally {
      setSaving(false);
      await refresh();
    }
  };
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={l('Thành viên dự họp', 'Attendance')}
      extra={m.abilities.edit ? <Button size="small" type={dirty ? 'primary' : 'default'} loading={saving} onClick={() => void save()}>{l('Ghi có mặt', 'Save attendance')}</Button> : null}
    >
      <Flex wrap="wrap" gap={8} data-testid="attendance">
        {m.members.map((x) => (
          <Checkbox
            key={x.personId}
            checked={!!present[x.personId]}
            disabled={!m.abilities.edit}
            onChange={(e) => setPresent({ ...present, [x.personId]: e.target.checked })}
            style={{ minWidth: 260 }}
          >
            {x.fullName} <span className="nhip-muted">({x.roleLabel})</span>
          </Checkbox>
        ))}
      </Flex>
    </Card>
  );
}

type Tally = { ballotsCast: number | null; votesFor: number | null; votesAgainst: number | null };

function Ballots({ m }: { m: Meeting }) {
  const l = useL();
  const lang = useLang();
  const { message } = App.useApp();
  const refresh = useRefreshAwards();
  const members = m.membersTotal ?? m.members.length;
  const [drafts, setDrafts] = useState<Record<number, Tally>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const draftOf = (b: Ballot): Tally => drafts[b.nominationId] ?? (b.recorded ? { ballotsCast: b.ballotsCast, votesFor: b.votesFor, votesAgainst: b.votesAgainst } : { ballotsCast: null, votesFor: null, votesAgainst: null });
  const setDraft = (b: Ballot, patch: Partial<Tally>) => setDrafts({ ...drafts, [b.nominationId]: { ...draftOf(b), ...patch } });

  const call = async (key: string, fn: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      await fn();
      message.success(done);
      return true;
    } catch (e) {
      message.error(errorMessage(e, lang));
      return false;
    } finally {
      setBusy(null);
      await refresh();
    }
  };

  const columns: ColumnsType<Ballot> = [
    {
      title: l('Đề nghị', 'Nomination'),
      key: 's',
      render: (_, b) => (
        <div style={{ minWidth: 200 }}>
          <strong>{b.subject.name}</strong>
          {b.subject.detail ? <div className="nhip-muted" style={{ fontSize: 12 }}>{b.subject.detail}</div> : null}
          <div>{b.awardName}</div>
        </div>
      ),
    },
    {
      title: l('Ngưỡng', 'Threshold'),
      key: 'v',
      width: 170,
      render: (_, b) => (b.vote ? l(`từ ${fraction(b.vote)} tổng số thành viên: ${num(b.needed)}/${num(members)} phiếu`, `${fraction(b.vote)}: ${b.needed}/${members}`) : '—'),
    },
    {
      title: m.abilities.tally ? l('Kiểm phiếu: thu về · đồng ý · không đồng ý', 'Tally: cast · for · against') : l('Kiểm phiếu', 'Tally'),
      key: 't',
      width: 330,
      render: (_, b) => {
        if (m.abilities.tally && b.nominationStatus === 'accepted') {
          const d = draftOf(b);
          const n = (v: number | null) => (v === null ? null : v);
          return (
            <Flex gap={6} align="center" wrap="wrap" data-testid={`tally-${b.nominationId}`}>
              <InputNumber size="small" min={0} max={members} value={n(d.ballotsCast)} onChange={(v) => setDraft(b, { ballotsCast: v ?? null })} aria-label={l(`Số phiếu thu về của ${b.subject.name}`, 'Ballots cast')} placeholder={l('thu về', 'cast')} style={{ width: 80 }} />
              <InputNumber size="small" min={0} max={members} value={n(d.votesFor)} onChange={(v) => setDraft(b, { votesFor: v ?? null })} aria-label={l(`Số phiếu đồng ý của ${b.subject.name}`, 'Votes for')} placeholder={l('đồng ý', 'for')} style={{ width: 80 }} />
              <InputNumber size="small" min={0} max={members} value={n(d.votesAgainst)} onChange={(v) => setDraft(b, { votesAgainst: v ?? null })} aria-label={l(`Số phiếu không đồng ý của ${b.subject.name}`, 'Votes against')} placeholder={l('không', 'against')} style={{ width: 80 }} />
              <Button
                size="small"
                loading={busy === `t${b.nominationId}`}
                disabled={d.ballotsCast === null || d.votesFor === null || d.votesAgainst === null}
                onClick={() =>
                  void call(`t${b.nominationId}`, () => awApi.tally(m.id, b.nominationId, { ballotsCast: d.ballotsCast ?? 0, votesFor: d.votesFor ?? 0, votesAgainst: d.votesAgainst ?? 0 }),
                    l('Đã ghi kết quả kiểm phiếu.', 'Tally saved.')).then((ok) => {
                    if (ok) setDrafts((x) => Object.fromEntries(Object.entries(x).filter(([k]) => Number(k) !== b.nominationId)));
                  })}
              >
                {l('Ghi', 'Save')}
              </Button>
            </Flex>
          );
        }
        if (!b.countsVisible) return <span className="nhip-muted">{l(`${num(b.casts)} thành viên đã bỏ phiếu`, `${b.casts} voted`)}</span>;
        if (!b.recorded && b.mode === 'paper') return <span className="nhip-muted">{l('Chưa kiểm phiếu', 'Not counted')}</span>;
        return l(`thu về ${num(b.ballotsCast)}, đồng ý ${num(b.votesFor)}, không đồng ý ${num(b.votesAgainst)}`, `cast ${b.ballotsCast}, for ${b.votesFor}, against ${b.votesAgainst}`);
      },
    },
    {
      title: l('Kết quả', 'Result'),
      key: 'r',
      width: 230,
      render: (_, b) => (
        <Flex vertical gap={4} align="flex-start" data-testid={`result-${b.nominationId}`}>
          {b.countsVisible && (b.recorded || b.mode === 'electronic') ? (
            <span>
              {l(`${num(b.votesFor)}/${num(members)} phiếu đồng ý (${formatPercent(members ? (b.votesFor / members) * 100 : 0)})`, `${b.votesFor}/${members} for`)}
              {b.passed === true ? <span className="aw-pass">{l(' — Đạt', ' — Passed')}</span> : b.passed === false ? <span className="aw-fail">{l(' — Không đạt', ' — Failed')}</span> : null}
            </span>
          ) : null}
          <NominationStatusTag status={b.nominationStatus} />
          {m.abilities.vote && b.nominationStatus === 'accepted' ? (
            b.castByMe ? (
              <span className="nhip-muted">{l('Bạn đã bỏ phiếu', 'You voted')}</span>
            ) : (
              <Space size={4} wrap>
                {(['for', 'against', 'blank'] as const).map((c) => (
                  <Button key={c} size="small" loading={busy === `v${b.nominationId}${c}`} onClick={() => void call(`v${b.nominationId}${c}`, () => awApi.vote(m.id, b.nominationId, c), l('Đã bỏ phiếu.', 'Voted.'))}>
                    {c === 'for' ? l('Đồng ý', 'For') : c === 'against' ? l('Không đồng ý', 'Against') : l('Phiếu trắng', 'Blank')}
                  </Button>
                ))}
              </Space>
            )
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <>
      {!m.ballots.length ? <Alert type="info" showIcon title={l('Cuộc họp chưa có đề nghị nào để xét.', 'No nomination to consider.')} /> : null}
      <div style={{ overflowX: 'auto' }}>
        <Table<Ballot> rowKey="nominationId" size="middle" columns={columns} dataSource={m.ballots} pagination={false} data-testid="ballots" />
      </div>
    </>
  );
}
