import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  absenceFlagged,
  checkTally,
  checkVoteCounts,
  chineseNumber,
  majorityNeeded,
  motionActions,
  motionSponsorsOk,
  motionTransition,
  nominationRule,
  overNominators,
  quorum,
  quorumNeeded,
  rollCounts,
  sessionName,
  sessionShortName,
  tallyRound,
  voteResult,
} from './sessions.rules.ts';

describe('quorum: more than two-thirds of all deputies', () => {
  it('79 deputies: 53 present opens, 52 does not', () => {
    expect(quorumNeeded(79)).toBe(53);
    expect(quorum(79, 53).reached).toBe(true);
    expect(quorum(79, 52)).toEqual({ all: 79, present: 52, needed: 53, reached: false, short: 1 });
  });
  it('multiples of three need one more than two-thirds: 81 → 55, 45 → 31; 80 → 54', () => {
    expect(quorumNeeded(81)).toBe(55);
    expect(quorumNeeded(45)).toBe(31);
    expect(quorumNeeded(80)).toBe(54);
  });
  it('an empty roll never has a quorum', () => {
    expect(quorum(0, 0).reached).toBe(false);
  });
  it('is the smallest n with 3n > 2 × all, for every size from 1 to 200', () => {
    for (let all = 1; all <= 200; all++) {
      const n = quorumNeeded(all);
      expect(3 * n > 2 * all && 3 * (n - 1) <= 2 * all).toBe(true);
    }
  });
});

describe('majority: more than half of ALL deputies', () => {
  it('79 → 40 needed: 40 for passes, 39 does not, whatever the number present', () => {
    expect(majorityNeeded(79)).toBe(40);
    expect(voteResult({ for: 40, against: 10 }, 79)).toBe('passed');
    expect(voteResult({ for: 39, against: 0 }, 79)).toBe('failed');
  });
  it('even sizes: 80 → 41 (40 of 80 is exactly half and fails)', () => {
    expect(majorityNeeded(80)).toBe(41);
    expect(voteResult({ for: 41, against: 0 }, 80)).toBe('passed');
    expect(voteResult({ for: 40, against: 0 }, 80)).toBe('failed');
  });
  it('a tie below the majority is voted again; for = against = 40 of 80 is a tie', () => {
    expect(voteResult({ for: 30, against: 30 }, 79)).toBe('tie');
    expect(voteResult({ for: 40, against: 40 }, 80)).toBe('tie');
  });
  it('property: passed exactly when 2 × for > all', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), fc.nat(), (all, f, a) => {
        const r = voteResult({ for: f % (all + 1), against: a % (all + 1) }, all);
        expect(r === 'passed').toBe(2 * (f % (all + 1)) > all);
      }),
    );
  });
});

describe('vote counts', () => {
  it('must add up to the deputies present and be whole numbers', () => {
    expect(checkVoteCounts({ for: 50, against: 3, abstain: 2, notVoting: 1 }, 56)).toEqual({ ok: true });
    expect(checkVoteCounts({ for: 50, against: 3, abstain: 2, notVoting: 0 }, 56)).toMatchObject({ ok: false, field: 'total' });
    expect(checkVoteCounts({ for: -1, against: 3, abstain: 2, notVoting: 0 }, 4)).toMatchObject({ ok: false, field: 'for' });
    expect(checkVoteCounts({ for: 1.5, against: 3, abstain: 2, notVoting: 0 }, 6.5)).toMatchObject({ ok: false, field: 'for' });
  });
  it('roll counts', () => {
    expect(rollCounts(['present', 'late', 'on_leave', 'absent', 'expected', 'present'])).toEqual({
      all: 6,
      present: 2,
      late: 1,
      onLeave: 1,
      absent: 1,
      expected: 1,
    });
  });
});

describe('motions', () => {
  it('by deputies: 4 sponsors rejected, 5 accepted; the presidium and the government need none', () => {
    expect(motionSponsorsOk('deputies', 4)).toBe(false);
    expect(motionSponsorsOk('deputies', 5)).toBe(true);
    expect(motionSponsorsOk('presidium', 0)).toBe(true);
    expect(motionSponsorsOk('government', 0)).toBe(true);
  });
  it('withdrawal before the vote is allowed, after the vote refused', () => {
    expect(motionTransition('submitted', 'withdraw')).toBe('withdrawn');
    expect(motionTransition('on_agenda', 'withdraw')).toBe('withdrawn');
    expect(motionTransition('passed', 'withdraw')).toBeNull();
    expect(motionTransition('failed', 'withdraw')).toBeNull();
  });
  it('the presidium decides once; the result comes from the vote', () => {
    expect(motionTransition('submitted', 'put_on_agenda')).toBe('on_agenda');
    expect(motionTransition('submitted', 'to_suggestion')).toBe('to_suggestion');
    expect(motionTransition('submitted', 'not_accept')).toBe('not_accepted');
    expect(motionTransition('on_agenda', 'not_accept')).toBeNull();
    expect(motionTransition('not_accepted', 'put_on_agenda')).toBeNull();
    expect(motionTransition('on_agenda', 'record_result', 'passed')).toBe('passed');
    expect(motionTransition('submitted', 'record_result', 'passed')).toBeNull();
    expect(motionActions('submitted')).toEqual(['put_on_agenda', 'to_suggestion', 'not_accept', 'withdraw']);
    expect(motionActions('on_agenda')).toEqual(['withdraw']);
    expect(motionActions('passed')).toEqual([]);
  });
});

describe('nomination rules', () => {
  it('chair and town head: one more than seats, or uncontested with one nominee', () => {
    expect(nominationRule('town_head', 1, 1)).toEqual({ mode: 'uncontested', warnings: [] });
    expect(nominationRule('town_head', 1, 2)).toEqual({ mode: 'competitive', warnings: [] });
    const three = nominationRule('chair', 1, 3);
    expect(three.mode).toBe('irregular');
    expect(three.warnings[0]).toContain('差额一人');
  });
  it('vice posts: 1–3 more candidates than seats', () => {
    expect(nominationRule('vice_chair', 2, 2).mode).toBe('irregular');
    expect(nominationRule('vice_chair', 2, 3).mode).toBe('competitive');
    expect(nominationRule('deputy_head', 2, 5).mode).toBe('competitive');
    expect(nominationRule('deputy_head', 2, 6)).toMatchObject({ mode: 'irregular' });
    expect(nominationRule('deputy_head', 2, 6).warnings[0]).toContain('3–5');
  });
  it('fewer candidates than seats is warned for any post', () => {
    expect(nominationRule('presidium_member', 9, 8).warnings[0]).toContain('少于应选名额');
  });
  it('no nominator names more candidates than seats, across nominations', () => {
    const noms = [
      { nominator: 'presidium' as const, signers: [], candidateIds: ['a'] },
      { nominator: 'deputies' as const, signers: ['d1', 'd2'], candidateIds: ['b'] },
      { nominator: 'deputies' as const, signers: ['d2', 'd3'], candidateIds: ['c'] },
    ];
    expect(overNominators(1, noms)).toEqual([{ nominator: 'd2', count: 2 }]);
    expect(overNominators(2, noms)).toEqual([]);
  });
});

describe('election tally', () => {
  const b = { issued: 79, returned: 79, valid: 78, invalid: 1 };
  it('2 seats, 3 candidates, only 1 over the threshold (79 → 40): 1 elected, 1 seat to the next round', () => {
    const r = tallyRound(b, 79, 2, [
      { key: 'A', for: 60, against: 10, abstain: 8 },
      { key: 'B', for: 39, against: 30, abstain: 9 },
      { key: 'C', for: 35, against: 30, abstain: 13 },
    ]);
    expect(r).toEqual({ outcome: 'partly', needed: 40, elected: ['A'], tiedAtCutoff: [], unfilled: 1 });
  });
  it('more over the threshold than seats: the most votes win', () => {
    const r = tallyRound(b, 79, 1, [
      { key: 'A', for: 41, against: 0, abstain: 0 },
      { key: 'B', for: 45, against: 0, abstain: 0 },
    ]);
    expect(r.elected).toEqual(['B']);
    expect(r.outcome).toBe('filled');
  });
  it('a tie for the last seat elects neither of the tied; the seat goes to the next round', () => {
    const r = tallyRound(b, 79, 2, [
      { key: 'A', for: 70, against: 0, abstain: 0 },
      { key: 'B', for: 50, against: 0, abstain: 0 },
      { key: 'C', for: 50, against: 0, abstain: 0 },
    ]);
    expect(r).toMatchObject({ outcome: 'partly', elected: ['A'], tiedAtCutoff: ['B', 'C'], unfilled: 1 });
  });
  it('exactly half of an even roll is not elected (80 → 41)', () => {
    expect(tallyRound({ issued: 80, returned: 80, valid: 80, invalid: 0 }, 80, 1, [{ key: 'A', for: 40, against: 40, abstain: 0 }]).outcome).toBe('none');
    expect(tallyRound({ issued: 80, returned: 80, valid: 80, invalid: 0 }, 80, 1, [{ key: 'A', for: 41, against: 39, abstain: 0 }]).elected).toEqual(['A']);
  });
  it('more ballots returned than issued voids the round', () => {
    expect(tallyRound({ issued: 70, returned: 71, valid: 71, invalid: 0 }, 79, 1, [{ key: 'A', for: 71, against: 0, abstain: 0 }])).toMatchObject({
      outcome: 'void',
      elected: [],
      unfilled: 1,
    });
  });
  it('checks the figures against each other', () => {
    expect(checkTally(b, 79, [{ key: 'A', for: 60, against: 10, abstain: 8 }], 1)).toEqual({ ok: true });
    expect(checkTally(b, 70, [], 1)).toMatchObject({ ok: false, field: 'issued' });
    expect(checkTally({ ...b, invalid: 2 }, 79, [], 1)).toMatchObject({ ok: false, field: 'valid' });
    expect(checkTally(b, 79, [{ key: 'A', for: 60, against: 10, abstain: 9 }], 1)).toMatchObject({ ok: false, field: 'lines[0]' });
    expect(
      checkTally(
        b,
        79,
        [
          { key: 'A', for: 60, against: 0, abstain: 0 },
          { key: 'B', for: 60, against: 0, abstain: 0 },
        ],
        1,
      ),
    ).toMatchObject({ ok: false, field: 'lines' });
  });
});

describe('absence and names', () => {
  it('two unexcused absences are flagged, one is not', () => {
    expect(absenceFlagged(1)).toBe(false);
    expect(absenceFlagged(2)).toBe(true);
  });
  it('names sessions in Chinese numerals', () => {
    expect(chineseNumber(2)).toBe('二');
    expect(chineseNumber(10)).toBe('十');
    expect(chineseNumber(18)).toBe('十八');
    expect(chineseNumber(21)).toBe('二十一');
    expect(sessionName(18, 2)).toBe('第十八届人民代表大会第二次会议');
    expect(sessionName(18, 2, '青石镇')).toBe('青石镇第十八届人民代表大会第二次会议');
    expect(sessionShortName(18, 2)).toBe('十八届二次');
  });
});
