import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { deputiesRoutes } from './roster/deputies.routes.ts';
import { unitsRoutes } from './units/units.routes.ts';
import { regionsRoutes } from './regions/regions.routes.ts';
import { accountsRoutes } from './accounts/accounts.routes.ts';
import { stationsRoutes } from './stations/stations.routes.ts';
import { groupsRoutes } from './groups/groups.routes.ts';
import { presidiumRoutes } from './presidium/presidium.routes.ts';
import { presidiumMeetingsRoutes } from './presidium-meetings/presidium-meetings.routes.ts';
import { activitiesRoutes } from './activities/activities.routes.ts';
import { dutyRecordRoutes } from './duty-record/duty-record.routes.ts';
import { filesRoutes } from './files/files.routes.ts';
import { documentsRoutes } from './documents/documents.routes.ts';
import { researchRoutes } from './research/research.routes.ts';
import { activityFilesRoutes } from './activity-files/activity-files.routes.ts';
import { portalRoutes } from './portal/portal.routes.ts';
import { receptionsRoutes } from './receptions/receptions.routes.ts';
import { suggestionsRoutes } from './suggestions/suggestions.routes.ts';
import { searchRoutes } from './search/search.routes.ts';
import { statsRoutes } from './search/stats.routes.ts';
import { notificationsRoutes } from './notifications/notifications.routes.ts';
import { motionsRoutes } from './sessions/motions.routes.ts';
import { votesRoutes } from './sessions/votes.routes.ts';
import { sessionStatsRoutes } from './sessions/session-stats.routes.ts';
import { electionsRoutes } from './sessions/elections.routes.ts';
import { sessionsRoutes } from './sessions/sessions.routes.ts';
import { findingsRoutes } from './findings/findings.routes.ts';
import { pollsRoutes } from './polls/polls.routes.ts';
import { appraisalsRoutes } from './appraisals/appraisals.routes.ts';
import { pointsRoutes } from './points/points.routes.ts';
import { dutyReportsRoutes } from './duty-reports/duty-reports.routes.ts';
import { reviewsRoutes } from './reviews/reviews.routes.ts';
import { reportsRoutes } from './reports/reports.routes.ts';
import { reportFactsRoutes } from './report-facts/report-facts.routes.ts';
import { achievementsRoutes } from './achievements/achievements.routes.ts';
import { ledgersRoutes } from './ledgers/ledgers.routes.ts';
import { dashboardsRoutes } from './dashboards/dashboards.routes.ts';

/** Every API module, mounted under /api/v1. One line per domain area. */
export const apiModules: FastifyPluginAsyncZod<AppDeps>[] = [
  authRoutes,
  auditRoutes,
  unitsRoutes,
  regionsRoutes,
  accountsRoutes,
  stationsRoutes,
  groupsRoutes,
  presidiumRoutes,
  presidiumMeetingsRoutes,
  deputiesRoutes,
  filesRoutes,
  activitiesRoutes,
  activityFilesRoutes,
  dutyRecordRoutes,
  researchRoutes,
  documentsRoutes,
  receptionsRoutes,
  portalRoutes,
  suggestionsRoutes,
  searchRoutes,
  statsRoutes,
  notificationsRoutes,
  sessionsRoutes,
  sessionStatsRoutes,
  electionsRoutes,
  motionsRoutes,
  votesRoutes,
  pollsRoutes,
  appraisalsRoutes,
  dutyReportsRoutes,
  reviewsRoutes,
  findingsRoutes,
  pointsRoutes,
  reportsRoutes,
  reportFactsRoutes,
  achievementsRoutes,
  dashboardsRoutes,
  ledgersRoutes,
];
