/** Delegate tickets to print: one card per delegate with the conference, time, place and the QR code read at the door. */
import { PrinterOutlined } from '@ant-design/icons';
import { UNIT_ROLES } from '@nhip/contracts';
import { Button, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/QueryState';
import { type Board, useConference, usePart } from './api';
import { dt } from './shared';
import './conferences.css';

export default function TicketsPage() {
  const l = useL();
  const me = useCurrentUser();
  const id = Number(useParams().id);
  const conference = useConference(id);
  const board = usePart<Board>(id, 'board', 'invitations');
  if (conference.error) return <ErrorState error={conference.error} />;
  if (board.error) return <ErrorState error={board.error} onRetry={() => void board.refetch()} />;
  const c = conference.data;
  const unitRole = UNIT_ROLES.includes(me.role);
  const tickets = (board.data?.items ?? [])
    .filter((i) => !unitRole || i.unit.id === me.orgUnitId)
    .flatMap((i) => i.delegates.filter((d) => d.ticketPng).map((d) => ({ ...d, unit: i.unit.name })));
  return (
    <>
      <div className="conf-noprint">
        <PageHeader
          crumbs={[{ title: l('Hội nghị', 'Conferences'), to: '/conferences' }, { title: c?.periodLabel ?? '…', to: `/conferences/${id}` }]}
          title={l('Thẻ đại biểu', 'Delegate tickets')}
          subtitle={l('In và gửi cho đại biểu: mã QR trên thẻ được quét khi điểm danh tại hội nghị.', 'Print and hand out: the QR code is scanned at the door.')}
          extra={
            <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={tickets.length === 0}>
              {l('In thẻ', 'Print')}
            </Button>
          }
        />
      </div>
      {!c || board.isLoading ? (
        <Skeleton active />
      ) : tickets.length === 0 ? (
        <Card>
          <Empty description={l('Chưa có đại biểu nào được đăng ký.', 'No delegate named yet.')}>
            <Link to={`/conferences/${id}`}>{l('Về trang hội nghị', 'Back to the conference')}</Link>
          </Empty>
        </Card>
      ) : (
        <div className="conf-tickets">
          {tickets.map((t) => (
            <div key={t.id} className="conf-ticket" data-testid="ticket">
              <div className="conf-ticket-text">
                <Typography.Text type="secondary" className="conf-ticket-kicker">
                  {l('THẺ ĐẠI BIỂU', 'DELEGATE')}
                </Typography.Text>
                <div className="conf-ticket-name">{t.fullName}</div>
                <div>{t.position}</div>
                <div className="nhip-muted">{t.unit}</div>
                <div className="conf-ticket-event">{c.title}</div>
                <div className="nhip-muted">
                  {dt(c.startsAt)}
                  {c.place ? ` · ${c.place}` : ''}
                </div>
              </div>
              <Flex vertical align="center">
                <img src={t.ticketPng as string} alt={l(`Mã QR điểm danh của ${t.fullName}`, `Check-in QR code of ${t.fullName}`)} width={132} height={132} />
              </Flex>
            </div>
          ))}
        </div>
      )}
    </>
  );
}
