import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { VoteChoice } from '../../db/tables/sessions.ts';
import { isUniqueViolation } from '../../db/unique.ts';
import { ConflictError, InvalidTransitionError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { ADMINS, type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { updateMotionRow } from './motions.repo.ts';
import { type SessionHead, assertNotClosed, loadSession, lockSession, requireQuorum, rollState } from './session-state.ts';
import { type VoteCounts, checkVoteCounts, majorityNeeded, motionTransition, voteResult } from './sessions.rules.ts';
import { type BallotRow, type ItemRow, type VoteRow, ballotsOf, findItem, motionOfItem, presentDeputies, setItemStatus, votesOfItem } from './votes.repo.ts';
import type { VoteInput } from './votes.schemas.ts';
import { voteAnnouncement } from './votes.text.ts';

/*
 * Votes (表决) on agenda items. Recorded only in an open session with a quorum; the counts add up to the
 * deputies present; the result is against ALL deputies on the roll (voteResult). A tie is voted again as
 * the next round; a decided item takes no more rounds. The item becomes passed / failed and a motion on
 * it too. The latest round may be deleted while the session is open (a correction), which reverts both.
 */

const RESULT_LABEL = { passed: '通过', failed: '未通过', tie: '票数相等' } as const;

async function loadItem(db: Kysely<DB>, townId: string, s: SessionHead, itemId: string): Promise<ItemRow> {
  const item = await findItem(db, townId, s.id, itemId);
  if (!item) throw new NotFoundError('议程事项');
  return item;
}

function present(rows: readonly VoteRow[], ballots: Map<string, BallotRow[]>) {
  return rows.map((v) => ({
    id: v.id,
    round: v.round,
    method: v.method,
    for: v.forCount,
    against: v.againstCount,
    abstain: v.abstainCount,
    notVoting: v.notVotingCount,
    allDeputies: v.allDeputies,
    presentCount: v.presentCount,
    needed: majorityNeeded(v.allDeputies),
    result: v.result,
    announcement: v.announcement,
    recordedAt: v.recordedAt,
    ballots: (ballots.get(v.id) ?? []).map(({ voteId: _v, ...b }) => b),
  }));
}

export async function listVotes(ctx: Ctx, sessionId: string, itemId: string) {
  const townId = townOf(ctx);
  const s = await loadSession(ctx.db, townId, sessionId);
  const item = await loadItem(ctx.db, townId, s, itemId);
  const [rows, state, motion] = await Promise.all([
    votesOfItem(ctx.db, townId, item.id),
    rollState(ctx.db, townId, s.id),
    motionOfItem(ctx.db, townId, item.id),
  ]);
  const ballots = await ballotsOf(
    ctx.db,
    townId,
    rows.map((r) => r.id),
  );
  const last = rows.at(-1);
  const q = state.quorum;
  const canRecord =
    ADMINS.includes(ctx.principal.role) &&
    s.status === 'open' &&
    q.reached &&
    item.kind !== 'election' &&
    (!last || last.result === 'tie') &&
    (!motion || motion.status === 'on_agenda');
  return {
    items: present(rows, ballots),
    roll: { all: q.all, present: q.present, quorumNeeded: q.needed, quorumReached: q.reached, majorityNeeded: majorityNeeded(q.all) },
    canRecord,
  };
}

/** The four counts from the ballots: every deputy present exactly once and nobody else (400 `body.ballots`). */
function countBallots(ballots: readonly { deputyId: string; choice: VoteChoice }[], presentIds: ReadonlySet<string>): VoteCounts {
  const seen = new Set<string>();
  const c: VoteCounts = { for: 0, against: 0, abstain: 0, notVoting: 0 };
  for (const [i, b] of ballots.entries()) {
    if (!presentIds.has(b.deputyId)) throw ValidationError.field(`body.ballots[${i}].deputyId`, '该代表不在出席代表之列');
    if (seen.has(b.deputyId)) throw ValidationError.field(`body.ballots[${i}].deputyId`, '同一代表只能表决一次');
    seen.add(b.deputyId);
    if (b.choice === 'for') c.for++;
    else if (b.choice === 'against') c.against++;
    else if (b.choice === 'abstain') c.abstain++;
    else c.notVoting++;
  }
  const missing = presentIds.size - seen.size;
  if (missing > 0) throw ValidationError.field('body.ballots', `还有 ${missing} 名出席代表没有填写表决意见（未表决的请选“未表决”）`);
  return c;
}

const ROUND_CHANGED = '表决轮次已变化，请刷新后重试';

function roundChanged(currentRound?: number): ConflictError {
  return new ConflictError(ROUND_CHANGED, {
    reason: 'ROUND_CHANGED',
    ...(currentRound ? { expectedRound: currentRound } : {}),
    issues: [{ field: 'body.round', message: ROUND_CHANGED }],
  });
}

export async function recordVote(ctx: Ctx, sessionId: string, itemId: string, input: z.infer<typeof VoteInput>, now = new Date()) {
  const townId = townOf(ctx);
  const at = now.toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const s = await lockSession(trx, townId, sessionId);
      const item = await loadItem(trx, townId, s, itemId);
      if (item.kind === 'election') throw new InvalidTransitionError('选举事项请在“选举”中计票');
      const { all, present: presentCount } = await requireQuorum(trx, townId, s);
      const previous = await votesOfItem(trx, townId, item.id);
      const last = previous.at(-1);
      if (last && last.result !== 'tie') throw new InvalidTransitionError(`该事项第 ${last.round} 轮表决已${RESULT_LABEL[last.result]}，不能再表决`);
      if (input.round !== (last?.round ?? 0) + 1) throw roundChanged((last?.round ?? 0) + 1);
      const motion = await motionOfItem(trx, townId, item.id);
      if (motion && motion.status !== 'on_agenda') throw new InvalidTransitionError('该议案已撤回或已有表决结果，不能表决');

      let counts: VoteCounts;
      let ballots: { deputyId: string; choice: VoteChoice }[] = [];
      if (input.method === 'count') {
        counts = { for: input.for, against: input.against, abstain: input.abstain, notVoting: input.notVoting };
      } else {
        const people = await presentDeputies(trx, townId, s.id);
        counts = countBallots(input.ballots, new Set(people.map((p) => p.deputyId)));
        ballots = input.ballots;
      }
      const check = checkVoteCounts(counts, presentCount);
      if (!check.ok) throw ValidationError.field(`body.${check.field}`, check.message);
      const result = voteResult(counts, all);
      const row: VoteRow = {
        id: newId(),
        townId,
        sessionId: s.id,
        itemId: item.id,
        round: (last?.round ?? 0) + 1,
        method: input.method,
        forCount: counts.for,
        againstCount: counts.against,
        abstainCount: counts.abstain,
        notVotingCount: counts.notVoting,
        allDeputies: all,
        presentCount,
        result,
        announcement: voteAnnouncement({ title: item.title, method: input.method, allDeputies: all, presentCount, ...counts, result }),
        recordedBy: ctx.principal.userId,
        recordedAt: at,
      };
      await trx.insertInto('sessionVote').values(row).execute();
      if (ballots.length)
        await trx
          .insertInto('sessionVoteBallot')
          .values(ballots.map((b) => ({ voteId: row.id, deputyId: b.deputyId, townId, choice: b.choice })))
          .execute();
      const itemStatus = result === 'tie' ? 'pending' : result;
      if (itemStatus !== item.status) await setItemStatus(trx, townId, item.id, itemStatus, at);
      if (motion && result !== 'tie') {
        const to = motionTransition(motion.status, 'record_result', result);
        if (!to) throw new InvalidTransitionError('该议案不能记录表决结果');
        await updateMotionRow(trx, townId, motion.id, motion.version, { status: to, updatedAt: at });
      }
      await recordAudit(trx, ctx, {
        entity: 'session_vote',
        entityId: row.id,
        action: 'create',
        summary: `${s.shortName}会议表决第 ${item.seq} 项 ${item.title}（第 ${row.round} 轮）：${RESULT_LABEL[result]}`,
        after: {
          round: row.round,
          for: counts.for,
          against: counts.against,
          abstain: counts.abstain,
          notVoting: counts.notVoting,
          allDeputies: all,
          presentCount,
          result: RESULT_LABEL[result],
        },
      });
    });
  } catch (err) {
    // Two clerks recording the same round at once: the second hits the (item, round) key. Never retried
    // as the next round — after a tie that would silently record a round nobody meant.
    if (isUniqueViolation(err)) throw roundChanged();
    throw err;
  }
  return listVotes(ctx, sessionId, itemId);
}

/** Delete the latest round while the session is open: the item (and its motion) go back to before it. */
export async function deleteVote(ctx: Ctx, sessionId: string, itemId: string, voteId: string, now = new Date()) {
  const townId = townOf(ctx);
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const s = await lockSession(trx, townId, sessionId);
    assertNotClosed(s);
    if (s.status !== 'open') throw new InvalidTransitionError('会议未开幕，不能更正表决');
    const item = await loadItem(trx, townId, s, itemId);
    const votes = await votesOfItem(trx, townId, item.id);
    const vote = votes.find((v) => v.id === voteId);
    if (!vote) throw new NotFoundError('表决');
    if (vote !== votes.at(-1)) throw new ConflictError('只能删除最近一轮表决');
    await trx.deleteFrom('sessionVote').where('townId', '=', townId).where('id', '=', vote.id).execute();
    // A previous round can only have been a tie: the item is pending again either way.
    if (item.status !== 'pending') await setItemStatus(trx, townId, item.id, 'pending', at);
    const motion = await motionOfItem(trx, townId, item.id);
    if (motion && (motion.status === 'passed' || motion.status === 'failed')) {
      await updateMotionRow(trx, townId, motion.id, motion.version, { status: 'on_agenda', updatedAt: at });
    }
    await recordAudit(trx, ctx, {
      entity: 'session_vote',
      entityId: vote.id,
      action: 'delete',
      summary: `${s.shortName}会议删除第 ${item.seq} 项 ${item.title} 第 ${vote.round} 轮表决（更正）`,
      before: {
        round: vote.round,
        for: vote.forCount,
        against: vote.againstCount,
        abstain: vote.abstainCount,
        notVoting: vote.notVotingCount,
        result: RESULT_LABEL[vote.result],
      },
    });
  });
  return listVotes(ctx, sessionId, itemId);
}
