/**
 * A `DecreeDocument` as a standalone HTML page for the in-browser preview: the same blocks as the .docx, on
 * A4-like sheets. Every piece of text goes through `escapeHtml`. The web app shows the page in an iframe srcdoc,
 * which runs under the app's Content-Security-Policy: the page's one <style> is one of the fixed stylesheets below,
 * each allowed there by its hash.
 */
import { allowStyleInPage } from '../../../platform/security-headers.js';
import {
  type AppendixSection,
  basicBlocks,
  type Block,
  type DecreeDocument,
  documentDateLine,
  documentNumberLine,
  documentTitle,
  isNumericKind,
  recipientLines,
  type Signer,
  type TextRunSpec,
  titleLines,
  upperVi,
} from './model.js';

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
/** For centred paragraphs and two signers side by side; a page that has neither keeps the plain stylesheet. */
const STYLE_MORE = `${STYLE}  .body p.center { text-align: center; text-indent: 0; }
  .sign.pair { grid-template-columns: 1fr 1fr; }
`;
allowStyleInPage(STYLE);
allowStyleInPage(STYLE_MORE);

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
      return b.align === 'center' ? `<p class="center">${runsHtml(b.runs)}</p>` : `<p>${runsHtml(b.runs)}</p>`;
    case 'caption':
      return `<p class="caption">${escapeHtml(b.text)}</p>`;
    case 'table':
      return tableHtml(b.columns, b.rows, (i) => isNumericKind(b.kinds[i]));
  }
}

function signerHtml(s: Signer): string {
  return `<div class="signer">${titleLines(s).map((t) => `<p>${escapeHtml(upperVi(t))}</p>`).join('')}<p class="name">${escapeHtml(s.name)}</p></div>`;
}

function recipientsHtml(recipients: readonly string[] | undefined): string {
  if (!recipients) return '<div class="to"></div>';
  return `<div class="to"><strong>Nơi nhận:</strong>${recipientLines(recipients)
    .map((r) => `<p>${escapeHtml(r)}</p>`)
    .join('')}</div>`;
}

function signatureHtml(doc: DecreeDocument): string {
  const s = doc.signature;
  if (s.layout === 'single') {
    return `<div class="sign">
  ${recipientsHtml(doc.recipients)}
  ${signerHtml(s.signer)}
</div>`;
  }
  const pair = `<div class="sign pair">
  ${signerHtml(s.left)}
  ${signerHtml(s.right)}
</div>`;
  return doc.recipients ? `${pair}\n<div class="sign">\n  ${recipientsHtml(doc.recipients)}\n</div>` : pair;
}

function appendixHtml(a: AppendixSection): string {
  return `<section class="sheet${a.landscape === false ? '' : ' landscape'} appendix">
<h1>${escapeHtml(a.title)}</h1>
${a.subtitle ? `<p class="sub">${escapeHtml(a.subtitle)}</p>\n` : ''}${a.tables
    .map((t) => `<h2>${escapeHtml(t.title)}</h2>\n${tableHtml(t.columns, t.rows, (i) => isNumericKind(t.kinds[i]))}`)
    .join('\n')}
</section>`;
}

/** A complete HTML document (suitable for an iframe's srcdoc) previewing the document. */
export function renderHtml(doc: DecreeDocument): string {
  const e = escapeHtml;
  const body = basicBlocks(doc.body);
  const more = doc.signature.layout === 'pair' || body.some((b) => b.kind === 'para' && b.align === 'center');
  const head = `<div class="head">
  <div>
    <p class="small">${e(upperVi(doc.issuer.parentBody))}</p>
    <p class="small"><strong>${e(upperVi(doc.issuer.name))}</strong></p>
    <div class="rule"></div>
    <p>${e(documentNumberLine(doc.number, doc.issuer.short, doc.type.symbol))}</p>
  </div>
  <div>
    <p class="small"><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong></p>
    <p><strong>Độc lập - Tự do - Hạnh phúc</strong></p>
    <div class="rule motto-rule"></div>
    <p><em>${e(documentDateLine(doc.place, doc.date))}</em></p>
  </div>
</div>`;
  const appendices = (doc.appendices ?? []).filter((a) => a.tables.length > 0);
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${e(documentTitle(doc))}</title>
<style>${more ? STYLE_MORE : STYLE}</style>
</head>
<body>
<section class="sheet">
${head}
<p class="title">${e(doc.type.name)}</p>
<p class="subject">${e(doc.summary)}</p>
<div class="subject-rule"></div>
<div class="body">
${body.map(blockHtml).join('\n')}
</div>
${signatureHtml(doc)}
</section>
${appendices.map(appendixHtml).join('\n')}
</body>
</html>
`;
}
