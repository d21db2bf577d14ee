import { describe, expect, it } from 'vitest';
import type { ResearchStatus } from '../../db/tables/research.ts';
import { InvalidTransitionError } from '../../http/errors.ts';
import {
  type ResearchAction,
  actionsFrom,
  canManageClaim,
  chinaDate,
  dueDateProblem,
  isOverdue,
  membersProblem,
  nextStatus,
  reportProblem,
  submittedLate,
} from './research.rules.ts';

describe('research topic transitions', () => {
  it('follows the life of a topic: open -> claimed -> submitted -> graded', () => {
    expect(nextStatus('open', 'claim')).toBe('claimed');
    expect(nextStatus('claimed', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'grade')).toBe('graded');
  });

  it('sends a report back, gives a claim back, withdraws and reopens', () => {
    expect(nextStatus('submitted', 'return')).toBe('claimed');
    expect(nextStatus('claimed', 'release')).toBe('open');
    expect(nextStatus('open', 'withdraw')).toBe('withdrawn');
    expect(nextStatus('claimed', 'withdraw')).toBe('withdrawn');
    expect(nextStatus('withdrawn', 'reopen')).toBe('open');
  });

  it('lets a report be replaced before grading and a grade be corrected', () => {
    expect(nextStatus('submitted', 'submit')).toBe('submitted');
    expect(nextStatus('graded', 'grade')).toBe('graded');
  });

  it('refuses grading before a report, with the reason and the current status', () => {
    for (const s of ['open', 'claimed', 'withdrawn'] as const) {
      expect(() => nextStatus(s, 'grade')).toThrow(InvalidTransitionError);
    }
    expect(() => nextStatus('claimed', 'grade')).toThrow('课题报告提交后才能评定等次（当前状态：已认领）');
  });

  it('refuses everything else that makes no sense', () => {
    const refused: [ResearchStatus, ResearchAction][] = [
      ['claimed', 'claim'],
      ['graded', 'claim'],
      ['open', 'submit'],
      ['graded', 'submit'],
      ['submitted', 'release'],
      ['submitted', 'withdraw'],
      ['graded', 'withdraw'],
      ['open', 'reopen'],
      ['graded', 'edit'],
      ['withdrawn', 'edit'],
      ['open', 'set_members'],
      ['graded', 'set_members'],
      ['open', 'return'],
    ];
    for (const [s, a] of refused) expect(() => nextStatus(s, a), `${s} ${a}`).toThrow(InvalidTransitionError);
  });

  it('lists the actions open from each status', () => {
    expect(actionsFrom('open').sort()).toEqual(['claim', 'edit', 'withdraw']);
    expect(actionsFrom('withdrawn')).toEqual(['reopen']);
    expect(actionsFrom('graded').sort()).toEqual(['grade', 'set_activities']);
  });

  it('edits keep the status', () => {
    expect(nextStatus('claimed', 'edit')).toBe('claimed');
    expect(nextStatus('submitted', 'set_members')).toBe('submitted');
  });
});

describe('who manages a claim', () => {
  const station = { claimantType: 'station' as const, stationId: 'S1' };
  it('admins manage any claim', () => {
    expect(canManageClaim({ role: 'town_admin', stationId: null }, station)).toBe(true);
    expect(canManageClaim({ role: 'county_admin', stationId: null }, { claimantType: 'group', stationId: null })).toBe(true);
  });
  it('a liaison manages only their own station’s claim', () => {
    expect(canManageClaim({ role: 'liaison', stationId: 'S1' }, station)).toBe(true);
    expect(canManageClaim({ role: 'liaison', stationId: 'S2' }, station)).toBe(false);
    expect(canManageClaim({ role: 'liaison', stationId: null }, { claimantType: 'station', stationId: null })).toBe(false);
    expect(canManageClaim({ role: 'liaison', stationId: 'S1' }, { claimantType: 'group', stationId: null })).toBe(false);
    expect(canManageClaim({ role: 'liaison', stationId: 'S1' }, { claimantType: null, stationId: null })).toBe(false);
  });
  it('deputies and handlers manage none', () => {
    expect(canManageClaim({ role: 'deputy', stationId: 'S1' }, station)).toBe(false);
    expect(canManageClaim({ role: 'handler', stationId: 'S1' }, station)).toBe(false);
  });
});

describe('dates', () => {
  it('is overdue only while claimed and after the due date (the due date itself is still in time)', () => {
    expect(isOverdue({ status: 'claimed', dueDate: '2026-06-30' }, '2026-07-01')).toBe(true);
    expect(isOverdue({ status: 'claimed', dueDate: '2026-06-30' }, '2026-06-30')).toBe(false);
    expect(isOverdue({ status: 'open', dueDate: '2026-06-30' }, '2026-07-01')).toBe(false);
    expect(isOverdue({ status: 'submitted', dueDate: '2026-06-30' }, '2026-07-01')).toBe(false);
  });

  it('judges a late report by its China date', () => {
    // 16:30 UTC on the 30th is 00:30 on July 1st in China: late.
    expect(submittedLate({ dueDate: '2026-06-30', submittedAt: '2026-06-30T16:30:00.000Z' })).toBe(true);
    expect(submittedLate({ dueDate: '2026-06-30', submittedAt: '2026-06-30T15:59:00.000Z' })).toBe(false);
    expect(submittedLate({ dueDate: '2026-06-30', submittedAt: null })).toBe(false);
    expect(chinaDate('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
  });

  it('keeps the due date in the topic’s year or the next', () => {
    expect(dueDateProblem(2026, '2026-11-30')).toBeNull();
    expect(dueDateProblem(2026, '2027-01-31')).toBeNull();
    expect(dueDateProblem(2026, '2025-12-31')).toBe('截止日期不能早于课题年度（2026 年）');
    expect(dueDateProblem(2026, '2028-01-01')).toBe('截止日期不能晚于 2027 年底');
  });
});

describe('members', () => {
  it('accepts a lead and members, or no lead at all', () => {
    expect(
      membersProblem([
        { deputyId: 'a', role: 'lead' },
        { deputyId: 'b', role: 'member' },
      ]),
    ).toBeNull();
    expect(membersProblem([{ deputyId: 'a', role: 'member' }])).toBeNull();
    expect(membersProblem([])).toBeNull();
  });
  it('refuses a deputy twice and two leads', () => {
    expect(
      membersProblem([
        { deputyId: 'a', role: 'lead' },
        { deputyId: 'a', role: 'member' },
      ]),
    ).toBe('同一名代表不能重复添加');
    expect(
      membersProblem([
        { deputyId: 'a', role: 'lead' },
        { deputyId: 'b', role: 'lead' },
      ]),
    ).toBe('一个课题只能有一名牵头代表');
  });
  it('needs someone to have done the research before a report', () => {
    expect(reportProblem(0)).toBe('请先填写参与调研的代表，再提交报告');
    expect(reportProblem(1)).toBeNull();
  });
});
