import { createHash } from 'node:crypto';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { type UserKey, type World, count, makeRound, seedWorld, signInAll } from './test-fixtures.js';

let s: TestServer;
let w: World;
let as: Record<UserKey, { cookie: string }>;
let q4: number;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]), Buffer.alloc(64), Buffer.from([0xff, 0xd9])]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), Buffer.alloc(200)]);

function multipart(filename: string, content: Buffer, field = 'file') {
  const boundary = `----nhip${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head, 'utf8'), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const upload = (who: UserKey, unit: number, filename: string, content: Buffer, field = 'file') => {
  const m = multipart(filename, content, field);
  return s.app.inject({ method: 'POST', url: `/api/rounds/${q4}/units/${unit}/attachments`, headers: { ...as[who], ...m.headers }, payload: m.payload });
};

beforeAll(async () => {
  s = await testServer({ now: '2026-11-22T02:00:00Z' });
  w = await seedWorld(s.db);
  as = await signInAll(s.app);
  q4 = await makeRound(s.db, w.forms.quarterly, '2026Q4', '2026-10-01', '2026-12-31', '2026-12-15');
});
afterAll(() => s.close());

describe('upload', () => {
  it('stores a PDF with its sha256, creating the draft, and lists it in the entry', async () => {
    const r = await upload('rep1', w.units.u1, 'Báo cáo quý IV.pdf', PDF);
    expect(r.statusCode, r.body).toBe(201);
    const a = r.json();
    expect(a).toMatchObject({ filename: 'Báo cáo quý IV.pdf', mime: 'application/pdf', size: PDF.length, sha256: createHash('sha256').update(PDF).digest('hex') });
    const entry = (await s.app.inject({ url: `/api/rounds/${q4}/units/${w.units.u1}/entry`, headers: as.rep1 })).json();
    expect(entry.submission.status).toBe('draft');
    expect(entry.attachments.map((x: { id: number }) => x.id)).toEqual([a.id]);
    const ev = await s.db.query(`SELECT after FROM audit_events WHERE action = 'attachment.upload'`);
    expect(ev).toEqual([{ after: expect.objectContaining({ attachmentId: a.id, filename: 'Báo cáo quý IV.pdf' }) }]);
  });

  it('recognises DOCX and XLSX by their ZIP entries, PNG and JPEG by their magic bytes', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Phụ lục')] }] }));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Số liệu').addRow(['BTS', 12]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const cases: [string, Buffer, string, string][] = [
      ['Phụ lục.docx', docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Phụ lục.docx'],
      ['so-lieu.xlsx', xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'so-lieu.xlsx'],
      ['anh.png', PNG, 'image/png', 'anh.png'],
      ['anh-chup.JPEG', JPEG, 'image/jpeg', 'anh-chup.JPEG'],
      ['ban-scan', PDF, 'application/pdf', 'ban-scan.pdf'],
    ];
    for (const [name, content, mime, stored] of cases) {
      const r = await upload('rep1', w.units.u1, name, content);
      expect(r.statusCode, `${name}: ${r.body}`).toBe(201);
      expect(r.json()).toMatchObject({ mime, filename: stored });
    }
  });

  it('refuses by content: a program named .pdf, a plain ZIP, text, a PNG named .docx (415), saving nothing', async () => {
    const before = await count(s.db, 'attachments');
    const zip = Buffer.from(zipSync({ 'a.txt': new TextEncoder().encode('xin chào') }));
    const cases: [string, Buffer, RegExp][] = [
      ['bao-cao.pdf', EXE, /đuôi \.pdf nhưng nội dung không phải PDF/],
      ['bao-cao.docx', zip, /đuôi \.docx nhưng nội dung không phải Word/],
      ['ghi-chu.txt', Buffer.from('chỉ là văn bản'), /Loại tệp này không được nhận/],
      ['anh.docx', PNG, /nội dung là ảnh PNG/],
    ];
    for (const [name, content, message] of cases) {
      const r = await upload('rep1', w.units.u1, name, content);
      expect(r.statusCode, name).toBe(415);
      expect(r.json().message).toMatch(message);
    }
    expect(await count(s.db, 'attachments')).toBe(before);
  });

  it('refuses an empty file (400) and a file over 20 MB (413), saving nothing', async () => {
    const before = await count(s.db, 'attachments');
    const audits = await count(s.db, 'audit_events');
    const empty = await upload('rep1', w.units.u1, 'rong.pdf', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toMatch(/không có nội dung/);
    const big = Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024 + 10, 0x20)]);
    const huge = await upload('rep1', w.units.u1, 'lon.pdf', big);
    expect(huge.statusCode).toBe(413);
    expect(huge.json().message).toMatch(/quá lớn/);
    expect(await count(s.db, 'attachments')).toBe(before);
    expect(await count(s.db, 'audit_events')).toBe(audits);
  });

  it('needs multipart with the field "file"', async () => {
    const wrongField = await upload('rep1', w.units.u1, 'a.pdf', PDF, 'tep');
    expect(wrongField.statusCode).toBe(400);
    const json = await s.app.inject({ method: 'POST', url: `/api/rounds/${q4}/units/${w.units.u1}/attachments`, headers: as.rep1, payload: { file: 'x' } });
    expect(json.statusCode).toBe(400);
  });

  it("answers 404 for another unit's report, and 403 for roles that never edit", async () => {
    expect((await upload('rep2', w.units.u1, 'a.pdf', PDF)).statusCode).toBe(404);
    expect((await upload('revIt', w.units.u1, 'a.pdf', PDF)).statusCode).toBe(404);
    expect((await upload('office', w.units.u1, 'a.pdf', PDF)).statusCode).toBe(403);
  });
});

describe('download and delete', () => {
  let id: number;
  beforeAll(async () => {
    id = (await upload('rep1', w.units.u1, 'Tờ trình.pdf', PDF)).json().id;
  });

  it('downloads with the right type and a Vietnamese file name, for those who may see the report', async () => {
    for (const who of ['rep1', 'revTelecom', 'office', 'director'] as const) {
      const r = await s.app.inject({ url: `/api/attachments/${id}`, headers: as[who] });
      expect(r.statusCode, who).toBe(200);
      expect(r.headers['content-type']).toBe('application/pdf');
      expect(r.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Tờ trình.pdf')}`);
      expect(r.rawPayload.equals(PDF)).toBe(true);
    }
    for (const who of ['rep2', 'head2', 'revIt', 'viewer'] as const) {
      const r = await s.app.inject({ url: `/api/attachments/${id}`, headers: as[who] });
      expect(r.statusCode, who).toBe(404);
    }
    expect((await s.app.inject({ url: '/api/attachments/999999', headers: as.office })).statusCode).toBe(404);
  });

  it('deletes only while the report is editable, and only for its own unit', async () => {
    expect((await s.app.inject({ method: 'DELETE', url: `/api/attachments/${id}`, headers: as.rep2 })).statusCode).toBe(404);
    expect((await s.app.inject({ method: 'DELETE', url: `/api/attachments/${id}`, headers: as.office })).statusCode).toBe(403);
    const ok = await s.app.inject({ method: 'DELETE', url: `/api/attachments/${id}`, headers: as.rep1 });
    expect(ok.statusCode).toBe(200);
    expect(await count(s.db, 'attachments WHERE id = $1', [id])).toBe(0);
    expect(await count(s.db, `audit_events WHERE action = 'attachment.delete'`)).toBe(1);

    const other = (await upload('rep1', w.units.u1, 'Phụ lục 2.pdf', PDF)).json().id;
    const submit = await s.app.inject({ method: 'POST', url: `/api/rounds/${q4}/units/${w.units.u1}/submit`, headers: as.rep1, payload: {} });
    expect(submit.statusCode, submit.body).toBe(200);
    const locked = await s.app.inject({ method: 'DELETE', url: `/api/attachments/${other}`, headers: as.rep1 });
    expect(locked.statusCode).toBe(409);
    expect(await count(s.db, 'attachments WHERE id = $1', [other])).toBe(1);
    expect((await upload('rep1', w.units.u1, 'muon.pdf', PDF)).statusCode).toBe(409);
  });
});

describe('file names and downloads', () => {
  // The report of u1 was submitted above; these files go to u2's draft.
  const stored = async (name: string) => {
    const r = await upload('rep2', w.units.u2, name, PDF);
    expect(r.statusCode, `${JSON.stringify(name)}: ${r.body}`).toBe(201);
    return r.json() as { id: number; filename: string };
  };

  it('stores only the base name, without path parts, hidden marks or excessive length, keeping the extension and Vietnamese', async () => {
    expect((await stored('../../../etc/Tờ trình.pdf')).filename).toBe('Tờ trình.pdf');
    expect((await stored('C:\\Users\\Văn phòng\\Desktop\\Báo cáo quý.pdf')).filename).toBe('Báo cáo quý.pdf');
    expect((await stored('Ba\u0301o ca\u0301o\u200B.pdf')).filename).toBe('Báo cáo.pdf');
    expect((await stored('..')).filename).toBe('tep-dinh-kem.pdf');
    expect((await stored('CON.pdf')).filename).toBe('_CON.pdf');
    const long = (await stored(`${'Báo cáo kết quả thực hiện nhiệm vụ '.repeat(12)}.pdf`)).filename;
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(200);
    expect(long).toMatch(/^Báo cáo kết quả .*\.pdf$/);
    const saved = await s.db.query<{ filename: string }>(`SELECT filename FROM attachments ORDER BY id DESC LIMIT 6`);
    expect(saved.map((r) => r.filename)).toEqual([long, '_CON.pdf', 'tep-dinh-kem.pdf', 'Báo cáo.pdf', 'Báo cáo quý.pdf', 'Tờ trình.pdf']);
  });

  it('sees through a right-to-left override that hides the real extension', async () => {
    const r = await upload('rep2', w.units.u2, 'hồ sơ\u202Efdp.exe', PDF);
    expect(r.statusCode).toBe(415);
    expect(r.json().message).toBe('Tệp "hồ sơfdp.exe" mang đuôi .exe nhưng nội dung là PDF. Vui lòng đổi tên tệp cho đúng loại rồi tải lên lại.');
  });

  it('serves a file as an attachment with its stored type and nosniff, the name encoded in both forms', async () => {
    const png = await upload('rep2', w.units.u2, "Ảnh (chụp) 'màn hình'.png", PNG);
    expect(png.statusCode, png.body).toBe(201);
    const r = await s.app.inject({ url: `/api/attachments/${png.json().id}`, headers: as.office });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/png');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-disposition']).toBe(
      `attachment; filename="Anh_chup_man_hinh_.png"; filename*=UTF-8''%E1%BA%A2nh%20%28ch%E1%BB%A5p%29%20%27m%C3%A0n%20h%C3%ACnh%27.png`,
    );
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(r.headers['content-disposition'] as string)![1])).toBe("Ảnh (chụp) 'màn hình'.png");
    expect(r.rawPayload.equals(PNG)).toBe(true);
  });
});
