import type { ColumnType, Generated } from 'kysely';
import type { ActivityFileTables } from './tables/activity-files.ts';
import type { DocumentTables } from './tables/documents.ts';
import type { PresidiumMeetingTables } from './tables/presidium-meetings.ts';
import type { ResearchTables } from './tables/research.ts';
import type { SuggestionTables } from './tables/suggestions.ts';
import type { ReceptionTables } from './tables/receptions.ts';
import type { NotificationTables } from './tables/notifications.ts';
import type { PortalTables } from './tables/portal.ts';
import type { SessionTables } from './tables/sessions.ts';
import type { FindingTables } from './tables/findings.ts';
import type { PollTables } from './tables/polls.ts';
import type { EvaluationTables } from './tables/evaluation.ts';
import type { ReportTables } from './tables/reports.ts';
import type { JobLockTables } from './tables/job-lock.ts';
import type { AuditChainTables } from './tables/audit-chain.ts';

/*
 * Table types, camelCase (the CamelCasePlugin maps them to snake_case columns).
 * Flags are 0/1 numbers on both engines; timestamps are ISO text; dates are YYYY-MM-DD text.
 */

export type Role = 'county_admin' | 'town_admin' | 'liaison' | 'deputy' | 'handler';
export const ROLES: readonly Role[] = ['county_admin', 'town_admin', 'liaison', 'deputy', 'handler'];

export interface CountyTable {
  id: string;
  code: string;
  name: string;
  createdAt: string;
}

export interface TownTable {
  id: string;
  countyId: string;
  code: string;
  name: string;
  population: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface VillageTable {
  id: string;
  townId: string;
  code: string;
  name: string;
  kind: 'village' | 'community';
  sortOrder: Generated<number>;
}

export interface TermTable {
  id: string;
  townId: string;
  number: number;
  startDate: string;
  endDate: string | null;
}

export interface ConstituencyTable {
  id: string;
  townId: string;
  termId: string;
  code: string;
  name: string;
  seats: Generated<number>;
}

export interface ConstituencyVillageTable {
  constituencyId: string;
  villageId: string;
  townId: string;
}

export type StationKind = 'station' | 'home' | 'studio';

export interface StationTable {
  id: string;
  townId: string;
  code: string;
  name: string;
  kind: StationKind;
  address: Generated<string>;
  phone: string | null;
  headDeputyId: string | null;
  scheduleRule: string | null;
  description: Generated<string>;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface StationVillageTable {
  stationId: string;
  villageId: string;
  townId: string;
}

export type DeputyStatus = 'serving' | 'resigned' | 'recalled' | 'terminated' | 'transferred';
export type Gender = 'male' | 'female';

export interface DeputyTable {
  id: string;
  townId: string;
  termId: string;
  code: string;
  name: string;
  gender: Gender;
  birthDate: string | null;
  ethnicity: Generated<string>;
  party: string;
  isTownLevel: Generated<number>;
  isCountyLevel: Generated<number>;
  constituencyId: string | null;
  stationId: string | null;
  occupation: string;
  workplace: Generated<string>;
  title: Generated<string>;
  phone: string | null;
  idNumber: string | null;
  status: Generated<DeputyStatus>;
  statusDate: string | null;
  statusReason: string | null;
  hardship: Generated<number>;
  photo: string | null;
  notes: Generated<string>;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface DeputyGroupTable {
  id: string;
  townId: string;
  code: string;
  name: string;
  stationId: string | null;
  description: Generated<string>;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export type GroupRole = 'leader' | 'vice_leader' | 'member';

export interface GroupMemberTable {
  groupId: string;
  deputyId: string;
  townId: string;
  role: GroupRole;
}

export type PresidiumPosition = 'chair' | 'vice_chair' | 'member';

export interface PresidiumMemberTable {
  id: string;
  townId: string;
  termId: string;
  deputyId: string;
  position: PresidiumPosition;
  startDate: string;
  endDate: string | null;
  sortOrder: Generated<number>;
}

export interface PresidiumLiaisonTable {
  presidiumMemberId: string;
  deputyId: string;
  townId: string;
}

export type UnitKind = 'town_office' | 'county_dept' | 'other';

export interface HandlingUnitTable {
  id: string;
  townId: string;
  code: string;
  name: string;
  kind: UnitKind;
  contactName: Generated<string>;
  contactPhone: Generated<string>;
  address: Generated<string>;
  active: Generated<number>;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface AppUserTable {
  id: string;
  countyId: string;
  townId: string | null;
  username: string;
  displayName: string;
  phone: string | null;
  role: Role;
  deputyId: string | null;
  unitId: string | null;
  stationId: string | null;
  /** Where reminders are also e-mailed when SMTP is configured (set by the user; optional on insert). */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  passwordHash: string;
  active: Generated<number>;
  mustChangePassword: Generated<number>;
  lastLoginAt: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface SessionTable {
  id: string;
  userId: string;
  townId: string | null;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: Generated<string>;
  userAgent: Generated<string>;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  windowStart: string;
  lockedUntil: string | null;
}

export interface AuditEventTable {
  id: string;
  countyId: string | null;
  townId: string | null;
  actorUserId: string | null;
  actorName: string;
  actorRole: string;
  at: string;
  entity: string;
  entityId: string;
  action: string;
  summary: Generated<string>;
  changes: string | null;
  requestId: string | null;
  ip: string | null;
  /** Place in the county's hash chain (modules/audit/audit.chain.ts); null only on rows no writer chained. */
  seq: number | null;
  prevHash: string | null;
  hash: string | null;
}

export interface ImportJobTable {
  id: string;
  townId: string;
  kind: 'deputies' | 'workbook';
  fileName: string;
  status: 'running' | 'succeeded' | 'failed';
  totalRows: Generated<number>;
  processedRows: Generated<number>;
  result: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

export type ActivityCountsAs = 'training' | 'inspection' | 'research' | 'meeting' | 'group' | 'fixed_day' | 'visit' | 'other';

export interface ActivityKindTable {
  id: string;
  townId: string;
  code: string;
  name: string;
  countsAs: ActivityCountsAs;
  sortOrder: Generated<number>;
  active: Generated<number>;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export type OrganiserType = 'town' | 'station' | 'group';

export interface ActivitySeriesTable {
  id: string;
  townId: string;
  /** External key, unique in the town (R001…), given at creation. */
  code: string;
  title: string;
  kindId: string;
  organiserType: OrganiserType;
  stationId: string | null;
  groupId: string | null;
  rule: string;
  startTime: string;
  durationMinutes: number;
  fromDate: string;
  untilDate: string;
  place: Generated<string>;
  content: Generated<string>;
  speakers: Generated<string>;
  invite: string | null;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ActivityStatus = 'planned' | 'held' | 'cancelled';

export interface ActivityTable {
  id: string;
  townId: string;
  /** External key, unique in the town (A00001…), given at creation. */
  code: string;
  seriesId: string | null;
  seriesDate: string | null;
  title: string;
  kindId: string;
  organiserType: OrganiserType;
  stationId: string | null;
  groupId: string | null;
  startAt: string;
  endAt: string;
  place: Generated<string>;
  content: Generated<string>;
  speakers: Generated<string>;
  outcomes: Generated<string>;
  status: Generated<ActivityStatus>;
  moved: Generated<number>;
  detached: Generated<number>;
  signInCode: string;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export type LeaveStatus = 'requested' | 'approved' | 'refused' | 'withdrawn';
export type AttendanceMark = 'present' | 'late' | 'absent' | 'on_leave';

export interface ActivityInvitationTable {
  id: string;
  townId: string;
  activityId: string;
  deputyId: string;
  invitedBy: string | null;
  invitedAt: string;
  response: Generated<'pending' | 'accepted'>;
  respondedAt: string | null;
  leaveStatus: LeaveStatus | null;
  leaveReason: Generated<string>;
  leaveRequestedAt: string | null;
  leaveDecidedBy: string | null;
  leaveDecidedAt: string | null;
  leaveNote: Generated<string>;
  attendance: AttendanceMark | null;
  attendanceBy: 'self' | 'staff' | null;
  attendanceAt: string | null;
  signedInAt: string | null;
}

export type FileKind = 'jpeg' | 'png' | 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'doc' | 'xls' | 'ppt';

export interface StoredFileTable {
  id: string;
  townId: string;
  name: string;
  kind: FileKind;
  mime: string;
  size: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string | null;
  uploadedAt: string;
}

/** Every table. Areas added after the activities keep their table types in ./tables/<area>.ts. */
export interface DB extends PresidiumMeetingTables, DocumentTables, ResearchTables, ActivityFileTables, SuggestionTables, ReceptionTables, NotificationTables, PortalTables, SessionTables, FindingTables, PollTables, EvaluationTables, ReportTables, JobLockTables, AuditChainTables {
  storedFile: StoredFileTable;
  county: CountyTable;
  town: TownTable;
  village: VillageTable;
  term: TermTable;
  constituency: ConstituencyTable;
  constituencyVillage: ConstituencyVillageTable;
  station: StationTable;
  stationVillage: StationVillageTable;
  deputy: DeputyTable;
  deputyGroup: DeputyGroupTable;
  groupMember: GroupMemberTable;
  presidiumMember: PresidiumMemberTable;
  presidiumLiaison: PresidiumLiaisonTable;
  handlingUnit: HandlingUnitTable;
  appUser: AppUserTable;
  session: SessionTable;
  loginThrottle: LoginThrottleTable;
  auditEvent: AuditEventTable;
  importJob: ImportJobTable;
  activityKind: ActivityKindTable;
  activitySeries: ActivitySeriesTable;
  activity: ActivityTable;
  activityInvitation: ActivityInvitationTable;
}
