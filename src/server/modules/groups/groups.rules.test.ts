import { describe, expect, it } from 'vitest';
import type { GroupRole } from '../../db/schema.ts';
import { compareMembers, memberIssues } from './groups.rules.ts';

const m = (deputyId: string, role: GroupRole = 'member') => ({ deputyId, role });

describe('memberIssues', () => {
  it('accepts one leader and at least three members', () => {
    expect(memberIssues([m('a', 'leader'), m('b'), m('c')])).toEqual([]);
    expect(memberIssues([m('a', 'leader'), m('b', 'vice_leader'), m('c', 'vice_leader'), m('d')])).toEqual([]);
  });

  it('needs three members', () => {
    expect(memberIssues([m('a', 'leader'), m('b')])).toEqual([{ field: 'body.members', message: '代表小组至少需要 3 名成员' }]);
    expect(memberIssues([])[0].field).toBe('body.members');
  });

  it('needs exactly one leader', () => {
    expect(memberIssues([m('a'), m('b'), m('c')])).toEqual([{ field: 'body.members', message: '必须指定一名组长' }]);
    expect(memberIssues([m('a', 'leader'), m('b', 'leader'), m('c')])).toEqual([{ field: 'body.members', message: '只能有一名组长，当前有 2 名' }]);
  });

  it('names a repeated deputy first, and counts each deputy once', () => {
    const issues = memberIssues([m('a', 'leader'), m('b'), m('b')]);
    expect(issues[0]).toEqual({ field: 'body.members[2].deputyId', message: '同一代表不能重复加入' });
    expect(issues[1].message).toBe('代表小组至少需要 3 名成员');
  });
});

describe('compareMembers', () => {
  it('orders leader, vice-leaders, members, then by code', () => {
    const list = [
      { role: 'member' as const, code: 'D001' },
      { role: 'vice_leader' as const, code: 'D009' },
      { role: 'leader' as const, code: 'D005' },
      { role: 'vice_leader' as const, code: 'D002' },
    ];
    expect([...list].sort(compareMembers).map((x) => x.code)).toEqual(['D005', 'D002', 'D009', 'D001']);
  });
});
