import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DIMENSIONS,
  POLL_CODE_ALPHABET,
  RATING_SCALE,
  ballotProblem,
  castWait,
  countsOf,
  formatPollCode,
  newPollCode,
  normalizePollCode,
  paperProblem,
} from './polls.rules.ts';

describe('one-time codes', () => {
  it('are 8 characters of the unambiguous alphabet', () => {
    let i = 0;
    const code = newPollCode((n) => i++ % n);
    expect(code).toHaveLength(8);
    for (const ch of code) expect(POLL_CODE_ALPHABET).toContain(ch);
    for (const ch of '01OIL') expect(POLL_CODE_ALPHABET).not.toContain(ch);
  });
  it('normalise what a voter types and refuse what cannot be a code', () => {
    expect(normalizePollCode(' abcd-efgh ')).toBe('ABCDEFGH');
    expect(normalizePollCode('ABCD EFGH')).toBe('ABCDEFGH');
    expect(normalizePollCode('ABCDEFG')).toBeNull();
    expect(normalizePollCode('ABCDEFG0')).toBeNull(); // 0 is not in the alphabet
    expect(formatPollCode('ABCDEFGH')).toBe('ABCD-EFGH');
  });
});

describe('ballot problems', () => {
  const q = { dimensions: DEFAULT_DIMENSIONS.slice(0, 2), scale: [...RATING_SCALE] };
  const subjects = ['u1', 'u2'];
  const ok = [
    { subjectId: 'u1', question: 'overall', answer: 'satisfied' },
    { subjectId: 'u2', question: 'overall', answer: 'basic' },
    { subjectId: 'u2', question: 'policy', answer: 'dissatisfied' },
  ];
  it('accepts a ballot with every overall answer and some dimensions', () => {
    expect(ballotProblem(q, subjects, ok)).toBeNull();
  });
  it('refuses empty, unknown subject, question or answer, a repeat, a missing overall', () => {
    expect(ballotProblem(q, subjects, [])).toBe('请填写评议意见');
    expect(ballotProblem(q, subjects, [...ok, { subjectId: 'x', question: 'overall', answer: 'basic' }])).toBe('评议对象不在本次投票中');
    expect(ballotProblem(q, subjects, [...ok, { subjectId: 'u1', question: 'integrity', answer: 'basic' }])).toBe('评议项目不在本次问卷中');
    expect(ballotProblem(q, subjects, [...ok, { subjectId: 'u1', question: 'duty', answer: 'good' }])).toBe('评价选项无效');
    expect(ballotProblem(q, subjects, [...ok, { subjectId: 'u1', question: 'overall', answer: 'basic' }])).toBe('同一项目只能选择一次');
    expect(ballotProblem(q, subjects, ok.slice(1))).toBe('每个评议对象都须选择总体评价');
  });
});

describe('counters and failed attempts', () => {
  it('countsOf sums one subject and question', () => {
    const rows = [
      { subjectId: 'u1', question: 'overall', answer: 'satisfied', count: 3 },
      { subjectId: 'u1', question: 'overall', answer: 'basic', count: 2 },
      { subjectId: 'u1', question: 'policy', answer: 'basic', count: 9 },
      { subjectId: 'u2', question: 'overall', answer: 'dissatisfied', count: 1 },
    ];
    expect(countsOf(rows, 'u1', 'overall')).toEqual({ satisfied: 3, basic: 2, dissatisfied: 0 });
  });
  it('castWait blocks at the limit within the window and frees when the oldest counted failure expires', () => {
    const now = 1_000_000_000;
    const limit = { max: 3, windowMinutes: 10 };
    expect(castWait([now - 1000, now - 2000], now, limit)).toBe(0);
    expect(castWait([now - 60_000, now - 2000, now - 1000], now, limit)).toBe(540);
    expect(castWait([now - 11 * 60_000, now - 2000, now - 1000], now, limit)).toBe(0); // one fell out of the window
  });
});

describe('paper ballots add up', () => {
  const q = { dimensions: DEFAULT_DIMENSIONS.slice(0, 1), scale: [...RATING_SCALE] };
  it('overall sums equal the ballots; a dimension at most', () => {
    const rows = [
      { subjectId: 'u1', question: 'overall', answer: 'satisfied', count: 7 },
      { subjectId: 'u1', question: 'overall', answer: 'dissatisfied', count: 3 },
      { subjectId: 'u1', question: 'policy', answer: 'basic', count: 9 },
    ];
    expect(paperProblem(q, ['u1'], 10, rows)).toBeNull();
    expect(paperProblem(q, ['u1'], 11, rows)).toBe('每个评议对象的总体评价票数之和须等于纸质票数');
    expect(paperProblem(q, ['u1'], 10, [...rows, { subjectId: 'u1', question: 'policy', answer: 'satisfied', count: 2 }])).toBe('分项票数之和不能超过纸质票数');
    expect(paperProblem(q, ['u1'], 0, rows)).toBe('纸质票数至少为 1');
    expect(paperProblem(q, ['u1'], 10, [...rows, { subjectId: 'u1', question: 'policy', answer: 'basic', count: 0 }])).toBe('同一选项只能填写一次');
  });
});
