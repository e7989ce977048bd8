/** Key tasks as the API shows them, field by field, with the actor's abilities. */
import { type Actor, KEY_TASK_ACTIONS, KEY_TASK_SOURCES, KEY_TASK_STATES, keyTaskAbilities } from '@nhip/contracts';
import { z } from 'zod';
import type { KeyTaskRow, KeyTaskUpdateRow } from './keytasks.repository.js';

const Ref = z.object({ id: z.number(), code: z.string(), name: z.string() });

export const KeyTaskOut = z.object({
  id: z.number(),
  period: z.string().describe('Kỳ của nhiệm vụ (2026, 2026Q1…)'),
  text: z.string(),
  source: z.enum(KEY_TASK_SOURCES).describe('directive: chỉ đạo của lãnh đạo tỉnh; conclusion: kết luận hội nghị; report: phần III của báo cáo; manual: nhập tay'),
  conference: z.object({ id: z.number(), title: z.string(), pointId: z.number(), pointNumber: z.number().nullable() }).nullable(),
  sector: Ref.nullable(),
  owner: Ref.nullable().describe('Phòng chủ trì'),
  deadline: z.string().nullable(),
  progress: z.number(),
  state: z.enum(KEY_TASK_STATES),
  result: z.string().nullable().describe('Kết quả khi đóng hoặc chuyển kỳ'),
  carriedFrom: z.object({ id: z.number(), period: z.string() }).nullable(),
  carriedTo: z.object({ id: z.number(), period: z.string() }).nullable(),
  closedOn: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
  abilities: z.object(Object.fromEntries(KEY_TASK_ACTIONS.map((a) => [a, z.boolean()])) as Record<(typeof KEY_TASK_ACTIONS)[number], z.ZodBoolean>),
});
export type KeyTaskOut = z.infer<typeof KeyTaskOut>;

export const KeyTaskUpdateOut = z.object({ id: z.number(), text: z.string(), progress: z.number().nullable(), by: z.string().nullable(), at: z.string() });
export const KeyTaskDetail = KeyTaskOut.extend({ updates: z.array(KeyTaskUpdateOut) });

const ref = (id: number | null, code: string | null, name: string | null) => (id !== null && code !== null && name !== null ? { id, code, name } : null);

export const presentKeyTask = (t: KeyTaskRow, actor: Actor): KeyTaskOut => ({
  id: t.id,
  period: t.period,
  text: t.text,
  source: t.source,
  conference: t.conference_id !== null && t.conference_title !== null && t.point_id !== null
    ? { id: t.conference_id, title: t.conference_title, pointId: t.point_id, pointNumber: t.point_number }
    : null,
  sector: ref(t.sector_id, t.sector_code, t.sector_name),
  owner: ref(t.owner_division_id, t.owner_code, t.owner_name),
  deadline: t.deadline,
  progress: t.progress,
  state: t.state,
  result: t.result,
  carriedFrom: t.carried_from_id !== null && t.carried_from_period !== null ? { id: t.carried_from_id, period: t.carried_from_period } : null,
  carriedTo: t.carried_to_id !== null && t.carried_to_period !== null ? { id: t.carried_to_id, period: t.carried_to_period } : null,
  closedOn: t.closed_on,
  version: t.version,
  updatedAt: new Date(t.updated_at).toISOString(),
  abilities: keyTaskAbilities(actor, { state: t.state, ownerDivisionId: t.owner_division_id }),
});

export const presentKeyTaskUpdate = (u: KeyTaskUpdateRow) => ({ id: u.id, text: u.text, progress: u.progress, by: u.by_name, at: new Date(u.at).toISOString() });
