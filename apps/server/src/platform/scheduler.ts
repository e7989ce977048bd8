import type { FastifyInstance } from 'fastify';
import { runReminders } from '../modules/notifications/notifications.service.js';
import { sessionsRepo } from '../modules/identity/identity.repository.js';
import { runPresentationReminders } from '../modules/conferences/presentations.service.js';
import { runFollowUpJobs } from '../modules/follow-up/escalation.service.js';

/** In-process periodic jobs (deadline reminders, expired sessions). Returns a stop function. */
export function startScheduler(app: FastifyInstance, everyMs = 10 * 60_000): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runReminders(app.db, app.clock.now(), app.config);
      await sessionsRepo.purgeExpired(app.db, app.config.sessionIdleMinutes);
      await runPresentationReminders(app.db, app.clock.now(), app.config);
      await runFollowUpJobs(app.db, app.clock.now(), app.config);
    } catch (e) {
      app.log.error(e, 'scheduler tick failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(tick, 5_000);
  const timer = setInterval(tick, everyMs);
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
