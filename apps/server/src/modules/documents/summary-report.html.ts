/**
 * The draft summary report as a standalone HTML page for the in-browser
 * preview: the same blocks as the .docx (see summary-report.content.ts), on an
 * A4-like sheet. Every piece of text goes through `escapeHtml`.
 */
import { appendixSubtitle, appendixTables, type Block, isNumericKind, reportBody, type TextRunSpec } from './summary-report.content.js';
import { documentDateLine, documentNumberLine, recipientLines, type SummaryReportInput, upperVi } from './summary-report.model.js';
import { allowStyleInPage } from '../../platform/security-headers.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

const STYLE = `
  body { margin: 0; background: #e5e7eb; }
  .sheet { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 20mm 15mm 20mm 30mm;
    background: #fff; color: #000; font-family: 'Times New Roman', Times, serif; font-size: 14pt; line-height: 1.2;
    box-shadow: 0 1px 4px rgba(0,0,0,.2); }
  .sheet.landscape { width: 297mm; min-height: 210mm; }
  .head { display: grid; grid-template-columns: 48fr 52fr; margin: 0 -5mm; text-align: center; font-size: 13pt; line-height: 1.15; }
  .head p { margin: 0; }
  .head .rule { width: 2.3cm; border-top: 1px solid #000; margin: 4px auto 6px; }
  .head .motto-rule { width: 5.6cm; }
  .small { font-size: 12pt; }
  .title { text-align: center; font-weight: bold; margin: 18pt 0 0; }
  .subject { text-align: center; font-weight: bold; margin: 0; }
  .subject-rule { width: 3.5cm; border-top: 1px solid #000; margin: 6px auto 12pt; }
  .body p { margin: 0 0 6pt; text-align: justify; text-indent: 1.27cm; }
  .body h2, .body h3 { font-size: 14pt; margin: 6pt 0 6pt; text-indent: 1.27cm; }
  .body .caption { font-style: italic; }
  table.data { border-collapse: collapse; width: 100%; font-size: 12pt; margin: 0 0 8pt; line-height: 1.1; }
  table.data th, table.data td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: middle; }
  table.data th { text-align: center; }
  table.data th:first-child { width: 32%; }
  table.data td.num { text-align: right; white-space: nowrap; }
  .sign { display: grid; grid-template-columns: 47fr 53fr; margin-top: 12pt; }
  .sign .to { font-size: 11pt; line-height: 1.15; }
  .sign .to strong { font-size: 12pt; font-style: italic; }
  .sign .to p { margin: 0; }
  .sign .signer { text-align: center; font-weight: bold; }
  .sign .signer p { margin: 0; }
  .sign .signer .name { margin-top: 80pt; }
  .appendix h1 { font-size: 14pt; text-align: center; margin: 0; }
  .appendix .sub { text-align: center; font-style: italic; font-size: 13pt; margin: 0 0 12pt; }
  .appendix h2 { font-size: 13pt; margin: 8pt 0 4pt; }
  .appendix table.data { font-size: 11pt; }
`;
// The web app previews this page in an iframe srcdoc, which runs under the app's Content-Security-Policy.
allowStyleInPage(STYLE);

function runsHtml(runs: readonly TextRunSpec[]): string {
  return runs
    .map((r) => {
      let t = escapeHtml(r.text);
      if (r.italic) t = `<em>${t}</em>`;
      if (r.bold) t = `<strong>${t}</strong>`;
      return t;
    })
    .join('');
}

function tableHtml(columns: readonly string[], rows: readonly (readonly string[])[], numeric: (i: number) => boolean): string {
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${columns.map((_, i) => `<td${numeric(i) ? ' class="num"' : ''}>${escapeHtml(r[i] ?? '')}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table class="data"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return b.level === 1 ? `<h2>${escapeHtml(b.text)}</h2>` : `<h3>${escapeHtml(b.text)}</h3>`;
    case 'para':
      return `<p>${runsHtml(b.runs)}</p>`;
    case 'caption':
      return `<p class="caption">${escapeHtml(b.text)}</p>`;
    case 'table':
      return tableHtml(b.columns, b.rows, (i) => isNumericKind(b.kinds[i]));
  }
}

/** A complete HTML document (suitable for an iframe's srcdoc) previewing the report. */
export function renderSummaryReportHtml(input: SummaryReportInput): string {
  const e = escapeHtml;
  const head = `<div class="head">
  <div>
    <p class="small">${e(upperVi(input.parentBody))}</p>
    <p class="small"><strong>${e(upperVi(input.issuer))}</strong></p>
    <div class="rule"></div>
    <p>${e(documentNumberLine(input.number, input.issuerShort))}</p>
  </div>
  <div>
    <p class="small"><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong></p>
    <p><strong>Độc lập - Tự do - Hạnh phúc</strong></p>
    <div class="rule motto-rule"></div>
    <p><em>${e(documentDateLine(input.place, input.date))}</em></p>
  </div>
</div>`;
  const signerTitles = input.signer.title
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean);
  const sign = `<div class="sign">
  <div class="to"><strong>Nơi nhận:</strong>${recipientLines(input.recipients)
    .map((r) => `<p>${e(r)}</p>`)
    .join('')}</div>
  <div class="signer">${signerTitles.map((t) => `<p>${e(upperVi(t))}</p>`).join('')}<p class="name">${e(input.signer.name)}</p></div>
</div>`;
  const tables = appendixTables(input);
  const appendix = tables.length
    ? `<section class="sheet landscape appendix">
<h1>PHỤ LỤC SỐ LIỆU</h1>
<p class="sub">${e(appendixSubtitle(input))}</p>
${tables.map((t) => `<h2>${e(t.title)}</h2>\n${tableHtml(t.columns, t.rows, (i) => t.numeric[i] === true)}`).join('\n')}
</section>`
    : '';
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${e(`Báo cáo ${input.subject}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<section class="sheet">
${head}
<p class="title">BÁO CÁO</p>
<p class="subject">${e(input.subject)}</p>
<div class="subject-rule"></div>
<div class="body">
${reportBody(input).map(blockHtml).join('\n')}
</div>
${sign}
</section>
${appendix}
</body>
</html>
`;
}
