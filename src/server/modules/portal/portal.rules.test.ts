import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  type LinkedSuggestion,
  LIMITS,
  type Trackable,
  actionProblem,
  answerOf,
  canHandle,
  canSeePhone,
  chinaDate,
  clientHash,
  newTrackingCode,
  normalizeTrackingCode,
  phoneProblem,
  retryAfter,
  stageOf,
  stepsOf,
} from './portal.rules.ts';

const base: Trackable = { status: 'received', createdAt: '2026-03-01T02:00:00.000Z', handledAt: null, declineReason: '', publicReply: '', suggestion: null };
const sug = (over: Partial<LinkedSuggestion>): LinkedSuggestion => ({
  state: 'submitted',
  createdAt: '2026-03-02T02:00:00.000Z',
  registeredAt: null,
  assignedOn: null,
  repliedOn: null,
  rehandledOn: null,
  closedAt: null,
  published: 0,
  publicAnswer: '',
  ...over,
});

describe('tracking codes', () => {
  it('are 10 characters without 0/O/1/I/L', () => {
    for (const ch of '01OIL') expect(CODE_ALPHABET).not.toContain(ch);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const c = newTrackingCode();
      expect(c).toMatch(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`));
      seen.add(c);
    }
    expect(seen.size).toBe(200);
  });

  it('read as typed: spaces, dashes and lower case are forgiven; anything else is not a code', () => {
    expect(normalizeTrackingCode(' abcde-fghjk ')).toBe('ABCDEFGHJK');
    expect(normalizeTrackingCode('ABCDE FGHJK')).toBe('ABCDEFGHJK');
    expect(normalizeTrackingCode('ABCDEFGHJ')).toBeNull();
    expect(normalizeTrackingCode('ABCDEFGHJ0')).toBeNull();
    expect(normalizeTrackingCode("ABCDEFGH';")).toBeNull();
  });
});

describe('client hash', () => {
  it('is keyed: the same address hashes alike under one key and differently under another', () => {
    expect(clientHash('k1', '10.0.0.1')).toBe(clientHash('k1', '10.0.0.1'));
    expect(clientHash('k1', '10.0.0.1')).not.toBe(clientHash('k2', '10.0.0.1'));
    expect(clientHash('k1', '10.0.0.1')).not.toContain('10.0.0.1');
  });
});

describe('rate limits', () => {
  const now = new Date('2026-03-01T10:00:00.000Z');
  const lim = LIMITS.perClient;
  it('allow until the maximum, then say how long until the oldest leaves the window', () => {
    expect(retryAfter({ count: lim.max - 1, oldest: '2026-03-01T09:55:00.000Z' }, lim, now)).toBe(0);
    expect(retryAfter({ count: lim.max, oldest: '2026-03-01T09:55:00.000Z' }, lim, now)).toBe(300);
    expect(retryAfter({ count: lim.max, oldest: '2026-03-01T09:50:00.500Z' }, lim, now)).toBe(1);
  });
});

describe('fields', () => {
  it('phones: mobile or landline with area code', () => {
    for (const ok of ['13812345678', '0731-84567890', '073184567890', '010-12345678']) expect(phoneProblem(ok), ok).toBeNull();
    for (const bad of ['12345', '23812345678', '138123456789', 'abc', '<script>']) expect(phoneProblem(bad), bad).not.toBeNull();
  });

  it('China dates from UTC timestamps', () => {
    expect(chinaDate('2026-03-01T17:00:00.000Z')).toBe('2026-03-02');
    expect(chinaDate('2026-03-01')).toBe('2026-03-01');
  });
});

describe('what the resident sees', () => {
  it('before anyone acts: received', () => {
    expect(stageOf(base)).toBe('received');
    expect(stepsOf(base)).toEqual([{ stage: 'received', label: '已收到', date: '2026-03-01' }]);
    expect(answerOf(base)).toBeNull();
  });

  it('declined, with the date it was', () => {
    const d: Trackable = { ...base, status: 'declined', declineReason: '属于诉讼事项', handledAt: '2026-03-03T01:00:00.000Z' };
    expect(stageOf(d)).toBe('declined');
    expect(stepsOf(d).map((s) => s.stage)).toEqual(['received', 'declined']);
  });

  it('answered directly by staff', () => {
    const a: Trackable = { ...base, status: 'accepted', publicReply: '已转村委会处理', handledAt: '2026-03-03T01:00:00.000Z' };
    expect(stageOf(a)).toBe('answered');
    expect(answerOf(a)).toBe('已转村委会处理');
  });

  it('follows the linked suggestion through public stages, never its internal state names', () => {
    const cases: [LinkedSuggestion['state'], string][] = [
      ['submitted', 'accepted'],
      ['registered', 'accepted'],
      ['assigned', 'handling'],
      ['handling', 'handling'],
      ['rehandling', 'rehandling'],
      ['replied', 'replied'],
      ['following', 'following'],
      ['closed', 'closed'],
      ['not_accepted', 'not_accepted'],
      ['withdrawn', 'ended'],
      ['merged', 'merged'],
    ];
    for (const [state, stage] of cases) expect(stageOf({ ...base, status: 'accepted', suggestion: sug({ state }) }), state).toBe(stage);
  });

  it('a dissatisfied rating shows as handling again after the first answer, dated by the rating', () => {
    const g = sug({ state: 'rehandling', assignedOn: '2026-03-05', repliedOn: '2026-04-01', rehandledOn: '2026-04-08' });
    const t: Trackable = { ...base, status: 'accepted', handledAt: '2026-03-02T02:00:00.000Z', suggestion: g };
    expect(stepsOf(t).slice(-2)).toEqual([
      { stage: 'replied', label: '已答复', date: '2026-04-01' },
      { stage: 'rehandling', label: '重新办理中', date: '2026-04-08' },
    ]);
    expect(stageOf(t)).toBe('rehandling');
  });

  it('steps of a closed suggestion, dated; the answer only once published', () => {
    const g = sug({ state: 'closed', assignedOn: '2026-03-05', repliedOn: '2026-04-01', closedAt: '2026-04-10T03:00:00.000Z', publicAnswer: '已修复路灯' });
    const t: Trackable = { ...base, status: 'accepted', handledAt: '2026-03-02T02:00:00.000Z', suggestion: g };
    expect(stepsOf(t)).toEqual([
      { stage: 'received', label: '已收到', date: '2026-03-01' },
      { stage: 'accepted', label: '已受理', date: '2026-03-02' },
      { stage: 'handling', label: '办理中', date: '2026-03-05' },
      { stage: 'replied', label: '已答复', date: '2026-04-01' },
      { stage: 'closed', label: '已办结', date: '2026-04-10' },
    ]);
    expect(answerOf(t)).toBeNull();
    expect(answerOf({ ...t, suggestion: { ...g, published: 1 } })).toBe('已修复路灯');
    // Staff's own public reply comes first.
    expect(answerOf({ ...t, publicReply: '谢谢', suggestion: { ...g, published: 1 } })).toBe('谢谢');
    // Sent back to re-handling by a dissatisfied rating, the flag still set: the old answer is hidden.
    expect(answerOf({ ...t, suggestion: { ...g, published: 1, state: 'rehandling' } })).toBeNull();
    for (const state of ['replied', 'following'] as const) expect(answerOf({ ...t, suggestion: { ...g, published: 1, state } }), state).toBe('已修复路灯');
  });
});

describe('staff', () => {
  const admin = { role: 'town_admin' as const, stationId: null };
  const liaison = { role: 'liaison' as const, stationId: 'S1' };
  it('admins handle all; a liaison only their station’s (sent to it or to its deputies)', () => {
    expect(canHandle(admin, 'S2')).toBe(true);
    expect(canHandle({ role: 'county_admin', stationId: null }, null)).toBe(true);
    expect(canHandle(liaison, 'S1')).toBe(true);
    expect(canHandle(liaison, 'S2')).toBe(false);
    expect(canHandle(liaison, null)).toBe(false);
    expect(canHandle({ role: 'liaison', stationId: null }, null)).toBe(false);
    expect(canHandle({ role: 'deputy', stationId: 'S1' }, 'S1')).toBe(false);
    expect(canSeePhone(liaison, 'S1')).toBe(true);
    expect(canSeePhone(liaison, 'S2')).toBe(false);
  });

  it('decline only what is still waiting; answer anything not declined', () => {
    expect(actionProblem('decline', 'received', false)).toBeNull();
    expect(actionProblem('decline', 'received', true)).not.toBeNull();
    expect(actionProblem('decline', 'accepted', false)).not.toBeNull();
    expect(actionProblem('decline', 'declined', false)).not.toBeNull();
    expect(actionProblem('answer', 'received', false)).toBeNull();
    expect(actionProblem('answer', 'accepted', true)).toBeNull();
    expect(actionProblem('answer', 'declined', false)).not.toBeNull();
  });
});
