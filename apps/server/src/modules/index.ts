import type { FastifyPluginAsync } from 'fastify';
import { identityRoutes } from './identity/identity.routes.js';
import { notificationRoutes } from './notifications/notifications.routes.js';
import { roundRoutes } from './rounds/rounds.routes.js';
import { submissionRoutes } from './submissions/submissions.routes.js';
import { attachmentRoutes } from './submissions/attachments.routes.js';
import { xlsxRoutes } from './xlsx/xlsx.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { catalogRoutes } from './catalog/catalog.routes.js';
import { orgRoutes } from './org/org.routes.js';
import { settingsRoutes } from './settings/settings.routes.js';
import { dhis2Routes } from './dhis2/dhis2.routes.js';
import { analyticsRoutes } from './analytics/analytics.routes.js';
import { reportRoutes } from './reports/reports.routes.js';
import { compareRoutes } from './analytics/compare.routes.js';
import { dashboardRoutes } from './dashboard/dashboard.routes.js';
import { conferenceRoutes } from './conferences/conferences.routes.js';
import { checkinRoutes } from './conferences/checkin.routes.js';
import { peopleRoutes } from './people/people.routes.js';
import { liveRoutes } from './conferences/live.routes.js';
import { discussionRoutes } from './conferences/discussion.routes.js';
import { pointRoutes } from './conferences/points.routes.js';
import { minutesRoutes } from './conferences/minutes.routes.js';
import { noticeRoutes } from './conferences/notices.routes.js';
import { documentRoutes } from './conferences/documents.routes.js';
import { awardRoutes } from './awards/awards.routes.js';

/** Every module's routes, registered in this order by app.ts. */
export const MODULES: FastifyPluginAsync[] = [identityRoutes, notificationRoutes, orgRoutes, catalogRoutes, settingsRoutes, roundRoutes, submissionRoutes, attachmentRoutes, xlsxRoutes, auditRoutes, dhis2Routes, analyticsRoutes, compareRoutes, reportRoutes, dashboardRoutes, conferenceRoutes, checkinRoutes, peopleRoutes, liveRoutes, discussionRoutes, pointRoutes, minutesRoutes, noticeRoutes, documentRoutes, awardRoutes] as FastifyPluginAsync[];
