/** The reminder and escalation schedule (setting 'followup.reminders'): read by the department, changed by the office. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActor, requireAbility, requireUser } from '../../platform/http.js';
import { forbidden } from '../../platform/errors.js';
import { reminderSettings, saveReminderSettings } from './escalation.service.js';

const Settings = z.object({
  daysBefore: z.array(z.number().int()).max(10).describe('Nhắc phòng chủ trì trước hạn bao nhiêu ngày (mặc định [7, 1])'),
  onDeadline: z.boolean().describe('Nhắc vào ngày đến hạn'),
  overdueEveryDays: z.number().int().describe('Khi quá hạn, nhắc lại sau mỗi bao nhiêu ngày (mặc định 7)'),
  escalateAfterDays: z.number().int().describe('Quá hạn bao nhiêu ngày thì báo lãnh đạo Sở phụ trách (mặc định 7)'),
  digestWeekday: z.number().int().describe('Ngày gửi bản tổng hợp hằng tuần cho từng phòng: 1 = thứ Hai … 7 = Chủ nhật'),
});

export const escalationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/recommendations/reminders', {
    schema: { tags: ['recommendations'], summary: 'Lịch nhắc hạn, báo lãnh đạo khi quá hạn và tổng hợp hằng tuần', response: { 200: Settings } },
  }, async (req) => {
    const u = requireUser(req);
    if (u.role === 'reporter' || u.role === 'unit_head') throw forbidden('Lịch nhắc hạn kiến nghị là thiết lập nội bộ của Sở.');
    return reminderSettings(app.db);
  });

  app.put('/api/recommendations/reminders', {
    schema: { tags: ['recommendations'], summary: 'Đổi lịch nhắc hạn và báo lãnh đạo (Văn phòng Sở)', body: Settings.partial(), response: { 200: Settings } },
  }, async (req) => {
    requireAbility(req, 'recommendations.manage');
    return saveReminderSettings(app.db, auditActor(req), req.body);
  });
};
