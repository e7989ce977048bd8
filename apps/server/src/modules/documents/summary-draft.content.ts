/**
 * The summary report as the office edits it: the compiled report (summary-report.content.ts) cut into sections at
 * its headings, each section's text as a small HTML (paragraphs, bold, italic, lists) in which the figures said in
 * prose are fields — `<span data-field="CODE.slot">1.466</span>` — and back again into the Decree 30 document.
 *
 * - compileSections: the body of a freshly compiled report as sections; the sentences a sector opens with carry
 *   their figures as fields (figure-sentences.ts marks them); a sector's key-figure table is not text: the section
 *   says it has one (`table`), and the document draws it from the figures the draft currently holds.
 * - sanitizeSectionHtml: what the editor sends, cleaned by an allow-list; a field keeps only its key (its text is the
 *   server's, written by withFields).
 * - withFields: the fields' texts written into the sections (after a refresh, only the spans change).
 * - draftDocument: the document of the edited text, the header, tables and appendix from the compiled report.
 */
import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';
import { markedParts } from '../reports/figure-sentences.js';
import type { Block, DecreeDocument, TextRunSpec } from './kit/model.js';
import type { SummaryReportInput } from './summary-report.model.js';
import { keyFigureBlocks, reportBody, summaryReportDocument } from './summary-report.content.js';

export interface DraftSection {
  /** 'I', 'I.1', 'II', 'IV.2' … from the heading's numbering; stable for the draft's life. */
  readonly key: string;
  readonly level: 1 | 2;
  readonly heading: string;
  readonly html: string;
  /** A key-figure table follows the text (drawn from the report's figures, not editable). */
  readonly table: boolean;
  /** The sector whose figures the table shows (part I). */
  readonly sector?: string | null;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function runsHtml(runs: readonly TextRunSpec[]): string {
  return runs.map((r) => {
    let t = esc(r.text);
    if (r.italic) t = `<em>${t}</em>`;
    if (r.bold) t = `<strong>${t}</strong>`;
    return t;
  }).join('');
}

/** A marked sentence ('…\u0001KEY\u0002text\u0003…') as HTML with field spans. */
export function markedHtml(marked: string): string {
  return markedParts(marked).map((p) => ('field' in p ? `<span data-field="${esc(p.field)}">${esc(p.text)}</span>` : esc(p.text))).join('');
}

/** The body of a compiled report as editable sections. */
export function compileSections(input: SummaryReportInput): DraftSection[] {
  const out: { key: string; level: 1 | 2; heading: string; html: string[]; table: boolean; sector: string | null }[] = [];
  let part = '';
  let inResults = false;
  for (const b of reportBody(input)) {
    if (b.kind === 'heading') {
      const num = /^([IVX]+|\d+)\./u.exec(b.text)?.[1] ?? String(out.length + 1);
      if (b.level === 1) {
        part = num;
        inResults = /KẾT QUẢ ĐẠT ĐƯỢC/u.test(b.text);
      }
      const key = b.level === 1 ? num : `${part}.${num}`;
      const sector = inResults && b.level === 2 ? input.sectors[Number(num) - 1]?.name ?? null : null;
      out.push({ key, level: b.level, heading: b.text, html: [], table: false, sector });
      continue;
    }
    const s = out[out.length - 1];
    if (!s) continue; // the body always opens with a heading
    if (b.kind === 'table') s.table = true;
    else if (b.kind === 'para') {
      const sector = s.sector ? input.sectors.find((x) => x.name === s.sector) : null;
      const plain = (sector?.sentences ?? []).map((t) => t.trim()).filter(Boolean).join(' ');
      const isOpening = !!sector && s.html.length === 0 && plain !== '' && b.runs.map((r) => r.text).join('') === plain && !!sector.markedSentences?.length;
      s.html.push(`<p>${isOpening ? sector!.markedSentences!.map((m) => markedHtml(m.trim())).join(' ') : runsHtml(b.runs)}</p>`);
    }
    // a caption belongs to its table, drawn with it
  }
  return out.map((s) => ({ key: s.key, level: s.level, heading: s.heading, html: s.html.join(''), table: s.table, sector: s.sector }));
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'span'],
  allowedAttributes: { span: ['data-field'] },
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'title', 'head'],
  transformTags: { b: 'strong', i: 'em', div: 'p', h1: 'p', h2: 'p', h3: 'p', h4: 'p', h5: 'p', h6: 'p' },
};

/**
 * A section's HTML as stored: the allow-list above; a span that is not one of the draft's fields gives way to its
 * text; a field's text is left for withFields to write. Control characters go, text is NFC.
 */
export function sanitizeSectionHtml(html: string, fields: ReadonlySet<string>): string {
  const clean = sanitizeHtml(html.normalize('NFC').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ''), {
    ...SANITIZE,
    exclusiveFilter: undefined,
    transformTags: {
      ...SANITIZE.transformTags,
      span: (tagName, attribs): sanitizeHtml.Tag => {
        const key = attribs['data-field'];
        return key && fields.has(key) ? { tagName, attribs: { 'data-field': key } } : { tagName: 'x-text', attribs: {} };
      },
    },
  });
  return clean.replace(/<p>\s*<\/p>/g, '').trim();
}

/** The fields' texts written into the sections' spans (a field without a text keeps what it shows). */
export function withFields<T extends { html: string }>(sections: readonly T[], fields: Readonly<Record<string, string>>): T[] {
  return sections.map((s) => ({
    ...s,
    html: s.html.replace(/<span data-field="([^"]*)">([^<]*)<\/span>/g, (all, key: string) => {
      const k = key.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      return Object.hasOwn(fields, k) ? `<span data-field="${key}">${esc(fields[k]!)}</span>` : all;
    }),
  }));
}

// ── Back to the document ─────────────────────────────────────────────────────────────────────────────────────

type Style = { bold: boolean; italic: boolean };

/** The paragraphs of a section's HTML as the kit's blocks: a list item a '- ' (or '1. ') paragraph, a line break a new paragraph. */
export function htmlBlocks(html: string, fields: Readonly<Record<string, string>>): Block[] {
  const out: Block[] = [];
  let runs: TextRunSpec[] = [];
  const flush = () => {
    const text = runs.map((r) => r.text).join('');
    if (text.trim()) {
      const first = runs.findIndex((r) => r.text.trim());
      const trimmed = runs.slice(first).map((r, i) => ({ ...r, text: (i === 0 ? r.text.trimStart() : r.text) }))
        .map((r, i, a) => (i === a.length - 1 ? { ...r, text: r.text.trimEnd() } : r));
      out.push({ kind: 'para', runs: merge(trimmed) });
    }
    runs = [];
  };
  const add = (text: string, st: Style) => {
    const t = text.replace(/\s+/g, ' ');
    if (t) runs.push({ text: t, ...(st.bold ? { bold: true } : {}), ...(st.italic ? { italic: true } : {}) });
  };
  const walk = (nodes: readonly ChildNode[], st: Style, list: { ordered: boolean; n: number } | null) => {
    for (const node of nodes) {
      if (node.type === 'text') {
        add((node as unknown as { data: string }).data, st);
        continue;
      }
      if (node.type !== 'tag') continue;
      const el = node as Element;
      switch (el.name) {
        case 'p':
          flush();
          walk(el.children, st, list);
          flush();
          break;
        case 'br':
          flush();
          break;
        case 'strong':
          walk(el.children, { ...st, bold: true }, list);
          break;
        case 'em':
          walk(el.children, { ...st, italic: true }, list);
          break;
        case 'span': {
          const key = el.attribs['data-field'];
          const text = key && Object.hasOwn(fields, key) ? fields[key]! : textOf(el);
          add(text, st);
          break;
        }
        case 'ul':
        case 'ol': {
          flush();
          const own = { ordered: el.name === 'ol', n: 0 };
          for (const li of el.children) {
            if (li.type !== 'tag' || (li as Element).name !== 'li') continue;
            own.n++;
            add(own.ordered ? `${own.n}. ` : '- ', { bold: false, italic: false });
            walk((li as Element).children, st, own);
            flush();
          }
          break;
        }
        default:
          walk(el.children, st, list);
      }
    }
  };
  walk(parseDocument(html, { decodeEntities: true }).children, { bold: false, italic: false }, null);
  flush();
  return out;
}

function textOf(el: Element): string {
  return el.children.map((c: ChildNode) => (c.type === 'text' ? (c as unknown as { data: string }).data : c.type === 'tag' ? textOf(c as Element) : '')).join('');
}

/** Neighbouring runs of the same style become one. */
function merge(runs: TextRunSpec[]): TextRunSpec[] {
  const out: TextRunSpec[] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (last && !!last.bold === !!r.bold && !!last.italic === !!r.italic) out[out.length - 1] = { ...last, text: last.text + r.text };
    else out.push(r);
  }
  return out.map((r) => ({ ...r, text: r.text.replace(/ {2,}/g, ' ') }));
}

/** The edited report as the kit's document: the sections' text, each sector's key-figure table after its text. */
export function draftDocument(input: SummaryReportInput, sections: readonly DraftSection[], fields: Readonly<Record<string, string>>): DecreeDocument {
  const base = summaryReportDocument(input);
  const body: Block[] = [];
  for (const s of sections) {
    body.push({ kind: 'heading', level: s.level, text: s.heading });
    body.push(...htmlBlocks(s.html, fields));
    const sector = s.table && s.sector ? input.sectors.find((x) => x.name === s.sector) : null;
    if (sector) body.push(...keyFigureBlocks(sector, input.period));
  }
  return { ...base, body, description: input.number ? 'Báo cáo tổng kết' : base.description };
}
