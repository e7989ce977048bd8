/**
 * The answer (trả lời) addressed to the units that raised a recommendation. A draft is seen by the department only;
 * once published it reaches every unit that raised the point — or, for a unit that no longer exists (the 2025
 * reform), the units that took it over — as a notification linking to the unit's page "Kiến nghị của đơn vị", and it
 * shows there and on their home page. Publishing an edited answer again tells them again (one notification per unit
 * and version of the answer).
 */
import { formatDate } from '@nhip/contracts';
import { audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { notify } from '../notifications/notifications.service.js';
import { recommendationsRepo } from './recommendations.repository.js';
import {
  type LoadedRecommendation, RECOMMENDATION_NOTE_MAX, VERSION_CONFLICT, type Who, cleanText, loadVisibleRecommendation, recommendationDetail,
  requireRecommendation,
} from './recommendations.service.js';
import { conflict } from '../../platform/errors.js';

/** Where a unit reads what became of what it raised; the web app's page. */
export const unitPageLink = (unitId: number, recommendationId: number) => `/recommendations/unit/${unitId}#kien-nghi-${recommendationId}`;

const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

/** Tells each unit that raised it (or took over one that did) that the answer is out. Inside the caller's transaction. */
export async function publishAnswer(tx: Db, _who: Who, loaded: LoadedRecommendation, now: Date, day: string): Promise<number[]> {
  const r = loaded.row;
  const units = await recommendationsRepo.answerAudience(tx, r.id, day);
  for (const unitId of units) {
    await notify(tx, {
      orgUnitId: unitId,
      kind: 'recommendation.answer',
      title: `Trả lời kiến nghị: ${short(r.text, 120)}`,
      body: `${r.owner_name ? `${r.owner_name} trả lời` : 'Sở trả lời'} ngày ${formatDate(now)}: ${short(r.answer ?? '', 400)}`,
      link: unitPageLink(unitId, r.id),
      dedupeKey: `recommendation-answer:${r.id}:${r.version}:${unitId}`,
    });
  }
  return units;
}

/**
 * PUT answer: saves the text ('answer' ability) with the version read; `publish` sends it to the units now, a draft
 * (publish false) is withdrawn from them until published again.
 */
export async function saveAnswer(db: Db, who: Who, id: number, input: { text: string; publish: boolean; version: number }, day: string, now: Date) {
  return db.tx(async (tx) => {
    const loaded = await loadVisibleRecommendation(tx, who, id, { today: day, lock: true });
    requireRecommendation(who, 'answer', loaded);
    if (loaded.row.version !== input.version) throw conflict(VERSION_CONFLICT, { current: await recommendationDetail(tx, who, loaded, day) });
    const text = cleanText(input.text, 'Nội dung trả lời', RECOMMENDATION_NOTE_MAX);
    const publishedAt = input.publish ? now : null;
    const version = await recommendationsRepo.update(tx, id, input.version, { answer: text, answerPublishedAt: publishedAt }, now);
    if (version === null) throw conflict(VERSION_CONFLICT);
    await recommendationsRepo.insertUpdate(tx, {
      recommendationId: id, kind: 'answer', text: input.publish ? `Gửi trả lời cho đơn vị: ${text}` : `Soạn trả lời (chưa gửi): ${text}`,
      byUserId: who.id, byName: who.fullName || who.username || null, at: now,
    });
    const after = await loadVisibleRecommendation(tx, who, id, { today: day });
    const told = input.publish ? await publishAnswer(tx, who, after, now, day) : [];
    await audit(tx, who.auditActor, {
      action: input.publish ? 'recommendation.answer.publish' : 'recommendation.answer.draft', entityType: 'recommendation', entityId: id,
      orgUnitId: loaded.row.owner_division_id,
      before: { answer: loaded.row.answer, publishedAt: loaded.row.answer_published_at }, after: { answer: text, publishedAt, notifiedUnits: told },
    });
    return after;
  });
}
