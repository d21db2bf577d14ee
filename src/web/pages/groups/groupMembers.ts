import type { GroupRole } from '../../api/groups.ts';

/** A member as the form edits it: the name and code come along so the list can show them. */
export type MemberRow = { deputyId: string; name: string; code?: string; role: GroupRole };

/** A group has at least this many members, exactly one of them the leader (as the server requires). */
export const MIN_MEMBERS = 3;

export function memberProblem(members: readonly MemberRow[]): 'count' | 'noLeader' | 'leaders' | null {
  if (members.length < MIN_MEMBERS) return 'count';
  const leaders = members.filter((m) => m.role === 'leader').length;
  if (leaders === 0) return 'noLeader';
  if (leaders > 1) return 'leaders';
  return null;
}

/** Give one member a role; making someone leader makes the former leader an ordinary member. */
export function withRole(members: readonly MemberRow[], deputyId: string, role: GroupRole): MemberRow[] {
  return members.map((m) => {
    if (m.deputyId === deputyId) return { ...m, role };
    if (role === 'leader' && m.role === 'leader') return { ...m, role: 'member' };
    return m;
  });
}

/** The same members with the same roles, whatever the order (no request needed when nothing changed). */
export function sameMembers(a: readonly { deputyId: string; role: GroupRole }[], b: readonly { deputyId: string; role: GroupRole }[]): boolean {
  const key = (ms: readonly { deputyId: string; role: GroupRole }[]) =>
    ms
      .map((m) => `${m.deputyId}:${m.role}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}

const RANK: Record<GroupRole, number> = { leader: 0, vice_leader: 1, member: 2 };

/** Leader first, then vice-leaders, then members (the order the server lists them in). */
export function byRole(a: { role: GroupRole }, b: { role: GroupRole }): number {
  return RANK[a.role] - RANK[b.role];
}
