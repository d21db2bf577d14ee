import type { Generated } from 'kysely';

/* The public portal's table (see the migration 20261128_0150_portal). */

export type PortalStatus = 'received' | 'accepted' | 'declined';

export interface PortalSubmissionTable {
  id: string;
  townId: string;
  trackingCode: string;
  idempotencyKey: string;
  targetType: 'station' | 'deputy';
  stationId: string | null;
  deputyId: string | null;
  name: Generated<string>;
  phone: string | null;
  villageId: string | null;
  category: string;
  content: string;
  status: Generated<PortalStatus>;
  declineReason: Generated<string>;
  matterId: string | null;
  suggestionId: string | null;
  publicReply: Generated<string>;
  clientHash: string;
  handledBy: string | null;
  handledAt: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

/** An issued captcha: the answer only as a keyed hash; `usedAt` once it has been tried (right or wrong). */
export interface PortalCaptchaTable {
  id: string;
  answerHash: string;
  clientHash: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface PortalTables {
  portalSubmission: PortalSubmissionTable;
  portalCaptcha: PortalCaptchaTable;
}
