import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { PollKind } from '../../db/tables/polls.ts';
import { retryOnUniqueViolation } from '../../db/unique.ts';
import { ConflictError, NotFoundError, TooManyRequestsError, ValidationError, registerFieldLabels } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { townByCode } from '../portal/portal.repo.ts';
import { clientHash, minutesText } from '../portal/portal.rules.ts';
import { type PollRow, codeTally, findPoll, parseQuestionnaire, parseSubjects } from './polls.repo.ts';
import { type PaperCount, type Questionnaire, ballotProblem, castWait, newPollCode, normalizePollCode, paperProblem, questionsOf } from './polls.rules.ts';
import type { BallotInput } from './polls.schemas.ts';

registerFieldLabels({ count: '数量', answers: '评议意见', ballots: '纸质票数', counts: '票数' });

/** The one answer to a code that cannot vote, whether it was used or never existed: codes cannot be probed. */
export const CODE_REFUSED = '该投票码已使用或无效';

/** SHA-256 of the code, salted with the poll: the database never holds a code. */
export function hashPollCode(pollId: string, code: string): string {
  return createHash('sha256').update(`${pollId}:${code}`).digest('hex');
}

/**
 * A poll and all its counters at zero, in the caller's transaction. Creating every counter now means a cast
 * ballot only ever updates rows, never inserts one whose position could be read.
 */
export async function createPoll(
  trx: Kysely<DB>,
  townId: string,
  p: { kind: PollKind; title: string; subjects: { id: string; name: string }[]; questionnaire: Questionnaire },
): Promise<string> {
  const id = newId();
  const at = nowIso();
  await trx
    .insertInto('poll')
    .values({
      id,
      townId,
      kind: p.kind,
      title: p.title,
      subjects: JSON.stringify(p.subjects),
      questionnaire: JSON.stringify(p.questionnaire),
      status: 'open',
      paperBallots: 0,
      opensAt: at,
      closesAt: null,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  const rows = p.subjects.flatMap((s) =>
    questionsOf(p.questionnaire).flatMap((q) =>
      p.questionnaire.scale.map((a) => ({ pollId: id, townId, subjectId: s.id, question: q.key, answer: a.key, count: 0 })),
    ),
  );
  for (let i = 0; i < rows.length; i += 200)
    await trx
      .insertInto('pollCount')
      .values(rows.slice(i, i + 200))
      .execute();
  return id;
}

export async function closePoll(trx: Kysely<DB>, townId: string, pollId: string): Promise<void> {
  const at = nowIso();
  await trx.updateTable('poll').set({ status: 'closed', closesAt: at, updatedAt: at }).where('townId', '=', townId).where('id', '=', pollId).execute();
}

/** Paper ballots entered by staff as counts (the caller audits the batch in its transaction). */
export async function addPaperCounts(trx: Kysely<DB>, townId: string, poll: PollRow, ballots: number, rows: readonly PaperCount[]): Promise<void> {
  if (poll.status !== 'open') throw new ConflictError('投票未开放，不能录入纸质票');
  const problem = paperProblem(
    parseQuestionnaire(poll),
    parseSubjects(poll).map((s) => s.key),
    ballots,
    rows,
  );
  if (problem) throw ValidationError.field('body.counts', problem);
  for (const r of rows) {
    if (r.count === 0) continue;
    await trx
      .updateTable('pollCount')
      .set((eb) => ({ count: eb('count', '+', r.count) }))
      .where('pollId', '=', poll.id)
      .where('townId', '=', townId)
      .where('subjectId', '=', r.subjectId)
      .where('question', '=', r.question)
      .where('answer', '=', r.answer)
      .execute();
  }
  await trx
    .updateTable('poll')
    .set((eb) => ({ paperBallots: eb('paperBallots', '+', ballots), updatedAt: nowIso() }))
    .where('id', '=', poll.id)
    .where('townId', '=', townId)
    .execute();
}

async function mustPoll(db: Kysely<DB>, townId: string, id: string): Promise<PollRow> {
  const p = await findPoll(db, townId, id);
  if (!p) throw new NotFoundError('投票');
  return p;
}

export async function pollStatus(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  const p = await mustPoll(ctx.db, townId, id);
  return presentStatus(ctx.db, p);
}

export async function presentStatus(db: Kysely<DB>, p: PollRow) {
  const tally = await codeTally(db, p.townId, p.id);
  const town = await db.selectFrom('town').select('code').where('id', '=', p.townId).executeTakeFirstOrThrow();
  return {
    id: p.id,
    kind: p.kind,
    title: p.title,
    status: p.status,
    codesIssued: tally.issued,
    codesUsed: tally.used,
    paperBallots: p.paperBallots,
    ballots: tally.used + p.paperBallots,
    townCode: town.code,
  };
}

/**
 * A batch of one-time codes. They are in this response only: the database keeps their hashes, so a lost
 * sheet cannot be printed again (generate more instead).
 */
export async function generateCodes(ctx: Ctx, id: string, count: number) {
  const townId = townOf(ctx);
  const p = await mustPoll(ctx.db, townId, id);
  if (p.status === 'closed') throw new ConflictError('投票已结束，不能再生成投票码');
  const codes = await retryOnUniqueViolation(() =>
    ctx.db.transaction().execute(async (trx) => {
      const made = new Set<string>();
      while (made.size < count) made.add(newPollCode(randomInt));
      const list = [...made];
      const rows = list.map((c) => ({ id: randomBytes(16).toString('hex'), townId, pollId: id, codeHash: hashPollCode(id, c), used: 0, issuedTo: null }));
      for (let i = 0; i < rows.length; i += 200)
        await trx
          .insertInto('pollCode')
          .values(rows.slice(i, i + 200))
          .execute();
      await recordAudit(trx, ctx, {
        entity: 'poll',
        entityId: id,
        action: 'generate_codes',
        summary: `为「${p.title}」生成投票码 ${count} 个`,
        after: { count },
      });
      return list;
    }),
  );
  const tally = await codeTally(ctx.db, townId, id);
  const town = await ctx.db.selectFrom('town').select('code').where('id', '=', townId).executeTakeFirstOrThrow();
  return { pollId: id, title: p.title, townCode: town.code, codes, issued: tally.issued };
}

// ---- Public: the casting page ----

async function publicPollRow(db: Kysely<DB>, townCode: string, pollId: string) {
  const town = await townByCode(db, townCode);
  if (!town) throw new NotFoundError('投票');
  const p = await findPoll(db, town.id, pollId);
  if (!p || p.status === 'draft') throw new NotFoundError('投票');
  return { town, p };
}

export async function publicPoll(db: Kysely<DB>, townCode: string, pollId: string) {
  const { town, p } = await publicPollRow(db, townCode, pollId);
  const q = parseQuestionnaire(p);
  return {
    id: p.id,
    town: { code: town.code, name: town.name },
    kind: p.kind,
    title: p.title,
    status: p.status,
    questions: questionsOf(q),
    scale: q.scale,
    subjects: parseSubjects(p).map((s) => ({ id: s.key, name: s.label })),
  };
}

/** The deputy a code was handed to (issued_to), used or not, so a spent code is refused as spent; null for an anonymous slip or no code. */
async function codeHolder(db: Kysely<DB>, p: PollRow, code: string): Promise<string | null> {
  const row = await db
    .selectFrom('pollCode')
    .select('issuedTo')
    .where('townId', '=', p.townId)
    .where('pollId', '=', p.id)
    .where('codeHash', '=', hashPollCode(p.id, code))
    .executeTakeFirst();
  return row?.issuedTo ?? null;
}

/**
 * The subjects a code may rate, for the ballot page of a poll whose codes are handed to known deputies:
 * everyone but the holder. A code that cannot vote gets the same refusal as at casting, and counts as a
 * failed attempt, so this cannot be used to probe codes faster than casting can.
 */
export async function subjectsForCode(cc: CastCtx, townCode: string, pollId: string, rawCode: string) {
  const client = clientHash(cc.secret, cc.ip);
  const wait = cc.limiter.wait(client, Date.now());
  if (wait) throw new TooManyRequestsError(`尝试次数过多，请 ${minutesText(wait)}后再试`, wait);
  const { p } = await publicPollRow(cc.db, townCode, pollId);
  if (p.status !== 'open') throw new ConflictError('投票已结束');
  const code = normalizePollCode(rawCode);
  const exists =
    code !== null &&
    (await cc.db
      .selectFrom('pollCode')
      .select(['issuedTo'])
      .where('townId', '=', p.townId)
      .where('pollId', '=', p.id)
      .where('codeHash', '=', hashPollCode(p.id, code))
      .where('used', '=', 0)
      .executeTakeFirst());
  if (!exists) {
    cc.limiter.fail(client, Date.now());
    throw new ConflictError(CODE_REFUSED);
  }
  return {
    subjects: parseSubjects(p)
      .filter((s) => s.key !== exists.issuedTo)
      .map((s) => ({ id: s.key, name: s.label })),
  };
}

/**
 * One code per named deputy (peer review), in the caller's transaction: the code's row says whom it was
 * handed to (so their ballot leaves them out), never what they voted. Codes are returned once.
 */
export async function issueCodes(trx: Kysely<DB>, townId: string, pollId: string, holders: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const made = new Set<string>();
  for (const h of holders) {
    let c = newPollCode(randomInt);
    while (made.has(c)) c = newPollCode(randomInt);
    made.add(c);
    out.set(h, c);
  }
  const rows = [...out].map(([h, c]) => ({ id: randomBytes(16).toString('hex'), townId, pollId, codeHash: hashPollCode(pollId, c), used: 0, issuedTo: h }));
  for (let i = 0; i < rows.length; i += 200)
    await trx
      .insertInto('pollCode')
      .values(rows.slice(i, i + 200))
      .execute();
  return out;
}

/** Failed casts per client, in memory (see castWait): one per app instance. */
export function makeCastLimiter() {
  const failures = new Map<string, number[]>();
  return {
    wait(client: string, now: number): number {
      return castWait(failures.get(client) ?? [], now);
    },
    fail(client: string, now: number): void {
      const kept = (failures.get(client) ?? []).filter((t) => t > now - 60 * 60_000);
      kept.push(now);
      failures.set(client, kept);
      if (failures.size > 10_000) for (const k of [...failures.keys()].slice(0, 5_000)) failures.delete(k);
    },
  };
}
export type CastLimiter = ReturnType<typeof makeCastLimiter>;

export type CastCtx = { db: Kysely<DB>; secret: string; ip: string; limiter: CastLimiter };

/**
 * Cast one ballot: in one transaction, mark the code used only if it was unused, then add 1 to each answered
 * counter. Nothing else is written — no ballot row, no time, no address — so nothing links the ballot to
 * its code or voter.
 */
export async function castBallot(cc: CastCtx, townCode: string, pollId: string, input: z.infer<typeof BallotInput>) {
  const client = clientHash(cc.secret, cc.ip);
  const wait = cc.limiter.wait(client, Date.now());
  if (wait) throw new TooManyRequestsError(`尝试次数过多，请 ${minutesText(wait)}后再试`, wait);
  const { p } = await publicPollRow(cc.db, townCode, pollId);
  if (p.status !== 'open') throw new ConflictError('投票已结束');
  const code = normalizePollCode(input.code);
  // A code handed to a known deputy (peer review) does not rate its holder: the holder is left out of the
  // subjects, and an answer about them is refused before the code is spent.
  const holder = code === null ? null : await codeHolder(cc.db, p, code);
  if (holder && input.answers.some((a) => a.subjectId === holder)) {
    cc.limiter.fail(client, Date.now());
    throw ValidationError.field('body.answers', '不能评议本人');
  }
  const problem = ballotProblem(
    parseQuestionnaire(p),
    parseSubjects(p)
      .map((s) => s.key)
      .filter((k) => k !== holder),
    input.answers,
  );
  if (problem) throw ValidationError.field('body.answers', problem);
  const ok =
    code !== null &&
    (await cc.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('pollCode')
        .set({ used: 1 })
        .where('pollId', '=', p.id)
        .where('codeHash', '=', hashPollCode(p.id, code))
        .where('used', '=', 0)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return false;
      // The poll may have closed since it was read: the lock on the code row and this check happen together.
      const still = await trx.selectFrom('poll').select('status').where('id', '=', p.id).executeTakeFirstOrThrow();
      if (still.status !== 'open') throw new ConflictError('投票已结束');
      for (const a of input.answers) {
        await trx
          .updateTable('pollCount')
          .set((eb) => ({ count: eb('count', '+', 1) }))
          .where('pollId', '=', p.id)
          .where('subjectId', '=', a.subjectId)
          .where('question', '=', a.question)
          .where('answer', '=', a.answer)
          .execute();
      }
      return true;
    }));
  if (!ok) {
    cc.limiter.fail(client, Date.now());
    throw new ConflictError(CODE_REFUSED);
  }
  return { ok: true as const };
}
