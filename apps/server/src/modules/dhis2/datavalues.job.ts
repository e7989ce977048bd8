/**
 * One data value import in progress: checked rows wait in a chunk; each flush resolves the chunk's
 * submissions (creating rounds and submissions when needed), refuses locked values, and writes the
 * rest with one bulk statement. Memory stays bounded by the chunk size, whatever the file size.
 */
import { ApprovedWrites, INCREMENTAL_CELLS_LIMIT } from '../analytics/analytics.cells.js';
import { defaultCutoff, defaultDeadline, formatNumber, periodLabel, STATUS_LABELS, type SubmissionStatus } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import type { Conflict, GoodRow, ImportContext, RawRow } from './datavalues.context.js';
import { type NewRound, dataValuesRepo as repo, type ValueChunk } from './datavalues.repository.js';
import { type DhisActor, mayWriteDraft } from './dhis2.policy.js';

export const CHUNK_ROWS = 20_000;
const MAX_CONFLICTS = 500;
const MAX_INDEXES = 100;
export const APPROVED_IMPORT_NOTE = 'Nạp số liệu đã duyệt qua dataValueSets (approve=true).';
const pairKey = (a: number, b: number) => a * 4_194_304 + b;

export type ImportOptions = { dryRun: boolean; approve: boolean; atomic: boolean; format: 'json' | 'csv' };
export type ImportConflict = { object: string; value: string; indexes: number[] };
export type ImportSummary = {
  responseType: 'ImportSummary';
  status: 'SUCCESS' | 'WARNING' | 'ERROR';
  description: string;
  importOptions: ImportOptions;
  importCount: { imported: number; updated: number; ignored: number; deleted: number };
  created: { rounds: number; submissions: number };
  conflicts: ImportConflict[];
};

/** Conflicts grouped by (object, reason) with the row positions, so a million bad rows stay a short answer. */
class ConflictReport {
  private readonly map = new Map<string, ImportConflict>();
  rows = 0;
  private dropped = 0;
  add(c: Conflict, index: number) {
    this.rows++;
    const key = `${c.object}\u0000${c.value}`;
    let e = this.map.get(key);
    if (!e) {
      if (this.map.size >= MAX_CONFLICTS) {
        this.dropped++;
        return;
      }
      e = { object: c.object, value: c.value, indexes: [] };
      this.map.set(key, e);
    }
    if (e.indexes.length < MAX_INDEXES) e.indexes.push(index);
  }
  list(): ImportConflict[] {
    const out = [...this.map.values()];
    if (this.dropped) out.push({ object: '…', value: `Còn ${formatNumber(this.dropped)} dòng lỗi khác không liệt kê ở đây.`, indexes: [] });
    return out;
  }
}

export class ImportJob {
  private imported = 0;
  private updated = 0;
  private unchanged = 0;
  private total = 0;
  private roundsCreated = 0;
  private submissionsCreated = 0;
  private pending: GoodRow[] = [];
  private readonly pendingKeys = new Set<string>();
  private readonly report = new ConflictReport();
  /** pairKey(round, unit) → submission (null: none) */
  private readonly subs = new Map<number, { id: number; status: string } | null>();
  /** Submissions this import created (an approve import may keep writing into them). */
  private readonly createdSubs = new Set<number>();
  /** Analytics cells follow the approved values written, in the import's transaction. */
  private readonly cells: ApprovedWrites;
  /** Draft submissions this import has locked (or created). */
  private readonly touched = new Set<number>();
  private fakeId = 0;
  private inflight: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly ctx: ImportContext,
    private readonly actor: DhisActor,
    readonly opts: ImportOptions,
    private readonly now: Date,
    private readonly chunkRows = CHUNK_ROWS,
    cellsIncrementalLimit = INCREMENTAL_CELLS_LIMIT,
  ) {
    this.cells = new ApprovedWrites(db, cellsIncrementalLimit);
  }

  /** Writes happen unless this is a dry run or an atomic import that has already failed. */
  private get writing() {
    return !this.opts.dryRun && !(this.opts.atomic && this.report.rows > 0);
  }
  get full() {
    return this.pending.length >= this.chunkRows;
  }
  get failed() {
    return this.opts.atomic && this.report.rows > 0;
  }

  /** Checks a row; returns a promise only when the chunk had to be written first (the same cell twice). */
  add(raw: RawRow): Promise<void> | undefined {
    this.total++;
    const r = this.ctx.resolve(raw);
    if (!('deId' in r)) {
      this.report.add(r, raw.index);
      return undefined;
    }
    const key = `${r.deId}|${r.ouId}|${r.period}`;
    if (this.pendingKeys.has(key)) return this.flush().then(() => this.push(r, key));
    this.push(r, key);
    return undefined;
  }

  private push(r: GoodRow, key: string) {
    this.pending.push(r);
    this.pendingKeys.add(key);
  }

  private conflict(r: GoodRow, value: string, object = r.ouCode) {
    this.report.add({ object, value }, r.index);
  }

  /**
   * Hands the pending chunk to the database once the previous chunk is written, and returns without
   * waiting for it: the next chunk is read and checked while this one is written.
   */
  async flush(): Promise<void> {
    const rows = this.pending;
    this.pending = [];
    this.pendingKeys.clear();
    if (this.inflight) {
      const previous = this.inflight;
      this.inflight = null;
      await previous;
    }
    if (rows.length === 0) return;
    const writing = this.write(rows);
    writing.catch(() => {}); // surfaced by the next flush() or finish()
    this.inflight = writing;
  }

  /** Writes what is pending and waits until everything is written. */
  async finish(): Promise<void> {
    await this.flush();
    const last = this.inflight;
    this.inflight = null;
    if (last) await last;
    if (this.opts.approve && this.writing) await this.cells.finish();
  }

  private async write(rows: GoodRow[]): Promise<void> {
    if (this.opts.approve) await this.createRounds(rows);
    await this.loadSubmissions(rows);

    const toWrite: GoodRow[] = [];
    const locked: GoodRow[] = [];
    const create = new Map<number, [number, number]>();
    const touch = new Set<number>();
    const isLockedBy = (s: { id: number; status: string } | null | undefined) => s?.status === 'approved' && !this.createdSubs.has(s.id);
    for (const r of rows) {
      const round = r.roundId as number;
      const k = pairKey(round, r.ouId);
      const sub = this.subs.get(k) ?? null;
      if (isLockedBy(sub) || r.otherRounds.some((o) => isLockedBy(this.subs.get(pairKey(o, r.ouId))))) {
        locked.push(r);
        continue;
      }
      const form = this.ctx.forms.get(r.formId)!;
      const what = `${form.code} ${periodLabel(r.period)}`;
      if (this.opts.approve) {
        if (sub && !this.createdSubs.has(sub.id)) {
          const label = STATUS_LABELS[sub.status as SubmissionStatus]?.vi ?? sub.status;
          this.conflict(r, `Đơn vị ${r.ouCode} đang có báo cáo ${what} ở trạng thái «${label}»; không nạp số liệu đã duyệt đè lên.`);
          continue;
        }
      } else {
        const status = (sub?.status ?? 'not_started') as SubmissionStatus;
        if (status === 'submitted') {
          this.conflict(r, `Báo cáo ${what} của đơn vị ${r.ouCode} đã nộp, đang chờ duyệt; không ghi đè.`);
          continue;
        }
        if (!mayWriteDraft(this.actor, { orgUnitId: r.ouId, status, formDivisionId: form.division_id, roundOpen: true })) {
          this.conflict(r, `Không có quyền với đơn vị ${r.ouCode}.`);
          continue;
        }
        if (sub && !this.touched.has(sub.id)) touch.add(sub.id);
      }
      if (!sub) create.set(k, [round, r.ouId]);
      toWrite.push(r);
    }

    const refused = await this.prepareSubmissions(create, touch);
    const writeRows: GoodRow[] = [];
    const subIds: number[] = [];
    for (const r of toWrite) {
      const sub = this.subs.get(pairKey(r.roundId as number, r.ouId));
      if (!sub || refused.has(sub.id)) {
        this.conflict(r, `Báo cáo của đơn vị ${r.ouCode} vừa đổi trạng thái trong lúc nhập; giá trị chưa được ghi, vui lòng nhập lại.`);
        continue;
      }
      writeRows.push(r);
      subIds.push(sub.id);
    }
    if (writeRows.length) {
      // Values equal to the stored ones are counted and left alone; the rest is written in one statement.
      const stored = await this.compare(writeRows);
      const chunk: ValueChunk & { prev: (string | null)[] } = { de: [], ou: [], pe: [], val: [], num: [], cmt: [], sub: [], prev: [] };
      let fresh = 0;
      writeRows.forEach((r, i) => {
        const st = stored.state[i];
        if (st === 'same') {
          this.unchanged++;
          return;
        }
        if (st === 'new') fresh++;
        chunk.de.push(r.deId);
        chunk.ou.push(r.ouId);
        chunk.pe.push(r.period);
        chunk.val.push(r.value);
        chunk.num.push(r.num);
        chunk.cmt.push(r.comment);
        chunk.sub.push(subIds[i]);
        chunk.prev.push(stored.prev[i]);
      });
      if (!this.writing) {
        this.imported += fresh;
        this.updated += chunk.de.length - fresh;
      } else if (chunk.de.length) {
        const write = () => repo.upsertValues(this.db, chunk, this.actor.id, this.now, this.opts.approve ? 'approve_import' : null);
        // Approved values count in analytics at once: the analytics cells follow in the same transaction.
        const c = this.opts.approve
          ? await this.cells.write(chunk.de.map((deId, i) => ({ deId, unitId: chunk.ou[i]!, period: chunk.pe[i]! })), write)
          : await write();
        this.imported += c.imported;
        this.updated += c.updated;
        this.unchanged += chunk.de.length - c.imported - c.updated;
      }
    }
    if (locked.length) {
      const { state } = await this.compare(locked);
      locked.forEach((r, i) => {
        if (state[i] === 'same') this.unchanged++;
        else this.conflict(r, `Số liệu ${r.deCode} của đơn vị ${r.ouCode} ${periodLabel(r.period)} đã được duyệt (khóa); không ghi đè.`);
      });
    }
  }

  /** Approve import: the rounds its rows need that do not exist yet. */
  private async createRounds(rows: GoodRow[]) {
    const missing = new Map<string, NewRound>();
    for (const r of rows) {
      if (r.roundId !== null) continue;
      const key = `${r.formId}|${r.period}`;
      const known = this.ctx.rounds.get(key);
      if (known) {
        r.roundId = known.id;
        continue;
      }
      if (missing.has(key)) continue;
      const kind = this.ctx.forms.get(r.formId)!.kind === 'statistical' ? 'statistical' : 'administrative';
      const p = this.ctx.period(r.period)!;
      const cut = defaultCutoff(p, kind);
      const deadline = new Date(`${defaultDeadline(p, kind)}T17:00:00+07:00`);
      missing.set(key, {
        formId: r.formId,
        period: p.id,
        start: p.start,
        end: p.end,
        cutoffStart: cut.cutoffStart,
        cutoffEnd: cut.cutoffEnd,
        deadline: deadline.toISOString(),
        status: deadline.getTime() < this.now.getTime() ? 'closed' : 'open',
      });
    }
    if (missing.size === 0) return;
    if (this.writing) {
      const created = await repo.insertRounds(this.db, [...missing.values()], this.actor.id, APPROVED_IMPORT_NOTE);
      this.roundsCreated += created.length;
      if (created.length < missing.size)
        for (const r of await repo.rounds(this.db)) this.ctx.rounds.set(`${r.form_id}|${r.period}`, { id: r.id, status: r.status });
      for (const c of created) this.ctx.rounds.set(`${c.form_id}|${c.period}`, { id: c.id, status: c.status });
    } else {
      for (const [key, nr] of missing) this.ctx.rounds.set(key, { id: -++this.fakeId, status: nr.status });
      this.roundsCreated += missing.size;
    }
    for (const r of rows) if (r.roundId === null) r.roundId = this.ctx.rounds.get(`${r.formId}|${r.period}`)?.id ?? null;
  }

  /** Fetches, once per import, the submissions of the (round, unit) pairs this chunk touches. */
  private async loadSubmissions(rows: GoodRow[]) {
    const rounds: number[] = [];
    const units: number[] = [];
    const want = (round: number | null, ou: number) => {
      if (round === null) return;
      const k = pairKey(round, ou);
      if (this.subs.has(k)) return;
      this.subs.set(k, null);
      if (round > 0) {
        rounds.push(round);
        units.push(ou);
      }
    };
    for (const r of rows) {
      want(r.roundId, r.ouId);
      for (const o of r.otherRounds) want(o, r.ouId);
    }
    if (rounds.length === 0) return;
    for (const s of await repo.submissions(this.db, rounds, units))
      this.subs.set(pairKey(s.round_id, s.org_unit_id), { id: s.id, status: s.status });
  }

  /** Creates the missing submissions and locks the drafts; returns submissions that may not be written. */
  private async prepareSubmissions(create: Map<number, [number, number]>, touch: Set<number>): Promise<Set<number>> {
    const refused = new Set<number>();
    const status = this.opts.approve ? 'approved' : 'draft';
    if (!this.writing) {
      for (const k of create.keys()) {
        const id = -++this.fakeId;
        this.subs.set(k, { id, status });
        this.createdSubs.add(id);
        this.touched.add(id);
      }
      this.submissionsCreated += create.size;
      return refused;
    }
    if (create.size) {
      const pairs = [...create.values()];
      const created = await repo.insertSubmissions(
        this.db,
        pairs.map((p) => p[0]),
        pairs.map((p) => p[1]),
        status,
        this.actor.id,
        this.now,
        this.opts.approve ? APPROVED_IMPORT_NOTE : null,
      );
      this.submissionsCreated += created.length;
      for (const s of created) {
        this.subs.set(pairKey(s.round_id, s.org_unit_id), { id: s.id, status: s.status });
        this.createdSubs.add(s.id);
        this.touched.add(s.id);
      }
    }
    if (touch.size) {
      const ok = new Set((await repo.touchSubmissions(this.db, [...touch], this.actor.id, this.now)).map((r) => r.id));
      for (const id of touch) {
        if (ok.has(id)) this.touched.add(id);
        else refused.add(id);
      }
    }
    return refused;
  }

  /** Compares rows with the stored values: 'same' (value, and comment when given), 'differs', or 'new'. */
  private async compare(rows: GoodRow[]): Promise<{ state: ('same' | 'differs' | 'new')[]; prev: (string | null)[] }> {
    const state: ('same' | 'differs' | 'new')[] = rows.map(() => 'new');
    const prev: (string | null)[] = rows.map(() => null);
    const stored = await repo.stored(
      this.db,
      rows.map((r) => r.deId),
      rows.map((r) => r.ouId),
      rows.map((r) => r.period),
    );
    for (const s of stored) {
      const r = rows[s.idx - 1];
      state[s.idx - 1] = s.value === r.value && (r.comment === null || r.comment === s.comment) ? 'same' : 'differs';
      prev[s.idx - 1] = s.value;
    }
    return { state, prev };
  }

  summary(): ImportSummary {
    const o = this.opts;
    const conflicts = this.report.list();
    const bad = this.report.rows;
    const failed = this.failed;
    const count = failed
      ? { imported: 0, updated: 0, ignored: this.total, deleted: 0 }
      : { imported: this.imported, updated: this.updated, ignored: this.unchanged + bad, deleted: 0 };
    const status = bad === 0 ? 'SUCCESS' : failed || this.imported + this.updated + this.unchanged === 0 ? 'ERROR' : 'WARNING';
    const n = (x: number) => formatNumber(x);
    let description: string;
    if (failed) description = `Nhập theo chế độ "tất cả hoặc không": có ${n(bad)} dòng lỗi nên không ghi giá trị nào.`;
    else if (o.dryRun)
      description = `Kiểm tra thử, chưa ghi: sẽ nhập mới ${n(count.imported)}, cập nhật ${n(count.updated)}, bỏ qua ${n(count.ignored)} giá trị (${n(bad)} dòng lỗi).`;
    else
      description = `Đã nhập mới ${n(count.imported)}, cập nhật ${n(count.updated)}, bỏ qua ${n(count.ignored)} giá trị (${n(bad)} dòng lỗi).`;
    return {
      responseType: 'ImportSummary',
      status,
      description,
      importOptions: { ...o },
      importCount: count,
      created: failed ? { rounds: 0, submissions: 0 } : { rounds: this.roundsCreated, submissions: this.submissionsCreated },
      conflicts,
    };
  }
}
