import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { ElectionPost, RoundOutcome } from '../../db/tables/sessions.ts';
import { isUniqueViolation } from '../../db/unique.ts';
import { ConflictError, InvalidTransitionError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso, todayInChina } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { type ElectionRow, bumpElection, candidatesOf, deputiesOfTown, electionRows, lastItemSeq, nominationsOf, onRoll, roundsOf } from './elections.repo.ts';
import type { ElectionInput, ElectionUpdate, NominationInput, RoundInput, VersionInput } from './elections.schemas.ts';
import { DEFAULT_POST_NAME, announcementText, electionItemTitle } from './elections.text.ts';
import { type SessionHead, assertNotClosed, loadSession, lockSession, requireQuorum, rollState } from './session-state.ts';
import { NOMINATION_MIN_SIGNERS, type TallyLine, checkTally, majorityNeeded, nominationRule, overNominators, tallyRound } from './sessions.rules.ts';

/*
 * Elections at a session (选举): an agenda item of kind `election` and its election; nominations by the
 * presidium or by ten or more deputies on the roll; the rule check when voting starts; rounds with the
 * ballot figures and the tally, decided by tallyRound against all deputies on the roll.
 */

const STALE = '该选举已被他人修改，请刷新后再操作';

// ---- Reading ----

async function assemble(db: Kysely<DB>, townId: string, rows: ElectionRow[]) {
  const ids = rows.map((r) => r.id);
  const [cands, noms, rds] = await Promise.all([candidatesOf(db, townId, ids), nominationsOf(db, townId, ids), roundsOf(db, townId, ids)]);
  const candName = new Map(cands.map((c) => [c.id, c.name]));
  const electedCand = new Set(rds.tallies.filter((t) => t.elected && t.candidateId).map((t) => t.candidateId as string));
  return rows.map((e) => {
    const candidates = cands.filter((c) => c.electionId === e.id);
    const nominations = noms.nominations
      .filter((n) => n.electionId === e.id)
      .map((n) => ({
        id: n.id,
        nominator: n.nominator,
        submittedOn: n.submittedOn,
        notes: n.notes,
        signers: noms.signers.filter((s) => s.nominationId === n.id).map((s) => ({ deputyId: s.deputyId, name: s.name })),
        candidateIds: noms.links.filter((l) => l.nominationId === n.id).map((l) => l.candidateId),
      }));
    const rounds = rds.rounds
      .filter((r) => r.electionId === e.id)
      .map((r) => ({
        id: r.id,
        round: r.round,
        seats: r.seats,
        issued: r.ballotsIssued,
        returned: r.ballotsReturned,
        valid: r.ballotsValid,
        invalid: r.ballotsInvalid,
        allDeputies: r.allDeputies,
        presentCount: r.presentCount,
        needed: majorityNeeded(r.allDeputies),
        outcome: r.outcome,
        announcement: r.announcement,
        recordedAt: r.recordedAt,
        lines: rds.tallies
          .filter((t) => t.roundId === r.id)
          .map((t) => ({
            candidateId: t.candidateId,
            writeInName: t.writeInName,
            name: t.candidateId ? (candName.get(t.candidateId) ?? '') : (t.writeInName ?? ''),
            for: t.forVotes,
            against: t.againstVotes,
            abstain: t.abstainVotes,
            elected: t.elected === 1,
            order: t.candidateId ? candidates.findIndex((c) => c.id === t.candidateId) : 1000,
          }))
          .sort((a, b) => a.order - b.order || b.for - a.for)
          .map(({ order: _o, ...l }) => l),
      }));
    const elected = rounds.flatMap((r) => r.lines.filter((l) => l.elected).map((l) => ({ name: l.name, candidateId: l.candidateId, round: r.round })));
    const standing = candidates.filter((c) => !c.withdrawn).length;
    return {
      id: e.id,
      item: { id: e.itemId, seq: e.itemSeq, title: e.itemTitle, status: e.itemStatus },
      post: e.post,
      postName: e.postName,
      seats: e.seats,
      status: e.status,
      version: e.version,
      rule: nominationRule(e.post, e.seats, standing),
      seatsLeft: Math.max(0, e.seats - elected.length),
      candidates: candidates.map((c) => ({
        id: c.id,
        deputyId: c.deputyId,
        name: c.name,
        gender: c.gender,
        birthDate: c.birthDate,
        party: c.party,
        title: c.title,
        withdrawn: c.withdrawn === 1,
        nominatedBy: [...new Set(nominations.filter((n) => n.candidateIds.includes(c.id)).map((n) => n.nominator))],
        elected: electedCand.has(c.id),
      })),
      nominations,
      rounds,
      elected,
    };
  });
}

export type ElectionView = Awaited<ReturnType<typeof assemble>>[number];

async function loadElection(db: Kysely<DB>, townId: string, sessionId: string, electionId: string): Promise<ElectionView> {
  const rows = await electionRows(db, townId, sessionId, electionId);
  if (rows.length === 0) throw new NotFoundError('选举');
  return (await assemble(db, townId, rows))[0];
}

export async function listElections(ctx: Ctx, sessionId: string) {
  const townId = townOf(ctx);
  const s = await loadSession(ctx.db, townId, sessionId);
  const [{ quorum: q }, rows] = await Promise.all([rollState(ctx.db, townId, s.id), electionRows(ctx.db, townId, s.id)]);
  return {
    session: { id: s.id, name: s.name, shortName: s.shortName, status: s.status },
    roll: { all: q.all, present: q.present, quorumNeeded: q.needed, quorumReached: q.reached, majorityNeeded: majorityNeeded(q.all) },
    items: await assemble(ctx.db, townId, rows),
  };
}

export async function getElection(ctx: Ctx, sessionId: string, electionId: string) {
  const townId = townOf(ctx);
  await loadSession(ctx.db, townId, sessionId);
  return loadElection(ctx.db, townId, sessionId, electionId);
}

// ---- Helpers for writes ----

function auditOf(e: ElectionView) {
  return {
    post: e.postName,
    seats: e.seats,
    status: e.status,
    candidates: e.candidates.map((c) => `${c.name}${c.withdrawn ? '（退出）' : ''}${c.elected ? '（当选）' : ''}`).join('、'),
    rounds: e.rounds.length,
  };
}

function requireStatus(e: ElectionView, status: ElectionView['status'], what: string) {
  if (e.status !== status) {
    const now = { nominating: '提名阶段', voting: '投票阶段', done: '已选出' }[e.status];
    throw new InvalidTransitionError(`该选举处于${now}，不能${what}`);
  }
}

async function bump(trx: Kysely<DB>, townId: string, e: ElectionView, patch: Parameters<typeof bumpElection>[4], now: string) {
  if (!(await bumpElection(trx, townId, e.id, e.version, patch, now))) throw new ConflictError(STALE);
}

/** Within a write: the session (not closed) and the election, both in the caller's town. */
async function begin(trx: Kysely<DB>, townId: string, sessionId: string, electionId: string): Promise<{ s: SessionHead; e: ElectionView }> {
  const s = await lockSession(trx, townId, sessionId);
  assertNotClosed(s);
  const e = await loadElection(trx, townId, sessionId, electionId);
  return { s, e };
}

const POST_NAMES: Record<ElectionPost, string> = DEFAULT_POST_NAME;

/**
 * Posts the congress fills from among its own deputies (主席、副主席、主席团成员): their candidates are
 * deputies on the session's roll. A town head or deputy head may be someone who is not a deputy.
 */
const DEPUTY_POSTS: readonly ElectionPost[] = ['chair', 'vice_chair', 'presidium_member'];

// ---- Elections ----

export async function createElection(ctx: Ctx, sessionId: string, input: z.infer<typeof ElectionInput>) {
  const townId = townOf(ctx);
  const postName = input.postName ?? POST_NAMES[input.post];
  if (!postName) throw ValidationError.field('body.postName', '职务为“其他”时须填写职务名称');
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const s = await lockSession(trx, townId, sessionId);
    assertNotClosed(s);
    const now = nowIso();
    const itemId = newId();
    const seq = (await lastItemSeq(trx, townId, s.id)) + 1;
    const title = electionItemTitle(postName);
    await trx.insertInto('sessionItem').values({ id: itemId, townId, sessionId: s.id, seq, kind: 'election', title, createdAt: now, updatedAt: now }).execute();
    await trx
      .insertInto('election')
      .values({ id, townId, sessionId: s.id, itemId, post: input.post, postName, seats: input.seats, createdAt: now, updatedAt: now })
      .execute();
    await recordAudit(trx, ctx, {
      entity: 'election',
      entityId: id,
      action: 'create',
      summary: `${s.shortName}会议新增选举：${postName}（应选 ${input.seats} 名）`,
      after: { post: postName, seats: input.seats, item: `${seq}. ${title}` },
    });
  });
  return loadElection(ctx.db, townId, sessionId, id);
}

export async function updateElection(ctx: Ctx, sessionId: string, electionId: string, input: z.infer<typeof ElectionUpdate>) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const { s, e } = await begin(trx, townId, sessionId, electionId);
    if (e.version !== input.version) throw new ConflictError(STALE, { currentVersion: e.version });
    requireStatus(e, 'nominating', '修改');
    const seats = input.seats ?? e.seats;
    const postName = input.postName ?? e.postName;
    const over = overNominators(seats, nominationKeys(e.nominations));
    if (over.length > 0) throw ValidationError.field('body.seats', `${await nominatorNames(trx, townId, over)}提名的候选人多于应选名额（${seats} 名）`);
    const now = nowIso();
    await bump(trx, townId, e, { seats, postName }, now);
    if (postName !== e.postName) {
      await trx
        .updateTable('sessionItem')
        .set({ title: electionItemTitle(postName), updatedAt: now })
        .where('townId', '=', townId)
        .where('id', '=', e.item.id)
        .execute();
    }
    await recordAudit(trx, ctx, {
      entity: 'election',
      entityId: e.id,
      action: 'update',
      summary: `${s.shortName}会议修改选举：${postName}`,
      before: { post: e.postName, seats: e.seats },
      after: { post: postName, seats },
    });
  });
  return loadElection(ctx.db, townId, sessionId, electionId);
}

// ---- Nominations ----

function nominationKeys(noms: ElectionView['nominations']) {
  return noms.map((n) => ({ nominator: n.nominator, signers: n.signers.map((s) => s.deputyId), candidateIds: n.candidateIds }));
}

async function nominatorNames(db: Kysely<DB>, townId: string, over: { nominator: string; count: number }[]): Promise<string> {
  const deps = await deputiesOfTown(
    db,
    townId,
    over.map((o) => o.nominator).filter((k) => k !== 'presidium'),
  );
  const name = new Map(deps.map((d) => [d.id, d.name]));
  return over.map((o) => `${o.nominator === 'presidium' ? '主席团' : `代表${name.get(o.nominator) ?? o.nominator}`}（${o.count} 名）`).join('、');
}

type NewCandidate = {
  id: string;
  deputyId: string | null;
  name: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  party: string;
  title: string;
};

export async function addNomination(ctx: Ctx, sessionId: string, electionId: string, input: z.infer<typeof NominationInput>) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const { s, e } = await begin(trx, townId, sessionId, electionId);
    requireStatus(e, 'nominating', '提名');

    // Signers: ten or more deputies on the session's roll, in writing.
    const signerIds = input.nominator === 'deputies' ? [...new Set(input.signerIds ?? [])] : [];
    if (input.nominator === 'deputies') {
      if (signerIds.length < NOMINATION_MIN_SIGNERS) {
        throw ValidationError.field('body.signerIds', `代表联合提名须有 ${NOMINATION_MIN_SIGNERS} 名以上代表联名，现有 ${signerIds.length} 名`);
      }
      const on = new Set((await onRoll(trx, townId, s.id, signerIds)).map((r) => r.deputyId));
      const off = signerIds.filter((id) => !on.has(id));
      if (off.length > 0) throw ValidationError.field('body.signerIds', `有 ${off.length} 名联名人不在本次会议的代表名册上`);
    } else if ((input.signerIds ?? []).length > 0) {
      throw ValidationError.field('body.signerIds', '主席团提名不需要联名代表');
    }

    // Candidates: from the roster (copied), or by name; a name already nominated joins that candidate.
    const deputyIds = input.candidates.map((c) => c.deputyId).filter((x): x is string => !!x);
    const roster = new Map((await deputiesOfTown(trx, townId, deputyIds)).map((d) => [d.id, d]));
    const onTheRoll = new Set((await onRoll(trx, townId, s.id, deputyIds)).map((r) => r.deputyId));
    const deputiesOnly = DEPUTY_POSTS.includes(e.post);
    const existingByName = new Map(e.candidates.map((c) => [c.name, c]));
    const existingByDeputy = new Map(e.candidates.filter((c) => c.deputyId).map((c) => [c.deputyId as string, c]));
    const chosen: string[] = [];
    const created: NewCandidate[] = [];
    for (const [i, c] of input.candidates.entries()) {
      const at = `body.candidates[${i}]`;
      let cand: NewCandidate;
      if (c.deputyId) {
        const d = roster.get(c.deputyId);
        if (!d) throw ValidationError.field(`${at}.deputyId`, '代表不存在');
        if (!onTheRoll.has(d.id)) throw ValidationError.field(`${at}.deputyId`, `${d.name}不在本次会议的代表名册上`);
        cand = { id: '', deputyId: d.id, name: d.name, gender: d.gender, birthDate: d.birthDate, party: d.party, title: d.title };
      } else {
        const name = (c.name ?? '').trim();
        if (deputiesOnly) throw ValidationError.field(`${at}.deputyId`, `${e.postName}的候选人须是本次会议名册上的代表，请从名册中选择`);
        if (!name) throw ValidationError.field(`${at}.name`, '请选择代表或填写候选人姓名');
        cand = { id: '', deputyId: null, name, gender: c.gender ?? null, birthDate: c.birthDate ?? null, party: c.party ?? '', title: c.title ?? '' };
      }
      const same = (cand.deputyId ? existingByDeputy.get(cand.deputyId) : undefined) ?? existingByName.get(cand.name);
      if (same) {
        if (same.withdrawn) throw ValidationError.field(`${at}.name`, `候选人${same.name}已退出，不能再提名`);
        if (same.deputyId !== cand.deputyId && cand.deputyId) throw ValidationError.field(`${at}.name`, `已有同名候选人${same.name}`);
        cand.id = same.id;
      } else {
        const again = created.find((x) => x.name === cand.name);
        if (again) cand.id = again.id;
        else {
          cand.id = newId();
          created.push(cand);
        }
      }
      if (chosen.includes(cand.id)) throw ValidationError.field(`${at}.name`, `候选人${cand.name}重复`);
      chosen.push(cand.id);
    }

    // No nominator names more candidates than seats (the presidium, or any deputy across nominations).
    const over = overNominators(e.seats, [...nominationKeys(e.nominations), { nominator: input.nominator, signers: signerIds, candidateIds: chosen }]);
    if (over.length > 0) {
      throw ValidationError.field('body.candidates', `${await nominatorNames(trx, townId, over)}提名的候选人多于应选名额（${e.seats} 名）`);
    }

    const now = nowIso();
    await bump(trx, townId, e, {}, now);
    let sort = e.candidates.length;
    if (created.length > 0) {
      await trx
        .insertInto('electionCandidate')
        .values(created.map((c) => ({ ...c, townId, electionId: e.id, sortOrder: ++sort })))
        .execute();
    }
    const nominationId = newId();
    await trx
      .insertInto('electionNomination')
      .values({
        id: nominationId,
        townId,
        electionId: e.id,
        nominator: input.nominator,
        submittedOn: input.submittedOn ?? todayInChina(),
        notes: input.notes ?? '',
        createdAt: now,
      })
      .execute();
    await trx
      .insertInto('electionNominationCandidate')
      .values(chosen.map((candidateId) => ({ nominationId, candidateId, townId })))
      .execute();
    if (signerIds.length > 0) {
      await trx
        .insertInto('electionNominationSigner')
        .values(signerIds.map((deputyId) => ({ nominationId, deputyId, townId })))
        .execute();
    }
    const names = input.candidates.map((_, i) => [...e.candidates, ...created].find((c) => c.id === chosen[i])?.name ?? '').join('、');
    await recordAudit(trx, ctx, {
      entity: 'election',
      entityId: e.id,
      action: 'nominate',
      summary: `${e.postName}候选人提名（${input.nominator === 'presidium' ? '主席团' : `代表 ${signerIds.length} 人联名`}）：${names}`,
      after: { nominationId, nominator: input.nominator, signers: signerIds.length, candidates: names },
    });
  });
  return loadElection(ctx.db, townId, sessionId, electionId);
}

export async function deleteNomination(ctx: Ctx, sessionId: string, electionId: string, nominationId: string) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const { e } = await begin(trx, townId, sessionId, electionId);
    const n = e.nominations.find((x) => x.id === nominationId);
    if (!n) throw new NotFoundError('提名');
    requireStatus(e, 'nominating', '撤销提名');
    const stillNamed = new Set(e.nominations.filter((x) => x.id !== n.id).flatMap((x) => x.candidateIds));
    const orphans = n.candidateIds.filter((id) => !stillNamed.has(id));
    const now = nowIso();
    await bump(trx, townId, e, {}, now);
    await trx.deleteFrom('electionNominationCandidate').where('townId', '=', townId).where('nominationId', '=', n.id).execute();
    await trx.deleteFrom('electionNominationSigner').where('townId', '=', townId).where('nominationId', '=', n.id).execute();
    await trx.deleteFrom('electionNomination').where('townId', '=', townId).where('id', '=', n.id).execute();
    if (orphans.length > 0) await trx.deleteFrom('electionCandidate').where('townId', '=', townId).where('id', 'in', orphans).execute();
    const names = n.candidateIds.map((id) => e.candidates.find((c) => c.id === id)?.name).join('、');
    await recordAudit(trx, ctx, {
      entity: 'election',
      entityId: e.id,
      action: 'delete_nomination',
      summary: `撤销${e.postName}候选人提名：${names}`,
      before: { nominationId: n.id, nominator: n.nominator, candidates: names },
    });
  });
  return loadElection(ctx.db, townId, sessionId, electionId);
}

export async function withdrawCandidate(ctx: Ctx, sessionId: string, electionId: string, candidateId: string) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const { e } = await begin(trx, townId, sessionId, electionId);
    const c = e.candidates.find((x) => x.id === candidateId);
    if (!c) throw new NotFoundError('候选人');
    requireStatus(e, 'nominating', '退出候选');
    if (c.withdrawn) throw new InvalidTransitionError(`候选人${c.name}已退出`);
    const now = nowIso();
    await bump(trx, townId, e, {}, now);
    await trx.updateTable('electionCandidate').set({ withdrawn: 1 }).where('townId', '=', townId).where('id', '=', c.id).execute();
    await recordAudit(trx, ctx, {
      entity: 'election',
      entityId: e.id,
      action: 'withdraw_candidate',
      summary: `${e.postName}候选人${c.name}退出`,
      before: { candidate: c.name, withdrawn: false },
      after: { candidate: c.name, withdrawn: true },
    });
  });
  return loadElection(ctx.db, townId, sessionId, electionId);
}

export async function startVoting(ctx: Ctx, sessionId: string, electionId: string, input: z.infer<typeof VersionInput>) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const { e } = await begin(trx, townId, sessionId, electionId);
    if (e.version !== input.version) throw new ConflictError(STALE, { currentVersion: e.version });
    requireStatus(e, 'nominating', '开始投票');
    if (!e.candidates.some((c) => !c.withdrawn)) throw new InvalidTransitionError('尚无候选人，不能开始投票');
    await bump(trx, townId, e, { status: 'voting' }, nowIso());
    await recordAudit(trx, ctx, {
      entity: 'election',
      entityId: e.id,
      action: 'start',
      summary: `${e.postName}选举开始投票（${{ competitive: '差额', uncontested: '等额', irregular: '不符合差额规定' }[e.rule.mode]}）`,
      before: { status: 'nominating' },
      after: { status: 'voting', rule: e.rule.mode, warnings: e.rule.warnings.join('；') },
    });
  });
  return loadElection(ctx.db, townId, sessionId, electionId);
}

// ---- Rounds ----

export async function recordRound(ctx: Ctx, sessionId: string, electionId: string, input: z.infer<typeof RoundInput>) {
  const townId = townOf(ctx);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const { s, e } = await begin(trx, townId, sessionId, electionId);
      if (e.version !== input.version) throw new ConflictError(STALE, { currentVersion: e.version });
      const { all, present } = await requireQuorum(trx, townId, s);
      requireStatus(e, 'voting', '记录投票结果');

      // Every standing candidate (not withdrawn, not elected earlier) exactly once.
      const standing = e.candidates.filter((c) => !c.withdrawn && !c.elected);
      const seen = new Set<string>();
      for (const [i, l] of input.lines.entries()) {
        const c = standing.find((x) => x.id === l.candidateId);
        if (!c) throw ValidationError.field(`body.lines[${i}].candidateId`, '不是本轮的候选人（已退出、已当选或不属于本选举）');
        if (seen.has(c.id)) throw ValidationError.field(`body.lines[${i}].candidateId`, `候选人${c.name}重复`);
        seen.add(c.id);
      }
      const missing = standing.filter((c) => !seen.has(c.id));
      if (missing.length > 0) throw ValidationError.field('body.lines', `缺少候选人${missing.map((c) => c.name).join('、')}的得票`);
      const writeIns = input.writeIns ?? [];
      const names = new Set<string>();
      for (const [i, w] of writeIns.entries()) {
        // A write-in is someone not on the ballot: never a candidate of this election (standing, withdrawn
        // or elected), nor someone already elected as a write-in in an earlier round.
        const cand = e.candidates.find((c) => c.name === w.name);
        if (cand) {
          const why = cand.withdrawn ? '已退出的候选人' : cand.elected ? '已当选的候选人' : '本轮候选人，其得票应填在候选人一栏';
          throw ValidationError.field(`body.writeIns[${i}].name`, `${w.name}是${why}，不能作为另选他人`);
        }
        if (e.elected.some((x) => x.candidateId === null && x.name === w.name)) {
          throw ValidationError.field(`body.writeIns[${i}].name`, `${w.name}已在前一轮作为另选他人当选，不能再作为另选他人`);
        }
        if (names.has(w.name)) throw ValidationError.field(`body.writeIns[${i}].name`, `另选他人${w.name}重复`);
        names.add(w.name);
      }

      const seats = e.seatsLeft;
      const b = { issued: input.issued, returned: input.returned, valid: input.valid, invalid: input.invalid };
      const lines: TallyLine[] = [
        ...input.lines.map((l) => ({ key: l.candidateId, for: l.for, against: l.against, abstain: l.abstain })),
        ...writeIns.map((w, i) => ({ key: `w${i}`, for: w.for, against: 0, abstain: 0 })),
      ];
      const check = checkTally(b, present, lines, seats);
      if (!check.ok) throw ValidationError.field(`body.${tallyField(check.field, input.lines.length)}`, check.message);
      const result = tallyRound(b, all, seats, lines);

      const round = (e.rounds.at(-1)?.round ?? 0) + 1;
      // Candidate keys are ULIDs (upper case); write-ins are keyed w0, w1, ….
      const nameOf = (key: string) => standing.find((c) => c.id === key)?.name ?? writeIns[Number(key.slice(1))]?.name ?? key;
      const electedSet = new Set(result.elected);
      const announcement = announcementText({
        sessionName: s.name,
        postName: e.postName,
        round,
        seats,
        allDeputies: all,
        present,
        ...b,
        needed: result.needed,
        outcome: result.outcome,
        elected: lines
          .filter((l) => electedSet.has(l.key))
          .sort((x, y) => y.for - x.for)
          .map((l) => ({ name: nameOf(l.key), for: l.for })),
        tied: result.tiedAtCutoff.map(nameOf),
        unfilled: result.unfilled,
        date: todayInChina(),
      });
      const now = nowIso();
      const roundId = newId();
      const done = result.outcome === 'filled';
      await bump(trx, townId, e, done ? { status: 'done' } : {}, now);
      await trx
        .insertInto('electionRound')
        .values({
          id: roundId,
          townId,
          electionId: e.id,
          round,
          seats,
          ballotsIssued: b.issued,
          ballotsReturned: b.returned,
          ballotsValid: b.valid,
          ballotsInvalid: b.invalid,
          allDeputies: all,
          presentCount: present,
          outcome: result.outcome,
          announcement,
          recordedBy: ctx.principal.userId,
          recordedAt: now,
        })
        .execute();
      await trx
        .insertInto('electionTally')
        .values([
          ...input.lines.map((l) => ({
            id: newId(),
            townId,
            roundId,
            candidateId: l.candidateId,
            writeInName: null,
            forVotes: l.for,
            againstVotes: l.against,
            abstainVotes: l.abstain,
            elected: electedSet.has(l.candidateId) ? 1 : 0,
          })),
          ...writeIns.map((w, i) => ({
            id: newId(),
            townId,
            roundId,
            candidateId: null,
            writeInName: w.name,
            forVotes: w.for,
            againstVotes: 0,
            abstainVotes: 0,
            elected: electedSet.has(`w${i}`) ? 1 : 0,
          })),
        ])
        .execute();
      if (done)
        await trx.updateTable('sessionItem').set({ status: 'passed', updatedAt: now }).where('townId', '=', townId).where('id', '=', e.item.id).execute();
      await recordAudit(trx, ctx, {
        entity: 'election',
        entityId: e.id,
        action: 'record_round',
        summary: `${e.postName}第${round}轮选举：${OUTCOME_WORDS[result.outcome]}${result.elected.length ? `，当选 ${result.elected.map(nameOf).join('、')}` : ''}`,
        after: {
          round,
          seats,
          ...b,
          allDeputies: all,
          present,
          needed: result.needed,
          outcome: result.outcome,
          elected: result.elected.map(nameOf).join('、'),
        },
      });
    });
  } catch (err) {
    // Two clerks recording the same round at once: the second hits the (election, round) key.
    if (isUniqueViolation(err)) throw new ConflictError(STALE);
    throw err;
  }
  return loadElection(ctx.db, townId, sessionId, electionId);
}

const OUTCOME_WORDS: Record<RoundOutcome, string> = { filled: '名额选满', partly: '部分选出', none: '无人当选', void: '选举无效' };

/** checkTally names `lines[i]` over candidates then write-ins; the request has them in two arrays. */
function tallyField(field: string, candidateLines: number): string {
  const m = /^lines\[(\d+)\](.*)$/.exec(field);
  if (!m) return field;
  const i = Number(m[1]);
  if (i < candidateLines) return field;
  return `writeIns[${i - candidateLines}]${m[2] === '.for' || m[2] === '' ? m[2] : ''}`;
}

export async function deleteRound(ctx: Ctx, sessionId: string, electionId: string, roundId: string) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const { s, e } = await begin(trx, townId, sessionId, electionId);
    const r = e.rounds.find((x) => x.id === roundId);
    if (!r) throw new NotFoundError('投票轮次');
    if (s.status !== 'open') throw new InvalidTransitionError('只能在会议期间删除投票结果');
    if (e.rounds.at(-1)?.id !== r.id) throw new InvalidTransitionError('只能删除最后一轮投票结果');
    const now = nowIso();
    await bump(trx, townId, e, e.status === 'done' ? { status: 'voting' } : {}, now);
    await trx.deleteFrom('electionTally').where('townId', '=', townId).where('roundId', '=', r.id).execute();
    await trx.deleteFrom('electionRound').where('townId', '=', townId).where('id', '=', r.id).execute();
    if (e.status === 'done')
      await trx.updateTable('sessionItem').set({ status: 'pending', updatedAt: now }).where('townId', '=', townId).where('id', '=', e.item.id).execute();
    await recordAudit(trx, ctx, {
      entity: 'election',
      entityId: e.id,
      action: 'delete_round',
      summary: `删除${e.postName}第${r.round}轮选举结果`,
      before: {
        round: r.round,
        outcome: r.outcome,
        elected: r.lines
          .filter((l) => l.elected)
          .map((l) => l.name)
          .join('、'),
        ...auditOf(e),
      },
    });
  });
  return loadElection(ctx.db, townId, sessionId, electionId);
}
