import { describe, expect, it } from 'vitest';
import {
  activityTimes,
  closingProblem,
  daysOverdue,
  decisionCode,
  decisionMeetingProblem,
  decisionMoveProblem,
  dueDateProblem,
  isOverdue,
  isPresidiumKind,
  meetingStatusProblem,
  nextMeetingNumber,
  progressDateProblem,
  progressStatusProblem,
  sitsOn,
  statusAfterProgress,
  timesProblem,
} from './presidium-meetings.rules.ts';

describe('overdue', () => {
  const today = '2026-05-10';
  it('is an open or in-progress decision whose due date has passed; the due day itself is not late', () => {
    expect(isOverdue({ status: 'open', dueDate: '2026-05-09' }, today)).toBe(true);
    expect(isOverdue({ status: 'in_progress', dueDate: '2026-04-30' }, today)).toBe(true);
    expect(isOverdue({ status: 'open', dueDate: '2026-05-10' }, today)).toBe(false);
    expect(isOverdue({ status: 'open', dueDate: '2026-06-01' }, today)).toBe(false);
  });
  it('never for a decision that is done or cancelled, however old', () => {
    expect(isOverdue({ status: 'done', dueDate: '2020-01-01' }, today)).toBe(false);
    expect(isOverdue({ status: 'cancelled', dueDate: '2020-01-01' }, today)).toBe(false);
  });
  it('counts whole days, across a month end', () => {
    expect(daysOverdue({ status: 'open', dueDate: '2026-04-28' }, today)).toBe(12);
    expect(daysOverdue({ status: 'open', dueDate: '2026-05-10' }, today)).toBe(0);
    expect(daysOverdue({ status: 'done', dueDate: '2026-04-28' }, today)).toBe(0);
  });
});

describe('decision status moves', () => {
  it('allows open → in progress → done, cancelling open work, reopening and restoring', () => {
    for (const [from, to] of [
      ['open', 'in_progress'],
      ['open', 'done'],
      ['open', 'cancelled'],
      ['in_progress', 'done'],
      ['in_progress', 'cancelled'],
      ['in_progress', 'open'],
      ['done', 'in_progress'],
      ['cancelled', 'open'],
      ['done', 'done'],
    ] as const) {
      expect(decisionMoveProblem(from, to), `${from}→${to}`).toBeNull();
    }
  });
  it('refuses jumps between closed states and skipping back to 未开始 from done', () => {
    expect(decisionMoveProblem('done', 'cancelled')).toBe('决议状态不能从“已办结”改为“已取消”');
    expect(decisionMoveProblem('cancelled', 'done')).toContain('已取消');
    expect(decisionMoveProblem('done', 'open')).not.toBeNull();
    expect(decisionMoveProblem('cancelled', 'in_progress')).not.toBeNull();
  });
  it('a progress note starts the work and is refused on a closed decision', () => {
    expect(statusAfterProgress('open')).toBe('in_progress');
    expect(statusAfterProgress('in_progress')).toBe('in_progress');
    expect(progressStatusProblem('in_progress')).toBeNull();
    expect(progressStatusProblem('done')).toBe('决议已办结，如需继续跟踪请先重新打开');
    expect(progressStatusProblem('cancelled')).toContain('已取消');
  });
});

describe('closing a decision', () => {
  const meeting = '2026-03-01';
  const today = '2026-05-10';
  it('done needs a day between the meeting and today, and a result', () => {
    expect(closingProblem({ status: 'done', doneDate: null, result: '已完成' }, meeting, today)?.field).toBe('doneDate');
    expect(closingProblem({ status: 'done', doneDate: '2026-02-28', result: '已完成' }, meeting, today)?.message).toContain('2026-03-01');
    expect(closingProblem({ status: 'done', doneDate: '2026-05-11', result: '已完成' }, meeting, today)?.message).toBe('办结日期不能晚于今天');
    expect(closingProblem({ status: 'done', doneDate: '2026-05-10', result: '  ' }, meeting, today)?.field).toBe('result');
    expect(closingProblem({ status: 'done', doneDate: '2026-03-01', result: '道路已修好' }, meeting, today)).toBeNull();
  });
  it('cancelled needs a reason; open work needs nothing', () => {
    expect(closingProblem({ status: 'cancelled', doneDate: null, result: '' }, meeting, today)?.field).toBe('result');
    expect(closingProblem({ status: 'cancelled', doneDate: null, result: '情况变化' }, meeting, today)).toBeNull();
    expect(closingProblem({ status: 'in_progress', doneDate: null, result: '' }, meeting, today)).toBeNull();
  });
});

describe('dates', () => {
  it('a due date and a progress date are not before the meeting; progress not in the future', () => {
    expect(dueDateProblem('2026-02-28', '2026-03-01')).toBe('完成期限不能早于会议日期 2026-03-01');
    expect(dueDateProblem('2026-03-01', '2026-03-01')).toBeNull();
    expect(progressDateProblem('2026-02-28', '2026-03-01', '2026-05-10')).toContain('不能早于');
    expect(progressDateProblem('2026-05-11', '2026-03-01', '2026-05-10')).toBe('进展日期不能晚于今天');
    expect(progressDateProblem('2026-05-10', '2026-03-01', '2026-05-10')).toBeNull();
  });
  it('an end time needs a start time before it', () => {
    expect(timesProblem(null, null)).toBeNull();
    expect(timesProblem('09:00', null)).toBeNull();
    expect(timesProblem(null, '10:00')).toContain('开始时间');
    expect(timesProblem('09:00', '09:00')).toBe('结束时间应晚于开始时间');
    expect(timesProblem('09:00', '11:30')).toBeNull();
  });
  it('the activity of a meeting runs at its times, or 09:00 for two hours, China time', () => {
    expect(activityTimes('2026-03-01', '14:30', '16:00')).toEqual({ startAt: '2026-03-01T06:30:00.000Z', endAt: '2026-03-01T08:00:00.000Z' });
    expect(activityTimes('2026-03-01', null, null)).toEqual({ startAt: '2026-03-01T01:00:00.000Z', endAt: '2026-03-01T03:00:00.000Z' });
    expect(activityTimes('2026-03-01', '15:00', null)).toEqual({ startAt: '2026-03-01T07:00:00.000Z', endAt: '2026-03-01T09:00:00.000Z' });
  });
});

describe('meeting status', () => {
  const today = '2026-05-10';
  it('held only once the day has come; back to planned only without decisions', () => {
    expect(meetingStatusProblem('planned', 'held', { date: '2026-05-10', decisionCount: 0 }, today)).toBeNull();
    expect(meetingStatusProblem('planned', 'held', { date: '2026-05-11', decisionCount: 0 }, today)).toBe('会议日期未到，不能标记为已召开');
    expect(meetingStatusProblem('held', 'planned', { date: '2026-05-01', decisionCount: 0 }, today)).toBeNull();
    expect(meetingStatusProblem('held', 'planned', { date: '2026-05-01', decisionCount: 2 }, today)).toBe('会议已有决议，不能改回计划召开');
    expect(meetingStatusProblem('planned', 'planned', { date: '2027-01-01', decisionCount: 0 }, today)).toBeNull();
  });
  it('decisions belong to a held meeting', () => {
    expect(decisionMeetingProblem('held')).toBeNull();
    expect(decisionMeetingProblem('planned')).toContain('尚未召开');
  });
});

describe('small helpers', () => {
  it('numbers meetings in a term and cites decisions by meeting code', () => {
    expect(nextMeetingNumber([])).toBe(1);
    expect(nextMeetingNumber([1, 4, 2])).toBe(5);
    expect(decisionCode('M003', 2)).toBe('M003-2');
  });
  it('recognises the presidium-meeting activity kind by code or by name', () => {
    expect(isPresidiumKind({ code: 'presidium_meeting', name: '主席团例会' })).toBe(true);
    expect(isPresidiumKind({ code: 'K21', name: '主席团扩大会议' })).toBe(true);
    expect(isPresidiumKind({ code: 'monthly_meeting', name: '月度例会' })).toBe(false);
  });
  it('a seat counts from its start day through its end day', () => {
    expect(sitsOn({ startDate: '2021-12-01', endDate: null }, '2026-05-10')).toBe(true);
    expect(sitsOn({ startDate: '2026-05-11', endDate: null }, '2026-05-10')).toBe(false);
    expect(sitsOn({ startDate: '2021-12-01', endDate: '2026-05-10' }, '2026-05-10')).toBe(true);
    expect(sitsOn({ startDate: '2021-12-01', endDate: '2026-05-09' }, '2026-05-10')).toBe(false);
  });
});
