import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { XLSX_MIME, auditActor, requireAbility, requireUser, sendFile } from '../../platform/http.js';
import { completenessWorkbook } from './completeness-xlsx.js';
import {
  presentBoardEntry, presentCompleteness, presentRound, presentRoundWithCounts, presentTotals,
} from './rounds.presenter.js';
import * as S from './rounds.schema.js';
import {
  board, completenessOfYear, createRound, getRound, listRounds, loadRoundForBoard, loadVisibleRound, myRounds, roundCompleteness,
  roundDefaults, roundWithCounts, updateRound,
} from './rounds.service.js';

const TAGS = ['rounds'];

export const roundRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/rounds', {
    schema: { tags: TAGS, summary: 'Danh sách đợt báo cáo (kèm số đơn vị theo trạng thái)', querystring: S.ListQuery, response: { 200: z.array(S.RoundWithCounts) } },
  }, async (req) => {
    const u = requireUser(req);
    return (await listRounds(app.db, u, req.query, app.clock.now())).map(presentRoundWithCounts);
  });

  app.get('/api/rounds/defaults', {
    schema: { tags: TAGS, summary: 'Thời gian chốt số liệu và hạn nộp mặc định (Nghị định 09/2019/NĐ-CP)', querystring: S.DefaultsQuery, response: { 200: S.Defaults } },
  }, async (req) => {
    requireAbility(req, 'rounds.manage');
    return roundDefaults(app.db, req.query.formId, req.query.period);
  });

  app.post('/api/rounds', {
    schema: { tags: TAGS, summary: 'Mở đợt báo cáo', body: S.CreateBody, response: { 201: S.RoundWithCounts } },
  }, async (req, reply) => {
    const u = requireAbility(req, 'rounds.manage');
    const id = await createRound(app.db, auditActor(req), req.body);
    const round = (await getRound(app.db, id))!;
    return reply.status(201).send(presentRoundWithCounts(await roundWithCounts(app.db, u, round, app.clock.now())));
  });

  app.get('/api/rounds/:id', {
    schema: { tags: TAGS, summary: 'Một đợt báo cáo', params: S.RoundId, response: { 200: S.RoundWithCounts } },
  }, async (req) => {
    const u = requireUser(req);
    const round = await loadVisibleRound(app.db, u, req.params.id);
    return presentRoundWithCounts(await roundWithCounts(app.db, u, round, app.clock.now()));
  });

  app.patch('/api/rounds/:id', {
    schema: { tags: TAGS, summary: 'Sửa hạn nộp, thời gian chốt số liệu, đóng/mở đợt báo cáo', params: S.RoundId, body: S.UpdateBody, response: { 200: S.RoundWithCounts } },
  }, async (req) => {
    const u = requireAbility(req, 'rounds.manage');
    await updateRound(app.db, auditActor(req), req.params.id, req.body);
    const round = (await getRound(app.db, req.params.id))!;
    return presentRoundWithCounts(await roundWithCounts(app.db, u, round, app.clock.now()));
  });

  app.get('/api/my/rounds', {
    schema: { tags: TAGS, summary: 'Các đợt báo cáo đang mở của đơn vị tôi', response: { 200: z.array(S.MyRound) } },
  }, async (req) => {
    const u = requireUser(req);
    const now = app.clock.now();
    const out = [];
    for (const { round, entry } of await myRounds(app.db, u, now)) {
      const withCounts = presentRoundWithCounts(await roundWithCounts(app.db, u, round, now));
      const submission = entry.submissionId === null ? null : { id: entry.submissionId, status: entry.status, submittedAt: entry.submittedAt, late: entry.late };
      out.push({ ...withCounts, submission, late: entry.late });
    }
    return out;
  });

  app.get('/api/rounds/:id/board', {
    schema: { tags: TAGS, summary: 'Tình hình nộp báo cáo của các đơn vị trong đợt', params: S.RoundId, querystring: S.BoardQuery, response: { 200: S.Board } },
  }, async (req) => {
    const u = requireUser(req);
    const round = await loadRoundForBoard(app.db, u, req.params.id);
    const now = app.clock.now();
    const { late, ...rest } = req.query;
    const rows = await board(app.db, round, { ...rest, late: late === undefined ? undefined : late === 'true' }, now);
    return { round: presentRoundWithCounts(await roundWithCounts(app.db, u, round, now)), rows: rows.map(presentBoardEntry) };
  });

  app.get('/api/rounds/:id/completeness', {
    schema: { tags: TAGS, summary: 'Tỷ lệ nộp báo cáo, nộp đúng hạn của đợt', params: S.RoundId, response: { 200: S.CompletenessSchema } },
  }, async (req) => {
    const u = requireUser(req);
    const round = await loadRoundForBoard(app.db, u, req.params.id);
    return presentCompleteness(round, await roundCompleteness(app.db, round, app.clock.now()));
  });

  app.get('/api/rounds/:id/completeness.xlsx', {
    schema: { tags: TAGS, summary: 'Tỷ lệ nộp báo cáo của đợt (tệp Excel)', params: S.RoundId },
  }, async (req, reply) => {
    const u = requireUser(req);
    const round = await loadRoundForBoard(app.db, u, req.params.id);
    const now = app.clock.now();
    const buf = await completenessWorkbook(round, await roundCompleteness(app.db, round, now), now);
    return sendFile(reply, buf, `Tỷ lệ nộp báo cáo - ${round.form_code} - ${round.period}.xlsx`, XLSX_MIME);
  });

  app.get('/api/completeness', {
    schema: { tags: TAGS, summary: 'Tỷ lệ nộp báo cáo của mọi đợt trong năm', querystring: S.YearQuery, response: { 200: S.YearCompleteness } },
  }, async (req) => {
    const u = requireAbility(req, 'completeness.read');
    const now = app.clock.now();
    const year = req.query.year ?? Number(app.clock.today().slice(0, 4));
    const items = await completenessOfYear(app.db, u, year, req.query.formId, now);
    return { year, items: items.map((i) => ({ round: presentRound(i.round), total: presentTotals(i.total) })) };
  });
};
