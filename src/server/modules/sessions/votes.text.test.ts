import { describe, expect, it } from 'vitest';
import { bookTitle, voteAnnouncement } from './votes.text.ts';

const base = { title: '关于2027年财政预算的决议', method: 'count' as const, allDeputies: 79, presentCount: 60, abstain: 2, notVoting: 0 };

describe('voteAnnouncement', () => {
  it('reads the contract example for a passed vote', () => {
    expect(voteAnnouncement({ ...base, for: 55, against: 3, result: 'passed' })).toBe(
      '本次会议应到代表79名，实到60名。表决结果：赞成55票，反对3票，弃权2票，未按表决器0人。赞成票超过全体代表的半数，《关于2027年财政预算的决议》通过。',
    );
  });

  it('says not passed when for is not above half of all deputies', () => {
    const t = voteAnnouncement({ ...base, presentCount: 53, for: 39, against: 10, abstain: 4, result: 'failed' });
    expect(t).toContain('实到53名');
    expect(t).toContain('赞成39票，反对10票，弃权4票');
    expect(t.endsWith('赞成票未超过全体代表的半数，《关于2027年财政预算的决议》未通过。')).toBe(true);
  });

  it('announces a new vote after a tie', () => {
    const t = voteAnnouncement({ ...base, presentCount: 54, for: 26, against: 26, result: 'tie' });
    expect(t.endsWith('赞成票与反对票相等，《关于2027年财政预算的决议》须重新表决。')).toBe(true);
  });

  it('names those who did not vote by the method', () => {
    expect(voteAnnouncement({ ...base, method: 'per_deputy', for: 55, against: 3, notVoting: 0, result: 'passed' })).toContain('未表决0人');
  });
});

describe('bookTitle', () => {
  it('adds the marks once', () => {
    expect(bookTitle('镇人民政府工作报告')).toBe('《镇人民政府工作报告》');
    expect(bookTitle('《镇人民政府工作报告》')).toBe('《镇人民政府工作报告》');
  });
});
