import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/db.ts';
import type { Database } from '../../db/kysely.ts';
import { checkTally, checkVoteCounts, nominationRule, overNominators, quorum, rollCounts, tallyRound, voteResult } from '../sessions/sessions.rules.ts';
import type { ElectionRecord, ItemRecord, MotionRecord, RollRecord, SessionRecord, VoteRecord } from '../sessions/sessions.workbook.ts';
import type { WorkbookDocument } from '../workbook/workbook.document.ts';
import { buildDemoCounty } from './demo.generator.ts';
import { seedDemo } from './demo.seed.ts';

/*
 * The demo's congress sessions: each town has a closed annual session whose figures agree with the
 * legal rules (quorum reached, every vote's counts add up to those present and its result is what
 * voteResult gives, every round's elected flags are what tallyRound decides), and a session in
 * preparation with a draft agenda; the same on every run; and they load into the database.
 */
const AS_OF = new Date('2026-11-28T12:00:00+08:00');
type Doc = WorkbookDocument & {
  sessions: SessionRecord[];
  sessionRoll: RollRecord[];
  sessionItems: ItemRecord[];
  motions: MotionRecord[];
  sessionVotes: VoteRecord[];
  elections: ElectionRecord[];
};

describe('demo sessions', () => {
  const docs = buildDemoCounty(undefined, AS_OF).documents as Doc[];

  it('each town has a closed session of the current term with its presidium, and one in preparation with a draft agenda', () => {
    for (const doc of docs) {
      const term = (doc.terms ?? []).at(-1)?.number;
      const closed = doc.sessions.filter((s) => s.status === 'closed');
      const preparing = doc.sessions.filter((s) => s.status === 'preparing');
      expect(closed).toHaveLength(1);
      expect(preparing).toHaveLength(1);
      const s = closed[0];
      expect(s.term).toBe(term);
      expect(s.startDate.slice(0, 7)).toBe('2026-01');
      expect(preparing[0].number).toBe(s.number + 1);
      const presidium = new Set(s.presidium.map((p) => p.deputy));
      expect(presidium.size).toBeGreaterThan(3);
      expect(presidium.has(s.secretaryGeneral ?? '')).toBe(true);
      expect(s.presidium.some((p) => p.executive)).toBe(true);
      const draft = doc.sessionItems.filter((i) => i.session === preparing[0].code);
      expect(draft.length).toBeGreaterThanOrEqual(3);
      expect(draft.every((i) => i.status === 'pending')).toBe(true);
    }
  });

  it('the roll is every town deputy in office on the first day, with leave, a late arrival, an absence, and a quorum', () => {
    for (const doc of docs) {
      const s = doc.sessions.find((x) => x.status === 'closed') as SessionRecord;
      const roll = doc.sessionRoll.filter((r) => r.session === s.code);
      const inOffice = (doc.deputies ?? []).filter(
        (d) => d.term === s.term && d.isTownLevel && (d.status === 'serving' || (d.statusDate !== null && d.statusDate > s.startDate)),
      );
      expect(roll.map((r) => r.deputy).sort()).toEqual(inOffice.map((d) => d.code).sort());
      const c = rollCounts(roll.map((r) => r.status));
      expect(c.onLeave).toBeGreaterThanOrEqual(2);
      expect(c.onLeave).toBeLessThanOrEqual(3);
      expect(c.late).toBe(1);
      expect(c.absent).toBe(1);
      expect(c.expected).toBe(0);
      expect(roll.filter((r) => r.status === 'on_leave').every((r) => r.leaveReason.length > 0)).toBe(true);
      expect(quorum(c.all, c.present + c.late).reached).toBe(true);
    }
  });

  it('every vote adds up to those present and its result is what voteResult gives; the items follow', () => {
    for (const doc of docs) {
      const s = doc.sessions.find((x) => x.status === 'closed') as SessionRecord;
      const roll = doc.sessionRoll.filter((r) => r.session === s.code);
      const present = roll.filter((r) => r.status === 'present' || r.status === 'late').length;
      const votes = doc.sessionVotes.filter((v) => v.session === s.code);
      expect(votes.length).toBeGreaterThanOrEqual(2);
      for (const v of votes) {
        expect(v.allDeputies).toBe(roll.length);
        expect(v.present).toBe(present);
        expect(checkVoteCounts(v, v.present)).toEqual({ ok: true });
        expect(v.result).toBe(voteResult(v, v.allDeputies));
        const item = doc.sessionItems.find((i) => i.session === v.session && i.seq === v.item) as ItemRecord;
        expect(item.status).toBe(v.result === 'tie' ? 'pending' : v.result);
        if (v.method === 'per_deputy') expect(v.ballots).toHaveLength(v.present);
      }
      const items = doc.sessionItems.filter((i) => i.session === s.code);
      expect(items.filter((i) => i.kind === 'work_report').map((i) => i.status)).toEqual(['reviewed', 'reviewed']);
      expect(items.find((i) => i.kind === 'written_report')?.status).toBe('reviewed');
      expect(items.find((i) => i.kind === 'decision')?.title).toContain('决议');
      const decision = items.find((i) => i.kind === 'decision') as ItemRecord;
      expect(votes.some((v) => v.item === decision.seq && v.result === 'passed')).toBe(true);
    }
  });

  it('motions by five or more deputies: one passed by vote, one handled as a suggestion, one not accepted with a reason', () => {
    for (const doc of docs) {
      const motions = doc.motions;
      expect(motions.map((m) => m.status).sort()).toEqual(['not_accepted', 'passed', 'to_suggestion']);
      for (const m of motions) {
        expect(m.sponsors.length).toBeGreaterThanOrEqual(5);
        expect(m.sponsors.filter((x) => x.role === 'lead')).toHaveLength(1);
      }
      const passed = motions.find((m) => m.status === 'passed') as MotionRecord;
      const item = doc.sessionItems.find((i) => i.session === passed.session && i.seq === passed.item);
      expect(item?.kind).toBe('motion');
      expect(doc.sessionVotes.some((v) => v.item === passed.item && v.result === 'passed')).toBe(true);
      expect(motions.find((m) => m.status === 'not_accepted')?.decisionReason.length).toBeGreaterThan(0);
    }
  });

  it('about a quarter of the suggestions were raised at the closed session, on its days, by deputies on its roll; the motion handled as a suggestion names its item', () => {
    for (const doc of docs) {
      const s = doc.sessions.find((x) => x.status === 'closed') as SessionRecord;
      const onRoll = new Set(doc.sessionRoll.filter((r) => r.session === s.code && (r.status === 'present' || r.status === 'late')).map((r) => r.deputy));
      const items = doc.suggestions ?? [];
      const raised = items.filter((x) => x.session === s.code);
      expect(raised.length).toBeGreaterThan(0);
      expect(raised.length / items.length).toBeGreaterThanOrEqual(0.2);
      expect(raised.length / items.length).toBeLessThanOrEqual(0.3);
      expect(items.filter((x) => x.sourceType === 'session')).toEqual(raised);
      for (const x of raised) {
        const submitted = new Date(Date.parse(x.submittedAt as string) + 8 * 3_600_000).toISOString().slice(0, 10);
        expect(submitted >= s.startDate && submitted <= s.endDate, `${x.code} ${submitted}`).toBe(true);
        expect(
          x.sponsors.filter((p) => p.role === 'lead'),
          x.code,
        ).toHaveLength(1);
        for (const p of x.sponsors) expect(onRoll.has(p.deputy), `${x.code} ${p.deputy}`).toBe(true);
      }
      const motion = doc.motions.find((m) => m.status === 'to_suggestion') as MotionRecord;
      const item = items.find((x) => x.code === motion.suggestion);
      expect(item?.sourceType).toBe('session');
      expect(item?.session).toBe(motion.session);
      expect(item?.title).toBe(motion.subject);
      expect(item?.sponsors.map((p) => `${p.deputy}/${p.role}`).sort()).toEqual(motion.sponsors.map((p) => `${p.deputy}/${p.role}`).sort());
      expect(item?.events[0]?.at).toBe(motion.decidedAt);
      // Only that motion names a suggestion.
      expect(doc.motions.filter((m) => m.suggestion !== null)).toEqual([motion]);
    }
  });

  it('elections: each round is what tallyRound decides, the nominations keep the rules, and the town head is elected', () => {
    for (const doc of docs) {
      expect(doc.elections.map((e) => e.post)).toEqual(['town_head', 'deputy_head']);
      for (const e of doc.elections) {
        const rule = nominationRule(e.post, e.seats, e.candidates.length);
        expect(rule.mode).not.toBe('irregular');
        const nominations = e.nominations.map((n) => ({ nominator: n.nominator, signers: n.signers, candidateIds: n.candidates }));
        expect(overNominators(e.seats, nominations)).toEqual([]);
        for (const n of e.nominations) if (n.nominator === 'deputies') expect(n.signers.length).toBeGreaterThanOrEqual(10);
        expect(e.rounds).toHaveLength(1);
        for (const r of e.rounds) {
          const lines = r.tallies.map((t, i) => ({ key: String(i), for: t.for, against: t.against, abstain: t.abstain }));
          const b = { issued: r.issued, returned: r.returned, valid: r.valid, invalid: r.invalid };
          expect(checkTally(b, r.present, lines, r.seats)).toEqual({ ok: true });
          const res = tallyRound(b, r.allDeputies, r.seats, lines);
          expect(r.outcome).toBe(res.outcome);
          expect(r.tallies.map((t) => t.elected)).toEqual(lines.map((l) => res.elected.includes(l.key)));
        }
        expect(e.rounds[0].outcome).toBe('filled');
        expect(e.status).toBe('done');
      }
    }
  });

  it('comes out the same for the same seeding moment', () => {
    const again = buildDemoCounty(undefined, AS_OF).documents as Doc[];
    for (const [i, doc] of docs.entries()) {
      for (const k of ['sessions', 'sessionRoll', 'sessionItems', 'motions', 'sessionVotes', 'elections', 'suggestions'] as const)
        expect(again[i][k]).toEqual(doc[k]);
    }
  });
});

describe('demo sessions in the database', () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase();
    await seedDemo(database.db, AS_OF);
  });
  afterAll(async () => {
    await database.close();
  });

  it('each town has its sessions; the stored votes agree with the stored roll and the rules', async () => {
    const db = database.db;
    const sessions = await db
      .selectFrom('congressSession as s')
      .innerJoin('town as t', 't.id', 's.townId')
      .select(['s.id', 's.code', 's.status', 't.code as town'])
      .orderBy('t.code')
      .orderBy('s.code')
      .execute();
    expect(sessions.map((s) => `${s.town}/${s.code}/${s.status}`)).toEqual([
      'DEMO01/S001/closed',
      'DEMO01/S002/preparing',
      'DEMO02/S001/closed',
      'DEMO02/S002/preparing',
    ]);
    for (const s of sessions.filter((x) => x.status === 'closed')) {
      const roll = await db.selectFrom('sessionAttendee').select('status').where('sessionId', '=', s.id).execute();
      const c = rollCounts(roll.map((r) => r.status));
      expect(quorum(c.all, c.present + c.late).reached).toBe(true);
      const votes = await db.selectFrom('sessionVote').selectAll().where('sessionId', '=', s.id).execute();
      expect(votes.length).toBeGreaterThanOrEqual(2);
      for (const v of votes) {
        expect(v.allDeputies).toBe(c.all);
        expect(v.presentCount).toBe(c.present + c.late);
        expect(v.result).toBe(voteResult({ for: v.forCount, against: v.againstCount }, c.all));
      }
      const elected = await db
        .selectFrom('electionTally as t')
        .innerJoin('electionRound as r', 'r.id', 't.roundId')
        .innerJoin('election as e', 'e.id', 'r.electionId')
        .innerJoin('electionCandidate as c', 'c.id', 't.candidateId')
        .select(['e.post', 'c.name'])
        .where('e.sessionId', '=', s.id)
        .where('t.elected', '=', 1)
        .execute();
      expect(elected.map((x) => x.post).sort()).toEqual(['deputy_head', 'town_head']);
      const motions = await db.selectFrom('motion').select(['id', 'status', 'suggestionId']).where('sessionId', '=', s.id).execute();
      expect(motions).toHaveLength(3);
      // The suggestions raised at the session, among them the one the motion handled as a suggestion became.
      const raised = await db.selectFrom('suggestion').select(['id', 'sourceType']).where('sessionId', '=', s.id).execute();
      expect(raised.length).toBeGreaterThan(0);
      expect(raised.every((x) => x.sourceType === 'session')).toBe(true);
      expect(motions.filter((m) => m.suggestionId !== null).map((m) => m.status)).toEqual(['to_suggestion']);
      const linked = motions.find((m) => m.status === 'to_suggestion');
      expect(raised.some((x) => x.id === linked?.suggestionId)).toBe(true);
      const asText = (rows: { deputyId: string; role: string }[]) => rows.map((x) => `${x.deputyId}/${x.role}`).sort();
      const itemSponsors = await db
        .selectFrom('suggestionSponsor')
        .select(['deputyId', 'role'])
        .where('suggestionId', '=', linked?.suggestionId as string)
        .execute();
      const motionSponsors = await db
        .selectFrom('motionSponsor')
        .select(['deputyId', 'role'])
        .where('motionId', '=', linked?.id as string)
        .execute();
      expect(asText(itemSponsors)).toEqual(asText(motionSponsors));
    }
  });
});
