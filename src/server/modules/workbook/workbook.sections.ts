import {
  electionsSection,
  motionsSection,
  sessionItemsSection,
  sessionRollSection,
  sessionVotesSection,
  sessionsSection,
} from '../sessions/sessions.workbook.ts';
import { achievementsSection } from '../achievements/achievements.workbook.ts';
import { appraisalIssuesSection, appraisalsSection } from '../appraisals/appraisals.workbook.ts';
import { findingsSection, rectificationNoticesSection, reinspectionsSection } from '../findings/findings.workbook.ts';
import { portalSubmissionsSection } from '../portal/portal.workbook.ts';
import { activitiesSection } from './sections/activities.section.ts';
import { activityKindsSection } from './sections/activity-kinds.section.ts';
import { activitySeriesSection } from './sections/activity-series.section.ts';
import { constituenciesSection } from './sections/constituencies.section.ts';
import { deputiesSection } from './sections/deputies.section.ts';
import { documentsSection } from './sections/documents.section.ts';
import { deputyReviewsSection, dutyReportsSection } from './sections/evaluation.workbook.ts';
import { groupsSection } from './sections/groups.section.ts';
import { presidiumSection } from './sections/presidium.section.ts';
import { presidiumMeetingsSection } from './sections/presidium-meetings.section.ts';
import { receptionsSection } from './sections/receptions.section.ts';
import { researchTopicsSection } from './sections/research-topics.section.ts';
import { stationsSection } from './sections/stations.section.ts';
import { pointsAdjustmentsSection, pointsSchemesSection, pointsSnapshotsSection, presidiumRatingsSection } from './sections/points.workbook.ts';
import { holidaysSection, suggestionSettingsSection } from './sections/suggestion-settings.section.ts';
import { suggestionsSection } from './sections/suggestions.section.ts';
import { termsSection } from './sections/terms.section.ts';
import { unitsSection } from './sections/units.section.ts';
import { usersSection } from './sections/users.section.ts';
import { villagesSection } from './sections/villages.section.ts';

/**
 * Every section of the workbook, in import order: a section may refer only to sections before it
 * (references that must point forward, such as a station's head deputy, are set in `link`).
 * This order is also the order of the properties in an exported document.
 *
 * A later feature adds its records here: write `sections/<area>.section.ts` and append it.
 */
export const SECTIONS = [
  villagesSection,
  termsSection,
  constituenciesSection,
  stationsSection,
  unitsSection,
  deputiesSection,
  groupsSection,
  presidiumSection,
  usersSection,
  activityKindsSection,
  activitySeriesSection,
  activitiesSection,
  presidiumMeetingsSection,
  researchTopicsSection,
  documentsSection,
  receptionsSection,
  suggestionSettingsSection,
  holidaysSection,
  // Sessions before suggestions (a suggestion names the session it was raised at); motions after them.
  sessionsSection,
  sessionRollSection,
  sessionItemsSection,
  suggestionsSection,
  motionsSection,
  sessionVotesSection,
  electionsSection,
  // Oversight and evaluation (issue 6). Published months come last: their breakdowns name records of every kind above.
  findingsSection,
  rectificationNoticesSection,
  reinspectionsSection,
  appraisalsSection,
  appraisalIssuesSection,
  dutyReportsSection,
  deputyReviewsSection,
  pointsSchemesSection,
  pointsAdjustmentsSection,
  presidiumRatingsSection,
  pointsSnapshotsSection,
  // The achievements ledger (issue 7): an entry names the activity and suggestion that led to it.
  achievementsSection,
  // Public portal submissions (群众意见): a submission names its station or deputy, village and the suggestion it became.
  portalSubmissionsSection,
] as const;
