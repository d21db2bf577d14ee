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

/** Every API module, mounted under /api/v1. One line per domain area. */
export const apiModules: FastifyPluginAsyncZod<AppDeps>[] = [authRoutes, auditRoutes, unitsRoutes, regionsRoutes, accountsRoutes, stationsRoutes, groupsRoutes, presidiumRoutes, presidiumMeetingsRoutes, deputiesRoutes, filesRoutes, activitiesRoutes, activityFilesRoutes, dutyRecordRoutes, researchRoutes, documentsRoutes, receptionsRoutes, portalRoutes, suggestionsRoutes, searchRoutes, statsRoutes, notificationsRoutes];
