/**
 * The open figures as HTML (charts drawn here as inline SVG: no script, a title and a description for screen readers,
 * and the same numbers in a table beside each chart), and as the CSV and JSON downloads with their licence.
 */
import { compareVi, formatNumber, formatPercent, periodLabel, periodShortLabel } from '@nhip/contracts';
import { csvLine } from '../../platform/spreadsheet-safe.js';
import { type FigureData, type FigureRecord, type Point, type UnitPoint, UNIT_LEVEL, latestYear } from './figures.service.js';
import { type Html, type Publisher, h, raw } from './portal.html.js';
import type { Figure } from './figures.service.js';

export const LICENSE = {
  name: 'Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)',
  id: 'CC-BY-4.0',
  url: 'https://creativecommons.org/licenses/by/4.0/deed.vi',
};

export const RELEASE_RULE =
  'Chỉ công bố số liệu đã được phê duyệt, của các kỳ đã kết thúc và mọi đợt báo cáo trong kỳ đã được Sở đóng (báo cáo của kỳ đã được duyệt). ' +
  'Số liệu năm và quý được tổng hợp từ báo cáo định kỳ của các đơn vị theo đúng cách tính của hệ thống phân tích số liệu.';

/** A figure's value as printed: indicators with their decimals ('94,3%' for a percentage), elements as counted. */
export function shown(f: Figure, value: number): string {
  if (f.kind === 'indicator') return f.uom === '%' ? formatPercent(value, f.decimals ?? 1) : formatNumber(value, { decimals: f.decimals ?? 1 });
  return formatNumber(value, { maxDecimals: 2 });
}

const withUom = (f: Figure, value: number) => (f.uom && f.uom !== '%' ? `${shown(f, value)} ${f.uom}` : shown(f, value));

const KIND = { element: 'Chỉ tiêu', indicator: 'Chỉ số' } as const;
const AGGREGATION: Record<string, string> = {
  SUM: 'cộng dồn các kỳ và các đơn vị',
  LAST: 'số liệu cuối kỳ của mỗi đơn vị, cộng các đơn vị',
  AVERAGE: 'trung bình các giá trị',
  AVERAGE_SUM_ORG_UNIT: 'trung bình theo thời gian, cộng các đơn vị',
  MIN: 'giá trị nhỏ nhất',
  MAX: 'giá trị lớn nhất',
  NONE: 'giá trị báo cáo đúng kỳ, không tổng hợp',
};

function method(f: Figure): string {
  if (f.kind === 'indicator') return `chỉ số tính từ các chỉ tiêu đã tổng hợp (tử số ÷ mẫu số), làm tròn ${f.decimals ?? 1} chữ số thập phân`;
  return AGGREGATION[f.aggregation_type ?? 'SUM'] ?? '';
}

// ───────────────────────── charts ─────────────────────────

/** Round numbers for the axis: 0, step, 2·step … ≥ max. */
function ticks(min: number, max: number): number[] {
  const span = Math.max(max - min, Math.abs(max) || 1);
  const raw0 = span / 4;
  const mag = 10 ** Math.floor(Math.log10(raw0));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw0)!;
  const lo = Math.floor(min / step) * step;
  const out: number[] = [];
  for (let v = lo; v < max + step * 0.999; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/**
 * A bar chart as inline SVG: role="img" named by its <title> and described by its <desc> (every value, in words),
 * colours from the stylesheet (classes, no style attribute).
 */
export function barChart(o: { id: string; title: string; f: Figure; points: Point[]; valueLabels: boolean; alt?: boolean }): Html {
  const id = `bieu-do-${o.id}`;
  const W = 720;
  const H = 280;
  const left = 78;
  const right = 12;
  const top = 24;
  const bottom = 44;
  const values = o.points.map((p) => p.value);
  const t = ticks(Math.min(0, ...values), Math.max(0, ...values));
  const lo = t[0]!;
  const hi = t.at(-1)!;
  const y = (v: number) => top + (H - top - bottom) * (1 - (v - lo) / (hi - lo || 1));
  const slot = (W - left - right) / Math.max(o.points.length, 1);
  const barW = Math.min(56, slot * 0.64);
  const desc = `${o.title}. ${o.points.map((p) => `${periodLabel(p.period, 'vi')}: ${withUom(o.f, p.value)}`).join('; ')}.`;
  const grid = t.map((v) => h`<line class="grid" x1="${left}" x2="${W - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/>
<text x="${left - 8}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${formatNumber(v, { maxDecimals: 2 })}</text>`);
  const bars = o.points.map((p, i) => {
    const x = left + slot * i + (slot - barW) / 2;
    const y0 = y(Math.max(0, lo));
    const y1 = y(p.value);
    const top1 = Math.min(y0, y1);
    return h`<rect class="${o.alt ? 'bar alt' : 'bar'}" x="${x.toFixed(1)}" y="${top1.toFixed(1)}" width="${barW.toFixed(1)}" height="${Math.max(Math.abs(y0 - y1), 0.5).toFixed(1)}"/>
<text x="${(x + barW / 2).toFixed(1)}" y="${H - bottom + 18}" text-anchor="middle">${periodShortLabel(p.period, 'vi')}</text>${
      o.valueLabels ? h`\n<text class="value" x="${(x + barW / 2).toFixed(1)}" y="${(top1 - 6).toFixed(1)}" text-anchor="middle">${shown(o.f, p.value)}</text>` : ''}`;
  });
  return h`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${`${id}-t ${id}-d`}" xmlns="http://www.w3.org/2000/svg">
<title id="${`${id}-t`}">${o.title}</title>
<desc id="${`${id}-d`}">${desc}</desc>
${grid}
<line class="axis" x1="${left}" x2="${W - right}" y1="${y(Math.max(0, lo)).toFixed(1)}" y2="${y(Math.max(0, lo)).toFixed(1)}"/>
${bars}
</svg>`;
}

function seriesTable(caption: string, f: Figure, points: Point[]): Html {
  return h`<div class="scroll"><table class="data">
<caption>${caption}</caption>
<thead><tr><th scope="col">Kỳ</th><th scope="col" class="num">${f.uom ? `Giá trị (${f.uom})` : 'Giá trị'}</th></tr></thead>
<tbody>
${points.map((p) => h`<tr><th scope="row">${periodLabel(p.period, 'vi')}</th><td class="num">${shown(f, p.value)}</td></tr>\n`)}</tbody>
</table></div>`;
}

// ───────────────────────── pages ─────────────────────────

export function figuresIndexBody(p: Publisher, items: FigureData[]): Html {
  const bySector = new Map<string, FigureData[]>();
  for (const d of items) {
    const key = d.figure.sector_name ?? 'Chỉ tiêu chung';
    bySector.set(key, [...(bySector.get(key) ?? []), d]);
  }
  const list = [...bySector.entries()].map(([sector, ds]) => h`<h2>${sector}</h2>
<ul class="figures">
${ds.map((d) => {
    const last = latestYear(d);
    return h`<li><a href="${`/so-lieu/${encodeURIComponent(d.figure.code)}`}">${d.figure.name}</a>${d.figure.uom ? h` <span class="muted">(${d.figure.uom})</span>` : ''}<br>
${last ? h`<span class="meta">${periodLabel(last.period, 'vi')}: </span><span class="value">${withUom(d.figure, last.value)}</span>` : h`<span class="meta">Chưa có kỳ nào được công bố.</span>`}</li>\n`;
  })}</ul>`);
  return h`<h1>Số liệu công khai</h1>
<p class="lead">Các chỉ tiêu, chỉ số của ngành do ${p.department} công bố: tổng số toàn tỉnh theo năm và theo quý, kèm bảng theo đơn vị, có thể tải về để dùng lại.</p>
${items.length ? list : h`<p class="empty">Hiện chưa có chỉ tiêu nào được công khai.</p>`}
${aboutData(p)}`;
}

function aboutData(p: Publisher): Html {
  return h`<h2>Giấy phép và cách dùng dữ liệu</h2>
<p>Dữ liệu trên trang này được cung cấp theo giấy phép <a href="${LICENSE.url}" rel="license">${LICENSE.name}</a>: được tự do sao chép, phân phối, chỉnh sửa và dùng cho mọi mục đích, kể cả thương mại, với điều kiện ghi rõ nguồn: “${p.department}, ${p.province}”.</p>
<p>${RELEASE_RULE}</p>
<p>Danh mục dữ liệu dạng máy đọc: <a href="/so-lieu/danh-muc.json">danh-muc.json</a>.</p>`;
}

export function figureBody(p: Publisher, d: FigureData, units: UnitPoint[], unitPeriodId: string | null): Html {
  const f = d.figure;
  const code = encodeURIComponent(f.code);
  const quarterChart = d.quarterly.slice(-12);
  const unitPeriod = [...d.years, ...d.quarters].find((x) => x.id === unitPeriodId) ?? null;
  const sortedUnits = [...units].sort((a, b) => compareVi(a.unit.name, b.unit.name));
  const periodOptions = [...d.years].reverse().concat([...d.quarters].reverse());
  const unitSection = f.public_level >= UNIT_LEVEL
    ? h`<h2 id="theo-don-vi">Theo đơn vị</h2>
${periodOptions.length ? h`<form class="period" method="get" action="${`/so-lieu/${code}`}">
<label for="ky">Kỳ</label>
<select id="ky" name="ky">
${periodOptions.map((x) => h`<option value="${x.id}"${x.id === unitPeriodId ? raw(' selected') : ''}>${periodLabel(x, 'vi')}</option>\n`)}</select>
<button type="submit">Xem</button>
</form>` : ''}
${unitPeriod && sortedUnits.length
    ? h`<div class="scroll"><table class="data">
<caption>${f.name} theo đơn vị, ${periodLabel(unitPeriod, 'vi').toLocaleLowerCase('vi')}</caption>
<thead><tr><th scope="col">Đơn vị</th><th scope="col" class="num">${f.uom ? `Giá trị (${f.uom})` : 'Giá trị'}</th></tr></thead>
<tbody>
${sortedUnits.map((u) => h`<tr><th scope="row">${u.unit.name}</th><td class="num">${shown(f, u.value)}</td></tr>\n`)}</tbody>
</table></div>`
    : h`<p class="empty">Chưa có số liệu theo đơn vị của kỳ này.</p>`}`
    : '';
  return h`<p class="meta"><a href="/so-lieu">Số liệu công khai</a> › ${f.sector_name ?? 'Chỉ tiêu chung'}</p>
<h1>${f.name}</h1>
${f.description ? h`<p class="lead">${f.description}</p>` : ''}
<dl class="about">
<dt>Loại</dt><dd>${KIND[f.kind]}${f.uom ? `, đơn vị tính: ${f.uom}` : ''}</dd>
<dt>Phạm vi</dt><dd>${d.province.name}${f.public_level >= UNIT_LEVEL ? ', và các đơn vị cấp dưới trực tiếp' : ''}</dd>
<dt>Cách tính</dt><dd>${method(f)}</dd>
<dt>Nguồn</dt><dd>Báo cáo định kỳ của các đơn vị gửi ${p.department}, đã được phê duyệt</dd>
</dl>
<ul class="downloads">
<li><a href="${`/so-lieu/${code}/du-lieu.csv`}" download>Tải về CSV</a></li>
<li><a href="${`/so-lieu/${code}/du-lieu.json`}" download>Tải về JSON</a></li>
</ul>
<h2>Toàn tỉnh theo năm</h2>
${d.yearly.length
    ? [barChart({ id: 'nam', title: `${f.name}, toàn tỉnh theo năm`, f, points: d.yearly, valueLabels: true }), seriesTable(`${f.name}, toàn tỉnh theo năm`, f, d.yearly)]
    : h`<p class="empty">Chưa có năm nào được công bố.</p>`}
<h2>Toàn tỉnh theo quý</h2>
${d.quarterly.length
    ? [barChart({ id: 'quy', title: `${f.name}, toàn tỉnh theo quý${d.quarterly.length > quarterChart.length ? ` (${quarterChart.length} quý gần nhất)` : ''}`, f, points: quarterChart, valueLabels: false, alt: true }),
      seriesTable(`${f.name}, toàn tỉnh theo quý`, f, d.quarterly)]
    : h`<p class="empty">Chưa có quý nào được công bố.</p>`}
${unitSection}
${aboutData(p)}`;
}

// ───────────────────────── downloads ─────────────────────────

/** The figure as open data: what it is, who publishes it, under which licence, and every published value. */
export function figureJson(p: Publisher, d: FigureData, rows: FigureRecord[], generatedAt: Date) {
  const f = d.figure;
  return {
    code: f.code,
    title: f.name,
    titleEn: f.name_en,
    kind: f.kind === 'element' ? 'data_element' : 'indicator',
    description: f.description,
    unitOfMeasure: f.uom,
    sector: f.sector_name,
    method: method(f),
    publisher: { name: p.department, parent: p.parentBody, province: p.province },
    license: { id: LICENSE.id, name: LICENSE.name, url: LICENSE.url, attribution: `${p.department}, ${p.province}` },
    releaseRule: RELEASE_RULE,
    page: `${p.base}/so-lieu/${encodeURIComponent(f.code)}`,
    generatedAt: generatedAt.toISOString(),
    levels: { 1: d.province.name, ...(f.public_level >= UNIT_LEVEL ? { [UNIT_LEVEL]: 'các đơn vị cấp dưới trực tiếp của tỉnh' } : {}) },
    values: rows,
  };
}

export const CSV_HEADER = ['ma_chi_tieu', 'ten_chi_tieu', 'ky', 'ten_ky', 'ma_don_vi', 'ten_don_vi', 'cap_don_vi', 'gia_tri', 'don_vi_tinh'];

/** CSV, UTF-8 with a BOM (so spreadsheet programs read the Vietnamese), one line per value; the licence in the JSON and on the page. */
export function figureCsv(d: FigureData, rows: FigureRecord[]): string {
  const f = d.figure;
  const lines = [CSV_HEADER, ...rows.map((r) => [f.code, f.name, r.period, r.periodName, r.orgUnit, r.orgUnitName, r.level, r.value, f.uom ?? ''])];
  return `\uFEFF${lines.map((l) => csvLine(l)).join('\n')}\n`;
}

/** The catalogue of the open figures (a small DCAT-like list), for machines. */
export function catalogJson(p: Publisher, items: FigureData[]) {
  return {
    title: `Số liệu công khai — ${p.department}`,
    publisher: { name: p.department, parent: p.parentBody, province: p.province },
    license: { id: LICENSE.id, name: LICENSE.name, url: LICENSE.url },
    releaseRule: RELEASE_RULE,
    datasets: items.map((d) => ({
      code: d.figure.code,
      title: d.figure.name,
      kind: d.figure.kind === 'element' ? 'data_element' : 'indicator',
      unitOfMeasure: d.figure.uom,
      sector: d.figure.sector_name,
      page: `${p.base}/so-lieu/${encodeURIComponent(d.figure.code)}`,
      csv: `${p.base}/so-lieu/${encodeURIComponent(d.figure.code)}/du-lieu.csv`,
      json: `${p.base}/so-lieu/${encodeURIComponent(d.figure.code)}/du-lieu.json`,
      periods: [...d.years, ...d.quarters].map((x) => x.id),
    })),
  };
}
