import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOWED, INITIAL, type Machine, STATES, type SuggestionEvent, TERMINAL, TransitionError, can, invariantProblems, next } from './suggestion.machine.ts';

const run = (events: SuggestionEvent[], from: Machine = INITIAL) => events.reduce(next, from);

const anyEvent: fc.Arbitrary<SuggestionEvent> = fc.oneof(
  fc.constantFrom<SuggestionEvent>(
    { type: 'submit' },
    { type: 'register' },
    { type: 'not_accept' },
    { type: 'withdraw' },
    { type: 'merge' },
    { type: 'assign' },
    { type: 'start' },
    { type: 'consult' },
    { type: 'request_return' },
    { type: 'request_extension' },
    { type: 'close' },
  ),
  fc.boolean().map((approved): SuggestionEvent => ({ type: 'decide_return', approved })),
  fc.boolean().map((approved): SuggestionEvent => ({ type: 'decide_extension', approved })),
  fc.record({ grade: fc.constantFrom('A', 'B', 'C', 'D'), followUp: fc.boolean() }).map((r): SuggestionEvent => ({ type: 'reply', ...r })),
  fc.constantFrom('satisfied', 'basically', 'dissatisfied').map((rating): SuggestionEvent => ({ type: 'rate', rating: rating as 'satisfied' })),
);

describe('suggestion lifecycle', () => {
  it('the whole happy path: submitted, registered, assigned, handled, replied A, rated satisfied, closed', () => {
    const m = run([{ type: 'submit' }, { type: 'register' }, { type: 'assign' }, { type: 'consult' }, { type: 'reply', grade: 'A', followUp: false }, { type: 'rate', rating: 'satisfied' }]);
    expect(m).toEqual({ state: 'closed', pending: null, round: 1, followUp: false });
  });

  it('dissatisfied with the first reply → re-handling → second reply; the second rating is final', () => {
    const replied = run([{ type: 'submit' }, { type: 'register' }, { type: 'assign' }, { type: 'reply', grade: 'C', followUp: false }]);
    const again = next(replied, { type: 'rate', rating: 'dissatisfied' });
    expect(again).toMatchObject({ state: 'rehandling', round: 2 });
    expect(() => next(again, { type: 'request_return' })).toThrow(TransitionError);
    const second = next(again, { type: 'reply', grade: 'A', followUp: false });
    expect(next(second, { type: 'rate', rating: 'dissatisfied' })).toMatchObject({ state: 'closed', round: 2 });
  });

  it('a B reply (promised action) is followed up after the rating and closed later by staff', () => {
    const m = run([{ type: 'submit' }, { type: 'register' }, { type: 'assign' }, { type: 'reply', grade: 'B', followUp: true }, { type: 'rate', rating: 'basically' }]);
    expect(m.state).toBe('following');
    expect(next(m, { type: 'close' }).state).toBe('closed');
  });

  it('an approved return sends the item back to be assigned again; a refused one leaves it with the office', () => {
    const asked = run([{ type: 'submit' }, { type: 'register' }, { type: 'assign' }, { type: 'request_return' }]);
    expect(asked.pending).toBe('return');
    expect(() => next(asked, { type: 'reply', grade: 'A', followUp: false })).toThrow('退回申请待审批');
    expect(next(asked, { type: 'decide_return', approved: true })).toMatchObject({ state: 'registered', pending: null });
    expect(next(asked, { type: 'decide_return', approved: false })).toMatchObject({ state: 'assigned', pending: null });
  });

  it('an extension request is decided, or withdrawn by replying; never two requests at once', () => {
    const asked = run([{ type: 'submit' }, { type: 'register' }, { type: 'assign' }, { type: 'start' }, { type: 'request_extension' }]);
    expect(() => next(asked, { type: 'request_return' })).toThrow('延期申请待审批');
    expect(() => next(asked, { type: 'decide_return', approved: true })).toThrow('没有待审批的退回申请');
    expect(next(asked, { type: 'decide_extension', approved: false })).toMatchObject({ state: 'handling', pending: null });
    expect(next(asked, { type: 'reply', grade: 'A', followUp: false })).toMatchObject({ state: 'replied', pending: null });
  });

  it('refuses what the table forbids, in Chinese, naming the state, and leaves the machine as it was', () => {
    const draft = INITIAL;
    const err = (() => {
      try {
        next(draft, { type: 'assign' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(TransitionError);
    expect(err?.message).toBe('当前状态为“草稿”，不能执行此操作');
    expect(draft).toEqual(INITIAL);
  });

  it('property: any sequence of events, applying only those allowed, keeps every invariant and the table', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 60 }), (events) => {
        let m = INITIAL;
        for (const e of events) {
          const before = m;
          if (can(m, e)) {
            expect(ALLOWED[m.state]).toContain(e.type);
            m = next(m, e);
          } else {
            // A refused event throws and changes nothing.
            expect(() => next(m, e)).toThrow(TransitionError);
            expect(m).toEqual(before);
          }
          expect(STATES).toContain(m.state);
          expect(invariantProblems(m)).toEqual([]);
          if (TERMINAL.includes(before.state)) expect(m).toEqual(before);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: walks that take only allowed steps reach every state, and terminal states accept nothing', () => {
    // Every concrete event once; a walk picks among those allowed at each step (a uniform random
    // sequence would rarely get as deep as following or closed).
    const all: SuggestionEvent[] = [
      ...(['submit', 'register', 'not_accept', 'withdraw', 'merge', 'assign', 'start', 'consult', 'request_return', 'request_extension', 'close'] as const).map((type) => ({ type }) as SuggestionEvent),
      ...[true, false].flatMap((approved): SuggestionEvent[] => [
        { type: 'decide_return', approved },
        { type: 'decide_extension', approved },
      ]),
      ...['A', 'B', 'C', 'D'].map((grade): SuggestionEvent => ({ type: 'reply', grade, followUp: grade === 'B' })),
      ...(['satisfied', 'basically', 'dissatisfied'] as const).map((rating): SuggestionEvent => ({ type: 'rate', rating })),
    ];
    const seen = new Set<string>([INITIAL.state]);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 30 }), (choices) => {
        let m = INITIAL;
        for (const c of choices) {
          const options = all.filter((e) => can(m, e));
          if (options.length === 0) break;
          m = next(m, options[c % options.length]);
          expect(invariantProblems(m)).toEqual([]);
          seen.add(m.state);
        }
      }),
      { numRuns: 800, seed: 20261128 },
    );
    expect([...seen].sort()).toEqual([...STATES].sort());
    for (const s of TERMINAL) expect(ALLOWED[s]).toEqual([]);
  });
});
