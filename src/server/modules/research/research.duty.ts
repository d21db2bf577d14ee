import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ResearchGrade, ResearchRole, ResearchStatus } from '../../db/tables/research.ts';
import { dutyRows } from './research.repo.ts';

export type ResearchDutyEntry = {
  source: 'research';
  id: string;
  code: string;
  title: string;
  role: ResearchRole;
  status: ResearchStatus;
  grade: ResearchGrade | null;
  dueDate: string;
  /** When the claimant took the topic (UTC ISO). */
  claimedAt: string | null;
  /** When the report came in (UTC ISO); null while there is none. */
  submittedAt: string | null;
};

/**
 * For a deputy's duty record (履职档案): the research topics the deputy took part in, dated by the
 * claim or by the report, either inside the half-open UTC range [start, end). Withdrawn topics are
 * left out. One query; the duty-record module decides how to show them.
 */
export async function researchDutyEntries(
  db: Kysely<DB>,
  townId: string,
  deputyId: string,
  range: { start: string; end: string },
): Promise<ResearchDutyEntry[]> {
  const rows = await dutyRows(db, townId, deputyId, range);
  return rows.map((r) => ({
    source: 'research' as const,
    id: r.id,
    code: r.code,
    title: r.title,
    role: r.role,
    status: r.status,
    grade: r.grade,
    dueDate: r.dueDate,
    claimedAt: r.claimedAt,
    submittedAt: r.submittedAt,
  }));
}
