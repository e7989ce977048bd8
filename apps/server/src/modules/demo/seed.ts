/**
 * Demo data: a fictional province ("Tỉnh Vân Lĩnh") with its department, districts (to 30/06/2025),
 * post-reform communes, enterprises and press, a catalog of indicators, report forms, and reporting
 * history from 2022 to `today`, so every screen has something real to show. Deterministic: the same
 * arguments give the same rows. Load it into an EMPTY migrated database.
 *
 * Files: org.ts (settings, sectors, org tree, lineage) · catalog.ts (data elements, indicators, rules) ·
 * forms.ts (forms, targets) · users.ts · people.ts (staff of every unit, linked to the accounts) · values.ts (value
 * model) · narratives.ts · history.ts (rounds, submissions, values) · activity.ts (audit, notifications) ·
 * conferences.ts (a review conference for every period, held and concluded, and the next one being planned) ·
 * followup.ts (the register of recommendations the conferences and reports fed since 2022, key tasks, escalation) ·
 * awards.ts (award history since 2019, initiatives, the last round decided and the current one in progress) ·
 * news.ts (the portal's articles, one per concluded conference, and its open figures).
 */
import { rebuildAnalyticsCells } from '../analytics/analytics.cells.js';
import type { Db } from '../../platform/db/index.js';
import { hashPassword } from '../identity/password.js';
import { seedAudit, seedNotifications } from './activity.js';
import { seedAwards } from './awards.js';
import { seedCatalog } from './catalog.js';
import { seedConferences } from './conferences.js';
import { seedForms, seedTargets } from './forms.js';
import { seedFollowUp } from './followup.js';
import { seedHistory } from './history.js';
import { seedSummaryDrafts } from './summary-drafts.js';
import { seedNews } from './news.js';
import { seedOrg } from './org.js';
import { seedPeople } from './people.js';
import { seedUsers } from './users.js';

export const DEMO_PASSWORD = 'NhipDemo@2026';

export type DemoAccount = { username: string; role: string; unit: string; password: string };
export type SeedDemoResult = { accounts: DemoAccount[]; counts: Record<string, number> };

export async function seedDemo(db: Db, opts: { today: string; password?: string }): Promise<SeedDemoResult> {
  const { today } = opts;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || today < '2022-04-01') throw new Error(`seedDemo: today must be a date from 2022-04-01, got ${today}`);
  const password = opts.password ?? DEMO_PASSWORD;
  const passwordHash = await hashPassword(password); // argon2 is slow: hash once, share it
  return db.tx(async (t) => {
    const existing = await t.one<{ n: number }>('SELECT count(*)::int AS n FROM org_units');
    if (existing.n > 0) throw new Error('seedDemo: the database already has organisation units; the demo loads only into an empty database');
    const org = await seedOrg(t, today);
    const cat = await seedCatalog(t, org);
    const forms = await seedForms(t, org, cat);
    const targets = await seedTargets(t, org, cat, today);
    const users = await seedUsers(t, org, forms, today, passwordHash);
    const people = await seedPeople(t, org, users, today);
    const history = await seedHistory(t, org, cat, forms, users, today);
    const audit = await seedAudit(t, history, users, today);
    const notifications = await seedNotifications(t, history, org, today);
    const conferences = await seedConferences(t, org, users, people, today);
    const followUp = await seedFollowUp(t, today); // after the conferences: their notices filled the triage queues
    const awards = await seedAwards(t, org, users, people, today); // after the conferences: the year's awards go to the annual one
    const cells = await rebuildAnalyticsCells(t);
    const news = await seedNews(t, org, cat, users, people, today); // after the cells: the articles' figures are read from analytics
    const summaryDrafts = await seedSummaryDrafts(t, users, today); // after the cells and the register: the reports are compiled from them
    const counts: Record<string, number> = {
      orgUnits: org.units.length,
      districts: org.districts.length,
      districtOffices: org.districtOffices.length,
      mediaCentres: org.mediaCentres.length,
      communesBefore2025: org.oldCommunes.length,
      communesFrom2025: org.newCommunes.length,
      radioStations: org.oldRadios.length + org.newRadios.length,
      enterprises: org.enterprises.length,
      pressAgencies: org.press.length,
      lineageLinks: org.lineage.length,
      sectors: org.sectorIds.size,
      dataElements: cat.elements.size,
      indicators: cat.indicatorIds.size,
      validationRules: (await t.one<{ n: number }>('SELECT count(*)::int AS n FROM validation_rules')).n,
      reportForms: forms.length,
      targets,
      users: users.all.length,
      people: people.all.length,
      personMemberships: people.memberships,
      reportingRounds: history.rounds.length,
      submissions: history.subs.length,
      dataValues: history.valueCount,
      auditEvents: audit,
      valueAudit: history.valueAuditCount,
      notifications,
      ...conferences,
      ...followUp,
      ...awards,
      analyticsCells: cells.cells,
      ...news,
      ...summaryDrafts,
    };
    const accounts = users.named.map((u) => ({ username: u.username, role: u.role, unit: u.unit.name, password }));
    return { accounts, counts };
  });
}
