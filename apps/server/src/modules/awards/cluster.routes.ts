import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditActor, requireUser } from '../../platform/http.js';
import { ClusterBody, ClusterListOut, ClusterListQuery, ClusterOut, ClusterPatchBody, ProposeBody, ProposeOut, ScoresBody, UnpublishBody } from './cluster.schema.js';
import {
  clusterDetail, computeScores, createCluster, enterScores, listClusters, proposeLeader, publishCluster, unpublishCluster, updateCluster,
} from './cluster.service.js';
import { IdParams, VersionBody } from './council.schema.js';

const tags = ['awards'];

type Detail = Awaited<ReturnType<typeof clusterDetail>>;
const present = (d: Detail) => ({
  id: d.cluster.id, name: d.cluster.name, kind: d.cluster.kind, year: d.cluster.year, note: d.cluster.note, publishedAt: d.cluster.publishedAt, version: d.cluster.version,
  members: d.members.map((m) => ({ id: m.unitId, code: m.code, name: m.name, type: m.type })),
  criteria: d.criteria.map((c) => ({
    id: c.id, name: c.name, weight: c.weight, maxScore: c.maxScore, source: c.source,
    figure: typeof c.params.figure === 'string' ? c.params.figure : null, form: typeof c.params.form === 'string' ? c.params.form : null,
  })),
  scores: d.scores.map((s) => ({ criterionId: s.criterionId, unitId: s.unitId, score: s.score, note: s.note, computed: s.computed })),
  ranking: d.ranking,
  abilities: d.abilities,
});

export const clusterRoutes: FastifyPluginAsyncZod = async (app) => {
  const detail = async (user: Parameters<typeof clusterDetail>[1], id: number) => present(await clusterDetail(app.db, user, id));

  app.get('/api/awards/clusters', {
    schema: {
      tags, summary: 'Khối, cụm thi đua (đơn vị thành viên thấy khối của mình khi bảng xếp hạng đã công bố)', querystring: ClusterListQuery, response: { 200: ClusterListOut },
    },
  }, async (req) => {
    const user = requireUser(req);
    const rows = await listClusters(app.db, user, req.query);
    return {
      items: rows.map((r) => ({
        id: r.cluster.id, name: r.cluster.name, kind: r.cluster.kind, year: r.cluster.year, publishedAt: r.cluster.publishedAt, members: r.members.length, leader: r.leader,
      })),
    };
  });

  app.post('/api/awards/clusters', {
    schema: {
      tags, summary: 'Lập khối, cụm thi đua của một năm: đơn vị thành viên và tiêu chí chấm điểm có trọng số (Văn phòng)',
      description: 'Tiêu chí computed tính từ số liệu Nhịp: figure = timeliness (tỷ lệ báo cáo nộp đúng hạn trong năm) hoặc completeness (tỷ lệ đã nộp); điểm = tỷ lệ × điểm tối đa.',
      body: ClusterBody, response: { 201: ClusterOut },
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const id = await createCluster(app.db, user, auditActor(req), req.body);
    return reply.status(201).send(await detail(user, id));
  });

  app.get('/api/awards/clusters/:id', {
    schema: { tags, summary: 'Một khối, cụm thi đua: tiêu chí, điểm từng đơn vị, bảng xếp hạng (tổng = Σ điểm ÷ điểm tối đa × trọng số)', params: IdParams, response: { 200: ClusterOut } },
  }, async (req) => detail(requireUser(req), req.params.id));

  app.patch('/api/awards/clusters/:id', {
    schema: { tags, summary: 'Sửa tên, thành viên, tiêu chí (trước khi công bố)', params: IdParams, body: ClusterPatchBody, response: { 200: ClusterOut } },
  }, async (req) => {
    const user = requireUser(req);
    await updateCluster(app.db, user, auditActor(req), req.params.id, req.body);
    return detail(user, req.params.id);
  });

  app.put('/api/awards/clusters/:id/scores', {
    schema: { tags, summary: 'Nhập điểm các tiêu chí chấm tay (điểm từ 0 đến điểm tối đa của tiêu chí)', params: IdParams, body: ScoresBody, response: { 200: ClusterOut } },
  }, async (req) => {
    const user = requireUser(req);
    await enterScores(app.db, user, auditActor(req), req.params.id, req.body);
    return detail(user, req.params.id);
  });

  app.post('/api/awards/clusters/:id/compute', {
    schema: { tags, summary: 'Tính điểm các tiêu chí lấy từ số liệu Nhịp (tỷ lệ báo cáo đúng hạn, đã nộp trong năm)', params: IdParams, body: VersionBody, response: { 200: ClusterOut } },
  }, async (req) => {
    const user = requireUser(req);
    await computeScores(app.db, user, auditActor(req), req.params.id, req.body.version, app.clock.now());
    return detail(user, req.params.id);
  });

  app.post('/api/awards/clusters/:id/publish', {
    schema: { tags, summary: 'Công bố bảng xếp hạng cho các đơn vị thành viên (gửi thông báo)', params: IdParams, body: VersionBody, response: { 200: ClusterOut } },
  }, async (req) => {
    const user = requireUser(req);
    await publishCluster(app.db, user, auditActor(req), req.params.id, req.body.version);
    return detail(user, req.params.id);
  });

  app.post('/api/awards/clusters/:id/unpublish', {
    schema: { tags, summary: 'Thu hồi công bố để sửa (ghi lý do vào nhật ký)', params: IdParams, body: UnpublishBody, response: { 200: ClusterOut } },
  }, async (req) => {
    const user = requireUser(req);
    await unpublishCluster(app.db, user, auditActor(req), req.params.id, req.body);
    return detail(user, req.params.id);
  });

  app.post('/api/awards/clusters/:id/propose', {
    schema: {
      tags, summary: 'Đề nghị khen thưởng đơn vị dẫn đầu bảng xếp hạng đã công bố (ví dụ CO_TINH, GK_SO); điều kiện được kiểm tra như mọi đề nghị',
      params: IdParams, body: ProposeBody, response: { 201: ProposeOut },
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const items = await proposeLeader(app.db, user, auditActor(req), req.params.id, req.body.titles, app.clock.today());
    return reply.status(201).send({ items });
  });
};
