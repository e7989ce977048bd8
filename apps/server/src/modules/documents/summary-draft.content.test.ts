import { describe, expect, it } from 'vitest';
import { compileSections, draftDocument, htmlBlocks, sanitizeSectionHtml, withFields } from './summary-draft.content.js';
import { summaryReportDocument } from './summary-report.content.js';
import { sampleSummaryReport } from './test-fixtures.js';

const F = '\u0001';
const S = '\u0002';
const E = '\u0003';
const sample = () => {
  const base = sampleSummaryReport();
  const [first, ...rest] = base.sectors;
  return sampleSummaryReport({
    sectors: [{
      ...first!,
      sentences: ['Toàn tỉnh có 1.332 vị trí trạm BTS, tăng 34 vị trí so với năm 2022.'],
      markedSentences: [`Toàn tỉnh có ${F}BTS.value${S}1.332${E} vị trí trạm BTS, ${F}BTS.delta${S}tăng 34 vị trí so với năm 2022${E}.`],
    }, ...rest],
  });
};
const textOf = (blocks: ReturnType<typeof htmlBlocks>) => blocks.map((b) => (b.kind === 'para' ? b.runs.map((r) => r.text).join('') : b.kind === 'heading' ? `#${b.text}` : `[${b.kind}]`));

describe('compileSections: the compiled report cut at its headings', () => {
  const sections = compileSections(sample());
  it('keys every heading by its numbering, part I sectors under I', () => {
    expect(sections.map((s) => s.key)).toEqual(expect.arrayContaining(['I', 'I.1', 'I.2', 'II', 'III']));
    expect(new Set(sections.map((s) => s.key)).size).toBe(sections.length);
    expect(sections.find((s) => s.key === 'I.1')).toMatchObject({ level: 2, heading: '1. Bưu chính, viễn thông', table: true, sector: 'Bưu chính, viễn thông' });
  });
  it('says a sector\'s opening figures as fields', () => {
    const html = sections.find((s) => s.key === 'I.1')!.html;
    expect(html.startsWith('<p>Toàn tỉnh có <span data-field="BTS.value">1.332</span> vị trí trạm BTS, <span data-field="BTS.delta">tăng 34 vị trí so với năm 2022</span>.</p>')).toBe(true);
  });
  it('reads back as the same document as the compiled one (nothing lost on the way)', () => {
    const input = sample();
    const compiled = summaryReportDocument(input).body.filter((b) => b.kind !== 'caption');
    const fields = { 'BTS.value': '1.332', 'BTS.delta': 'tăng 34 vị trí so với năm 2022' };
    const edited = draftDocument(input, compileSections(input), fields).body.filter((b) => b.kind !== 'caption');
    expect(edited).toEqual(compiled);
  });
});

describe('sanitizeSectionHtml: an allow-list, fields by key only', () => {
  const fields = new Set(['BTS.value']);
  it.each<[string, string, string]>([
    ['keeps paragraphs, bold, italic, lists', '<p><strong>a</strong> <em>b</em></p><ul><li>c</li></ul>', '<p><strong>a</strong> <em>b</em></p><ul><li>c</li></ul>'],
    ['b and i become strong and em, div a paragraph', '<div><b>a</b><i>b</i></div>', '<p><strong>a</strong><em>b</em></p>'],
    ['drops scripts with their text, handlers and styles', '<p onclick="x()" style="color:red">a<script>alert(1)</script></p>', '<p>a</p>'],
    ['a known field keeps only its key', '<span data-field="BTS.value" class="chip" contenteditable="false">9</span>', '<span data-field="BTS.value">9</span>'],
    ['an unknown field or a plain span gives way to its text', '<p><span data-field="NOPE.value">9</span><span style="x">y</span></p>', '<p>9y</p>'],
    ['control characters go, decomposed text is composed', '<p>Vie\u0302\u0323t\u0007</p>', '<p>Việt</p>'],
    ['empty paragraphs go', '<p> </p><p>a</p>', '<p>a</p>'],
    ['a link is text', '<p><a href="javascript:alert(1)">x</a></p>', '<p>x</p>'],
  ])('%s', (_, html, want) => expect(sanitizeSectionHtml(html, fields)).toBe(want));
});

describe('withFields and htmlBlocks: the fields are the server\'s', () => {
  it('a refresh changes only the spans', () => {
    const [s] = withFields([{ html: '<p>Tôi sửa câu này: có <span data-field="BTS.value">1.332</span> trạm.</p>' }], { 'BTS.value': '1.466' });
    expect(s!.html).toBe('<p>Tôi sửa câu này: có <span data-field="BTS.value">1.466</span> trạm.</p>');
  });
  it('the document says the field\'s value, not what the span shows', () => {
    expect(textOf(htmlBlocks('<p>Có <span data-field="BTS.value">9</span> trạm.</p>', { 'BTS.value': '1.466' }))).toEqual(['Có 1.466 trạm.']);
  });
  it.each<[string, string, string[]]>([
    ['lists become dash and numbered paragraphs', '<ul><li>một;</li><li>hai.</li></ul><ol><li>ba</li></ol>', ['- một;', '- hai.', '1. ba']],
    ['a line break starts a paragraph', '<p>a<br>b</p>', ['a', 'b']],
    ['spaces collapse, entities decode', '<p>  a&nbsp;&amp;   b </p>', ['a & b']],
  ])('%s', (_, html, want) => expect(textOf(htmlBlocks(html, {}))).toEqual(want));
  it('keeps bold and italic as runs', () => {
    const [p] = htmlBlocks('<p><strong><em>Bưu điện tỉnh:</em></strong> tiếp tục</p>', {});
    expect(p).toEqual({ kind: 'para', runs: [{ text: 'Bưu điện tỉnh:', bold: true, italic: true }, { text: ' tiếp tục' }] });
  });
});
