import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/index.js';
import { testDb } from '../../test/server.js';
import { openDocx, paragraphTexts } from '../documents/docx-reader.test-util.js';
import { findSoffice } from '../documents/kit/pdf.js';
import { runConferenceDocuments } from './conference.cli.js';
import { type DayWorld, holdDay, seedDay } from './day.test-fixtures.js';

let db: Db;
let close: () => Promise<void>;
let w: DayWorld;
let dir: string;

beforeAll(async () => {
  ({ db, close } = await testDb());
  w = await seedDay(db);
  await holdDay(db, w);
  dir = await mkdtemp(path.join(tmpdir(), 'nhip-conf-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await close();
});

describe('conference documents --id N --out DIR', () => {
  it('writes the four documents as .docx, and as .pdf where LibreOffice is installed', async () => {
    const out = path.join(dir, 'hoi-nghi');
    const lines = await runConferenceDocuments(db, { id: w.conferenceId, out }, '2025-01-09');
    const files = (await readdir(out)).sort();
    const docx = files.filter((f) => f.endsWith('.docx'));
    expect(docx).toEqual([
      'Biên bản hội nghị Hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025 (bản lập tự động).docx',
      'Chương trình hội nghị Hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025.docx',
      'Giấy mời Hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025.docx',
      'Thông báo kết luận Hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025 (dự thảo).docx',
    ]);
    const types = await Promise.all(docx.map(async (f) => paragraphTexts((await openDocx(await readFile(path.join(out, f)))).document)));
    expect(types.map((t) => ['BIÊN BẢN', 'CHƯƠNG TRÌNH', 'GIẤY MỜI', 'THÔNG BÁO'].find((x) => t.includes(x)))).toEqual(['BIÊN BẢN', 'CHƯƠNG TRÌNH', 'GIẤY MỜI', 'THÔNG BÁO']);
    const pdfs = files.filter((f) => f.endsWith('.pdf'));
    if (await findSoffice()) {
      expect(pdfs).toHaveLength(4);
      for (const f of pdfs) expect((await readFile(path.join(out, f))).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } else {
      expect(pdfs).toHaveLength(0);
      expect(lines.at(-1)).toBe('Máy này chưa cài LibreOffice nên chỉ ghi các tệp .docx.');
    }
    expect(lines.filter((l) => l.startsWith('Đã ghi'))).toHaveLength(docx.length + pdfs.length);
  }, 180_000);

  it('says in Vietnamese that a conference does not exist', async () => {
    await expect(runConferenceDocuments(db, { id: 999_999, out: path.join(dir, 'khong-co') }, '2025-01-09')).rejects.toThrow('Không tìm thấy hội nghị mã 999999.');
  });
});
