/**
 * The article drafted from a concluded conference, in our own words, from the record alone:
 * - the title in the department's pattern: '<Sở …> tổ chức <Hội nghị tổng kết công tác năm 2025 và triển khai nhiệm vụ năm 2026>';
 * - the lead: the day (morning or afternoon), the place, the chair, the provincial leaders who attended, the invited
 *   units counted by type, and the delegates checked in;
 * - the draft report: who presented it, the secretary's notes on it, and three to five key figures of the period
 *   taken from the summary report's own analytics (assembleSummaryReport: approved data at the province root, the
 *   same numbers GET /api/analytics gives), written 1.634 and 94,3%;
 * - the presentations by unit; the main difficulties raised in the discussion;
 * - the awards counted by form: the issued award decisions handed out at the conference when there are any, else
 *   what the secretary noted on the awards item;
 * - the leader's directive and the director's conclusion (conference_points).
 * The editor rewrites it freely: it is a draft.
 */
import { conferencePeriodWording, conferenceTitle, formatDate, formatNumber, UNIT_TYPE_LABELS, type UnitType } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { formatValue } from '../analytics/analytics.presenter.js';
import { conflict } from '../../platform/errors.js';
import { type ConferenceFacts, conferenceFacts } from '../conferences/documents.data.js';
import { guestLine, joinVi, sentence } from '../conferences/documents.wording.js';
import type { ConferenceRow } from '../conferences/conferences.repository.js';
import { sectorDx, provinceRoot } from '../reports/summary-report.repository.js';
import { assembleSummaryReport } from '../reports/summary-report.service.js';
import { newsRepo } from './news.repository.js';
import { escapeHtml } from './news.sanitize.js';

export type DraftFigure = { code: string; name: string; period: string; orgUnit: string; value: number; text: string };
export type ConferenceDraft = { title: string; summary: string; bodyHtml: string; tags: string[]; figures: DraftFigure[]; notes: string[] };

/** Counted units of a type in a sentence: '12 Phòng Văn hóa và Thông tin cấp huyện'. */
const TYPE_NOUN: Record<UnitType, string> = {
  province: 'cơ quan cấp tỉnh',
  department: 'sở, ngành',
  division: 'phòng chuyên môn thuộc Sở',
  it_centre: 'đơn vị sự nghiệp thuộc Sở',
  district: 'Ủy ban nhân dân cấp huyện',
  district_office: 'Phòng Văn hóa và Thông tin cấp huyện',
  media_centre: 'Trung tâm Văn hóa, Thể thao và Truyền thông cấp huyện',
  commune: 'Ủy ban nhân dân cấp xã',
  radio_station: 'đài truyền thanh cấp xã',
  enterprise: 'doanh nghiệp bưu chính, viễn thông',
  press_agency: 'cơ quan báo chí',
  other: 'đơn vị khác',
};

const MIN_FIGURES = 3;
const MAX_FIGURES = 5;
const MAX_DIFFICULTIES = 5;

const lowerFirst = (s: string) => (s ? s.charAt(0).toLocaleLowerCase('vi') + s.slice(1) : s);
const upperFirst = (s: string) => (s ? s.charAt(0).toLocaleUpperCase('vi') + s.slice(1) : s);
const bare = (s: string) => s.trim().replace(/[.;:,…]+$/u, '');
/** A proposal after "Các đơn vị cũng đề nghị:": without its own "Đề nghị/Kiến nghị" (whose object keeps its capital, 'Sở …'). */
const asked = (s: string) => {
  const rest = s.replace(/^(?:kiến nghị|đề nghị|đề xuất)\s+/iu, '');
  return rest === s ? lowerFirst(s) : rest;
};
const p = (text: string) => `<p>${escapeHtml(text)}</p>`;

/** 'Sáng ngày 08/01/2026' or 'Chiều ngày …' by the starting hour (Vietnam time). */
function dayPart(startsAt: Date, date: string): string {
  const hour = new Date(startsAt.getTime() + 7 * 3600_000).getUTCHours();
  return `${hour < 12 ? 'Sáng' : 'Chiều'} ngày ${formatDate(date)}`;
}

/** A figure as the article writes it: '94,3%', '1.634 vị trí'. */
export function figureText(value: number, decimals: number, uom: string | null): string {
  const n = formatNumber(value, { decimals });
  const unit = (uom ?? '').trim();
  if (!unit) return n;
  return unit === '%' ? `${n}%` : `${n} ${unit}`;
}

/**
 * Three to five key figures of the summary report: one per sector in the report's order (an indicator when the
 * sector has one, else its first figure), then a second round, until five. Each keeps its code for checking.
 */
async function keyFigures(db: Db, period: string, today: string): Promise<{ figures: DraftFigure[]; notes: string[] }> {
  let report: Awaited<ReturnType<typeof assembleSummaryReport>>;
  try {
    report = await assembleSummaryReport(db, { period, today });
  } catch {
    return { figures: [], notes: ['Chưa lập được dự thảo báo cáo của kỳ này nên bài chưa có số liệu; hãy bổ sung.'] };
  }
  const [dx, root] = await Promise.all([sectorDx(db), provinceRoot(db)]);
  const codeOf = (name: string, uom: string | null) => dx.find((d) => d.name === name && (d.uom ?? null) === (uom ?? null)) ?? dx.find((d) => d.name === name);
  const rounds: DraftFigure[][] = [];
  for (const sector of report.sectors) {
    const usable = sector.figures
      .filter((f) => f.current !== null && codeOf(f.name, f.uom))
      .map((f) => ({ f, d: codeOf(f.name, f.uom)! }))
      .sort((a, b) => (a.d.kind === b.d.kind ? 0 : a.d.kind === 'ind' ? -1 : 1));
    usable.forEach(({ f, d }, i) => {
      rounds[i] ??= [];
      // The value as the analytics API answers it (rounded as it rounds), and as the report writes it.
      const value = Number(formatValue(f.current as number, d.kind === 'ind' ? d.decimals : null));
      rounds[i].push({ code: d.code, name: f.name, period, orgUnit: root?.code ?? '', value, text: figureText(f.current as number, f.decimals, f.uom) });
    });
  }
  const figures = rounds.flat().slice(0, MAX_FIGURES);
  const notes = figures.length < MIN_FIGURES ? [`Dự thảo báo cáo của kỳ chỉ có ${figures.length} số liệu đã duyệt; hãy kiểm tra và bổ sung số liệu.`] : [];
  return { figures, notes };
}

/** The awards handed out: counted by form from the issued decisions of the conference, else from the awards item's notes. */
async function awardsParagraph(db: Db, f: ConferenceFacts): Promise<string | null> {
  const decided = await newsRepo.conferenceAwards(db, f.conference.id);
  const counted = (collectives: number, individuals: number) =>
    joinVi([collectives ? `${collectives} tập thể` : '', individuals ? `${individuals} cá nhân` : '']);
  if (decided.length) {
    const total = decided.reduce((s, r) => ({ c: s.c + r.collectives, i: s.i + r.individuals }), { c: 0, i: 0 });
    const parts = decided.map((r) => `${r.form} (${counted(r.collectives, r.individuals)})`);
    return `Dịp này, ${counted(total.c, total.i)} được khen thưởng: ${parts.join('; ')}.`;
  }
  const item = f.agenda.find((a) => a.kind === 'awards');
  const notes = item?.notes.trim();
  if (!notes) return null;
  // "… Bằng khen của Chủ tịch UBND tỉnh cho 2 tập thể, 4 cá nhân; Giám đốc Sở tặng Giấy khen cho 5 tập thể, 10 cá nhân …"
  // The giver, when written before the form ("Giám đốc Sở tặng Giấy khen"), names it: "Giấy khen của Giám đốc Sở".
  const re = /(?:((?:Giám đốc|Chủ tịch|Bộ trưởng|Thủ tướng|Bộ|UBND|Ủy ban)[^;,.]*?)\s+(?:tặng|trao tặng|trao)\s+)?((?:Bằng khen|Giấy khen|Cờ thi đua|Kỷ niệm chương|danh hiệu|Chiến sĩ thi đua|Lao động tiên tiến|Tập thể lao động)[^;:.]*?)\s+cho\s+(\d+)\s+(tập thể|cá nhân)(?:\s*(?:,|và)\s*(\d+)\s+(tập thể|cá nhân))?/giu;
  const forms: { form: string; c: number; i: number }[] = [];
  for (const m of notes.matchAll(re)) {
    const counts = { 'tập thể': 0, 'cá nhân': 0 } as Record<string, number>;
    counts[m[4].toLowerCase()] += Number(m[3]);
    if (m[5] && m[6]) counts[m[6].toLowerCase()] += Number(m[5]);
    const giver = m[1]?.trim();
    const form = m[2].trim();
    forms.push({ form: giver && !/\scủa\s/u.test(form) ? `${form} của ${giver}` : form, c: counts['tập thể'], i: counts['cá nhân'] });
  }
  if (!forms.length) return `Tại hội nghị, ${lowerFirst(sentence(notes))}`;
  const total = forms.reduce((s, x) => ({ c: s.c + x.c, i: s.i + x.i }), { c: 0, i: 0 });
  return `Dịp này, ${counted(total.c, total.i)} được khen thưởng: ${forms.map((x) => `${x.form} (${counted(x.c, x.i)})`).join('; ')}.`;
}

/** The invited units, counted by type: '19 đơn vị được mời: 12 Phòng Văn hóa và Thông tin cấp huyện, 5 doanh nghiệp …'. */
function invitedText(f: ConferenceFacts): string {
  const byType = new Map<string, number>();
  for (const u of f.invited) byType.set(u.type, (byType.get(u.type) ?? 0) + 1);
  const parts = [...byType].map(([type, n]) => `${n} ${TYPE_NOUN[type as UnitType] ?? UNIT_TYPE_LABELS[type as UnitType]?.vi ?? type}`);
  return `${f.invited.length} đơn vị được mời (${joinVi(parts)})`;
}

/** Drafts the article of a concluded (or closed) conference; 409 when it has not concluded yet. */
export async function draftFromConference(db: Db, c: ConferenceRow, today: string): Promise<ConferenceDraft> {
  if (c.status !== 'concluded' && c.status !== 'closed')
    throw conflict('Hội nghị chưa ban hành thông báo kết luận; bài viết được soạn từ hội nghị đã kết luận.');
  const f = await conferenceFacts(db, c);
  const wording = conferencePeriodWording(c.period);
  const meeting = conferenceTitle(c.period) ?? c.title;
  const title = `${f.department} tổ chức ${meeting}`;
  const notes: string[] = [];
  const html: string[] = [];

  // ── the lead ──
  const chair = f.chair ? `đồng chí ${f.chair.fullName}${f.chair.title ? `, ${f.chair.title}` : ''}` : null;
  // The provincial leader who gives the directive attends and directs; the other guests attend.
  const leaders = f.guests.filter((g) => g.gives_directive).map((g) => lowerFirst(guestLine(g)));
  const others = f.guests.filter((g) => !g.gives_directive).map((g) => lowerFirst(guestLine(g)));
  const lead = [
    `${dayPart(c.starts_at, f.date)}, ${f.department} tổ chức ${lowerFirst(meeting)}${c.place ? ` tại ${c.place}` : ''}.`,
    chair ? `Hội nghị do ${chair} chủ trì.` : '',
    leaders.length ? `Dự và chỉ đạo hội nghị có ${joinVi(leaders)}.` : '',
    others.length ? `Hội nghị còn có sự tham dự của ${joinVi(others)}.` : '',
    f.invited.length ? `Cùng dự có đại diện lãnh đạo ${invitedText(f)}${f.attendance.total.checkedIn ? `; tổng số đại biểu có mặt là ${f.attendance.total.checkedIn}` : ''}.` : '',
  ].filter(Boolean).join(' ');
  html.push(p(lead));
  if (!f.chair) notes.push('Hội nghị chưa ghi người chủ trì; hãy bổ sung.');

  // ── the draft report and its key figures ──
  const { figures, notes: figureNotes } = await keyFigures(db, c.period, today);
  notes.push(...figureNotes);
  const reportItem = f.agenda.find((a) => a.kind === 'draft_report');
  const presenter = reportItem?.presenter ? lowerFirst(reportItem.presenter) : null;
  const reportText = [
    presenter
      ? `Tại hội nghị, ${presenter} trình bày dự thảo báo cáo kết quả công tác ${wording?.current ?? c.period} và phương hướng nhiệm vụ ${wording?.next ?? ''}.`.replace(' .', '.')
      : `Hội nghị nghe dự thảo báo cáo kết quả công tác ${wording?.current ?? c.period} và phương hướng nhiệm vụ ${wording?.next ?? ''}.`.replace(' .', '.'),
    reportItem?.notes.trim() ? sentence(reportItem.notes) : '',
  ].filter(Boolean).join(' ');
  html.push(p(reportText));
  if (figures.length) {
    html.push(p(`Một số kết quả chủ yếu ${wording?.current ?? ''}:`.replace(' :', ':')));
    html.push(`<ul>${figures.map((x) => `<li>${escapeHtml(`${upperFirst(x.name)}: ${x.text}.`)}</li>`).join('')}</ul>`);
  }

  // ── presentations by unit ──
  const talks = f.agenda.filter((a) => a.kind === 'presentation' && (a.presenter_unit_name || a.presenter));
  if (talks.length) {
    const list = talks.map((a) => {
      const who = a.presenter_unit_name ?? a.presenter ?? '';
      const topic = bare(a.title.replace(/^tham luận\s*[:：-]?\s*/iu, ''));
      return topic && topic.toLocaleLowerCase('vi') !== who.toLocaleLowerCase('vi') ? `${who} về ${lowerFirst(topic)}` : who;
    });
    html.push(p(`Hội nghị nghe ${talks.length} tham luận: ${list.join('; ')}.`));
  }

  // ── the main difficulties discussed ──
  const raised = f.discussion.filter((d) => d.raised && d.kind === 'difficulty').slice(0, MAX_DIFFICULTIES);
  const proposals = f.discussion.filter((d) => d.raised && d.kind === 'proposal').slice(0, 3);
  if (raised.length || proposals.length) {
    const parts = [
      raised.length ? `Thảo luận tại hội nghị tập trung vào những khó khăn, vướng mắc ở cơ sở: ${raised.map((d) => lowerFirst(bare(d.text))).join('; ')}.` : '',
      proposals.length ? `Các đơn vị cũng đề nghị: ${proposals.map((d) => asked(bare(d.text))).join('; ')}.` : '',
    ];
    html.push(p(parts.filter(Boolean).join(' ')));
  }

  // ── awards ──
  const awards = await awardsParagraph(db, f);
  if (awards) html.push(p(awards));

  // ── the leader's directive ──
  const directive = f.points.filter((x) => x.source === 'directive');
  const leader = f.guests.find((g) => g.gives_directive) ?? null;
  if (leader || directive.length) {
    const who = leader ? lowerFirst(guestLine(leader)) : 'lãnh đạo tỉnh';
    const dirItem = f.agenda.find((a) => a.kind === 'directive');
    html.push(p(directive.length
      ? `Phát biểu chỉ đạo hội nghị, ${who} nêu một số nội dung:`
      : `Phát biểu chỉ đạo, ${who} ${dirItem?.notes.trim() ? lowerFirst(sentence(dirItem.notes.replace(/^Đồng chí[^,]*,?\s*/u, ''))) : 'ghi nhận kết quả ngành đạt được.'}`));
    if (directive.length) html.push(`<ul>${directive.map((x) => `<li>${escapeHtml(sentence(upperFirst(x.text)))}</li>`).join('')}</ul>`);
  }

  // ── the director's conclusion ──
  const conclusion = f.points.filter((x) => x.source === 'conclusion');
  if (conclusion.length) {
    const by = f.signer ? `đồng chí ${f.signer.fullName}${f.signer.title ? `, ${f.signer.title}` : ''}` : 'lãnh đạo Sở';
    html.push(p(`Kết luận hội nghị, ${by} đề nghị các phòng, đơn vị thực hiện:`));
    const line = (x: (typeof conclusion)[number]) =>
      x.kind === 'task' && x.owner_division_name
        ? `${bare(upperFirst(x.text))} (${x.owner_division_name} chủ trì${x.deadline ? `, hoàn thành trước ngày ${formatDate(x.deadline)}` : ''}).`
        : sentence(upperFirst(x.text));
    html.push(`<ul>${conclusion.map((x) => `<li>${escapeHtml(line(x))}</li>`).join('')}</ul>`);
  } else notes.push('Hội nghị chưa có điểm kết luận; hãy bổ sung đoạn kết luận.');

  const summary = `${f.department} tổ chức ${lowerFirst(meeting)} vào ${lowerFirst(dayPart(c.starts_at, f.date))}${f.chair ? `, do đồng chí ${f.chair.fullName} chủ trì` : ''}.`;
  const tags = [c.kind === 'annual' ? 'Hội nghị tổng kết' : 'Hội nghị sơ kết', String(Number(c.period.slice(0, 4)))];
  return { title, summary, bodyHtml: html.join('\n'), tags, figures, notes };
}
