import type { FieldIssue } from '../../http/errors.ts';
import type { GroupRole } from '../../db/schema.ts';

/** A deputy group (代表小组) has at least this many members, one of them the leader (组长). */
export const MIN_GROUP_MEMBERS = 3;

export const GROUP_ROLE_LABEL: Record<GroupRole, string> = { leader: '组长', vice_leader: '副组长', member: '组员' };

const ROLE_RANK: Record<GroupRole, number> = { leader: 0, vice_leader: 1, member: 2 };

/** Leader first, then vice-leaders, then members; by code inside a role. */
export function compareMembers(a: { role: GroupRole; code: string }, b: { role: GroupRole; code: string }): number {
  return ROLE_RANK[a.role] - ROLE_RANK[b.role] || a.code.localeCompare(b.code);
}

/**
 * What is wrong with a member list, each problem naming its field: repeats first (they also shrink
 * the count), then the size, then the leader.
 */
export function memberIssues(members: { deputyId: string; role: GroupRole }[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  members.forEach((m, i) => {
    if (seen.has(m.deputyId)) issues.push({ field: `body.members[${i}].deputyId`, message: '同一代表不能重复加入' });
    seen.add(m.deputyId);
  });
  if (seen.size < MIN_GROUP_MEMBERS) issues.push({ field: 'body.members', message: `代表小组至少需要 ${MIN_GROUP_MEMBERS} 名成员` });
  const leaders = members.filter((m) => m.role === 'leader').length;
  if (leaders === 0) issues.push({ field: 'body.members', message: '必须指定一名组长' });
  if (leaders > 1) issues.push({ field: 'body.members', message: `只能有一名组长，当前有 ${leaders} 名` });
  return issues;
}
