import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RatingValue, SponsorRole } from '../../db/tables/suggestions.ts';
import type { SuggestionState } from './suggestion.machine.ts';
import { dutyRows } from './suggestions.repo.ts';

export type SuggestionDutyEntry = {
  source: 'suggestion';
  id: string;
  code: string;
  title: string;
  /** Lead sponsor (领衔) or co-sponsor (附议). */
  role: SponsorRole;
  state: SuggestionState;
  /** The latest reply's grade (A–D by default); null before a reply. */
  grade: string | null;
  /** The latest rating's result; null before a rating. */
  rating: RatingValue | null;
  /** Whether an office has answered (a reply is on record). */
  replied: boolean;
  /** When it was raised (submitted; UTC ISO). */
  at: string;
};

/**
 * For a deputy's duty record (履职档案): the suggestions, criticisms and opinions the deputy raised or
 * joined in the year, dated by their submission, inside the half-open UTC range [start, end). One query;
 * the duty-record module decides how to show them.
 */
export async function suggestionDutyEntries(
  db: Kysely<DB>,
  townId: string,
  deputyId: string,
  range: { start: string; end: string },
): Promise<SuggestionDutyEntry[]> {
  const rows = await dutyRows(db, townId, deputyId, range);
  return rows.map((r) => ({
    source: 'suggestion' as const,
    id: r.id,
    code: r.code,
    title: r.title,
    role: r.role,
    state: r.state as SuggestionState,
    grade: r.grade,
    rating: r.rating,
    replied: r.repliedOn !== null,
    at: r.at,
  }));
}
