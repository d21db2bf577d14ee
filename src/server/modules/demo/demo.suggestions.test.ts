import { describe, expect, it } from 'vitest';
import { dueState } from '../suggestions/deadlines.rules.ts';
import { INITIAL, type Machine, next } from '../suggestions/suggestion.machine.ts';
import { buildDemoCounty } from './demo.generator.ts';
import { machineEvent, replayEvents } from './demo.suggestions.ts';

/*
 * The demo's suggestions: every item's stored state, round, pending request and follow-up are what
 * replaying its events through the lifecycle machine gives (and each event's from/to states say so);
 * both towns have items in every state, nothing happens after the seeding moment, and the open items
 * stand against their due dates as planned (a couple overdue, a couple due soon).
 */
const AS_OF = new Date('2026-11-28T12:00:00+08:00');
const TODAY = '2026-11-28';

describe('demo suggestions', () => {
  const docs = buildDemoCounty(undefined, AS_OF).documents;

  it('every stored state equals replaying its events through the machine', () => {
    for (const doc of docs) {
      for (const s of doc.suggestions ?? []) {
        let m: Machine = INITIAL;
        for (const e of s.events) {
          const me = machineEvent(e);
          expect(e.fromState ?? 'draft', `${s.code} ${e.type}`).toBe(e.type === 'create' ? 'draft' : m.state);
          if (me) m = next(m, me);
          expect(e.toState, `${s.code} ${e.type}`).toBe(m.state);
        }
        expect({ state: s.state, round: s.round, pending: s.pending, followUp: s.followUp }, s.code).toEqual({
          state: m.state,
          round: m.round,
          pending: m.pending,
          followUp: m.followUp,
        });
        expect(replayEvents(s.events)).toEqual(m);
        // The history is in time order, and nothing happens after the seeding moment.
        const times = s.events.map((e) => e.at);
        expect(times, s.code).toEqual([...times].sort());
        expect(Date.parse(times.at(-1) as string), s.code).toBeLessThanOrEqual(AS_OF.getTime());
      }
    }
  });

  it('each town has 25–40 items in every state, reception items linked to routed matters, and a few late or due soon', () => {
    for (const doc of docs) {
      const items = doc.suggestions ?? [];
      expect(items.length).toBeGreaterThanOrEqual(25);
      expect(items.length).toBeLessThanOrEqual(41);
      expect(new Set(items.map((s) => s.code)).size).toBe(items.length);
      const states = new Set(items.map((s) => s.state));
      for (const st of [
        'submitted',
        'registered',
        'assigned',
        'handling',
        'replied',
        'rehandling',
        'following',
        'closed',
        'not_accepted',
        'merged',
        'withdrawn',
      ])
        expect(states.has(st as never), `${doc.town.name} ${st}`).toBe(true);
      expect(new Set(items.filter((s) => s.replies.length).map((s) => s.grade))).toEqual(new Set(['A', 'B', 'C', 'D']));
      expect(new Set(items.flatMap((s) => s.ratings.map((r) => r.result)))).toEqual(new Set(['satisfied', 'basically', 'dissatisfied']));
      expect(items.some((s) => s.consultations.length > 0 && s.state === 'handling')).toBe(true);
      expect(items.some((s) => s.pending === 'extension')).toBe(true);
      expect(items.filter((s) => s.keySupervision).length).toBeGreaterThanOrEqual(2);
      expect(items.filter((s) => s.published && s.publicAnswer).length).toBeGreaterThanOrEqual(2);
      expect(items.filter((s) => s.state === 'not_accepted').every((s) => s.notAcceptedReason.length > 0)).toBe(true);
      const merged = items.find((s) => s.state === 'merged');
      expect(items.some((s) => s.code === merged?.mergedInto && s.events.some((e) => e.type === 'merge_in'))).toBe(true);

      const held = items.filter((s) => ['assigned', 'handling', 'rehandling'].includes(s.state) && s.dueDate);
      const due = held.map((s) => dueState(s.dueDate as string, TODAY));
      expect(due.filter((d) => d.overdue).length).toBeGreaterThanOrEqual(2);
      expect(due.filter((d) => d.dueSoon).length).toBeGreaterThanOrEqual(2);

      // About a quarter raised at the congress session (demo.sessions.test.ts checks them against the session).
      expect(items.filter((s) => s.sourceType === 'session' && s.session !== null).length).toBeGreaterThanOrEqual(8);

      const matters = new Map((doc.receptions ?? []).flatMap((r) => r.matters.map((m) => [`${r.code}/${m.seq}`, m.routing] as const)));
      const fromReceptions = items.filter((s) => s.source?.type === 'reception');
      expect(fromReceptions.length).toBeGreaterThan(0);
      for (const s of fromReceptions) if (s.source?.type === 'reception') expect(matters.get(`${s.source.reception}/${s.source.seq}`)).toBe('suggestion');
    }
  });

  it('comes out the same for the same seeding moment', () => {
    expect(buildDemoCounty(undefined, AS_OF).documents.map((d) => d.suggestions)).toEqual(docs.map((d) => d.suggestions));
  });
});
