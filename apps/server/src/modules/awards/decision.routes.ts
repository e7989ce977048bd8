import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { auditActor, requireUser, sendFile } from '../../platform/http.js';
import { takeRateLimit } from '../../platform/rate-limits.js';
import { positionWithUnit } from '../conferences/documents.data.js';
import { renderDocx } from '../documents/kit/docx.js';
import { renderHtml } from '../documents/kit/html.js';
import { docxToPdf } from '../documents/kit/pdf.js';
import { DOCX_MIME } from '../reports/reports.routes.js';
import { loadCatalog } from './catalog.service.js';
import { CERTIFICATE_CODES, certificatesDocx, certificatesPdf } from './certificate.service.js';
import { DocQuery, IdParams, VersionBody } from './council.schema.js';
import {
  CertificateQuery, ConferenceAwardsOut, ConferenceParams, DecisionBody, DecisionListOut, DecisionListQuery, DecisionOut, DecisionPatchBody, IssueBody,
} from './decision.schema.js';
import {
  awardsForConference, cancelDecision, createDecision, decisionDocumentOf, type DecisionView, decisionView, issueDecision, listDecisions, updateDecision,
} from './decision.service.js';
import { basisLine } from './rules/basis.js';
import { versionOn } from './rules/engine.js';
import type { Catalog } from './rules/types.js';

const tags = ['awards'];

function presentDecision(v: DecisionView, catalog: Catalog): z.infer<typeof DecisionOut> {
  const d = v.decision;
  const date = d.decisionDate ?? `${d.awardYear ?? d.year}-12-31`;
  return {
    id: d.id, issuer: d.issuer, status: d.status, year: d.year, awardYear: d.awardYear, number: d.number, date: d.decisionDate, subject: d.subject, authority: d.authority,
    proposer: d.proposer, reason: d.reason, signerTitle: d.signerTitle, meetingId: d.meetingId, conference: v.conference,
    bases: v.bases.map((b) => ({ id: b.id, code: b.code, number: b.number, shortName: b.shortName, validFrom: b.validFrom, validTo: b.validTo, line: basisLine(b) })),
    basesExplicit: d.basesExplicit, baseSalary: v.baseSalary,
    lines: v.lines.map((l) => {
      const t = catalog.types.find((x) => x.code === l.awardCode);
      return {
        id: l.id, nominationId: l.nominationId, kind: l.personId !== null ? 'person' as const : 'unit' as const, personId: l.personId, unitId: l.unitId,
        name: l.subject?.name ?? '', gender: l.subject?.gender ?? null,
        detail: l.personId !== null ? positionWithUnit(l.subject?.position ?? '', l.subject?.unit?.name ?? null) : (l.subject?.unit?.parentName ?? ''),
        awardCode: l.awardCode, awardName: (t ? versionOn(t, date)?.name : null) ?? t?.name ?? l.awardCode, year: l.year, multiple: l.multiple, amount: l.amount,
        recordId: l.recordId, certificate: CERTIFICATE_CODES.has(l.awardCode),
      };
    }),
    totals: v.totals, problems: v.problems, issuedAt: d.issuedAt, version: d.version, abilities: v.abilities,
  };
}

export const decisionRoutes: FastifyPluginAsyncZod = async (app) => {
  const today = () => app.clock.today();
  const detail = async (user: Parameters<typeof decisionView>[1], id: number) => presentDecision(await decisionView(app.db, user, id, today()), await loadCatalog(app.db));

  app.get('/api/awards/decisions', {
    schema: {
      tags, summary: 'Quyết định khen thưởng (đã ban hành: mọi người; dự thảo: Văn phòng, Ban Giám đốc)',
      description: 'conference=ID: các quyết định trao tại hội nghị đó (mục "khen thưởng" của chương trình).',
      querystring: DecisionListQuery, response: { 200: DecisionListOut },
    },
  }, async (req) => {
    const user = requireUser(req);
    const rows = await listDecisions(app.db, user, req.query);
    return {
      items: rows.map((d) => ({
        id: d.id, issuer: d.issuer, status: d.status, number: d.number, date: d.decisionDate, subject: d.subject, authority: d.authority, awardYear: d.awardYear,
        conferenceId: d.conferenceId, codes: d.codes, people: d.people, units: d.units, amount: d.amount, abilities: d.abilities,
      })),
    };
  });

  app.post('/api/awards/decisions', {
    schema: {
      tags, summary: 'Soạn dự thảo quyết định khen thưởng từ các đề nghị đã được thông qua, hoặc ghi nhận quyết định của cấp trên (Văn phòng)',
      description:
        'Quyết định của Giám đốc Sở chỉ gồm danh hiệu, hình thức thuộc thẩm quyền Giám đốc Sở vào ngày quyết định (từ 01/07/2025 khen thưởng cấp xã do Chủ tịch UBND cấp xã). '
        + 'Căn cứ không còn hiệu lực vào ngày quyết định bị từ chối (400).',
      body: DecisionBody, response: { 201: DecisionOut },
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const id = await createDecision(app.db, user, auditActor(req), req.body, today());
    return reply.status(201).send(await detail(user, id));
  });

  app.get('/api/awards/decisions/:id', {
    schema: { tags, summary: 'Một quyết định khen thưởng: căn cứ, danh sách, tiền thưởng (hệ số × lương cơ sở, làm tròn lên 10.000 đ)', params: IdParams, response: { 200: DecisionOut } },
  }, async (req) => detail(requireUser(req), req.params.id));

  app.patch('/api/awards/decisions/:id', {
    schema: { tags, summary: 'Sửa dự thảo quyết định (danh sách, ngày, trích yếu, căn cứ, hội nghị trao)', params: IdParams, body: DecisionPatchBody, response: { 200: DecisionOut } },
  }, async (req) => {
    const user = requireUser(req);
    await updateDecision(app.db, user, auditActor(req), req.params.id, req.body, today());
    return detail(user, req.params.id);
  });

  app.post('/api/awards/decisions/:id/issue', {
    schema: {
      tags, summary: 'Ký ban hành (Giám đốc Sở) hoặc ghi nhận (quyết định cấp trên): vào số, tính tiền thưởng, ghi sổ khen thưởng, đánh dấu sáng kiến đã dùng',
      params: IdParams, body: IssueBody, response: { 200: DecisionOut },
    },
  }, async (req) => {
    const user = requireUser(req);
    await issueDecision(app.db, user, auditActor(req), req.params.id, req.body, today());
    return detail(user, req.params.id);
  });

  app.post('/api/awards/decisions/:id/cancel', {
    schema: { tags, summary: 'Hủy dự thảo quyết định (các đề nghị trở lại chờ quyết định)', params: IdParams, body: VersionBody, response: { 200: DecisionOut } },
  }, async (req) => {
    const user = requireUser(req);
    await cancelDecision(app.db, user, auditActor(req), req.params.id, req.body.version);
    return detail(user, req.params.id);
  });

  app.get('/api/awards/decisions/:id/document', {
    schema: {
      tags, summary: 'Văn bản Quyết định khen thưởng (Nghị định 30/2020) với danh sách kèm theo: bản đã ban hành, hoặc dự thảo — HTML, .docx, .pdf',
      params: IdParams, querystring: DocQuery,
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const doc = await decisionDocumentOf(app.db, user, req.params.id, today());
    if (req.query.format === 'html') return reply.type('text/html; charset=utf-8').send(renderHtml(doc.model));
    await takeRateLimit(app, req, reply, 'report');
    const docx = doc.docx ?? (await renderDocx(doc.model));
    if (req.query.format === 'docx') return sendFile(reply, docx, doc.fileName('docx'), DOCX_MIME);
    return sendFile(reply, await docxToPdf(docx), doc.fileName('pdf'), 'application/pdf');
  });

  app.get('/api/awards/decisions/:id/certificates', {
    schema: {
      tags, summary: 'In Giấy khen của Giám đốc Sở theo quyết định đã ban hành: khổ A4 ngang, mỗi người, tập thể một trang, cả đợt trong một tệp PDF (hoặc .docx)',
      params: IdParams, querystring: CertificateQuery,
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    await takeRateLimit(app, req, reply, 'report');
    const f = req.query.format === 'docx' ? await certificatesDocx(app.db, user, req.params.id, today()) : await certificatesPdf(app.db, user, req.params.id, today());
    return sendFile(reply, f.buffer, f.fileName, req.query.format === 'docx' ? DOCX_MIME : 'application/pdf');
  });

  app.get('/api/awards/conferences/:id', {
    schema: {
      tags, summary: 'Khen thưởng trao tại một hội nghị (mục "khen thưởng" của chương trình): các quyết định đã ban hành theo danh hiệu, hình thức, với số lượng',
      params: ConferenceParams, response: { 200: ConferenceAwardsOut },
    },
  }, async (req) => {
    requireUser(req);
    return awardsForConference(app.db, req.params.id);
  });
};
