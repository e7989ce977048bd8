/** SQL of the newsroom: articles, their revisions and photos, the public reads (visible by the business clock), and the setting of approvers. */
import type { NewsStatus } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';

export type ArticleRow = {
  id: number;
  slug: string;
  title: string;
  summary: string;
  body_html: string;
  sector_id: number | null;
  sector_name: string | null;
  tags: string[];
  author_line: string;
  source: string | null;
  status: NewsStatus;
  publish_at: Date | null;
  published_at: Date | null;
  published_day: string | null;
  updated_at: Date;
  department_id: number | null;
  department_name: string | null;
  conference_id: number | null;
  version: number;
  revision: number;
  return_note: string | null;
  unpublish_reason: string | null;
  corrected_at: Date | null;
  correction_note: string | null;
  created_by: number | null;
  created_at: Date;
  submitted_by: number | null;
  submitted_at: Date | null;
  approved_by: number | null;
  approved_at: Date | null;
  published_by: number | null;
};

export type ArticleListRow = Pick<
  ArticleRow,
  'id' | 'slug' | 'title' | 'summary' | 'status' | 'publish_at' | 'published_at' | 'published_day' | 'updated_at' | 'author_line' | 'source' | 'tags'
  | 'sector_id' | 'sector_name' | 'department_name' | 'conference_id' | 'version' | 'corrected_at'
> & { cover_photo_id: number | null; cover_caption: string | null; cover_thumb_width: number | null; cover_thumb_height: number | null };

export type PhotoRow = {
  id: number;
  article_id: number;
  mime: string;
  width: number;
  height: number;
  thumb_width: number;
  thumb_height: number;
  size: number;
  sha256: string;
  caption: string;
  sort: number;
  created_at: Date;
};

export type RevisionRow = {
  article_id: number;
  revision: number;
  title: string;
  summary: string;
  body_html: string;
  author_line: string;
  source: string | null;
  tags: string[];
  published_at: Date | null;
  replaced_at: Date;
  replaced_by: number | null;
  reason: string;
};

/** The fields an editor writes. */
export type ArticleText = {
  title: string;
  summary: string;
  bodyHtml: string;
  bodyText: string;
  sectorId: number | null;
  tags: string[];
  authorLine: string;
  source: string | null;
};

const COLS = `a.id, a.slug, a.title, a.summary, a.body_html, a.sector_id, sec.name AS sector_name, a.tags, a.author_line, a.source, a.status,
  a.publish_at, a.published_at, a.published_day, a.updated_at, a.department_id, a.department_name, a.conference_id, a.version, a.revision,
  a.return_note, a.unpublish_reason, a.corrected_at, a.correction_note, a.created_by, a.created_at, a.submitted_by, a.submitted_at,
  a.approved_by, a.approved_at, a.published_by`;

const LIST_COLS = `a.id, a.slug, a.title, a.summary, a.status, a.publish_at, a.published_at, a.published_day, a.updated_at, a.author_line, a.source, a.tags,
  a.sector_id, sec.name AS sector_name, a.department_name, a.conference_id, a.version, a.corrected_at,
  cover.id AS cover_photo_id, cover.caption AS cover_caption, cover.thumb_width AS cover_thumb_width, cover.thumb_height AS cover_thumb_height`;

const COVER_JOIN = `LEFT JOIN LATERAL (SELECT p.id, p.caption, p.thumb_width, p.thumb_height FROM news_photos p WHERE p.article_id = a.id ORDER BY p.sort, p.id LIMIT 1) cover ON true`;

const PHOTO_COLS = 'id, article_id, mime, width, height, thumb_width, thumb_height, size, sha256, caption, sort, created_at';

/** Visible to the public at $1: published, and its time has come. */
const VISIBLE = `a.status = 'published' AND a.published_at <= $1`;

/** `%word%` for LIKE, with LIKE's own characters taken literally. */
const likeWord = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export type PublicFilter = { now: Date; day?: string | null; words?: string[]; limit: number; offset: number };

function publicWhere(f: PublicFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [f.now];
  const conds = [VISIBLE];
  if (f.day) {
    params.push(f.day);
    conds.push(`a.published_day = $${params.length}`);
  }
  for (const w of f.words ?? []) {
    params.push(likeWord(w));
    conds.push(`a.search_fold LIKE vn_fold($${params.length})`);
  }
  return { where: conds.join(' AND '), params };
}

export const newsRepo = {
  byId: (db: Db, id: number, lock = false) =>
    db.maybeOne<ArticleRow>(
      lock
        ? `SELECT ${COLS} FROM news_articles a LEFT JOIN sectors sec ON sec.id = a.sector_id WHERE a.id = $1 FOR UPDATE OF a`
        : `SELECT ${COLS} FROM news_articles a LEFT JOIN sectors sec ON sec.id = a.sector_id WHERE a.id = $1`,
      [id],
    ),

  /** Slugs already taken by `base` and its numbered forms (base-2, base-3, …), other than the article's own. */
  slugsLike: async (db: Db, base: string, exceptId: number | null) =>
    (
      await db.query<{ slug: string }>(
        `SELECT slug FROM news_articles WHERE (slug = $1 OR (left(slug, length($1) + 1) = $1 || '-' AND substr(slug, length($1) + 2) ~ '^[0-9]+$'))
            AND ($2::int IS NULL OR id <> $2)`,
        [base, exceptId],
      )
    ).map((r) => r.slug),

  /** Inserts a draft; null when the slug was taken meanwhile (the caller picks the next one). */
  insert: (db: Db, slug: string, t: ArticleText, conferenceId: number | null, userId: number, now: Date) =>
    db.maybeOne<{ id: number }>(
      `INSERT INTO news_articles (slug, title, summary, body_html, body_text, sector_id, tags, author_line, source, conference_id, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
       ON CONFLICT (slug) DO NOTHING RETURNING id`,
      [slug, t.title, t.summary, t.bodyHtml, t.bodyText, t.sectorId, t.tags, t.authorLine, t.source, conferenceId, userId, now],
    ),

  /** Saves new text; bumps the version. The status may change with it (an approved article goes back to draft). */
  updateText: (db: Db, id: number, slug: string, t: ArticleText, status: NewsStatus, now: Date) =>
    db.query(
      `UPDATE news_articles SET slug = $2, title = $3, summary = $4, body_html = $5, body_text = $6, sector_id = $7, tags = $8, author_line = $9, source = $10,
              status = $11, updated_at = $12, version = version + 1
        WHERE id = $1`,
      [id, slug, t.title, t.summary, t.bodyHtml, t.bodyText, t.sectorId, t.tags, t.authorLine, t.source, status, now],
    ),

  setConference: (db: Db, id: number, conferenceId: number | null) => db.query('UPDATE news_articles SET conference_id = $2 WHERE id = $1', [id, conferenceId]),

  bumpVersion: (db: Db, id: number, status: NewsStatus, now: Date) =>
    db.query('UPDATE news_articles SET version = version + 1, status = $2, updated_at = $3 WHERE id = $1', [id, status, now]),

  submit: (db: Db, id: number, userId: number, now: Date) =>
    db.query(`UPDATE news_articles SET status = 'submitted', submitted_by = $2, submitted_at = $3, return_note = NULL, version = version + 1 WHERE id = $1`, [id, userId, now]),

  returnToDraft: (db: Db, id: number, note: string) =>
    db.query(`UPDATE news_articles SET status = 'draft', return_note = $2, approved_by = NULL, approved_at = NULL, version = version + 1 WHERE id = $1`, [id, note]),

  approve: (db: Db, id: number, userId: number, now: Date) =>
    db.query(`UPDATE news_articles SET status = 'approved', approved_by = $2, approved_at = $3, return_note = NULL, version = version + 1 WHERE id = $1`, [id, userId, now]),

  publish: (db: Db, id: number, p: { publishAt: Date | null; publishedAt: Date; departmentId: number | null; departmentName: string; userId: number }) =>
    db.query(
      `UPDATE news_articles SET status = 'published', publish_at = $2, published_at = $3, department_id = $4, department_name = $5, published_by = $6,
              unpublish_reason = NULL, version = version + 1
        WHERE id = $1`,
      [id, p.publishAt, p.publishedAt, p.departmentId, p.departmentName, p.userId],
    ),

  unpublish: (db: Db, id: number, reason: string) =>
    db.query(`UPDATE news_articles SET status = 'unpublished', unpublish_reason = $2, version = version + 1 WHERE id = $1`, [id, reason]),

  /** Keeps the text being replaced by a correction as revision `revision`. */
  keepRevision: (db: Db, a: ArticleRow, reason: string, userId: number, now: Date) =>
    db.query(
      `INSERT INTO news_article_revisions (article_id, revision, title, summary, body_html, author_line, source, tags, published_at, replaced_at, replaced_by, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [a.id, a.revision, a.title, a.summary, a.body_html, a.author_line, a.source, a.tags, a.published_at, now, userId, reason],
    ),

  correct: (db: Db, id: number, t: ArticleText, note: string, now: Date) =>
    db.query(
      `UPDATE news_articles SET title = $2, summary = $3, body_html = $4, body_text = $5, sector_id = $6, tags = $7, author_line = $8, source = $9,
              revision = revision + 1, version = version + 1, corrected_at = $10, correction_note = $11, updated_at = $10
        WHERE id = $1`,
      [id, t.title, t.summary, t.bodyHtml, t.bodyText, t.sectorId, t.tags, t.authorLine, t.source, now, note],
    ),

  revisions: (db: Db, id: number) =>
    db.query<RevisionRow>('SELECT * FROM news_article_revisions WHERE article_id = $1 ORDER BY revision DESC', [id]),

  revision: (db: Db, id: number, revision: number) =>
    db.maybeOne<RevisionRow>('SELECT * FROM news_article_revisions WHERE article_id = $1 AND revision = $2', [id, revision]),

  /** The newsroom's list, newest change first. */
  list: async (db: Db, f: { status?: NewsStatus; words: string[]; limit: number; offset: number }) => {
    const params: unknown[] = [];
    const conds: string[] = [];
    if (f.status) {
      params.push(f.status);
      conds.push(`a.status = $${params.length}`);
    }
    for (const w of f.words) {
      params.push(likeWord(w));
      conds.push(`a.search_fold LIKE vn_fold($${params.length})`);
    }
    const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
    const total = (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM news_articles a ${where}`, params)).n;
    const items = await db.query<ArticleListRow>(
      `SELECT ${LIST_COLS} FROM news_articles a LEFT JOIN sectors sec ON sec.id = a.sector_id ${COVER_JOIN}
        ${where} ORDER BY a.updated_at DESC, a.id DESC LIMIT ${f.limit} OFFSET ${f.offset}`,
      params,
    );
    return { total, items };
  },

  byConference: (db: Db, conferenceId: number) =>
    db.query<{ id: number; slug: string; status: NewsStatus }>('SELECT id, slug, status FROM news_articles WHERE conference_id = $1 ORDER BY id', [conferenceId]),

  // ── public reads ──

  publicList: async (db: Db, f: PublicFilter) => {
    const { where, params } = publicWhere(f);
    const total = (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM news_articles a WHERE ${where}`, params)).n;
    const items = await db.query<ArticleListRow>(
      `SELECT ${LIST_COLS} FROM news_articles a LEFT JOIN sectors sec ON sec.id = a.sector_id ${COVER_JOIN}
        WHERE ${where} ORDER BY a.published_at DESC, a.id DESC LIMIT ${f.limit} OFFSET ${f.offset}`,
      params,
    );
    return { total, items };
  },

  publicBySlug: (db: Db, slug: string, now: Date) =>
    db.maybeOne<ArticleRow>(`SELECT ${COLS} FROM news_articles a LEFT JOIN sectors sec ON sec.id = a.sector_id WHERE a.slug = $2 AND ${VISIBLE}`, [now, slug]),

  /** The nearest days before and after `day` that have a visible article. */
  neighbourDays: (db: Db, day: string, now: Date) =>
    db.one<{ previous: string | null; next: string | null }>(
      `SELECT (SELECT max(a.published_day) FROM news_articles a WHERE ${VISIBLE} AND a.published_day < $2) AS previous,
              (SELECT min(a.published_day) FROM news_articles a WHERE ${VISIBLE} AND a.published_day > $2) AS next`,
      [now, day],
    ),

  /** Every visible article's address and last change, newest first (sitemap). */
  publicIndex: (db: Db, now: Date, limit: number) =>
    db.query<{ slug: string; published_at: Date; updated_at: Date }>(
      `SELECT a.slug, a.published_at, a.updated_at FROM news_articles a WHERE ${VISIBLE} ORDER BY a.published_at DESC, a.id DESC LIMIT ${limit}`,
      [now],
    ),

  // ── photos ──

  photos: (db: Db, articleId: number) =>
    db.query<PhotoRow>(`SELECT ${PHOTO_COLS} FROM news_photos WHERE article_id = $1 ORDER BY sort, id`, [articleId]),

  photosOf: (db: Db, articleIds: number[]) =>
    articleIds.length ? db.query<PhotoRow>(`SELECT ${PHOTO_COLS} FROM news_photos WHERE article_id = ANY($1) ORDER BY article_id, sort, id`, [articleIds]) : Promise.resolve([]),

  photo: (db: Db, articleId: number, photoId: number) =>
    db.maybeOne<PhotoRow>(`SELECT ${PHOTO_COLS} FROM news_photos WHERE article_id = $1 AND id = $2`, [articleId, photoId]),

  insertPhoto: (
    db: Db, articleId: number,
    p: { mime: string; width: number; height: number; bytes: Buffer; thumb: Buffer; thumbWidth: number; thumbHeight: number; sha256: string; caption: string },
    userId: number, now: Date,
  ) =>
    db.one<PhotoRow>(
      `INSERT INTO news_photos (article_id, mime, width, height, bytes, thumb, thumb_width, thumb_height, size, sha256, caption, sort, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
               (SELECT coalesce(max(sort), 0) + 1 FROM news_photos WHERE article_id = $1), $12, $13)
       RETURNING ${PHOTO_COLS}`,
      [articleId, p.mime, p.width, p.height, p.bytes, p.thumb, p.thumbWidth, p.thumbHeight, p.bytes.length, p.sha256, p.caption, userId, now],
    ),

  setCaption: (db: Db, photoId: number, caption: string) => db.query('UPDATE news_photos SET caption = $2 WHERE id = $1', [photoId, caption]),

  setSort: (db: Db, photoId: number, sort: number) => db.query('UPDATE news_photos SET sort = $2 WHERE id = $1', [photoId, sort]),

  deletePhoto: (db: Db, photoId: number) => db.query('DELETE FROM news_photos WHERE id = $1', [photoId]),

  photoContent: (db: Db, photoId: number, size: 'large' | 'thumb') =>
    db.maybeOne<{ mime: string; sha256: string; content: Uint8Array; created_at: Date }>(
      `SELECT mime, sha256, ${size === 'thumb' ? 'thumb' : 'bytes'} AS content, created_at FROM news_photos WHERE id = $1`,
      [photoId],
    ),

  /** A photo's bytes for the public: only a photo of a visible article. */
  publicPhotoContent: (db: Db, photoId: number, size: 'large' | 'thumb', now: Date) =>
    db.maybeOne<{ mime: string; sha256: string; content: Uint8Array; created_at: Date; caption: string }>(
      `SELECT p.mime, p.sha256, ${size === 'thumb' ? 'p.thumb' : 'p.bytes'} AS content, p.created_at, p.caption
         FROM news_photos p JOIN news_articles a ON a.id = p.article_id WHERE p.id = $2 AND ${VISIBLE}`,
      [now, photoId],
    ),

  /** The article's audited steps, oldest first. */
  history: (db: Db, id: number) =>
    db.query<{ at: Date; action: string; actor_name: string | null; after: Record<string, unknown> | null }>(
      `SELECT at, action, actor_name, after FROM audit_events WHERE entity_type = 'news_article' AND entity_id = $1 ORDER BY id`,
      [String(id)],
    ),

  /** The awards handed out at a conference, counted by form: the lines of its issued award decisions. */
  conferenceAwards: (db: Db, conferenceId: number) =>
    db.query<{ form: string; collectives: number; individuals: number }>(
      `SELECT coalesce(t.name, l.award_code) AS form,
              count(*) FILTER (WHERE l.org_unit_id IS NOT NULL)::int AS collectives, count(*) FILTER (WHERE l.person_id IS NOT NULL)::int AS individuals
         FROM award_decisions d JOIN award_decision_lines l ON l.decision_id = d.id LEFT JOIN award_types t ON t.code = l.award_code
        WHERE d.conference_id = $1 AND d.status = 'issued'
        GROUP BY coalesce(t.name, l.award_code) ORDER BY min(coalesce(t.sort, 0)), 1`,
      [conferenceId],
    ),

  // ── setting ──

  setting: (db: Db, key: string) => db.maybeOne<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [key]),

  saveSetting: (db: Db, key: string, value: unknown, now: Date) =>
    db.query(
      `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
      [key, JSON.stringify(value), now],
    ),

  sectorExists: async (db: Db, id: number) => (await db.maybeOne('SELECT 1 FROM sectors WHERE id = $1', [id])) !== null,
};
