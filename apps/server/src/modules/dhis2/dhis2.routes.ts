/**
 * The DHIS2 dialect of the API: metadata lists, the metadata file, and data value sets in JSON or
 * CSV. Each route: authenticate → validate → authorize → use case → present.
 */
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { requireAbility, requireUser, sendFile } from '../../platform/http.js';
import { rateLimited, takeRateLimit } from '../../platform/rate-limits.js';
import { streamDataValues } from './datavalues.export.js';
import { importDataValues } from './datavalues.service.js';
import { dhisList } from './dhis2.lists.js';
import type { DhisActor } from './dhis2.policy.js';
import { DryRunQuery, ExportQuery, ImportQuery, ImportSummary, ListAnswer, ListQuery, MetadataReport } from './dhis2.schema.js';
import type { Config } from './metadata.model.js';
import { MetadataFileText } from './metadata.schema.js';
import { listElement, listForm, listIndicator, listUnit } from './metadata.presenter.js';
import { exportMetadata, importMetadata, visibleConfig } from './metadata.service.js';
import { MAX_IMPORT_BYTES, spoolBody } from './text-input.js';

const TAGS = ['dhis2'];

const actorOf = (req: FastifyRequest): DhisActor => {
  const u = requireUser(req);
  return { id: u.id, role: u.role, orgUnitId: u.orgUnitId, username: u.username, ip: req.ip };
};

/** Paths DHIS2 clients use: `/api/x` and `/api/x.json`. */
const paths = (p: string) => [p, `${p}.json`];

export const dhis2Routes: FastifyPluginAsyncZod = async (app) => {
  // ── metadata lists ──
  const lists = [
    {
      path: '/api/organisationUnits',
      name: 'organisationUnits',
      summary: 'Danh sách đơn vị (kiểu DHIS2)',
      items: (c: Config) => c.units.map(listUnit),
    },
    {
      path: '/api/dataElements',
      name: 'dataElements',
      summary: 'Danh sách chỉ tiêu nhập liệu (kiểu DHIS2)',
      items: (c: Config) => c.elements.map(listElement),
    },
    {
      path: '/api/indicators',
      name: 'indicators',
      summary: 'Danh sách chỉ số tính toán (kiểu DHIS2)',
      items: (c: Config) => c.indicators.map(listIndicator),
    },
    {
      path: '/api/dataSets',
      name: 'dataSets',
      summary: 'Danh sách biểu mẫu báo cáo (kiểu DHIS2)',
      items: (c: Config) => c.forms.map((f) => listForm(f, f.units)),
    },
  ];
  for (const l of lists) {
    for (const url of paths(l.path)) {
      // The catalog module may own the plain path (e.g. GET /api/indicators); the .json form is always ours.
      if (app.hasRoute({ method: 'GET', url })) continue;
      app.get(url, { schema: { tags: TAGS, summary: l.summary, querystring: ListQuery, response: { 200: ListAnswer } } }, async (req) => {
        const actor = actorOf(req);
        const items = l.items(await visibleConfig(app.db, actor)) as Record<string, unknown>[];
        return dhisList(l.name, items, req.query);
      });
    }
  }

  // ── metadata file ──
  app.get(
    '/api/metadata',
    {
      schema: {
        tags: TAGS,
        summary: 'Xuất toàn bộ cấu hình (mã làm định danh), nhập lại được',
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (req, reply) => {
      requireAbility(req, 'metadata.import');
      await takeRateLimit(app, req, reply, 'export');
      return exportMetadata(app.db, app.clock.now());
    },
  );

  app.post(
    '/api/metadata',
    {
      onRequest: rateLimited(app, 'import'),
      // The file is validated object by object in the service; the text boundary reads its multi-line fields here.
      config: { textBody: MetadataFileText },
      schema: {
        tags: TAGS,
        summary: 'Nhập cấu hình từ tệp (tạo hoặc cập nhật theo mã, tất cả hoặc không)',
        querystring: DryRunQuery,
        description:
          'Thân yêu cầu: {"organisationUnits":[…],"dataElements":[…],"indicators":[…],"dataSets":[…],"validationRules":[…],"sectors":[…],"targets":[…]}. Xem docs/dhis2.md.',
        response: { 200: MetadataReport, 409: MetadataReport },
      },
    },
    async (req, reply) => {
      requireAbility(req, 'metadata.import');
      const report = await importMetadata(app.db, actorOf(req), req.body, { dryRun: req.query.dryRun }, app.clock.now());
      if (report.status === 'ERROR')
        return reply
          .status(409)
          .send({ ...report, error: 'metadata_invalid', message: `Tệp cấu hình có ${report.errors.length} lỗi; chưa nhập gì.` });
      return report;
    },
  );

  // ── data value sets ──
  for (const url of ['/api/dataValueSets', '/api/dataValueSets.json', '/api/dataValueSets.csv']) {
    app.get(
      url,
      {
        schema: { tags: TAGS, summary: 'Xuất số liệu theo biểu mẫu, kỳ, đơn vị (JSON hoặc CSV)', querystring: ExportQuery },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        await takeRateLimit(app, req, reply, 'export');
        const q = req.query;
        const format = url.endsWith('.csv') ? 'csv' : (q.format ?? 'json');
        const out = await streamDataValues(app.db, actor, {
          dataSet: q.dataSet,
          period: q.period,
          orgUnit: q.orgUnit,
          children: q.children,
          format,
        });
        if (format === 'csv') return sendFile(reply, out.body as never, out.filename, out.contentType);
        return reply.header('Content-Type', out.contentType).send(out.body);
      },
    );
  }

  // The import reads the raw body as a stream (up to 512 MB), so it lives in its own context with a
  // pass-through body parser instead of the app's JSON parser and 64 MB limit.
  await app.register(async (instance) => {
    const raw = instance.withTypeProvider<ZodTypeProvider>();
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    for (const url of ['/api/dataValueSets', '/api/dataValueSets.json', '/api/dataValueSets.csv']) {
      raw.post(
        url,
        {
          bodyLimit: MAX_IMPORT_BYTES,
          // Counted before the body is read: an upload over the limit is refused at once.
          onRequest: rateLimited(app, 'import'),
          schema: {
            tags: TAGS,
            summary: 'Nhập số liệu (JSON hoặc CSV; dryRun, atomic, approve)',
            querystring: ImportQuery,
            description:
              'JSON {"dataValues":[{"dataElement","period","orgUnit","value","comment"}]} hoặc CSV có dòng tiêu đề dataElement,period,orgUnit,value,comment. Xem docs/dhis2.md.',
            response: { 200: ImportSummary, 409: ImportSummary },
          },
        },
        async (req, reply) => {
          const actor = actorOf(req);
          const q = req.query;
          if (q.approve) requireAbility(req, 'data.importApproved');
          const format = url.endsWith('.csv')
            ? 'csv'
            : url.endsWith('.json')
              ? 'json'
              : (q.format ?? formatOf(req.headers['content-type']));
          const length = Number(req.headers['content-length'] ?? Number.NaN);
          if (length > MAX_IMPORT_BYTES)
            throw new AppError(413, 'too_large', `Dữ liệu gửi lên quá lớn (tối đa ${MAX_IMPORT_BYTES / 1024 / 1024} MB mỗi lần nhập).`);
          // The whole body is read first (memory or a temporary file): a slow upload must not hold the
          // import's transaction — on the embedded database, every other request — open.
          const spooled = req.body ? await spoolBody(req.body as Readable) : { body: '', cleanup: async () => {} };
          try {
            const summary = await importDataValues(
              app.db,
              actor,
              { format, body: spooled.body, dryRun: q.dryRun, approve: q.approve, atomic: q.atomic },
              app.clock.now(),
            );
            if (summary.status === 'ERROR')
              return reply.status(409).send({ ...summary, error: 'import_conflict', message: summary.description });
            return summary;
          } finally {
            await spooled.cleanup();
          }
        },
      );
    }
  });
};

function formatOf(contentType: string | undefined): 'json' | 'csv' {
  const t = (contentType ?? 'application/json').split(';')[0].trim().toLowerCase();
  if (t === 'application/json' || t.endsWith('+json')) return 'json';
  if (t === 'text/csv' || t === 'application/csv' || t === 'application/vnd.ms-excel') return 'csv';
  throw new AppError(
    415,
    'unsupported_media_type',
    'Nhịp nhận số liệu dạng JSON (application/json) hoặc CSV (text/csv); ADX/XML chưa được hỗ trợ.',
  );
}
