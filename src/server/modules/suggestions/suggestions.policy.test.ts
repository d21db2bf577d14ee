import { describe, expect, it } from 'vitest';
import { INITIAL } from './suggestion.machine.ts';
import { type Actor, type Facts, availableActions, mayAct } from './suggestions.policy.ts';

const admin: Actor = { role: 'town_admin', deputyId: null, unitId: null };
const liaison: Actor = { role: 'liaison', deputyId: null, unitId: null };
const lead: Actor = { role: 'deputy', deputyId: 'D1', unitId: null };
const co: Actor = { role: 'deputy', deputyId: 'D2', unitId: null };
const leadOffice: Actor = { role: 'handler', deputyId: null, unitId: 'U1' };
const coOffice: Actor = { role: 'handler', deputyId: null, unitId: 'U2' };

const facts = (over: Partial<Facts> = {}): Facts => ({
  ...INITIAL,
  sourceType: 'deputy',
  leadDeputyId: 'D1',
  leadUnitId: null,
  unitIds: [],
  keySupervision: false,
  published: false,
  ...over,
});
const open = { returnWindowOpen: true };

describe('who may do what', () => {
  it('a draft: the lead deputy edits, submits, withdraws; a co-sponsor nothing; admins and liaisons submit', () => {
    expect(availableActions(lead, facts(), open)).toEqual(['edit', 'submit', 'withdraw']);
    expect(availableActions(co, facts(), open)).toEqual([]);
    expect(availableActions(admin, facts(), open)).toEqual(['edit', 'submit', 'withdraw']);
    expect(availableActions(liaison, facts(), open)).toEqual(['submit']);
  });

  it('submitted: admins register, refuse, withdraw, merge, mark key; the deputy may still withdraw', () => {
    const f = facts({ state: 'submitted' });
    expect(availableActions(admin, f, open)).toEqual(['edit', 'register', 'not-accept', 'withdraw', 'merge', 'key']);
    expect(availableActions(lead, f, open)).toEqual(['withdraw']);
    expect(mayAct(lead, facts({ state: 'registered' }), 'withdraw')).toBe(false);
  });

  it('assigned: the lead office starts, consults, asks to return (inside the window) or extend, replies; a co-office consults', () => {
    const f = facts({ state: 'assigned', leadUnitId: 'U1', unitIds: ['U1', 'U2'] });
    expect(availableActions(leadOffice, f, open)).toEqual(['start', 'consult', 'request-return', 'request-extension', 'reply']);
    expect(availableActions(leadOffice, f, { returnWindowOpen: false })).toEqual(['start', 'consult', 'request-extension', 'reply']);
    expect(availableActions(coOffice, f, open)).toEqual(['consult']);
    expect(availableActions(admin, f, open)).toEqual(['consult', 'reply', 'key']);
  });

  it('a pending return: admins decide, the office waits', () => {
    const f = facts({ state: 'assigned', pending: 'return', leadUnitId: 'U1', unitIds: ['U1'] });
    expect(availableActions(leadOffice, f, open)).toEqual([]);
    expect(availableActions(admin, f, open)).toEqual(['decide-return', 'key']);
  });

  it('replied: the lead deputy rates; admins rate only for items not raised by a deputy, and close', () => {
    const f = facts({ state: 'replied', leadUnitId: 'U1', unitIds: ['U1'] });
    expect(availableActions(lead, f, open)).toEqual(['rate']);
    expect(availableActions(admin, f, open)).toEqual(['close', 'key', 'publish']);
    expect(availableActions(admin, { ...f, sourceType: 'portal' }, open)).toEqual(['rate', 'close', 'key', 'publish']);
  });

  it('terminal: nothing but taking a flag off', () => {
    expect(availableActions(admin, facts({ state: 'withdrawn' }), open)).toEqual([]);
    expect(availableActions(admin, facts({ state: 'closed', published: true }), open)).toEqual(['publish']);
    expect(availableActions(admin, facts({ state: 'merged', keySupervision: true }), open)).toEqual(['key']);
  });
});
