import type { PresidiumPosition } from '../../db/schema.ts';

/** 主席 / 副主席 / 委员 */
export const POSITION_LABEL: Record<PresidiumPosition, string> = { chair: '主席', vice_chair: '副主席', member: '成员' };

const RANK: Record<PresidiumPosition, number> = { chair: 0, vice_chair: 1, member: 2 };

type Sortable = { position: PresidiumPosition; sortOrder: number; startDate: string; deputyName: string };

/** Chair, vice-chairs, members; by the sort order the office set, then by who started first. */
export function comparePresidiumMembers(a: Sortable, b: Sortable): number {
  return (
    RANK[a.position] - RANK[b.position] || a.sortOrder - b.sortOrder || a.startDate.localeCompare(b.startDate) || a.deputyName.localeCompare(b.deputyName, 'zh')
  );
}

/** A chair whose term of office has no end date is the current chair; a term has at most one. */
export function isCurrentChair(m: { position: PresidiumPosition; endDate: string | null }): boolean {
  return m.position === 'chair' && m.endDate === null;
}

/** Why the dates of an appointment do not fit, or null. */
export function datesProblem(startDate: string, endDate: string | null): string | null {
  if (endDate !== null && endDate < startDate) return '任职结束日期不能早于开始日期';
  return null;
}
