import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/db.ts';
import { type Database, openDatabase } from '../../db/kysely.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { buildDemoCounty } from '../demo/demo.generator.ts';
import type { WorkbookDocument } from '../workbook/workbook.document.ts';
import { exportWorkbook, serializeWorkbook } from '../workbook/workbook.export.ts';
import { CLI_ACTOR, WorkbookError, importWorkbook } from '../workbook/workbook.import.ts';
import type { ElectionRecord, ItemRecord, MotionRecord, RollRecord, SessionRecord, VoteRecord } from './sessions.workbook.ts';

/*
 * Congress sessions travel through the workbook: a town with a full session (presidium, roll, agenda,
 * motions with sponsors, votes with per-deputy ballots, elections with nominations, rounds and
 * tallies) exported and imported into an empty database gives the same records, byte for byte, on
 * either engine and across them; references and the recorded results are checked, writing nothing.
 */

const FAKE_HASH = 'scrypt$32768$8$1$c2FsdHNhbHQ=$a2V5a2V5a2V5';
const AS_OF = new Date('2026-11-28T12:00:00Z');
type Doc = WorkbookDocument & {
  sessions: SessionRecord[];
  sessionRoll: RollRecord[];
  sessionItems: ItemRecord[];
  motions: MotionRecord[];
  sessionVotes: VoteRecord[];
  elections: ElectionRecord[];
};
const demoDoc = () => structuredClone(buildDemoCounty(FAKE_HASH, AS_OF).documents[0]) as Doc;
const SECTIONS = ['sessions', 'sessionRoll', 'sessionItems', 'motions', 'sessionVotes', 'elections'] as const;

let a: Database;
let b: Database;
beforeAll(async () => {
  a = await freshDatabase();
  b = openDatabase(':memory:');
  await migrateToLatest(b.db);
});
afterAll(async () => {
  await a.close();
  await b.close();
});

const exportText = async (d: Database) => serializeWorkbook(await exportWorkbook(d.db, { townCode: 'DEMO01', includePasswordHashes: true }));
const errOf = async (d: Doc) =>
  (await importWorkbook(a.db, d, CLI_ACTOR).then(
    () => null,
    (e: unknown) => e,
  )) as WorkbookError;

describe('congress sessions in the workbook', () => {
  it('round trip: a town with a full session exports and imports into an empty database with the same records', async () => {
    const doc = demoDoc();
    expect(doc.sessions.map((s) => s.status)).toEqual(['closed', 'preparing']);
    expect(doc.sessionVotes.some((v) => v.method === 'per_deputy' && v.ballots.length > 0)).toBe(true);
    expect(doc.elections.some((e) => e.nominations.some((n) => n.nominator === 'deputies'))).toBe(true);
    const res = await importWorkbook(a.db, doc, CLI_ACTOR);
    for (const k of SECTIONS) expect(res.sections[k]).toEqual({ created: doc[k].length, updated: 0, unchanged: 0 });
    const first = await exportText(a);
    const out = JSON.parse(first) as Doc;
    for (const k of SECTIONS) expect(out[k]).toEqual(doc[k]);

    // The stored rows: internal ids linked the right way.
    const s = await a.db.selectFrom('congressSession').select(['id', 'secretaryGeneralId']).where('code', '=', 'S001').executeTakeFirstOrThrow();
    expect(s.secretaryGeneralId).not.toBeNull();
    const tallies = await a.db
      .selectFrom('electionTally as t')
      .innerJoin('electionRound as r', 'r.id', 't.roundId')
      .innerJoin('election as e', 'e.id', 'r.electionId')
      .select(['t.candidateId', 't.writeInName', 't.elected'])
      .where('e.sessionId', '=', s.id)
      .execute();
    expect(tallies.filter((t) => t.elected === 1).every((t) => t.candidateId !== null)).toBe(true);
    expect(tallies.some((t) => t.writeInName !== null && t.candidateId === null)).toBe(true);

    // Into an empty database (the other engine when the suite runs on PostgreSQL): the same bytes.
    await importWorkbook(b.db, JSON.parse(first), CLI_ACTOR);
    expect(await exportText(b)).toBe(first);
    const again = await importWorkbook(a.db, JSON.parse(first), CLI_ACTOR);
    for (const k of SECTIONS) expect(again.sections[k]).toEqual({ created: 0, updated: 0, unchanged: doc[k].length });
  });

  it('updates by external key: a changed session, roll mark, vote and election are rewritten, the rest unchanged', async () => {
    const doc = JSON.parse(await exportText(a)) as Doc;
    const prep = doc.sessions.findIndex((s) => s.status === 'preparing');
    doc.sessions[prep].place = '镇文化中心';
    const onLeave = doc.sessionRoll.findIndex((r) => r.status === 'on_leave');
    doc.sessionRoll[onLeave].leaveReason = '住院治疗（已批准）';
    doc.sessionVotes[0].announcement = '更正后的公告';
    doc.elections[0].rounds[0].announcement = '更正后的选举结果公告';
    const res = await importWorkbook(a.db, doc, CLI_ACTOR);
    expect(res.sections.sessions).toMatchObject({ updated: 1 });
    expect(res.sections.sessionRoll).toMatchObject({ updated: 1 });
    expect(res.sections.sessionVotes).toMatchObject({ updated: 1 });
    expect(res.sections.elections).toMatchObject({ updated: 1 });
    expect(res.sections.motions).toMatchObject({ updated: 0, created: 0 });
    const out = JSON.parse(await exportText(a)) as Doc;
    for (const k of SECTIONS) expect(out[k]).toEqual(doc[k]);
  });

  it('refuses unknown deputy and session codes and results that disagree with the rules, writing nothing', async () => {
    const before = await exportText(a);
    const current = JSON.parse(before) as Doc;

    const refs = structuredClone(current);
    refs.sessionRoll[0].deputy = 'D999';
    refs.sessions[0].presidium[0].deputy = 'D998';
    refs.motions[0].sponsors[0].deputy = 'D997';
    refs.sessionItems[0].session = 'S099';
    refs.elections[0].nominations[0].candidates = ['无此人'];
    const e1 = await errOf(refs);
    expect(e1).toBeInstanceOf(WorkbookError);
    expect(e1.issues.map((i) => i.field)).toEqual(
      expect.arrayContaining([
        'sessions[0].presidium[0].deputy',
        'sessionRoll[0].deputy',
        'sessionItems[0].session',
        'motions[0].sponsors[0].deputy',
        'elections[0].nominations[0].candidates[0]',
      ]),
    );
    expect(e1.issues.find((i) => i.field === 'sessionRoll[0].deputy')?.message).toBe('代表 “D999” 不存在（工作簿和数据库中都没有）');

    // A vote whose recorded result is not what voteResult gives (the counts still add up).
    const vote = structuredClone(current);
    const v = vote.sessionVotes.findIndex((x) => x.method === 'count');
    const c = vote.sessionVotes[v];
    Object.assign(c, { for: 10, against: c.present - 10 - c.abstain - c.notVoting, result: 'passed' });
    const e2 = await errOf(vote);
    expect(e2.issues).toEqual([expect.objectContaining({ field: `sessionVotes[${v}].result` })]);
    expect(e2.issues[0].message).toContain('failed');

    // Counts that do not add up to those present, and ballots that disagree with the counts.
    const sums = structuredClone(current);
    sums.sessionVotes[v].abstain += 1;
    const p = sums.sessionVotes.findIndex((x) => x.method === 'per_deputy');
    sums.sessionVotes[p].ballots[0].choice = sums.sessionVotes[p].ballots[0].choice === 'for' ? 'against' : 'for';
    const e3 = await errOf(sums);
    expect(e3.issues.map((i) => i.field)).toEqual(expect.arrayContaining([`sessionVotes[${v}].present`, `sessionVotes[${p}].ballots`]));

    // A round whose elected flags and outcome are not what tallyRound decides.
    const round = structuredClone(current);
    const r = round.elections[0].rounds[0];
    const winner = r.tallies.findIndex((t) => t.elected);
    r.tallies[winner].elected = false;
    r.outcome = 'none';
    const e4 = await errOf(round);
    expect(e4.issues.map((i) => i.field)).toEqual([`elections[0].rounds[0].outcome`, `elections[0].rounds[0].tallies[${winner}].elected`]);

    // Against the session's roll in the workbook: all deputies is the roll's size, a quorum is present,
    // and a per-deputy ballot comes from a deputy present or late on the roll.
    const roll = structuredClone(current);
    const pv = roll.sessionVotes.findIndex((x) => x.method === 'per_deputy');
    const pvote = roll.sessionVotes[pv];
    const notThere = roll.sessionRoll.find((x) => x.session === pvote.session && (x.status === 'absent' || x.status === 'on_leave'));
    if (!notThere) throw new Error('no absent deputy on the roll');
    pvote.ballots[0].deputy = notThere.deputy;
    pvote.ballots = [...pvote.ballots].sort((x, y) => x.deputy.localeCompare(y.deputy));
    const cv = roll.sessionVotes.findIndex((x) => x.method === 'count');
    roll.sessionVotes[cv].allDeputies += 1;
    const rr = roll.elections[0].rounds[0];
    const size = rr.allDeputies;
    const tooFew = Math.floor((size * 2) / 3);
    Object.assign(rr, { present: tooFew, issued: tooFew, returned: tooFew, valid: tooFew, invalid: 0 });
    for (const t of rr.tallies) Object.assign(t, { for: 0, against: 0, abstain: 0, elected: false });
    rr.outcome = 'none';
    const e6 = await errOf(roll);
    const fields = e6.issues.map((i) => i.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        `sessionVotes[${cv}].allDeputies`,
        `elections[0].rounds[0].present`,
        expect.stringMatching(new RegExp(`^sessionVotes\\[${pv}\\]\\.ballots\\[\\d+\\]\\.deputy$`)),
      ]),
    );
    expect(e6.issues.find((i) => i.field === 'elections[0].rounds[0].present')?.message).toContain('三分之二');

    // A suggestion may name the session it was raised at, by code.
    const sug = structuredClone(current);
    sug.suggestions = (sug.suggestions ?? []).slice(0, 1).map((s) => ({ ...s, session: 'S077' }));
    const e5 = await errOf(sug);
    expect(e5.issues.map((i) => i.field)).toEqual(['suggestions[0].session']);

    expect(await exportText(a)).toBe(before);
  });

  it("a suggestion's session travels as the session code", async () => {
    const doc = JSON.parse(await exportText(a)) as Doc;
    const s = (doc.suggestions ?? []).find((x) => x.source === null && x.sourceType === 'deputy');
    if (!s) throw new Error('no suggestion raised by deputies');
    s.session = 'S001';
    s.sourceType = 'session';
    await importWorkbook(a.db, doc, CLI_ACTOR);
    const row = await a.db
      .selectFrom('suggestion as g')
      .innerJoin('congressSession as cs', 'cs.id', 'g.sessionId')
      .select('cs.code')
      .where('g.code', '=', s.code)
      .executeTakeFirst();
    expect(row?.code).toBe('S001');
    const out = JSON.parse(await exportText(a)) as Doc;
    expect(out.suggestions?.find((x) => x.code === s.code)?.session).toBe('S001');
  });
});
