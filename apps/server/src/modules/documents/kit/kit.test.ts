import { describe, expect, it } from 'vitest';
import { pageCsp } from '../../../platform/security-headers.js';
import { attr, openDocx, paragraphTexts, paragraphXml, sections } from '../docx-reader.test-util.js';
import { renderDocx } from './docx.js';
import { renderHtml } from './html.js';
import { basicBlocks, type DecreeDocument, DOCUMENT_TYPES, documentNumberLine, meetingTimeText, signerTitle } from './model.js';
import { invitationDocument, sampleInvitation, sampleMinutes } from './sample-invitation.js';

const tables = (xml: string) => [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
const cells = (table: string) => [...table.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => paragraphTexts(c[0]));
const signatureTable = (xml: string) => tables(xml).at(-1) ?? '';
const styleHash = async (html: string) => {
  const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  const { createHash } = await import('node:crypto');
  return `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
};

describe('signerTitle', () => {
  it('writes the head, KT., TL., TUQ. and TM. forms in capitals, one line per title', () => {
    expect(signerTitle({ of: 'Giám đốc' })).toBe('GIÁM ĐỐC');
    expect(signerTitle({ authority: 'KT', of: 'Giám đốc', position: 'Phó Giám đốc' })).toBe('KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC');
    expect(signerTitle({ authority: 'TL', of: 'Giám đốc', position: 'Chánh Văn phòng' })).toBe('TL. GIÁM ĐỐC\nCHÁNH VĂN PHÒNG');
    expect(signerTitle({ authority: 'TUQ', of: 'Giám đốc', position: 'Trưởng phòng Tổ chức' })).toBe('TUQ. GIÁM ĐỐC\nTRƯỞNG PHÒNG TỔ CHỨC');
    const deputy = signerTitle({ authority: 'KT', of: 'Trưởng ban', position: 'Phó Trưởng ban' });
    expect(signerTitle({ authority: 'TM', of: 'Ban Tổ chức', position: deputy })).toBe('TM. BAN TỔ CHỨC\nKT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN');
  });

  it('refuses a signature on behalf of someone without the signer\'s own position', () => {
    expect(() => signerTitle({ authority: 'KT', of: 'Giám đốc' })).toThrow(RangeError);
    expect(() => signerTitle({ of: '  ' })).toThrow(RangeError);
  });
});

describe('number line, meeting time and list blocks', () => {
  it('uses the type\'s symbol and leaves room for the number in a draft', () => {
    expect(documentNumberLine('05', 'SKHCN', DOCUMENT_TYPES.GM.symbol)).toBe('Số: 05/GM-SKHCN');
    expect(documentNumberLine(null, 'SKHCN', DOCUMENT_TYPES.QD.symbol)).toMatch(/^Số: \u00a0{8}\/QĐ-SKHCN$/u);
    expect(documentNumberLine('7', 'SKHCN', DOCUMENT_TYPES.TTr.symbol)).toBe('Số: 7/TTr-SKHCN');
  });

  it('writes a meeting\'s time with its weekday, and refuses one that does not exist', () => {
    expect(meetingTimeText('2024-01-04', '08:00')).toBe('08 giờ 00 phút, thứ Năm, ngày 04/01/2024');
    expect(meetingTimeText('2023-04-09', '14:30')).toBe('14 giờ 30 phút, Chủ nhật, ngày 09/04/2023');
    expect(() => meetingTimeText('2023-02-29', '08:00')).toThrow(RangeError);
    expect(() => meetingTimeText('2024-01-04', '24:00')).toThrow(RangeError);
  });

  it('prints bullets, numbered items and fields as paragraphs', () => {
    const blocks = basicBlocks([
      { kind: 'bullets', items: ['Một', ' ', 'Hai:', 'Ba'] },
      { kind: 'numbered', items: ['Khai mạc', 'Bế mạc'], start: 3 },
      { kind: 'fields', items: [{ label: 'Thời gian', value: '08 giờ 00 phút' }, { label: 'Nội dung', value: '' }] },
    ]);
    expect(blocks.map((b) => (b.kind === 'para' ? b.runs.map((r) => r.text).join('') : b.kind))).toEqual([
      '- Một;', '- Hai:', '- Ba.', '3. Khai mạc', '4. Bế mạc', 'Thời gian: 08 giờ 00 phút', 'Nội dung:',
    ]);
    expect(blocks[5]).toMatchObject({ runs: [{ text: 'Thời gian:', bold: true }, { text: ' 08 giờ 00 phút' }] });
  });
});

describe('a Giấy mời on the kit', () => {
  it('has the header block, the number with GM, the type and summary lines, bold and centred', async () => {
    const doc = await openDocx(await renderDocx(invitationDocument(sampleInvitation())));
    const texts = paragraphTexts(doc.document);
    const header = cells(tables(doc.document)[0] ?? '');
    expect(header[0]).toEqual(['ỦY BAN NHÂN DÂN TỈNH VÂN LĨNH', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', '']);
    expect(header[1]).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '']);
    expect(header[2]?.[0]).toMatch(/^Số: \s{8}\/GM-SKHCN$/u);
    expect(header[3]).toEqual(['Vân Lĩnh, ngày 28 tháng 12 năm 2023']);
    const type = texts.indexOf('GIẤY MỜI');
    expect(type).toBeGreaterThan(texts.indexOf('Vân Lĩnh, ngày 28 tháng 12 năm 2023'));
    expect(texts[type + 1]).toBe('Dự Hội nghị tổng kết công tác năm 2023 và triển khai nhiệm vụ năm 2024');
    for (const t of ['GIẤY MỜI', 'Dự Hội nghị tổng kết công tác năm 2023 và triển khai nhiệm vụ năm 2024']) {
      const p = paragraphXml(doc.document, t) ?? '';
      expect(p).toContain('<w:b/>');
      expect(p).toContain('<w:jc w:val="center"/>');
    }
    const numbered = paragraphTexts((await openDocx(await renderDocx(invitationDocument(sampleInvitation({ number: '05' }))))).document);
    expect(numbered).toContain('Số: 05/GM-SKHCN');
  });

  it('lists the invitees, the time, place and chair, and the agenda in the body', async () => {
    const doc = await openDocx(await renderDocx(invitationDocument(sampleInvitation())));
    const texts = paragraphTexts(doc.document);
    const first = texts.indexOf('Sở Khoa học và Công nghệ trân trọng kính mời:');
    expect(texts.slice(first + 1, first + 6)).toEqual([
      '- Đồng chí Hoàng Thị Mai, Phó Chủ tịch Ủy ban nhân dân tỉnh;',
      '- Lãnh đạo Phòng Văn hóa và Thông tin các huyện, thành phố;',
      '- Giám đốc Trung tâm Văn hóa, Thể thao và Truyền thông các huyện, thành phố;',
      '- Lãnh đạo các doanh nghiệp bưu chính, viễn thông trên địa bàn tỉnh;',
      '- Đại diện Báo Vân Lĩnh, Đài Phát thanh và Truyền hình tỉnh.',
    ]);
    expect(texts).toContain('Thời gian: 08 giờ 00 phút, thứ Năm, ngày 04/01/2024.');
    expect(texts).toContain('1. Báo cáo kết quả công tác năm 2023 và phương hướng, nhiệm vụ năm 2024;');
    const time = paragraphXml(doc.document, 'Thời gian: 08 giờ 00 phút, thứ Năm, ngày 04/01/2024.') ?? '';
    expect(time).toMatch(/<w:b\/>[\s\S]*?<w:t[^>]*>Thời gian:<\/w:t>/);
    expect(time).toContain('<w:jc w:val="both"/>');
  });

  it('is signed KT. by a deputy, with "Nơi nhận" left ending in the archive line', async () => {
    const doc = await openDocx(await renderDocx(invitationDocument(sampleInvitation())));
    const [left, right] = cells(signatureTable(doc.document));
    expect(left).toEqual([
      'Nơi nhận:', '- Như trên;', '- UBND tỉnh (b/c);', '- Giám đốc, các Phó Giám đốc Sở;', '- Các phòng, đơn vị thuộc Sở;', '- Lưu: VT, VP.',
    ]);
    expect(right).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Lô Quang Tuấn']);
    expect(attr(paragraphXml(doc.document, 'Lô Quang Tuấn') ?? '', 'w:spacing', 'w:before') ?? 0).toBeGreaterThanOrEqual(1200);
  });

  it('signs TM. on behalf of a collective, with a deputy of its head', async () => {
    const signer = {
      title: signerTitle({ authority: 'TM', of: 'Ban Tổ chức', position: signerTitle({ authority: 'KT', of: 'Trưởng ban', position: 'Phó Trưởng ban' }) }),
      name: 'Lô Quang Tuấn',
    };
    const doc = await openDocx(await renderDocx(invitationDocument(sampleInvitation({ signer }))));
    expect(cells(signatureTable(doc.document))[1]).toEqual(['TM. BAN TỔ CHỨC', 'KT. TRƯỞNG BAN', 'PHÓ TRƯỞNG BAN', 'Lô Quang Tuấn']);
  });

  it('is one A4 portrait section with page numbers from page 2 and Times New Roman only', async () => {
    const doc = await openDocx(await renderDocx(invitationDocument(sampleInvitation())));
    const all = sections(doc.document);
    expect(all).toHaveLength(1);
    expect(attr(all[0] as string, 'w:pgSz', 'w:w')).toBe(11906);
    expect(all[0]).toContain('<w:titlePg/>');
    const def = /<w:headerReference w:type="default" r:id="(rId\d+)"/.exec(all[0] as string)?.[1] ?? '';
    expect(doc.headers.get(def)).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(new Set([...doc.document.matchAll(/w:(?:ascii|hAnsi|cs|eastAsia)="([^"]+)"/g)].map((m) => m[1]))).toEqual(new Set(['Times New Roman']));
  });
});

describe('a Biên bản on the kit', () => {
  it('has BB in its number and two signers side by side: the secretary left, the chair right, no "Nơi nhận"', async () => {
    const doc = await openDocx(await renderDocx(sampleMinutes()));
    const texts = paragraphTexts(doc.document);
    expect(texts).toContain('Số: 03/BB-SKHCN');
    expect(texts[texts.indexOf('BIÊN BẢN') + 1]).toBe('Hội nghị tổng kết công tác năm 2023 và triển khai nhiệm vụ năm 2024');
    const sign = signatureTable(doc.document);
    expect(cells(sign)).toEqual([['THƯ KÝ', 'Đàm Thị Hạnh'], ['CHỦ TỌA', 'Nông Văn Đức']]);
    const grid = [...sign.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(Math.abs((grid[0] ?? 0) - (grid[1] ?? 0))).toBeLessThanOrEqual(1);
    expect(texts).not.toContain('Nơi nhận:');
  });

  it('puts "Nơi nhận" under the two signers when the minutes have one', async () => {
    const doc = await openDocx(await renderDocx({ ...sampleMinutes(), recipients: ['Giám đốc Sở'] }));
    const rows = [...signatureTable(doc.document).matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((r) => cells(r[0]));
    expect(rows[0]).toEqual([['THƯ KÝ', 'Đàm Thị Hạnh'], ['CHỦ TỌA', 'Nông Văn Đức']]);
    expect(rows[1]?.[0]).toEqual(['', 'Nơi nhận:', '- Giám đốc Sở;', '- Lưu: VT, VP.']);
  });
});

describe('appendices', () => {
  const withAppendix = (landscape?: boolean): DecreeDocument => ({
    ...sampleMinutes(),
    appendices: [
      { title: 'DANH SÁCH ĐẠI BIỂU', landscape, tables: [{ title: 'Khối doanh nghiệp', columns: ['STT', 'Họ và tên', 'Đơn vị'], rows: [['1', 'Hà Văn Nam', 'Viettel Vân Lĩnh']], kinds: ['index', 'text', 'text'] }] },
      { title: 'TRỐNG', tables: [] },
    ],
  });

  it('puts each appendix with tables on a page of its own, landscape unless told otherwise', async () => {
    const land = sections((await openDocx(await renderDocx(withAppendix()))).document);
    expect(land).toHaveLength(2);
    expect(land[1]).toMatch(/w:orient="landscape"/);
    const port = sections((await openDocx(await renderDocx(withAppendix(false)))).document);
    expect(port).toHaveLength(2);
    expect(attr(port[1] as string, 'w:pgSz', 'w:w')).toBe(11906);
    const html = renderHtml(withAppendix(false));
    expect(html).toContain('<section class="sheet appendix">\n<h1>DANH SÁCH ĐẠI BIỂU</h1>\n<h2>Khối doanh nghiệp</h2>');
    expect(html).not.toContain('TRỐNG');
  });
});

describe('HTML preview', () => {
  it('says what the .docx says, escaped, with a stylesheet the app\'s CSP allows by hash', async () => {
    const html = renderHtml(invitationDocument(sampleInvitation({ invitees: ['Xã <b>"A"</b> & B'] })));
    for (const s of [
      '<p class="title">GIẤY MỜI</p>',
      '<p class="subject">Dự Hội nghị tổng kết công tác năm 2023 và triển khai nhiệm vụ năm 2024</p>',
      '<p>- Xã &lt;b&gt;&quot;A&quot;&lt;/b&gt; &amp; B.</p>',
      '<p><strong>Thời gian:</strong> 08 giờ 00 phút, thứ Năm, ngày 04/01/2024.</p>',
      '<p>KT. GIÁM ĐỐC</p><p>PHÓ GIÁM ĐỐC</p><p class="name">Lô Quang Tuấn</p>',
      '<title>Giấy mời Dự Hội nghị tổng kết công tác năm 2023 và triển khai nhiệm vụ năm 2024</title>',
    ]) {
      expect(html).toContain(s);
    }
    expect(html).toMatch(/Số: \u00a0{8}\/GM-SKHCN/u);
    expect(pageCsp()).toContain(await styleHash(html));
    const minutes = renderHtml(sampleMinutes());
    expect(minutes).toContain('<div class="sign pair">');
    expect(minutes).toContain('.sign.pair {');
    expect(pageCsp()).toContain(await styleHash(minutes));
    const centred = renderHtml({ ...sampleMinutes(), signature: { layout: 'single', signer: { title: 'GIÁM ĐỐC', name: 'A' } }, body: [{ kind: 'para', align: 'center', runs: [{ text: 'QUYẾT ĐỊNH:', bold: true }] }] });
    expect(centred).toContain('<p class="center"><strong>QUYẾT ĐỊNH:</strong></p>');
    expect(pageCsp()).toContain(await styleHash(centred));
  });
});
