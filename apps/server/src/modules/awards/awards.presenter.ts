/** The awards facts as the API shows them: fields copied by name. */
import { RATING_LABELS } from '@nhip/contracts';
import type { z } from 'zod';
import type { InitiativeView, RatingView, RecordView, RegistrationView } from './awards.repository.js';
import type { InitiativeOut, RatingOut, RecordOut, RegistrationOut } from './awards.schema.js';

export const presentRecord = (r: RecordView): z.infer<typeof RecordOut> => ({
  id: r.id,
  person: r.person,
  unit: r.unit,
  homeUnit: r.homeUnit,
  title: { code: r.awardCode, name: r.awardName },
  year: r.year,
  decision: r.decisionNumber,
  decisionDate: r.decisionDate,
  authority: r.authority,
  source: r.source,
  note: r.note,
  createdAt: r.createdAt,
});

export const presentRating = (r: RatingView): z.infer<typeof RatingOut> => ({
  id: r.id, person: r.person, unit: r.unit, year: r.year, rating: r.rating, ratingLabel: RATING_LABELS[r.rating].vi, note: r.note, updatedAt: r.updatedAt,
});

export const presentInitiative = (i: InitiativeView): z.infer<typeof InitiativeOut> => ({
  id: i.id,
  title: i.title,
  year: i.year,
  scope: i.scope,
  recognisedBy: i.recognisedBy,
  decisionNumber: i.decisionNumber,
  unit: i.unit,
  authors: i.authors,
  usedBy: i.usedBy
    ? { nominationId: i.usedBy.nominationId, recordId: i.usedBy.recordId, title: { code: i.usedBy.awardCode, name: i.usedBy.awardName }, year: i.usedBy.year, who: i.usedBy.who }
    : null,
  note: i.note,
  createdAt: i.createdAt,
});

export const presentRegistration = (r: RegistrationView): z.infer<typeof RegistrationOut> => ({
  id: r.id,
  unit: r.unit,
  year: r.year,
  collectiveTarget: r.collectiveTarget,
  note: r.note,
  targets: r.targets.map((t) => ({ personId: t.personId, fullName: t.fullName, title: t.awardCode })),
  registeredAt: r.registeredAt,
  updatedAt: r.updatedAt,
  version: r.version,
});
