import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { findSoffice } from '../documents/kit/pdf.js';
import { type ConfUserKey, type ConfWorld, seedConferenceWorld, signInAll } from './conferences.fixtures.js';
import { bundlePdf, collectBundle } from './bundle.service.js';
import { conferencesRepo } from './conferences.repository.js';
import { sampleDocx, samplePdf, samplePptx } from './sample-files.js';

let s: TestServer;
let w: ConfWorld;
let as: Record<ConfUserKey, { cookie: string }>;
let id: number;
const hasOffice = Boolean(await findSoffice());

beforeAll(async () => {
  s = await testServer({
    now: '2023-12-20T02:00:00Z',
    seed: async (db) => void (w = await seedConferenceWorld(db)),
    config: { rateLimits: { conference: { max: 6, windowSeconds: 600 } } },
  });
  as = await signInAll(s.app);
  id = (await call('office', 'POST', '/api/conferences', { period: '2023' })).json().id;
  const ask = async (unitId: number, topic: string) =>
    (await call('office', 'POST', `/api/conferences/${id}/presentations`, { unitId, topic, dueAt: '2023-12-29' })).json().id as number;
  const p1 = await ask(w.units.d1, 'Chuyển đổi số cấp huyện');
  const p2 = await ask(w.units.d2, 'Thông tin cơ sở');
  const p3 = await ask(w.units.enterprise, 'Hạ tầng viễn thông');
  await ask(w.units.media, 'Truyền thanh cơ sở');
  await call('office', 'POST', `/api/conferences/${id}/invite`, {});
  await upload('rep1', p1, 'tham-luan.docx', await sampleDocx('Tham luận Chuyển đổi số', ['Kết quả năm 2023.']));
  await upload('rep2', p2, 'tham-luan.pdf', await samplePdf('Tham luan thong tin co so'));
  await upload('repE', p3, 'slides.pptx', await samplePptx());
}, 60_000);
afterAll(() => s.close());

const call = (who: ConfUserKey, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  s.app.inject({ method, url, headers: { cookie: as[who].cookie }, payload: payload as never });

async function upload(who: ConfUserKey, pid: number, filename: string, content: Buffer) {
  const boundary = `----nhip${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const r = await s.app.inject({
    method: 'PUT', url: `/api/conferences/${id}/presentations/${pid}/file`,
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { cookie: as[who].cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  if (r.statusCode !== 200) throw new Error(`upload ${r.statusCode} ${r.body}`);
}

describe('Tài liệu hội nghị', () => {
  it('zips the agenda, the draft report and the presentations in conference order, with a table of contents naming what is missing', async () => {
    const r = await call('office', 'GET', `/api/conferences/${id}/bundle.zip`);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toBe('application/zip');
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="Tai lieu hoi nghi - 2023.zip"|^attachment; filename="Tai_lieu_hoi_nghi_-_2023.zip"/);
    const zip = await JSZip.loadAsync(r.rawPayload);
    const names = Object.keys(zip.files).sort();
    expect(names[0]).toBe('00-MUC-LUC.txt');
    expect(names[1]).toBe('01-Chuong-trinh-hoi-nghi.docx');
    expect(names.filter((n) => n.includes('Tham-luan'))).toEqual(['03-Tham-luan-1-VL-H01-VHTT.docx', '04-Tham-luan-2-VL-H02-VHTT.pdf', '05-Tham-luan-3-VL-DN-VTL.pptx']);
    const toc = await zip.file('00-MUC-LUC.txt')!.async('string');
    expect(toc).toContain('Tham luận 4: Truyền thanh cơ sở (Trung tâm Văn hóa, Thể thao và Truyền thông thành phố Vân Lĩnh): đơn vị chưa nộp');
    const agenda = await zip.file('01-Chuong-trinh-hoi-nghi.docx')!.async('nodebuffer');
    expect(agenda.subarray(0, 2).toString()).toBe('PK');
    const pdf = await zip.file('04-Tham-luan-2-VL-H02-VHTT.pdf')!.async('nodebuffer');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it.skipIf(!hasOffice)('merges everything into one PDF; the .pptx that does not convert gets a page saying so', async () => {
    const r = await call('office', 'GET', `/api/conferences/${id}/bundle.pdf`);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const doc = await PDFDocument.load(r.rawPayload);
    // cover, agenda, the draft report (several pages), the docx, the PDF, the note for the .pptx
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(6);
    expect(doc.getTitle()).toBe('Tài liệu hội nghị – Hội nghị tổng kết công tác năm 2023 và triển khai nhiệm vụ năm 2024');
    // Which parts converted and which got the note page, through the service the route uses.
    const b = await collectBundle(s.db, (await conferencesRepo.byId(s.db, id))!, '2023-12-20');
    const { report } = await bundlePdf(b, 'x');
    expect(report.converted).toEqual(['01-Chuong-trinh-hoi-nghi.docx', '02-Du-thao-bao-cao-2023.docx', '03-Tham-luan-1-VL-H01-VHTT.docx', '04-Tham-luan-2-VL-H02-VHTT.pdf']);
    expect(report.failed).toEqual(['05-Tham-luan-3-VL-DN-VTL.pptx']);
    expect(report.pages).toBe(doc.getPageCount());
  }, 120_000);

  it('is the department\'s: units and viewers are refused, other units\' ids are 404', async () => {
    expect((await call('rep1', 'GET', `/api/conferences/${id}/bundle.zip`)).statusCode).toBe(403);
    expect((await call('repC', 'GET', `/api/conferences/${id}/bundle.zip`)).statusCode).toBe(404);
    expect((await call('director', 'GET', `/api/conferences/${id}/bundle.zip`)).statusCode).toBe(200);
  });

  it('is rate-limited per account (429 with Retry-After)', async () => {
    let last = 0;
    let retry: string | undefined;
    for (let i = 0; i < 8 && last !== 429; i++) {
      const r = await call('director', 'GET', `/api/conferences/${id}/bundle.zip`);
      last = r.statusCode;
      retry = r.headers['retry-after'] as string | undefined;
    }
    expect(last).toBe(429);
    expect(Number(retry)).toBeGreaterThan(0);
  });
});
