/**
 * Demo news: what the department's portal has published by `today`.
 * - For every concluded conference (closed ones included) an article drafted by the newsroom's own generator
 *   (draftFromConference: the real figures of the period's analytics), drafted by the office once the conclusion notice
 *   is issued (the draft needs a concluded conference), approved by the director and published that afternoon or the
 *   next working day, signed by someone of the office, with one photo (two for an annual conference). The
 *   2025 annual conference (held in January 2026) is left without one: the browser journey drafts that article.
 * - Eight other items of the sector (a training course, a cyber-security drill, the digital transformation day, the
 *   press day meeting, the UPU letter-writing awards, a BTS inspection, a smart radio system handed over, a workshop
 *   for businesses), each on the most recent date of its kind before `today`; one of them corrected the next day (the
 *   old text kept as a revision); the same item posted twice by mistake and unpublished; and one article scheduled for
 *   the next working day after `today`.
 * - A handful of catalog figures marked public for the portal's open figures (/so-lieu), all of them filled by the
 *   demo's reports.
 * Everything goes through the newsroom's and the catalog's services (so the department's name at publication is the
 * one the module stores), on a Db whose audit events carry the business time of the step. Photos are generated
 * banners: each distinct one is drawn once, in the form the module's photo pipeline stores, and its bytes reused.
 */
import { createHash } from 'node:crypto';
import { type Actor, addDays, formatDate, isWorkingDay, NEWS_PHOTO_LARGE_PX, NEWS_PHOTO_THUMB_PX, type NewsActor, workingDaysAfter } from '@nhip/contracts';
import sharp from 'sharp';
import type { AuditActor } from '../../platform/audit.js';
import type { Db, Params } from '../../platform/db/index.js';
import { updateDataElement, updateIndicator } from '../catalog/elements.service.js';
import { conferencesRepo } from '../conferences/conferences.repository.js';
import { draftFromConference } from '../news/news.draft.js';
import type { ProcessedPhoto } from '../news/news.photos.js';
import { newsRepo } from '../news/news.repository.js';
import { escapeHtml } from '../news/news.sanitize.js';
import { approveArticle, correctArticle, createArticle, newsActor, publishArticle, submitArticle, unpublishArticle } from '../news/news.service.js';
import type { Catalog } from './catalog.js';
import { vnTime } from './dates.js';
import { type Org, type Unit, validOn } from './org.js';
import type { DemoPerson, People } from './people.js';
import { type Rng, rngFor } from './rng.js';
import { insertRows } from './sql.js';
import type { DemoUser, Users } from './users.js';

/** The conference whose article the browser journey writes: the 2025 annual one, held in January 2026. */
export const JOURNEY_CONFERENCE_PERIOD = '2025';

/** Figures the demo's reports fill, shown on /so-lieu: level 2 adds the table of units one level below the province. */
export const PUBLIC_FIGURES: { kind: 'element' | 'indicator'; code: string; level: 1 | 2 }[] = [
  { kind: 'element', code: 'BTS_VITRI', level: 2 },
  { kind: 'indicator', code: 'TL_THON_CAPQUANG', level: 2 },
  { kind: 'indicator', code: 'TL_THON_4G', level: 2 },
  { kind: 'indicator', code: 'TL_HS_TRUCTUYEN', level: 2 },
  { kind: 'element', code: 'BC_DOANHTHU', level: 1 },
  { kind: 'element', code: 'VT_DOANHTHU', level: 1 },
];

export type NewsCounts = {
  newsArticles: number;
  newsConferenceArticles: number;
  newsPublished: number;
  newsScheduled: number;
  newsUnpublished: number;
  newsCorrected: number;
  newsPhotos: number;
  newsAuditEvents: number;
  publicFigures: number;
};

// ───────────── the business clock for the services ─────────────

type AuditRow = [at: string, actorId: number | null, actorName: string | null, action: string, entityType: string, entityId: string | null,
  orgUnitId: number | null, before: string | null, after: string | null];
const AUDIT_INSERT = /^\s*INSERT INTO audit_events \(actor_id, actor_name, action, entity_type, entity_id, org_unit_id, before, after, ip\)/;

/**
 * The database as a service sees it at `at`: its audit events are gathered (written later, dated `at`) instead of
 * being dated by the wall clock. The news and catalog services write nothing else that carries the time of day.
 */
function dated(db: Db, at: Date, sink: AuditRow[]): Db {
  const pass = (sql: string, params: Params = []): boolean => {
    if (!/^\s*INSERT INTO audit_events\b/.test(sql)) return true;
    if (!AUDIT_INSERT.test(sql)) throw new Error(`demo news: unexpected audit insert: ${sql.slice(0, 160)}`);
    const p = params as unknown[];
    sink.push([at.toISOString(), p[0] as number | null, p[1] as string | null, p[2] as string, p[3] as string, p[4] as string | null, p[5] as number | null,
      p[6] as string | null, p[7] as string | null]);
    return false;
  };
  return {
    kind: db.kind,
    get inTransaction() {
      return db.inTransaction;
    },
    query: async <T>(sql: string, params?: Params) => (pass(sql, params) ? db.query<T>(sql, params) : []),
    one: <T>(sql: string, params?: Params) => {
      if (!pass(sql, params)) throw new Error('demo news: an audit insert returns no row');
      return db.one<T>(sql, params);
    },
    maybeOne: async <T>(sql: string, params?: Params) => (pass(sql, params) ? db.maybeOne<T>(sql, params) : null),
    exec: (sql: string) => db.exec(sql),
    tx: <T>(fn: (t: Db) => Promise<T>) => db.tx((t) => fn(dated(t, at, sink))),
    close: () => db.close(),
  };
}

type Ctx = {
  db: Db;
  org: Org;
  people: People;
  today: string;
  /** Nothing in the demo happens after this instant (07:30 on `today`, as the rest of the demo). */
  nowBound: number;
  holidays: string[];
  audit: AuditRow[];
  office: { actor: NewsActor; by: AuditActor; user: DemoUser };
  director: { actor: NewsActor; by: AuditActor; user: DemoUser };
  photos: Map<PhotoKind, ProcessedPhoto>;
  counts: { photos: number };
};

const at = (date: string, hour: number, minute = 0) => new Date(vnTime(date, hour, minute));
const on = (ctx: Ctx, when: Date) => dated(ctx.db, when, ctx.audit);
const minutes = (d: Date, n: number) => new Date(d.getTime() + n * 60_000);

async function actorOf(db: Db, u: DemoUser) {
  const actor: Actor = { id: u.id, role: u.role as Actor['role'], orgUnitId: u.unit.id };
  return { actor: await newsActor(db, actor), by: { id: u.id, name: u.username }, user: u };
}

// ───────────── photos: generated banners ─────────────

type PhotoKind = 'hall' | 'awards' | 'class' | 'drill' | 'tower' | 'festival' | 'press' | 'speaker';

/** What each banner shows, in a word, and its colours. */
const BANNERS: Record<PhotoKind, { label: string; bg: [string, string]; accent: string }> = {
  hall: { label: 'Hội nghị', bg: ['#7a1f1f', '#b23a2e'], accent: '#f4c542' },
  awards: { label: 'Khen thưởng', bg: ['#8a5a00', '#c98b12'], accent: '#fff3c4' },
  class: { label: 'Tập huấn kỹ năng số', bg: ['#0f4c5c', '#1f7a8c'], accent: '#e1f2f5' },
  drill: { label: 'An toàn thông tin mạng', bg: ['#111d35', '#27406b'], accent: '#5fd3a8' },
  tower: { label: 'Hạ tầng viễn thông', bg: ['#1d3f6e', '#3b73b9'], accent: '#dfeaf7' },
  festival: { label: 'Ngày Chuyển đổi số', bg: ['#0b5d3b', '#1e9a62'], accent: '#f6ffde' },
  press: { label: 'Báo chí', bg: ['#3d2a5c', '#6a4c93'], accent: '#f1e9ff' },
  speaker: { label: 'Truyền thanh cơ sở', bg: ['#5c3b1e', '#9c6b37'], accent: '#fdf0e0' },
};

/** A 1200 × 675 banner: two flat colours (flat areas keep the JPEG small), a few shapes standing for the scene, the label and "Ảnh minh họa". */
function bannerSvg(kind: PhotoKind, province: string): string {
  const b = BANNERS[kind];
  const shapes: Record<PhotoKind, string> = {
    hall: `<rect x="150" y="120" width="900" height="90" rx="8" fill="${b.accent}" opacity="0.9"/>`
      + Array.from({ length: 5 }, (_, r) => Array.from({ length: 9 }, (_, c) => `<circle cx="${190 + c * 102}" cy="${300 + r * 45}" r="16" fill="#fff" opacity="${0.35 + r * 0.1}"/>`).join('')).join(''),
    awards: [300, 500, 700, 900].map((x) => `<rect x="${x - 50}" y="170" width="100" height="140" rx="6" fill="${b.accent}"/><circle cx="${x}" cy="140" r="28" fill="#fff" opacity="0.8"/>`).join(''),
    class: `<rect x="180" y="110" width="840" height="200" rx="10" fill="${b.accent}" opacity="0.9"/>`
      + Array.from({ length: 3 }, (_, r) => Array.from({ length: 6 }, (_, c) => `<rect x="${220 + c * 130}" y="${350 + r * 60}" width="90" height="34" rx="4" fill="#fff" opacity="0.55"/>`).join('')).join(''),
    drill: Array.from({ length: 3 }, (_, c) => `<rect x="${150 + c * 320}" y="140" width="260" height="170" rx="8" fill="#0a1222" stroke="${b.accent}" stroke-width="4"/>`
      + `<polyline points="${170 + c * 320},280 ${220 + c * 320},230 ${270 + c * 320},260 ${330 + c * 320},190 ${390 + c * 320},210" fill="none" stroke="${b.accent}" stroke-width="5"/>`).join(''),
    tower: `<polygon points="600,90 540,470 660,470" fill="none" stroke="${b.accent}" stroke-width="10"/><line x1="560" y1="330" x2="640" y2="330" stroke="${b.accent}" stroke-width="8"/>`
      + [60, 100, 140].map((r) => `<path d="M ${600 - r} ${130 - r / 3} A ${r} ${r} 0 0 1 ${600 + r} ${130 - r / 3}" fill="none" stroke="#fff" stroke-width="6" opacity="0.6"/>`).join(''),
    festival: [220, 440, 660, 880].map((x, i) => `<polygon points="${x},160 ${x + 90},230 ${x - 90},230" fill="${i % 2 ? '#fff' : b.accent}"/><rect x="${x - 80}" y="230" width="160" height="160" fill="#fff" opacity="0.5"/>`).join(''),
    press: `<ellipse cx="600" cy="300" rx="380" ry="120" fill="${b.accent}" opacity="0.85"/>`
      + Array.from({ length: 10 }, (_, i) => `<circle cx="${600 + 430 * Math.cos((i / 10) * 2 * Math.PI)}" cy="${300 + 160 * Math.sin((i / 10) * 2 * Math.PI)}" r="22" fill="#fff" opacity="0.7"/>`).join(''),
    speaker: `<rect x="585" y="160" width="30" height="320" fill="${b.accent}"/>`
      + [[470, 170], [730, 170], [470, 260], [730, 260]].map(([x, y]) => `<polygon points="${x - 60},${y} ${x + 60},${y - 40} ${x + 60},${y + 40}" fill="#fff" opacity="0.8"/>`).join(''),
  };
  const text = (s: string) => escapeHtml(s);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">
<rect width="1200" height="675" fill="${b.bg[0]}"/><polygon points="1200,0 1200,675 500,675" fill="${b.bg[1]}"/>${shapes[kind]}
<rect x="0" y="545" width="1200" height="130" fill="#000" opacity="0.35"/>
<text x="60" y="610" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-size="46" font-weight="bold" fill="#fff">${text(b.label)}</text>
<text x="60" y="652" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-size="26" fill="#fff" opacity="0.85">${text(`Ảnh minh họa – ${province}`)}</text>
</svg>`;
}

/** Banners already made in this process, by kind and province: the bytes are the same every time, so a second seed reuses them. */
const made = new Map<string, Promise<ProcessedPhoto>>();

/**
 * A banner as the newsroom stores a photo (news.photos.ts): a JPEG without any metadata, at most NEWS_PHOTO_LARGE_PX on
 * its longer side, a thumbnail at most NEWS_PHOTO_THUMB_PX, the SHA-256 of the large copy. Drawn once and encoded
 * directly at those sizes; the module's pipeline (which would decode and encode it twice more with mozjpeg, tripling
 * the cost) accepts it as it is, which the demo's test checks.
 */
async function drawBanner(kind: PhotoKind, province: string): Promise<ProcessedPhoto> {
  const { data, info } = await sharp(Buffer.from(bannerSvg(kind, province))).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const encode = async (px: number) =>
    sharp(data, { raw: info }).resize({ width: px, height: px, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 82 }).toBuffer({ resolveWithObject: true });
  const [large, thumb] = await Promise.all([encode(NEWS_PHOTO_LARGE_PX), encode(NEWS_PHOTO_THUMB_PX)]);
  return {
    mime: 'image/jpeg', bytes: large.data, width: large.info.width, height: large.info.height, thumb: thumb.data, thumbWidth: thumb.info.width,
    thumbHeight: thumb.info.height, sha256: createHash('sha256').update(large.data).digest('hex'),
  };
}

async function photoOf(ctx: Ctx, kind: PhotoKind): Promise<ProcessedPhoto> {
  const have = ctx.photos.get(kind);
  if (have) return have;
  const key = `${kind}|${ctx.org.province.name}`;
  let p = made.get(key);
  if (!p) {
    p = drawBanner(kind, ctx.org.province.name);
    made.set(key, p);
    p.catch(() => made.delete(key));
  }
  const photo = await p;
  ctx.photos.set(kind, photo);
  return photo;
}

/** Adds photos as addPhoto does (a row, the article's version bumped, an audit event), reusing the processed bytes. */
async function addPhotos(ctx: Ctx, articleId: number, photos: { kind: PhotoKind; caption: string }[], when: Date): Promise<void> {
  const db = on(ctx, when);
  const { user } = ctx.office;
  for (const x of photos) {
    const p = await photoOf(ctx, x.kind);
    await db.tx(async (t) => {
      const saved = await newsRepo.insertPhoto(t, articleId, { ...p, caption: x.caption }, user.id, when);
      await newsRepo.bumpVersion(t, articleId, 'draft', when);
      ctx.audit.push([when.toISOString(), user.id, user.username, 'news.photo.add', 'news_article', String(articleId), null, null, JSON.stringify({
        photoId: saved.id, mime: saved.mime, width: saved.width, height: saved.height, size: saved.size, sha256: saved.sha256, originalSize: p.bytes.length, caption: x.caption,
      })]);
    });
    ctx.counts.photos += 1;
  }
}

// ───────────── the workflow, step by step at business times ─────────────

/** Who signs an article published on a day: someone working in the department's office then. */
function authorOn(ctx: Ctx, day: string, r: Rng): string {
  const office = ctx.people.officeOn(day);
  const writers: DemoPerson[] = [...office.staff, ...office.deputies];
  return writers.length ? r.pick(writers).fullName : ctx.office.user.fullName;
}

/** A working-hours instant on a working day (09:00–11:30 or 14:00–16:30). */
const officeHour = (day: string, r: Rng, afternoon: boolean) => at(day, afternoon ? r.int(14, 15) : r.int(9, 10), r.int(0, 50));

type Written = { title: string; summary: string; body: string; tags: string[]; sector: string | null; authorLine: string; conferenceId?: number };

/** Writes, sends for approval, approves and publishes (or schedules) an article; returns its id. */
async function runWorkflow(
  ctx: Ctx, w: Written, steps: { write: Date; submit: Date; approve: Date; publish: Date; publishAt?: Date }, photos: { kind: PhotoKind; caption: string }[],
  action: 'news.create' | 'news.draft_from_conference' = 'news.create',
): Promise<number> {
  const { office, director } = ctx;
  const sectorId = w.sector ? (ctx.org.sectorIds.get(w.sector) ?? null) : null;
  const { id } = await createArticle(on(ctx, steps.write), office.actor, office.by, {
    title: w.title, summary: w.summary, body: w.body, tags: w.tags, sectorId, authorLine: w.authorLine, conferenceId: w.conferenceId ?? null,
  }, steps.write, action);
  if (photos.length) await addPhotos(ctx, id, photos, minutes(steps.write, 6));
  await submitArticle(on(ctx, steps.submit), office.actor, office.by, id, steps.submit);
  await approveArticle(on(ctx, steps.approve), director.actor, director.by, id, steps.approve);
  await publishArticle(on(ctx, steps.publish), office.actor, office.by, id,
    steps.publishAt ? { publishAt: steps.publishAt, action: 'schedule' } : { action: 'publish' }, steps.publish);
  return id;
}

// ───────────── conference articles ─────────────

async function conferenceArticles(ctx: Ctx): Promise<number> {
  const rows = await ctx.db.query<{ id: number }>(
    `SELECT id FROM conferences WHERE status IN ('concluded','closed') AND period <> $1 ORDER BY starts_at`, [JOURNEY_CONFERENCE_PERIOD]);
  let n = 0;
  for (const { id } of rows) {
    const c = (await conferencesRepo.byId(ctx.db, id))!;
    const r = rngFor('news', 'conference', c.period);
    // Drafted from the record once the conclusion notice is out (the draft needs a concluded conference), published
    // that day or the next working day, never later than the demo's present.
    const notice = await ctx.db.maybeOne<{ issued_at: Date }>(
      `SELECT issued_at FROM conference_notices WHERE conference_id = $1 AND version = 1`, [c.id]);
    if (!notice) continue;
    const day = new Date(notice.issued_at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    const write = new Date(notice.issued_at.getTime() + r.int(20, 60) * 60_000);
    const submit = minutes(write, r.int(30, 60));
    // The director approves within the hour and it goes out that afternoon when the day allows, else the next working day.
    let pubDay = day;
    let approve = minutes(submit, r.int(20, 40));
    let publish = new Date(Math.max(officeHour(day, r, true).getTime(), minutes(approve, r.int(10, 30)).getTime()));
    if (r.chance(0.6) || publish.getTime() > vnTime(day, 17, 30)) {
      pubDay = workingDaysAfter(day, 1, ctx.holidays);
      approve = at(pubDay, 8, r.int(0, 45));
      publish = officeHour(pubDay, r, true);
    }
    if (publish.getTime() >= ctx.nowBound) continue;
    const draft = await draftFromConference(ctx.db, c, day);
    const annual = c.kind === 'annual';
    const meeting = draft.title.replace(/^.*? tổ chức /u, '');
    const photos: { kind: PhotoKind; caption: string }[] = [{ kind: 'hall', caption: `Quang cảnh ${meeting.charAt(0).toLocaleLowerCase('vi')}${meeting.slice(1)}.` }];
    if (annual && /khen thưởng/u.test(draft.bodyHtml)) photos.push({ kind: 'awards', caption: 'Trao khen thưởng cho các tập thể, cá nhân có thành tích xuất sắc trong năm.' });
    await runWorkflow(ctx, {
      title: draft.title, summary: draft.summary, body: draft.bodyHtml, tags: draft.tags, sector: null, authorLine: authorOn(ctx, pubDay, r), conferenceId: c.id,
    }, { write, submit, approve, publish }, photos, 'news.draft_from_conference');
    n += 1;
  }
  return n;
}

// ───────────── other news of the sector ─────────────

type StoryFacts = { day: string; year: number; dept: string; province: string; area: string; r: Rng; org: Org; people: People };
type Story = {
  key: string;
  /** The usual date of the event ('MM-DD'); the demo takes its latest occurrence before `today`. */
  anchor: string;
  sector: string;
  tags: string[];
  photo: PhotoKind;
  write: (f: StoryFacts) => { title: string; summary: string; paragraphs: string[]; caption: string };
};

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
/** 'huyện Khê Thượng', 'xã Nà Lũng': a district before the 2025 reform, a commune or ward after it. */
function areaOn(org: Org, day: string, r: Rng): string {
  const units = [...org.districts, ...org.newCommunes].filter((u) => validOn(u, day) && !/^Thành phố|^Phường/u.test(u.name));
  return lowerFirst(r.pick(units).name);
}
const validNames = (units: Unit[], day: string) => units.filter((u) => validOn(u, day)).map((u) => u.name);

const STORIES: Story[] = [
  {
    key: 'tap-huan', anchor: '03-19', sector: 'CDS', tags: ['Chuyển đổi số', 'Tổ công nghệ số cộng đồng'], photo: 'class',
    write: ({ day, dept, area, r }) => {
      const learners = r.int(60, 90);
      return {
        title: `Tập huấn kỹ năng số cho tổ công nghệ số cộng đồng ${area}`,
        summary: `${dept} mở lớp tập huấn kỹ năng số cho ${learners} thành viên tổ công nghệ số cộng đồng ở các thôn, bản của ${area}.`,
        paragraphs: [
          `Ngày ${formatDate(day)}, ${dept} phối hợp với Ủy ban nhân dân ${area} mở lớp tập huấn kỹ năng số cho ${learners} học viên là thành viên tổ công nghệ số cộng đồng ở các thôn, bản.`,
          'Trong một ngày, học viên thực hành kích hoạt tài khoản định danh điện tử, nộp hồ sơ và thanh toán phí, lệ phí trên Cổng Dịch vụ công, '
            + 'cài đặt ứng dụng thanh toán không dùng tiền mặt cho hộ kinh doanh và nhận biết các thủ đoạn lừa đảo qua mạng.',
          'Sau lớp học, mỗi tổ nhận nhiệm vụ hướng dẫn lại cho người dân trong thôn, nhất là người cao tuổi và đồng bào ở vùng xa trung tâm, '
            + 'đồng thời ghi lại những vướng mắc để báo cáo Ủy ban nhân dân xã tháo gỡ.',
        ],
        caption: `Học viên lớp tập huấn kỹ năng số tại ${area} thực hành trên điện thoại.`,
      };
    },
  },
  {
    key: 'upu', anchor: '03-05', sector: 'BC', tags: ['Bưu chính', 'Cuộc thi viết thư UPU'], photo: 'awards',
    write: ({ day, dept, province, r }) => {
      const letters = r.int(900, 2400);
      return {
        title: `Trao giải Cuộc thi viết thư quốc tế UPU cấp tỉnh năm ${Number(day.slice(0, 4))}`,
        summary: `Ban tổ chức cấp tỉnh nhận ${letters.toLocaleString('vi-VN')} bài dự thi của học sinh trong ${province}; 11 bài được trao giải.`,
        paragraphs: [
          `Ngày ${formatDate(day)}, ${dept} phối hợp với Bưu điện tỉnh và Sở Giáo dục và Đào tạo trao giải Cuộc thi viết thư quốc tế UPU cấp tỉnh.`,
          `Năm nay ban tổ chức nhận ${letters.toLocaleString('vi-VN')} bài dự thi của học sinh tiểu học và trung học cơ sở; ban giám khảo chọn 1 giải nhất, 2 giải nhì, 3 giải ba và 5 giải khuyến khích.`,
          'Các bài đạt giải cao được gửi dự vòng chấm cấp quốc gia. Ban tổ chức mong các em tiếp tục giữ thói quen viết thư tay, '
            + 'một cách rèn luyện khả năng diễn đạt và tình cảm với người thân, bạn bè.',
        ],
        caption: 'Ban tổ chức trao giải cho các em học sinh đạt giải.',
      };
    },
  },
  {
    key: 'bts', anchor: '05-20', sector: 'VT', tags: ['Viễn thông', 'Hạ tầng'], photo: 'tower',
    write: ({ day, dept, area, r, org }) => {
      const sites = r.int(12, 24);
      const firms = validNames(org.enterprises.filter((u) => u.sectorCode === 'VT'), day);
      return {
        title: `Kiểm tra hạ tầng trạm thu phát sóng di động tại ${area}`,
        summary: `Đoàn kiểm tra của ${dept} làm việc tại ${sites} vị trí trạm BTS của các doanh nghiệp viễn thông trên địa bàn ${area}.`,
        paragraphs: [
          `Từ ngày ${formatDate(day)}, đoàn kiểm tra của ${dept} kiểm tra ${sites} vị trí trạm thu phát sóng di động (BTS) tại ${area}, do ${firms.join(', ')} quản lý.`,
          'Đoàn xem xét giấy phép xây dựng, hồ sơ kiểm định cột ăng-ten, việc dùng chung hạ tầng giữa các doanh nghiệp, '
            + 'hệ thống chống sét và nguồn điện dự phòng khi mất điện lưới.',
          'Qua kiểm tra, đoàn đề nghị các doanh nghiệp hoàn thiện hồ sơ còn thiếu, bổ sung ắc quy dự phòng ở các trạm vùng sâu '
            + 'và ưu tiên dùng chung cột khi lắp đặt trạm mới để giảm chi phí và bảo đảm mỹ quan.',
        ],
        caption: `Đoàn kiểm tra tại một trạm BTS ở ${area}.`,
      };
    },
  },
  {
    key: 'bao-chi', anchor: '06-18', sector: 'BCHI', tags: ['Báo chí', 'Ngày Báo chí Cách mạng Việt Nam'], photo: 'press',
    write: ({ day, dept, province, org }) => {
      const years = Number(day.slice(0, 4)) - 1925;
      const press = validNames(org.press, day);
      return {
        title: `Gặp mặt các cơ quan báo chí nhân kỷ niệm ${years} năm Ngày Báo chí Cách mạng Việt Nam`,
        summary: `${dept} gặp mặt lãnh đạo, phóng viên các cơ quan báo chí của tỉnh và phóng viên thường trú trên địa bàn.`,
        paragraphs: [
          `Ngày ${formatDate(day)}, nhân kỷ niệm ${years} năm Ngày Báo chí Cách mạng Việt Nam (21/6/1925 – 21/6/${day.slice(0, 4)}), ${dept} tổ chức gặp mặt ${press.join(', ')} và các phóng viên thường trú tại ${province}.`,
          'Lãnh đạo Sở ghi nhận báo chí địa phương đã phản ánh kịp thời các nhiệm vụ chính trị của tỉnh, nhất là chuyển đổi số và sắp xếp tổ chức bộ máy, '
            + 'đồng thời đấu tranh với thông tin sai lệch trên không gian mạng.',
          'Các cơ quan báo chí đề nghị các sở, ngành thực hiện nghiêm quy chế phát ngôn và cung cấp thông tin cho báo chí, trả lời sớm những vấn đề dư luận quan tâm.',
        ],
        caption: 'Các đại biểu dự buổi gặp mặt.',
      };
    },
  },
  {
    key: 'truyen-thanh', anchor: '08-12', sector: 'PTTT', tags: ['Thông tin cơ sở', 'Truyền thanh thông minh'], photo: 'speaker',
    write: ({ day, dept, r, org }) => {
      const stations = [...org.oldRadios, ...org.newRadios].filter((u) => validOn(u, day));
      const station = r.pick(stations).name;
      const clusters = r.int(8, 16);
      return {
        title: `Đưa vào sử dụng hệ thống truyền thanh ứng dụng công nghệ thông tin – viễn thông tại ${lowerFirst(station.replace(/^Đài truyền thanh /u, ''))}`,
        summary: `${clusters} cụm loa thông minh thay cho hệ thống loa không dây đã xuống cấp, phủ tới các thôn xa trung tâm.`,
        paragraphs: [
          `Ngày ${formatDate(day)}, ${station} đưa vào sử dụng ${clusters} cụm loa ứng dụng công nghệ thông tin – viễn thông, thay cho hệ thống loa không dây bị nhiễu sóng và hư hỏng nhiều năm.`,
          'Cán bộ đài có thể soạn, lên lịch và phát bản tin từ máy tính hoặc điện thoại; từng cụm loa báo tình trạng hoạt động về phần mềm quản lý, '
            + 'nên hư hỏng được phát hiện ngay thay vì chờ người dân phản ánh.',
          `${dept} đề nghị địa phương bố trí người vận hành được tập huấn, duy trì chương trình phát thanh bằng tiếng dân tộc và cập nhật nội dung lên hệ thống thông tin nguồn của tỉnh.`,
        ],
        caption: 'Một cụm loa thông minh mới lắp đặt.',
      };
    },
  },
  {
    key: 'dien-tap', anchor: '09-24', sector: 'ATTT', tags: ['An toàn thông tin', 'Diễn tập'], photo: 'drill',
    write: ({ day, dept, province, r, org }) => {
      const teams = r.int(8, 14);
      const centre = validNames([org.itCentre], day)[0] ?? 'Trung tâm Công nghệ thông tin';
      return {
        title: `Diễn tập thực chiến bảo đảm an toàn thông tin mạng ${province} năm ${day.slice(0, 4)}`,
        summary: `${teams} đội ứng cứu của các sở, ngành và địa phương tham gia xử lý một tình huống tấn công mã hóa dữ liệu giả định.`,
        paragraphs: [
          `Ngày ${formatDate(day)}, ${dept} chủ trì, ${centre} phối hợp tổ chức diễn tập thực chiến bảo đảm an toàn thông tin mạng với ${teams} đội ứng cứu sự cố của các sở, ngành và địa phương.`,
          'Tình huống giả định là một cuộc tấn công mã hóa dữ liệu nhắm vào hệ thống quản lý văn bản dùng chung của tỉnh. '
            + 'Các đội phải phát hiện máy bị xâm nhập, cô lập, khôi phục dữ liệu từ bản sao lưu và báo cáo theo quy trình ứng cứu sự cố.',
          'Kết thúc diễn tập, ban tổ chức đề nghị các đơn vị rà soát phương án sao lưu, cập nhật danh sách đầu mối ứng cứu và hoàn thiện hồ sơ đề xuất cấp độ cho các hệ thống còn thiếu.',
        ],
        caption: 'Các đội ứng cứu sự cố theo dõi hệ thống trong buổi diễn tập.',
      };
    },
  },
  {
    key: 'ngay-cds', anchor: '10-09', sector: 'CDS', tags: ['Chuyển đổi số', 'Ngày Chuyển đổi số quốc gia'], photo: 'festival',
    write: ({ day, dept, area, r, org }) => {
      const booths = r.int(12, 20);
      const firms = validNames(org.enterprises, day);
      return {
        title: `Ngày hội chuyển đổi số tại ${area} hưởng ứng Ngày Chuyển đổi số quốc gia 10/10`,
        summary: `${booths} gian trưng bày của doanh nghiệp và cơ quan nhà nước giới thiệu dịch vụ số, hướng dẫn người dân dùng ngay tại chỗ.`,
        paragraphs: [
          `Ngày ${formatDate(day)}, ${dept} phối hợp với Ủy ban nhân dân ${area} tổ chức ngày hội chuyển đổi số, hưởng ứng Ngày Chuyển đổi số quốc gia 10/10.`,
          `Tại ${booths} gian trưng bày, ${firms.slice(0, 3).join(', ')} và các cơ quan nhà nước giới thiệu dịch vụ công trực tuyến, chữ ký số, thanh toán không dùng tiền mặt `
            + 'và sàn thương mại điện tử cho nông sản địa phương; người dân được hướng dẫn cài đặt và dùng thử ngay tại chỗ.',
          'Dịp này, các tổ công nghệ số cộng đồng có thành tích trong năm được biểu dương.',
        ],
        caption: `Người dân tìm hiểu dịch vụ số tại ngày hội ở ${area}.`,
      };
    },
  },
  {
    key: 'hoi-thao-dn', anchor: '11-13', sector: 'CDS', tags: ['Chuyển đổi số', 'Doanh nghiệp'], photo: 'hall',
    write: ({ day, dept, province, r }) => {
      const firms = r.int(70, 130);
      return {
        title: 'Hội thảo chuyển đổi số cho doanh nghiệp nhỏ và vừa',
        summary: `Đại diện ${firms} doanh nghiệp, hợp tác xã trong ${province} nghe chia sẻ về hóa đơn điện tử, bán hàng trực tuyến và bảo vệ dữ liệu.`,
        paragraphs: [
          `Ngày ${formatDate(day)}, ${dept} tổ chức hội thảo chuyển đổi số cho doanh nghiệp nhỏ và vừa, với đại diện ${firms} doanh nghiệp, hợp tác xã.`,
          'Các báo cáo viên giới thiệu những nền tảng số doanh nghiệp có thể dùng ngay với chi phí thấp: hóa đơn điện tử, kế toán trên nền tảng đám mây, '
            + 'bán hàng trên sàn thương mại điện tử và cách bảo vệ dữ liệu khách hàng.',
          'Nhiều doanh nghiệp đề nghị được hỗ trợ đánh giá mức độ chuyển đổi số và kết nối với các đơn vị tư vấn; Sở ghi nhận để đưa vào kế hoạch năm sau.',
        ],
        caption: 'Quang cảnh hội thảo.',
      };
    },
  },
];

/** The scheduled article: the opening of a course, announced for the next working day. */
const SCHEDULED: Story = {
  key: 'khai-giang', anchor: '', sector: 'ATTT', tags: ['An toàn thông tin', 'Bồi dưỡng'], photo: 'class',
  write: ({ day, dept, r }) => {
    const learners = r.int(40, 60);
    return {
      title: 'Khai giảng lớp bồi dưỡng an toàn thông tin cho cán bộ chuyên trách công nghệ thông tin',
      summary: `${learners} cán bộ chuyên trách, kiêm nhiệm công nghệ thông tin của các sở, ngành và xã, phường theo học trong năm ngày.`,
      paragraphs: [
        `Ngày ${formatDate(day)}, ${dept} khai giảng lớp bồi dưỡng an toàn thông tin cho ${learners} cán bộ chuyên trách, kiêm nhiệm công nghệ thông tin của các sở, ngành và xã, phường.`,
        'Trong năm ngày, học viên học cách lập hồ sơ đề xuất cấp độ an toàn cho hệ thống thông tin, giám sát và phát hiện dấu hiệu tấn công, '
          + 'xử lý ban đầu khi máy tính nhiễm mã độc và sao lưu dữ liệu an toàn.',
      ],
      caption: 'Một lớp bồi dưỡng về an toàn thông tin.',
    };
  },
};

/** The latest working day on or before the event's usual date such that the article is out by the demo's present. */
function lastOccurrence(ctx: Ctx, anchor: string, publishAfter: number): string | null {
  for (let y = Number(ctx.today.slice(0, 4)); y >= 2022; y--) {
    let d = `${y}-${anchor}`;
    while (!isWorkingDay(d, ctx.holidays)) d = addDays(d, 1);
    const pub = workingDaysAfter(d, publishAfter, ctx.holidays);
    if (vnTime(pub, 17) < ctx.nowBound) return d;
  }
  return null;
}

const html = (paragraphs: string[]) => paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');

function factsOf(ctx: Ctx, story: Story, day: string): StoryFacts {
  const r = rngFor('news', story.key, day);
  return {
    day, year: Number(day.slice(0, 4)), dept: ctx.people.departmentOn(day).name, province: ctx.org.province.name.replace(/^Tỉnh/u, 'tỉnh'),
    area: areaOn(ctx.org, day, rngFor('news', 'area', story.key, day)), r, org: ctx.org, people: ctx.people,
  };
}

async function sectorNews(ctx: Ctx): Promise<{ published: number; scheduled: number; unpublished: number; corrected: number }> {
  const out = { published: 0, scheduled: 0, unpublished: 0, corrected: 0 };
  const written: { story: Story; day: string; id: number; pubDay: string; text: ReturnType<Story['write']>; facts: StoryFacts }[] = [];
  for (const story of STORIES) {
    const day = lastOccurrence(ctx, story.anchor, 1);
    if (!day) continue;
    const f = factsOf(ctx, story, day);
    const text = story.write(f);
    const r = rngFor('news', 'steps', story.key, day);
    // Written the afternoon of the event, approved and published the next working day.
    const pubDay = workingDaysAfter(day, 1, ctx.holidays);
    const write = at(day, 16, r.int(0, 50));
    const submit = minutes(write, r.int(20, 50));
    const approve = at(pubDay, 8, r.int(0, 40));
    const publish = minutes(approve, r.int(20, 90));
    const id = await runWorkflow(ctx, {
      title: text.title, summary: text.summary, body: html(text.paragraphs), tags: story.tags, sector: story.sector, authorLine: authorOn(ctx, pubDay, r),
    }, { write, submit, approve, publish }, [{ kind: story.photo, caption: text.caption }]);
    written.push({ story, day, id, pubDay, text, facts: f });
    out.published += 1;
  }

  // The training course: corrected the day after (the number of learners was wrong), the text as published kept as revision 1.
  const course = written.find((x) => x.story.key === 'tap-huan');
  if (course) {
    const when = at(workingDaysAfter(course.pubDay, 1, ctx.holidays), 9, 15);
    if (when.getTime() < ctx.nowBound) {
      const row = (await newsRepo.byId(ctx.db, course.id))!;
      const m = /cho (\d+) học viên/u.exec(row.body_html);
      const wrong = Number(m?.[1] ?? 0);
      const right = wrong + 7;
      await correctArticle(on(ctx, when), ctx.office.actor, ctx.office.by, course.id, {
        version: row.version, body: row.body_html.replace(`cho ${wrong} học viên`, `cho ${right} học viên`),
        summary: row.summary.replace(`cho ${wrong} thành viên`, `cho ${right} thành viên`),
        reason: `Đính chính số học viên: lớp tập huấn có ${right} học viên, không phải ${wrong} như bản đăng lúc đầu.`,
      }, when);
      out.corrected += 1;
    }
  }

  // The cyber-security drill, posted a second time by mistake an hour later and taken down the same afternoon.
  const drill = written.find((x) => x.story.key === 'dien-tap');
  if (drill) {
    const row = (await newsRepo.byId(ctx.db, drill.id))!;
    const first = row.published_at as Date;
    const write = minutes(first, 40);
    const publish = minutes(write, 15);
    const takenDown = minutes(publish, 95);
    if (takenDown.getTime() < ctx.nowBound) {
      const { id } = await createArticle(on(ctx, write), ctx.office.actor, ctx.office.by, {
        title: row.title, summary: row.summary, body: row.body_html, tags: row.tags, sectorId: row.sector_id, authorLine: row.author_line,
      }, write);
      await publishArticle(on(ctx, publish), ctx.office.actor, ctx.office.by, id, { action: 'publish' }, publish);
      await unpublishArticle(on(ctx, takenDown), ctx.office.actor, ctx.office.by, id, `Đăng trùng với tin bài "${row.title}" đã đăng ngày ${formatDate(first)}.`);
      out.unpublished += 1;
    }
  }

  // Scheduled ahead: written and approved the working day before `today`, out at 08:00 on the next working day after it.
  const yesterday = (() => {
    let d = addDays(ctx.today, -1);
    while (!isWorkingDay(d, ctx.holidays)) d = addDays(d, -1);
    return d;
  })();
  const opening = workingDaysAfter(ctx.today, 1, ctx.holidays);
  const f = factsOf(ctx, SCHEDULED, opening);
  const text = SCHEDULED.write(f);
  const r = rngFor('news', 'steps', SCHEDULED.key, opening);
  const write = at(yesterday, 9, r.int(0, 30));
  await runWorkflow(ctx, {
    title: text.title, summary: text.summary, body: html(text.paragraphs), tags: SCHEDULED.tags, sector: SCHEDULED.sector, authorLine: authorOn(ctx, yesterday, r),
  }, { write, submit: minutes(write, 30), approve: at(yesterday, 14, r.int(0, 30)), publish: at(yesterday, 15, r.int(0, 30)), publishAt: at(opening, 8) },
  [{ kind: SCHEDULED.photo, caption: text.caption }]);
  out.scheduled += 1;
  return out;
}

// ───────────── open figures ─────────────

/** The office marks a few figures public, through the catalog's services, on a working day a month before `today`. */
async function publicFigures(ctx: Ctx, cat: Catalog): Promise<number> {
  let day = addDays(ctx.today, -30);
  while (!isWorkingDay(day, ctx.holidays)) day = addDays(day, 1);
  const { office } = ctx;
  for (const [k, x] of PUBLIC_FIGURES.entries()) {
    const when = at(day, 10, k * 3);
    const patch = { public: true, publicLevel: x.level };
    if (x.kind === 'element') await updateDataElement(on(ctx, when), office.by, cat.elementIds.get(x.code)!, patch);
    else await updateIndicator(on(ctx, when), office.by, cat.indicatorIds.get(x.code)!, patch);
  }
  return PUBLIC_FIGURES.length;
}

export async function seedNews(db: Db, org: Org, cat: Catalog, users: Users, people: People, today: string): Promise<NewsCounts> {
  const ctx: Ctx = {
    db, org, people, today, nowBound: vnTime(today, 7, 30), holidays: await conferencesRepo.holidays(db), audit: [],
    office: await actorOf(db, users.byName('vanphong')), director: await actorOf(db, users.byName('giamdoc')), photos: new Map(), counts: { photos: 0 },
  };
  // The banners are drawn side by side (sharp works off the main thread) before anything needs them.
  await Promise.all((Object.keys(BANNERS) as PhotoKind[]).map((kind) => photoOf(ctx, kind)));
  const figures = await publicFigures(ctx, cat);
  const conference = await conferenceArticles(ctx);
  const other = await sectorNews(ctx);
  ctx.audit.sort((a, b) => a[0].localeCompare(b[0]));
  await insertRows(
    db, 'audit_events',
    [['at', 'timestamptz'], ['actor_id', 'int'], ['actor_name', 'text'], ['action', 'text'], ['entity_type', 'text'], ['entity_id', 'text'], ['org_unit_id', 'int'],
      ['before', 'jsonb'], ['after', 'jsonb']],
    ctx.audit,
  );
  return {
    newsArticles: conference + other.published + other.unpublished + other.scheduled,
    newsConferenceArticles: conference,
    newsPublished: conference + other.published,
    newsScheduled: other.scheduled,
    newsUnpublished: other.unpublished,
    newsCorrected: other.corrected,
    newsPhotos: ctx.counts.photos,
    newsAuditEvents: ctx.audit.length,
    publicFigures: figures,
  };
}
