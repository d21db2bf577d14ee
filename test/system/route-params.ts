import type { DB } from '../../src/server/db/schema.ts';

/*
 * Where the cross-town access matrix (access-cross-town.api.test.ts) finds another town's real ids for
 * each path parameter. A route whose parameter is not declared here FAILS that test: a new route cannot
 * go unchecked.
 *
 * Keys, most specific first:
 *   - the route's path up to and including the parameter, without /api/v1: '/activities/:id/files/:fileId'
 *   - the segment before it and the parameter:                              'files/:fileId'
 *   - for a parameter inside a segment, the text before it:                  'export.:format'
 *
 * A source is either rows of a table (every table has town_id; `column` is the field giving the value,
 * `id` by default; `parent` fills an earlier parameter of the same route from the same row, so a child is
 * asked for under its own parent), or literal values for parameters that are not ids (a year, a format).
 */
export type TableName = keyof DB & string;
export type ParamSource =
  | { table: TableName; column?: string; parent?: { param: string; column: string } }
  | { literal: readonly string[] };

export const PATH_PARAMS: Record<string, ParamSource> = {
  'units/:id': { table: 'handlingUnit' },
  'towns/:id': { table: 'town' },
  'villages/:id': { table: 'village' },
  'terms/:id': { table: 'term' },
  'constituencies/:id': { table: 'constituency' },
  'users/:id': { table: 'appUser' },
  'stations/:id': { table: 'station' },
  'groups/:id': { table: 'deputyGroup' },
  'members/:id': { table: 'presidiumMember' },
  'presidium-meetings/:id': { table: 'presidiumMeeting' },
  'presidium-decisions/:id': { table: 'presidiumDecision' },
  'deputies/:id': { table: 'deputy' },
  'imports/:jobId': { table: 'importJob' },
  'files/:id': { table: 'storedFile' },
  'activity-kinds/:id': { table: 'activityKind' },
  'activities/:id': { table: 'activity' },
  '/activities/:id/invitations/:deputyId': { table: 'activityInvitation', column: 'deputyId', parent: { param: 'id', column: 'activityId' } },
  '/activities/:id/files/:fileId': { table: 'activityFile', column: 'fileId', parent: { param: 'id', column: 'activityId' } },
  'activity-series/:id': { table: 'activitySeries' },
  'research-topics/:id': { table: 'researchTopic' },
  'documents/:id': { table: 'document' },
  'receptions/:id': { table: 'reception' },
  'towns/:townCode': { table: 'town', column: 'code' },
  'track/:trackingCode': { table: 'portalSubmission', column: 'trackingCode' },
  'portal-submissions/:id': { table: 'portalSubmission' },
  'holidays/:year': { literal: ['2025', '2026'] },
  'suggestions/:id': { table: 'suggestion' },
  '/suggestions/:id/files/:fileId': { table: 'suggestionFile', column: 'fileId', parent: { param: 'id', column: 'suggestionId' } },
  'notifications/:id': { table: 'notification' },
  'sessions/:id': { table: 'congressSession' },
  '/sessions/:id/roll/:deputyId': { table: 'sessionAttendee', column: 'deputyId', parent: { param: 'id', column: 'sessionId' } },
  'items/:itemId': { table: 'sessionItem', parent: { param: 'id', column: 'sessionId' } },
  '/sessions/:id/items/:itemId/files/:fileId': { table: 'sessionItemFile', column: 'fileId', parent: { param: 'itemId', column: 'itemId' } },
  'elections/:electionId': { table: 'election', parent: { param: 'id', column: 'sessionId' } },
  'nominations/:nominationId': { table: 'electionNomination', parent: { param: 'electionId', column: 'electionId' } },
  'candidates/:candidateId': { table: 'electionCandidate', parent: { param: 'electionId', column: 'electionId' } },
  'rounds/:roundId': { table: 'electionRound', parent: { param: 'electionId', column: 'electionId' } },
  'motions/:motionId': { table: 'motion', parent: { param: 'id', column: 'sessionId' } },
  'votes/:voteId': { table: 'sessionVote', parent: { param: 'itemId', column: 'itemId' } },
  'polls/:id': { table: 'poll' },
  'polls/:pollId': { table: 'poll' },
  'p/:townCode': { table: 'town', column: 'code' },
  'appraisals/:id': { table: 'appraisal' },
  'issues/:issueId': { table: 'appraisalIssue', parent: { param: 'id', column: 'appraisalId' } },
  'duty-reports/:id': { table: 'dutyReport' },
  'reviews/:id': { table: 'deputyReview' },
  'findings/:id': { table: 'finding' },
  'notices/:id': { table: 'rectificationNotice' },
  '/findings/:id/files/:fileId': { table: 'findingFile', column: 'fileId', parent: { param: 'id', column: 'findingId' } },
  'schemes/:id': { table: 'pointsScheme' },
  'months/:month': { literal: ['2026-01', '2025-06'] },
  'adjustments/:adjId': { table: 'pointsAdjustment', parent: { param: 'id', column: 'schemeId' } },
  '/points/schemes/:id/deputies/:deputyId': { table: 'deputy' },
  'reports/:id': { table: 'workReport' },
  'versions/:number': { literal: ['1'] },
  'export.:format': { literal: ['docx', 'pdf'] },
  'report.:format': { literal: ['docx', 'xlsx'] },
  'report-templates/:id': { table: 'reportTemplate' },
  'achievements/:id': { table: 'achievement' },
  'ledgers/:area': { literal: ['suggestions', 'receptions', 'activities'] },
};

/**
 * Query-string filters and request-body fields that take ids (by name; `...Ids` arrays use the singular's
 * table). A list route is also called with another town's ids in these, and writes carry them in bodies.
 * An id-taking name (ending in Id/Ids) missing here fails the test the same way.
 */
export const ID_FIELDS: Record<string, TableName | null> = {
  entityId: 'suggestion',
  termId: 'term',
  meetingId: 'presidiumMeeting',
  ownerId: 'station',
  stationId: 'station',
  constituencyId: 'constituency',
  kindId: 'activityKind',
  organiserId: 'station',
  seriesId: 'activitySeries',
  claimantId: 'station',
  activityId: 'activity',
  unitId: 'handlingUnit',
  deputyId: 'deputy',
  villageId: 'village',
  sessionId: 'congressSession',
  excludeId: 'suggestion',
  templateId: 'reportTemplate',
  townId: 'town',
  headDeputyId: 'deputy',
  minutesFileId: 'storedFile',
  groupId: 'deputyGroup',
  fileId: 'storedFile',
  reportFileId: 'storedFile',
  // A captcha is public and belongs to no town.
  captchaId: null,
  sourceId: 'suggestion',
  leadDeputyId: 'deputy',
  coSponsorId: 'deputy',
  intoId: 'suggestion',
  leadUnitId: 'handlingUnit',
  coUnitId: 'handlingUnit',
  secretaryGeneralId: 'deputy',
  signerId: 'deputy',
  candidateId: 'electionCandidate',
  subjectId: 'handlingUnit',
  previousId: 'dutyReport',
  responsibleUnitId: 'handlingUnit',
  responsibleVillageId: 'village',
  findingId: 'finding',
  suggestionId: 'suggestion',
};
