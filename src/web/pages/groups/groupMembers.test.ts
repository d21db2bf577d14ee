import { describe, expect, it } from 'vitest';
import { type MemberRow, memberProblem, sameMembers, withRole } from './groupMembers.ts';

const m = (deputyId: string, role: MemberRow['role'] = 'member'): MemberRow => ({ deputyId, name: deputyId, role });

describe('group members in the form', () => {
  it('needs three members and exactly one leader', () => {
    expect(memberProblem([m('a', 'leader'), m('b')])).toBe('count');
    expect(memberProblem([m('a'), m('b'), m('c')])).toBe('noLeader');
    expect(memberProblem([m('a', 'leader'), m('b', 'leader'), m('c')])).toBe('leaders');
    expect(memberProblem([m('a', 'leader'), m('b', 'vice_leader'), m('c')])).toBeNull();
  });
  it('a new leader replaces the old one, who becomes a member', () => {
    const out = withRole([m('a', 'leader'), m('b', 'vice_leader'), m('c')], 'c', 'leader');
    expect(out.map((x) => x.role)).toEqual(['member', 'vice_leader', 'leader']);
  });
  it('compares member lists regardless of order', () => {
    expect(sameMembers([m('a', 'leader'), m('b')], [m('b'), m('a', 'leader')])).toBe(true);
    expect(sameMembers([m('a', 'leader'), m('b')], [m('a'), m('b', 'leader')])).toBe(false);
  });
});
