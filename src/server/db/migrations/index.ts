import type { Migration } from 'kysely';
import * as m20261128_0001 from './20261128_0001_foundation.ts';
import * as m20261128_0020 from './20261128_0020_organisation_guards.ts';
import * as m20261128_0050 from './20261128_0050_activities.ts';
import * as m20261128_0060 from './20261128_0060_activity_codes.ts';
import * as m20261128_0070 from './20261128_0070_files.ts';
import * as m20261128_0080 from './20261128_0080_presidium_meetings.ts';
import * as m20261128_0090 from './20261128_0090_documents.ts';
import * as m20261128_0100 from './20261128_0100_research.ts';
import * as m20261128_0110 from './20261128_0110_activity_files.ts';
import * as m20261128_0120 from './20261128_0120_suggestions.ts';
import * as m20261128_0130 from './20261128_0130_receptions.ts';
import * as m20261128_0140 from './20261128_0140_notifications.ts';
import * as m20261128_0150 from './20261128_0150_portal.ts';
import * as m20261128_0160 from './20261128_0160_search.ts';
import * as m20261207_0170 from './20261207_0170_sessions.ts';
import * as m20261207_0180 from './20261207_0180_findings.ts';
import * as m20261207_0190 from './20261207_0190_polls.ts';
import * as m20261207_0200 from './20261207_0200_evaluation.ts';
import * as m20261207_0210 from './20261207_0210_reports.ts';
import * as m20261207_0220 from './20261207_0220_job_lock.ts';
import * as m20261207_0230 from './20261207_0230_search_by_town.ts';
import * as m20261207_0240 from './20261207_0240_audit_chain.ts';

/** Every migration, by timestamped name. Add new ones at the end; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '20261128_0001_foundation': m20261128_0001,
  '20261128_0020_organisation_guards': m20261128_0020,
  '20261128_0050_activities': m20261128_0050,
  '20261128_0060_activity_codes': m20261128_0060,
  '20261128_0070_files': m20261128_0070,
  '20261128_0080_presidium_meetings': m20261128_0080,
  '20261128_0090_documents': m20261128_0090,
  '20261128_0100_research': m20261128_0100,
  '20261128_0110_activity_files': m20261128_0110,
  '20261128_0120_suggestions': m20261128_0120,
  '20261128_0130_receptions': m20261128_0130,
  '20261128_0140_notifications': m20261128_0140,
  '20261128_0150_portal': m20261128_0150,
  '20261128_0160_search': m20261128_0160,
  '20261207_0170_sessions': m20261207_0170,
  '20261207_0180_findings': m20261207_0180,
  '20261207_0190_polls': m20261207_0190,
  '20261207_0200_evaluation': m20261207_0200,
  '20261207_0210_reports': m20261207_0210,
  '20261207_0220_job_lock': m20261207_0220,
  '20261207_0230_search_by_town': m20261207_0230,
  '20261207_0240_audit_chain': m20261207_0240,
};
