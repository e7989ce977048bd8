import { beforeAll, describe, expect, it } from 'vitest';
import { attr, type DocxParts, openDocx, paragraphTexts, paragraphXml, sections } from './docx-reader.test-util.js';
import { buildSummaryReportDocx, oneLineWidth, WIDEST_FIGURE } from './summary-report.docx.js';
import { FIGURE_COLUMNS } from './summary-report.model.js';
import { sampleSummaryReport } from './test-fixtures.js';

let doc: DocxParts;
let texts: string[];

beforeAll(async () => {
  doc = await openDocx(await buildSummaryReportDocx(sampleSummaryReport()));
  texts = paragraphTexts(doc.document);
});

/** The table's and its cells' border definitions (not the paragraphs' rules). */
const tableBorders = (tbl: string) =>
  [...tbl.matchAll(/<w:(?:tblBorders|tcBorders)>[\s\S]*?<\/w:(?:tblBorders|tcBorders)>/g)].map((m) => m[0]).join('');

/** The key-figure table holding `name` (by default the sample's first figure). */
const figureTable = (xml: string, name = 'Số vị trí trạm thu phát sóng (BTS)') =>
  [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]).find((t) => paragraphTexts(t).includes(name)) ?? '';
const tableRows = (table: string) =>
  [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => paragraphTexts(c[0]).join(' ')));

const near = (actual: number | null, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(2);
};

describe('page setup (Decree 30/2020/NĐ-CP, Appendix I)', () => {
  it('uses A4 portrait with margins top/bottom 20 mm, left 30 mm, right 15 mm', () => {
    const [main] = sections(doc.document);
    expect(main).toBeDefined();
    expect(attr(main as string, 'w:pgSz', 'w:w')).toBe(11906);
    expect(attr(main as string, 'w:pgSz', 'w:h')).toBe(16838);
    expect(main).not.toMatch(/w:orient="landscape"/);
    near(attr(main as string, 'w:pgMar', 'w:top'), 1134);
    near(attr(main as string, 'w:pgMar', 'w:bottom'), 1134);
    near(attr(main as string, 'w:pgMar', 'w:left'), 1701);
    near(attr(main as string, 'w:pgMar', 'w:right'), 850);
  });

  it('puts the appendix on a landscape A4 page of its own section', () => {
    const all = sections(doc.document);
    expect(all).toHaveLength(2);
    const appendix = all[1] as string;
    expect(attr(appendix, 'w:pgSz', 'w:w')).toBe(16838);
    expect(attr(appendix, 'w:pgSz', 'w:h')).toBe(11906);
    expect(appendix).toMatch(/w:orient="landscape"/);
    expect(texts.indexOf('PHỤ LỤC SỐ LIỆU')).toBeGreaterThan(texts.indexOf('- Lưu: VT, VP.'));
    expect(texts).toContain('Biểu 01. Hạ tầng bưu chính, viễn thông theo đơn vị hành chính');
    expect(texts).toContain('215.480');
    expect(texts).toContain('92,35');
  });

  it('has no appendix section when there are no appendix tables', async () => {
    const d = await openDocx(await buildSummaryReportDocx(sampleSummaryReport({ appendix: [] })));
    expect(sections(d.document)).toHaveLength(1);
    expect(paragraphTexts(d.document)).not.toContain('PHỤ LỤC SỐ LIỆU');
  });
});

describe('fonts and body text', () => {
  it('sets Times New Roman 14 pt as the document default', () => {
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(doc.styles)?.[0] ?? '';
    for (const a of ['w:ascii', 'w:hAnsi', 'w:cs', 'w:eastAsia']) {
      expect(defaults).toContain(`${a}="Times New Roman"`);
    }
    expect(defaults).toContain('<w:sz w:val="28"/>');
    const normal = /<w:style [^>]*w:styleId="Normal"[\s\S]*?<\/w:style>/.exec(doc.styles)?.[0] ?? '';
    expect(normal).toContain('w:ascii="Times New Roman"');
  });

  it('uses no other font anywhere in the body', () => {
    const fonts = new Set([...doc.document.matchAll(/w:(?:ascii|hAnsi|cs|eastAsia)="([^"]+)"/g)].map((m) => m[1]));
    expect([...fonts]).toEqual(['Times New Roman']);
  });

  it('justifies body paragraphs with a first-line indent and ~1.2 line spacing', () => {
    const p = paragraphXml(doc.document, 'Tổ chức 12 lớp tập huấn kỹ năng số cho 1.046 lượt cán bộ, công chức cấp xã.') ?? '';
    expect(p).toContain('<w:jc w:val="both"/>');
    const indent = attr(p, 'w:ind', 'w:firstLine') ?? 0;
    expect(indent).toBeGreaterThanOrEqual(567);
    expect(indent).toBeLessThanOrEqual(720);
    const lineSpacing = attr(p, 'w:spacing', 'w:line') ?? 0;
    expect(lineSpacing).toBeGreaterThanOrEqual(276);
    expect(lineSpacing).toBeLessThanOrEqual(312);
    expect(p).toContain('<w:sz w:val="28"/>');
  });
});

describe('header block', () => {
  it('has the issuing body left and the Quốc hiệu, Tiêu ngữ right, in a borderless table', () => {
    const firstTable = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(doc.document)?.[0] ?? '';
    const cells = [...firstTable.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => paragraphTexts(c[0]));
    expect(cells[0]).toEqual(['ỦY BAN NHÂN DÂN TỈNH VÂN LĨNH', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', '']);
    expect(cells[1]).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '']);
    expect(cells[2]?.[0]).toMatch(/^Số: \s+\/BC-SKHCN$/u);
    expect(cells[3]).toEqual(['Vân Lĩnh, ngày 04 tháng 01 năm 2024']);
    expect(tableBorders(firstTable)).toContain('<w:insideV w:val="none"');
    expect(tableBorders(firstTable)).not.toMatch(/w:val="(?!none)/);
  });

  it('formats the header lines as the decree requires', () => {
    const parent = paragraphXml(doc.document, 'ỦY BAN NHÂN DÂN TỈNH VÂN LĨNH') ?? '';
    expect(parent).not.toContain('<w:b/>');
    const issuer = paragraphXml(doc.document, 'SỞ KHOA HỌC VÀ CÔNG NGHỆ') ?? '';
    expect(issuer).toContain('<w:b/>');
    const national = paragraphXml(doc.document, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM') ?? '';
    expect(national).toContain('<w:b/>');
    const motto = paragraphXml(doc.document, 'Độc lập - Tự do - Hạnh phúc') ?? '';
    expect(motto).toContain('<w:b/>');
    expect(motto).not.toContain('<w:caps/>');
    const date = paragraphXml(doc.document, 'Vân Lĩnh, ngày 04 tháng 01 năm 2024') ?? '';
    expect(date).toContain('<w:i/>');
    for (const p of [parent, issuer, national]) {
      const size = attr(p, 'w:sz', 'w:val') ?? 0;
      expect(size).toBeGreaterThanOrEqual(24);
      expect(size).toBeLessThanOrEqual(26);
    }
    // The rules under the issuer and under the motto are bottom borders of short paragraphs.
    const firstTable = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(doc.document)?.[0] ?? '';
    expect([...firstTable.matchAll(/<w:pBdr><w:bottom w:val="single"/g)]).toHaveLength(2);
  });

  it('writes the registered number and a date with leading zeros only where the decree wants them', async () => {
    const d = await openDocx(await buildSummaryReportDocx(sampleSummaryReport({ number: '15', date: '2024-03-05' })));
    const t = paragraphTexts(d.document);
    expect(t).toContain('Số: 15/BC-SKHCN');
    expect(t).toContain('Vân Lĩnh, ngày 05 tháng 3 năm 2024');
    expect(t.some((x) => x.includes('(Kèm theo Báo cáo số 15/BC-SKHCN ngày 05/03/2024 của Sở Khoa học và Công nghệ)'))).toBe(true);
  });

  it('has the title and the subject line, bold and centred, after the header block', () => {
    const title = texts.indexOf('BÁO CÁO');
    expect(title).toBeGreaterThan(texts.indexOf('Vân Lĩnh, ngày 04 tháng 01 năm 2024'));
    expect(texts[title + 1]).toBe('Kết quả công tác năm 2023 và phương hướng, nhiệm vụ năm 2024');
    for (const t of ['BÁO CÁO', 'Kết quả công tác năm 2023 và phương hướng, nhiệm vụ năm 2024']) {
      const p = paragraphXml(doc.document, t) ?? '';
      expect(p).toContain('<w:b/>');
      expect(p).toContain('<w:jc w:val="center"/>');
      expect(p).toContain('<w:sz w:val="28"/>');
    }
  });
});

describe('page numbers', () => {
  it('numbers pages at the top centre from page 2 (different first page)', () => {
    const [main] = sections(doc.document);
    expect(main).toContain('<w:titlePg/>');
    const def = /<w:headerReference w:type="default" r:id="(rId\d+)"/.exec(main as string)?.[1] ?? '';
    const first = /<w:headerReference w:type="first" r:id="(rId\d+)"/.exec(main as string)?.[1] ?? '';
    const defaultHeader = doc.headers.get(def) ?? '';
    expect(defaultHeader).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(defaultHeader).toContain('<w:jc w:val="center"/>');
    expect(defaultHeader).toContain('w:ascii="Times New Roman"');
    expect(attr(defaultHeader, 'w:sz', 'w:val')).toBe(26);
    expect(doc.headers.get(first) ?? 'missing').not.toContain('PAGE');
  });
});

describe('body', () => {
  it('has the four parts in order, with one numbered subsection per sector', () => {
    const order = [
      'I. KẾT QUẢ ĐẠT ĐƯỢC',
      '1. Bưu chính, viễn thông',
      '2. Chuyển đổi số',
      '3. Thông tin cơ sở, báo chí, xuất bản',
      'II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN',
      'III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024',
      'IV. ĐỀ XUẤT, KIẾN NGHỊ',
      'Nơi nhận:',
    ].map((t) => texts.indexOf(t));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('compiles the narrative with each unit named', () => {
    expect(texts).toContain(
      'Phòng Văn hóa và Thông tin huyện Hòa An: Phối hợp với các doanh nghiệp viễn thông rà soát vùng lõm sóng; trong năm lắp mới 14 trạm thu phát sóng di động, nâng số thôn có Internet băng rộng cáp quang lên 212/219 thôn.',
    );
    // A unit whose text starts with bullets gets its name on a line of its own.
    const i = texts.indexOf('Phòng Văn hóa và Thông tin huyện Bạch Sơn:');
    expect(i).toBeGreaterThan(0);
    expect(texts[i + 1]).toBe('- Thành lập 105 tổ công nghệ số cộng đồng tại 105/105 thôn, bản;');
  });

  it('renders the key figures per sector in a bordered 12 pt table in Vietnamese number format', () => {
    const figures = figureTable(doc.document);
    const rows = tableRows(figures);
    // a year: the previous period is the same period last year, shown once under its name
    expect(rows[0]).toEqual(['Chỉ tiêu', 'Đơn vị tính', 'Năm 2023', 'Năm 2022', 'Kế hoạch năm', '% thực hiện kế hoạch']);
    expect(rows[1]).toEqual(['Số vị trí trạm thu phát sóng (BTS)', 'vị trí', '1.332', '1.298', '1.350', '98,7']);
    expect(rows[2]).toEqual(['Số thôn có Internet băng rộng cáp quang', 'thôn', '1.634', '1.601', '1.733', '94,3']);
    expect(rows[3]).toEqual(['Tỷ lệ thôn có Internet băng rộng cáp quang', '%', '94,3', '92,4', '100,0', '94,3']);
    expect(rows[4]).toEqual(['Số doanh nghiệp bưu chính hoạt động', 'doanh nghiệp', '21', '20', '—', '—']);
    expect(figures).toContain('<w:top w:val="single"');
    expect(figures).toContain('<w:insideV w:val="single"');
    const sizes = new Set([...figures.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => m[1]));
    expect([...sizes]).toEqual(['24']);
    expect(figures).toContain('<w:tblHeader/>');
  });

  it('a quarter shows this period, the previous one and the same quarter last year side by side', async () => {
    const q = await openDocx(await buildSummaryReportDocx(sampleSummaryReport({ period: '2023Q4', periodKind: 'quarter' })));
    const rows = tableRows(figureTable(q.document));
    expect(rows[0]).toEqual([...FIGURE_COLUMNS]);
    expect(rows[1]).toEqual(['Số vị trí trạm thu phát sóng (BTS)', 'vị trí', '1.332', '1.298', '1.287', '1.350', '98,7']);
    expect(rows[3]).toEqual(['Tỷ lệ thôn có Internet băng rộng cáp quang', '%', '94,3', '92,4', '88,9', '100,0', '94,3']);
  });

  it('sizes figure columns so that 999.999.999 stays on one line at the table\'s font size', async () => {
    const big = sampleSummaryReport({
      sectors: [{ name: 'Viễn thông', narrative: [], figures: [
        { name: 'Doanh thu dịch vụ viễn thông', uom: 'triệu đồng', current: 999_999_999, previous: 987_654_321, lastYear: 987_654_321, target: 999_999_999, achievedPct: 100, decimals: 0 },
      ] }],
    });
    for (const input of [big, { ...big, period: '2023Q4', periodKind: 'quarter' as const }]) {
      const xml = (await openDocx(await buildSummaryReportDocx(input))).document;
      const table = figureTable(xml, 'Doanh thu dịch vụ viễn thông');
      const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      const rows = tableRows(table);
      expect(grid).toHaveLength(rows[0]!.length);
      expect(grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(11906 - 1701 - 850); // inside the margins
      // 999.999.999 in 12 pt Times New Roman: 9 digits of ½ em and 2 dots of ¼ em = 5 em = 60 pt = 1200 twips, plus the cell margins
      const needed = 1200 + 2 * 60;
      rows[1]!.forEach((text, i) => {
        if (/^[\d.]+$/.test(text) && text.length === 11) expect(grid[i], `column ${i} (${rows[0]![i]})`).toBeGreaterThanOrEqual(needed);
      });
      expect(rows[1]!.filter((t) => t === '999.999.999')).toHaveLength(2);
      expect(grid[0]).toBeGreaterThanOrEqual(1900); // the name column keeps a readable width
      expect(oneLineWidth(WIDEST_FIGURE, 24)).toBeGreaterThanOrEqual(needed);
      // the appendix's figure columns, 11 pt on the landscape page
      const appendix = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]).find((t) => paragraphTexts(t).includes('215.480'))!;
      const cols = [...appendix.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      expect(cols.slice(1).every((w) => w >= 1100 + 2 * 60)).toBe(true);
    }
  });

  it('lists after each shortcoming the units that raised it, grouped by sector', () => {
    const ii = texts.indexOf('II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN');
    expect(texts[ii + 1]).toBe('1. Chuyển đổi số');
    expect(texts[ii + 2]).toBe(
      '- Nhân lực công nghệ thông tin ở cấp xã còn thiếu, phần lớn kiêm nhiệm (02 đơn vị: Phòng Văn hóa và Thông tin huyện Bạch Sơn, Ủy ban nhân dân xã Nà Phặc);',
    );
    expect(texts[ii + 4]).toBe('2. Thông tin cơ sở, báo chí, xuất bản');
    expect(texts[ii + 5]).toBe(
      '- Trang thiết bị sản xuất chương trình truyền thanh xuống cấp (Trung tâm Văn hóa, Thể thao và Truyền thông huyện Hòa An).',
    );
  });

  it('lists next period tasks and proposals', () => {
    const iii = texts.indexOf('III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024');
    expect(texts[iii + 1]).toBe('- Hoàn thành phủ sóng di động 4G tại các thôn còn vùng lõm, ưu tiên các xã vùng cao;');
    expect(texts[iii + 3]).toBe('- Tiếp tục chuyển đổi các đài truyền thanh cấp xã sang ứng dụng công nghệ thông tin - viễn thông.');
    const iv = texts.indexOf('IV. ĐỀ XUẤT, KIẾN NGHỊ');
    expect(texts[iv + 2]).toMatch(/cấp xã \(02 đơn vị: Phòng Văn hóa và Thông tin huyện Bạch Sơn, Phòng Văn hóa và Thông tin huyện Hòa An\)\.$/u);
  });

  it('says so plainly when a part has nothing in it, and names the next quarter for a quarterly report', async () => {
    const d = await openDocx(
      await buildSummaryReportDocx(
        sampleSummaryReport({
          period: '2023Q1',
          periodKind: 'quarter',
          subject: 'Kết quả công tác quý I năm 2023 và nhiệm vụ trọng tâm quý II năm 2023',
          difficulties: [],
          proposals: [{ sector: 'Chuyển đổi số', points: [] }],
          nextTasks: [],
        }),
      ),
    );
    const t = paragraphTexts(d.document);
    expect(t).toContain('III. NHIỆM VỤ TRỌNG TÂM QUÝ II NĂM 2023');
    expect(t[t.indexOf('II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN') + 1]).toBe('Các đơn vị không nêu tồn tại, hạn chế trong kỳ.');
    expect(t[t.indexOf('IV. ĐỀ XUẤT, KIẾN NGHỊ') + 1]).toBe('Không có đề xuất, kiến nghị.');
  });

  it('keeps markup-like text in narratives as text (escaped XML)', async () => {
    const evil = sampleSummaryReport({
      sectors: [
        { name: 'A & B <x>', narrative: [{ unitName: 'Xã "Một"', paragraphs: ['<script>alert(1)</script> & </w:t>'] }], figures: [] },
      ],
    });
    const d = await openDocx(await buildSummaryReportDocx(evil));
    expect(d.document).not.toContain('<script>');
    expect(d.document).toContain('&lt;script&gt;');
    expect(paragraphTexts(d.document)).toContain('Xã "Một": <script>alert(1)</script> & </w:t>');
    expect(paragraphTexts(d.document)).toContain('1. A & B <x>');
  });
});

describe('signature block', () => {
  it('has "Nơi nhận" left with the recipients ending in the archive line, and the signer right', () => {
    const tables = [...doc.document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    const sign = tables.find((t) => paragraphTexts(t).includes('Nơi nhận:')) ?? '';
    const [left, right] = [...sign.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => c[0]);
    expect(paragraphTexts(left as string)).toEqual([
      'Nơi nhận:',
      '- UBND tỉnh (b/c);',
      '- Bộ Khoa học và Công nghệ (b/c);',
      '- Giám đốc, các Phó Giám đốc Sở;',
      '- Phòng VH&TT các huyện, thành phố;',
      '- Lưu: VT, VP.',
    ]);
    const label = paragraphXml(sign, 'Nơi nhận:') ?? '';
    expect(label).toContain('<w:b/>');
    expect(label).toContain('<w:i/>');
    expect(attr(label, 'w:sz', 'w:val')).toBe(24);
    expect(attr(paragraphXml(sign, '- Lưu: VT, VP.') ?? '', 'w:sz', 'w:val')).toBe(22);
    expect(paragraphTexts(right as string)).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Lô Quang Tuấn']);
    const name = paragraphXml(sign, 'Lô Quang Tuấn') ?? '';
    expect(name).toContain('<w:b/>');
    expect(attr(name, 'w:spacing', 'w:before') ?? 0).toBeGreaterThanOrEqual(1200);
    expect(tableBorders(sign)).toContain('<w:insideV w:val="none"');
    expect(tableBorders(sign)).not.toMatch(/w:val="(?!none)/);
  });
});
