import { describe, expect, it } from 'vitest';
import {
  type FindingFacts,
  findingActions,
  findingTotals,
  findingTransition,
  findingActivityAllowed,
  fixedOnTime,
  isOverdue,
  suggestNoticeNumber,
} from './findings.rules.ts';

describe('finding lifecycle', () => {
  it('open → rectifying → reinspected → closed', () => {
    expect(findingTransition('open', 'issue_notice')).toBe('rectifying');
    expect(findingTransition('rectifying', 'reinspect_fixed')).toBe('reinspected');
    expect(findingTransition('reinspected', 'close')).toBe('closed');
  });
  it('a failed re-inspection keeps it rectifying and a new notice may follow', () => {
    expect(findingTransition('rectifying', 'reinspect_not_fixed')).toBe('rectifying');
    expect(findingTransition('rectifying', 'issue_notice')).toBe('rectifying');
  });
  it('refuses what the lifecycle does not allow', () => {
    expect(findingTransition('open', 'reinspect_fixed')).toBeNull();
    expect(findingTransition('closed', 'issue_notice')).toBeNull();
    expect(findingTransition('rectifying', 'close')).toBeNull();
    expect(findingActions('open')).toEqual(['issue_notice', 'close']);
    expect(findingActions('closed')).toEqual(['reopen']);
  });
});

describe('overdue and on time', () => {
  it('the deadline day is still in time', () => {
    expect(isOverdue('rectifying', '2026-05-31', '2026-05-31')).toBe(false);
    expect(isOverdue('rectifying', '2026-05-31', '2026-06-01')).toBe(true);
    expect(isOverdue('reinspected', '2026-05-31', '2026-06-01')).toBe(false);
    expect(isOverdue('open', null, '2026-06-01')).toBe(false);
  });
  it('fixed on or before the deadline is on time', () => {
    expect(fixedOnTime('2026-05-31', '2026-05-31')).toBe(true);
    expect(fixedOnTime('2026-06-01', '2026-05-31')).toBe(false);
    expect(fixedOnTime('2026-06-01', null)).toBe(true);
    expect(fixedOnTime(null, '2026-05-31')).toBeNull();
  });
});

describe('period totals, each with the ids it counts', () => {
  const f = (
    id: string,
    foundOn: string,
    status: FindingFacts['status'],
    deadline: string | null,
    fixedOn: string | null,
    notices: [string, string][] = [],
  ): FindingFacts => ({
    id,
    foundOn,
    status,
    deadline,
    fixedOn,
    notices: notices.map(([nid, issuedOn]) => ({ id: nid, issuedOn })),
  });
  const rows = [
    f('a', '2026-03-01', 'closed', '2026-04-01', '2026-03-20', [['n1', '2026-03-02']]),
    f('b', '2026-03-01', 'reinspected', '2026-04-01', '2026-04-10', [['n1', '2026-03-02']]),
    f('c', '2026-05-01', 'rectifying', '2026-05-15', null, [['n2', '2026-05-02']]),
    f('d', '2026-06-01', 'open', null, null),
    f('e', '2025-12-01', 'closed', null, '2025-12-01'),
    f('g', '2026-06-20', 'closed', '2026-07-30', '2026-07-10', [['n3', '2026-07-01']]),
  ];
  it('counts the first half year', () => {
    expect(findingTotals(rows, '2026-01-01', '2026-06-30')).toEqual({
      found: ['a', 'b', 'c', 'd', 'g'],
      noticesIssued: ['n1', 'n2'],
      fixedOnTime: ['a'],
      fixedLate: ['b'],
      stillOpen: ['c', 'd', 'g'], // g was closed in July: still open at the end of June
      overdue: ['c'],
    });
  });
});

describe('suggestNoticeNumber', () => {
  it('carries on the office numbering of the year', () => {
    expect(suggestNoticeNumber(['青人整〔2026〕3号', '青人整〔2026〕12号', '青人整〔2025〕40号'], 2026)).toBe('青人整〔2026〕13号');
  });
  it('starts at 1 in a new year or with no numbers', () => {
    expect(suggestNoticeNumber(['青人整〔2025〕40号'], 2026)).toBe('整改〔2026〕1号');
    expect(suggestNoticeNumber([], 2026, '青人整')).toBe('青人整〔2026〕1号');
  });
  it('ignores numbers in another form', () => {
    expect(suggestNoticeNumber(['第5号', '青人整〔2026〕2号'], 2026)).toBe('青人整〔2026〕3号');
  });
});

describe('findingActivityAllowed', () => {
  it('inspections and checks only', () => {
    expect(findingActivityAllowed('inspection')).toBe(true);
    expect(findingActivityAllowed('research')).toBe(true);
    expect(findingActivityAllowed('other')).toBe(true);
    expect(findingActivityAllowed('training')).toBe(false);
  });
});
