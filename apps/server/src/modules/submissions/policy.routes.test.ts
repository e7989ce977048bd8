/**
 * Table-driven policy test: every role × every action × own/other unit × every submission state, through HTTP.
 * Each answer must match both `can()` from contracts and the table below, written by hand, so a wrong policy
 * (or a route that ignores it) is caught.
 */
import { type Actor, type Role, SUBMISSION_STATUSES, type SubmissionAction, type SubmissionStatus, can } from '@nhip/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD, type TestServer, loginAs, testServer } from '../../test/server.js';
import { type UserKey, type World, makeRound, seedWorld, signInAll } from './test-fixtures.js';

type ActorKey = 'admin' | UserKey;
type Row = Record<SubmissionAction, [number, number, number, number, number]>; // statuses: N D S A R

const ALL = (n: number): [number, number, number, number, number] => [n, n, n, n, n];
const OK = ALL(200);
const NF = ALL(404);
const FB = ALL(403);
const ONLY_SUBMITTED: [number, number, number, number, number] = [409, 409, 200, 409, 409];
const ONLY_APPROVED: [number, number, number, number, number] = [409, 409, 409, 200, 409];
const EDITABLE: [number, number, number, number, number] = [200, 200, 409, 409, 200];
const APPROVED_VISIBLE = (n: number): [number, number, number, number, number] => [404, 404, 404, n, 404];

/** The expected HTTP status, by hand. Target: unit u1's report in a round of a form reviewed by the telecom division. */
const EXPECTED: Record<ActorKey, Row> = {
  admin: { view: OK, edit: FB, submit: FB, recall: FB, approve: ONLY_SUBMITTED, return: ONLY_SUBMITTED, unlock: ONLY_APPROVED, history: OK },
  office: { view: OK, edit: FB, submit: FB, recall: FB, approve: ONLY_SUBMITTED, return: ONLY_SUBMITTED, unlock: ONLY_APPROVED, history: OK },
  revTelecom: { view: OK, edit: FB, submit: FB, recall: FB, approve: ONLY_SUBMITTED, return: ONLY_SUBMITTED, unlock: FB, history: OK },
  revIt: { view: NF, edit: NF, submit: NF, recall: NF, approve: NF, return: NF, unlock: NF, history: NF },
  director: { view: OK, edit: FB, submit: FB, recall: FB, approve: FB, return: FB, unlock: FB, history: OK },
  rep1: { view: OK, edit: EDITABLE, submit: EDITABLE, recall: FB, approve: FB, return: FB, unlock: FB, history: OK },
  rep2: { view: NF, edit: NF, submit: NF, recall: NF, approve: NF, return: NF, unlock: NF, history: NF },
  head1: { view: OK, edit: EDITABLE, submit: EDITABLE, recall: ONLY_SUBMITTED, approve: FB, return: FB, unlock: FB, history: OK },
  head2: { view: NF, edit: NF, submit: NF, recall: NF, approve: NF, return: NF, unlock: NF, history: NF },
  viewer: {
    view: APPROVED_VISIBLE(200), edit: APPROVED_VISIBLE(403), submit: APPROVED_VISIBLE(403), recall: APPROVED_VISIBLE(403),
    approve: APPROVED_VISIBLE(403), return: APPROVED_VISIBLE(403), unlock: APPROVED_VISIBLE(403), history: APPROVED_VISIBLE(403),
  },
};

/** With the round closed, units can no longer edit or submit; everything else stays as above. */
const CLOSED: Partial<Record<ActorKey, Partial<Row>>> = {
  rep1: { edit: ALL(409), submit: ALL(409) },
  head1: { edit: ALL(409), submit: ALL(409) },
};

const ACTIONS: SubmissionAction[] = ['view', 'edit', 'submit', 'recall', 'approve', 'return', 'unlock', 'history'];
const ACTORS = Object.keys(EXPECTED) as ActorKey[];

let s: TestServer;
let w: World;
let cookies: Record<ActorKey, { cookie: string }>;
let actors: Record<ActorKey, Actor>;
let round: number;

beforeAll(async () => {
  s = await testServer({ now: '2026-11-22T02:00:00Z' });
  w = await seedWorld(s.db);
  cookies = { ...(await signInAll(s.app)), admin: await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD) };
  const rows = await s.db.query<{ id: number; username: string; role: Role; org_unit_id: number | null }>('SELECT id, username, role, org_unit_id FROM users');
  actors = Object.fromEntries(
    ACTORS.map((k) => {
      const u = rows.find((r) => r.username === k.toLowerCase())!;
      return [k, { id: u.id, role: u.role, orgUnitId: u.org_unit_id }];
    }),
  ) as Record<ActorKey, Actor>;
  round = await makeRound(s.db, w.forms.quarterly, '2026Q4', '2026-10-01', '2026-12-31', '2026-12-15');
});
afterAll(() => s.close());

/** Puts u1's report in the given state (no row for not_started). */
async function setState(status: SubmissionStatus) {
  await s.db.query('DELETE FROM submissions WHERE round_id = $1 AND org_unit_id = $2', [round, w.units.u1]);
  if (status !== 'not_started')
    await s.db.query(
      `INSERT INTO submissions (round_id, org_unit_id, status, submitted_at) VALUES ($1, $2, $3, CASE WHEN $3 IN ('submitted','approved') THEN now() END)`,
      [round, w.units.u1, status],
    );
}

function request(who: ActorKey, action: SubmissionAction) {
  const base = `/api/rounds/${round}/units/${w.units.u1}`;
  const headers = cookies[who];
  switch (action) {
    case 'view':
      return s.app.inject({ method: 'GET', url: `${base}/entry`, headers });
    case 'history':
      return s.app.inject({ method: 'GET', url: `${base}/history`, headers });
    case 'edit':
      return s.app.inject({ method: 'PUT', url: `${base}/entry`, headers, payload: { values: [{ code: 'BTS', value: '5' }] } });
    case 'unlock':
      return s.app.inject({ method: 'POST', url: `${base}/unlock`, headers, payload: { reason: 'Cần sửa số liệu' } });
    default:
      return s.app.inject({ method: 'POST', url: `${base}/${action}`, headers, payload: { comment: 'Ý kiến thẩm định' } });
  }
}

describe.each([
  ['open', true],
  ['closed', false],
] as const)('policy through HTTP, round %s', (_label, roundOpen) => {
  beforeAll(async () => {
    await s.db.query('UPDATE reporting_rounds SET status = $2 WHERE id = $1', [round, roundOpen ? 'open' : 'closed']);
  });

  for (const who of ACTORS) {
    for (const action of ACTIONS) {
      it(`${who} × ${action}`, async () => {
        for (const [i, status] of SUBMISSION_STATUSES.entries()) {
          await setState(status);
          const expected = (!roundOpen && CLOSED[who]?.[action]) || EXPECTED[who][action];
          const subject = { orgUnitId: w.units.u1, status, formDivisionId: w.units.divTelecom, roundOpen };
          const res = await request(who, action);
          const where = `${who} ${action} on ${status} (round ${roundOpen ? 'open' : 'closed'}): ${res.body.slice(0, 200)}`;
          expect(res.statusCode, where).toBe(expected[i]);
          expect(res.statusCode === 200, `can() disagrees: ${where}`).toBe(can(actors[who], action, subject));
          if (res.statusCode >= 400) expect(res.json().message, where).toMatch(/[à-ỹ]/); // a Vietnamese sentence
        }
      });
    }
  }
});
