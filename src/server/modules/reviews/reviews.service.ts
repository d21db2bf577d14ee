import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { DeputyReviewTable } from '../../db/tables/evaluation.ts';
import { isUniqueViolation } from '../../db/unique.ts';
import { ConflictError, InvalidTransitionError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findPoll, parseSubjects, pollCounts } from '../polls/polls.repo.ts';
import { DEFAULT_SCALE_POINTS, OVERALL, RATING_SCALE, type ScalePoints, countsOf, reviewScore, scalePointsProblem, validVotes } from '../polls/polls.rules.ts';
import { addPaperCounts, closePoll, createPoll, issueCodes, presentStatus } from '../polls/polls.service.ts';
import { type ReviewKind, periodProblem, rankByScore } from './reviews.rules.ts';
import type { ReviewInput, ReviewPaperInput, ReviewQuery, ReviewUpdate } from './reviews.schemas.ts';

/*
 * 代表互评 (peer review: a station's deputies rate each other, monthly) and 选民比评 (voter review: voters rate the
 * station's deputies, quarterly). Both vote through a one-time-code poll whose subjects are the station's
 * deputies in office; peer-review codes are handed one to each deputy (issued_to), so their ballot leaves them
 * out. Town admins run them; staff read them.
 */

type Row = Omit<DeputyReviewTable, 'status' | 'version'> & { status: 'draft' | 'voting' | 'closed'; version: number };

const STALE = '该记录已被他人修改，请刷新后再编辑';
export const KIND_LABEL: Record<ReviewKind, string> = { peer_review: '代表互评', voter_review: '选民比评' };

async function findReview(db: Kysely<DB>, townId: string, id: string): Promise<Row | undefined> {
  return db.selectFrom('deputyReview').selectAll().where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}
async function mustReview(db: Kysely<DB>, townId: string, id: string): Promise<Row> {
  const r = await findReview(db, townId, id);
  if (!r) throw new NotFoundError('评议');
  return r;
}

const pointsOf = (r: Pick<Row, 'scalePoints'>) => JSON.parse(r.scalePoints) as ScalePoints;

async function stationDeputies(db: Kysely<DB>, townId: string, stationId: string) {
  return db
    .selectFrom('deputy')
    .select(['id', 'name'])
    .where('townId', '=', townId)
    .where('stationId', '=', stationId)
    .where('status', '=', 'serving')
    .orderBy('code')
    .execute();
}

async function present(db: Kysely<DB>, r: Row) {
  const [station, poll] = await Promise.all([
    db.selectFrom('station').select(['id', 'name']).where('townId', '=', r.townId).where('id', '=', r.stationId).executeTakeFirstOrThrow(),
    r.pollId ? findPoll(db, r.townId, r.pollId) : undefined,
  ]);
  const deputies = poll ? parseSubjects(poll).map((s) => ({ id: s.key, name: s.label })) : await stationDeputies(db, r.townId, r.stationId);
  return {
    id: r.id,
    kind: r.kind,
    station,
    period: r.period,
    status: r.status,
    version: r.version,
    scalePoints: pointsOf(r),
    poll: poll ? await presentStatus(db, poll) : null,
    deputies,
  };
}

export async function listReviews(ctx: Ctx, q: z.infer<typeof ReviewQuery>) {
  const townId = townOf(ctx);
  let base = ctx.db.selectFrom('deputyReview as r').innerJoin('station as s', 's.id', 'r.stationId').where('r.townId', '=', townId);
  if (q.kind) base = base.where('r.kind', '=', q.kind);
  if (q.stationId) base = base.where('r.stationId', '=', q.stationId);
  if (q.status) base = base.where('r.status', '=', q.status);
  if (q.period) base = base.where('r.period', 'like', `${q.period.replace(/[%_\\]/g, '')}%`);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select(['r.id', 'r.kind', 'r.period', 'r.status', 'r.version', 's.id as stationId', 's.name as stationName'])
    .orderBy('r.period', 'desc')
    .orderBy('s.code')
    .orderBy('r.kind')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      period: r.period,
      status: r.status,
      version: r.version,
      station: { id: r.stationId, name: r.stationName },
    })),
    total: Number(total.n),
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getReview(ctx: Ctx, id: string) {
  return present(ctx.db, await mustReview(ctx.db, townOf(ctx), id));
}

function checkPoints(p: ScalePoints) {
  const problem = scalePointsProblem(p);
  if (problem) throw ValidationError.field('body.scalePoints', problem);
}

const duplicate = (kind: ReviewKind, stationName: string, period: string) =>
  new ConflictError(`${stationName} ${period} 的${KIND_LABEL[kind]}已存在，不能重复新建`);

export async function createReview(ctx: Ctx, input: z.infer<typeof ReviewInput>) {
  const townId = townOf(ctx);
  const problem = periodProblem(input.kind, input.period);
  if (problem) throw ValidationError.field('body.period', problem);
  const points = input.scalePoints ?? DEFAULT_SCALE_POINTS;
  checkPoints(points);
  const station = await ctx.db.selectFrom('station').select(['id', 'name']).where('townId', '=', townId).where('id', '=', input.stationId).executeTakeFirst();
  if (!station) throw ValidationError.field('body.stationId', '联络站不存在或不属于本镇');
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const dup = await trx
        .selectFrom('deputyReview')
        .select('id')
        .where('townId', '=', townId)
        .where('kind', '=', input.kind)
        .where('stationId', '=', station.id)
        .where('period', '=', input.period)
        .executeTakeFirst();
      if (dup) throw duplicate(input.kind, station.name, input.period);
      const at = nowIso();
      const row: Row = {
        id: newId(),
        townId,
        kind: input.kind,
        stationId: station.id,
        period: input.period,
        pollId: null,
        scalePoints: JSON.stringify(points),
        status: 'draft',
        version: 1,
        createdBy: ctx.principal.userId,
        createdAt: at,
        updatedAt: at,
      };
      await trx.insertInto('deputyReview').values(row).execute();
      const out = await present(trx, row);
      await recordAudit(trx, ctx, {
        entity: 'deputy_review',
        entityId: row.id,
        action: 'create',
        summary: `新建${KIND_LABEL[row.kind]} ${station.name} ${row.period}`,
        after: out,
      });
      return out;
    });
  } catch (e) {
    // Two admins creating the same review at once: the unique key answers, as a 409 with the same words.
    if (isUniqueViolation(e)) throw duplicate(input.kind, station.name, input.period);
    throw e;
  }
}

async function bump(trx: Kysely<DB>, townId: string, id: string, version: number, patch: Partial<Row>) {
  const res = await trx
    .updateTable('deputyReview')
    .set((eb) => ({ ...patch, updatedAt: nowIso(), version: eb('version', '+', 1) }))
    .where('townId', '=', townId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new ConflictError(STALE);
}

/** The points per rating can change until the review closes: they only weigh counters, never change them. */
export async function updateReview(ctx: Ctx, id: string, input: z.infer<typeof ReviewUpdate>) {
  const townId = townOf(ctx);
  checkPoints(input.scalePoints);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await mustReview(trx, townId, id);
    if (before.version !== input.version) throw new ConflictError(STALE, { currentVersion: before.version });
    if (before.status === 'closed') throw new InvalidTransitionError('评议已结束，不能再修改分值');
    await bump(trx, townId, id, input.version, { scalePoints: JSON.stringify(input.scalePoints) });
    const after = await present(trx, await mustReview(trx, townId, id));
    await recordAudit(trx, ctx, {
      entity: 'deputy_review',
      entityId: id,
      action: 'update',
      summary: `修改${KIND_LABEL[before.kind]}分值`,
      before: { scalePoints: pointsOf(before) },
      after: { scalePoints: input.scalePoints },
    });
    return after;
  });
}

/**
 * Open voting: a poll whose subjects are the station's deputies in office. For peer review every one of them
 * gets a code with issued_to, returned here once (the database keeps only hashes).
 */
export async function openReview(ctx: Ctx, id: string, version: number) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const r = await mustReview(trx, townId, id);
    if (r.version !== version) throw new ConflictError(STALE, { currentVersion: r.version });
    if (r.status !== 'draft') throw new InvalidTransitionError('只有草稿状态的评议可以开始投票');
    const deputies = await stationDeputies(trx, townId, r.stationId);
    if (deputies.length === 0) throw new InvalidTransitionError('该联络站没有在任代表，不能开始投票');
    if (r.kind === 'peer_review' && deputies.length < 2) throw new InvalidTransitionError('代表互评至少需要两名在任代表');
    const station = await trx.selectFrom('station').select('name').where('id', '=', r.stationId).executeTakeFirstOrThrow();
    const pollId = await createPoll(trx, townId, {
      kind: r.kind,
      title: `${station.name} ${r.period} ${KIND_LABEL[r.kind]}`,
      subjects: deputies,
      questionnaire: { dimensions: [], scale: [...RATING_SCALE] },
    });
    const issued =
      r.kind === 'peer_review'
        ? await issueCodes(
            trx,
            townId,
            pollId,
            deputies.map((d) => d.id),
          )
        : new Map<string, string>();
    await bump(trx, townId, id, version, { status: 'voting', pollId });
    await recordAudit(trx, ctx, {
      entity: 'deputy_review',
      entityId: id,
      action: 'open_voting',
      summary: `${KIND_LABEL[r.kind]} ${station.name} ${r.period} 开始投票${issued.size ? `，向 ${issued.size} 名代表发放投票码` : ''}`,
      after: { status: 'voting', pollId, codesIssuedTo: [...issued.keys()] },
    });
    const out = await present(trx, await mustReview(trx, townId, id));
    return { ...out, codes: deputies.filter((d) => issued.has(d.id)).map((d) => ({ deputyId: d.id, name: d.name, code: issued.get(d.id) as string })) };
  });
}

/**
 * A lost peer-review code: the deputies whose code is still unused get a new one and the old is removed.
 * A used code stays (its holder has voted), so nobody votes twice.
 */
export async function reissuePeerCodes(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const r = await mustReview(trx, townId, id);
    if (r.kind !== 'peer_review') throw new InvalidTransitionError('只有代表互评按代表发放投票码');
    if (r.status !== 'voting' || !r.pollId) throw new InvalidTransitionError('只有投票中的评议可以补发投票码');
    const unused = await trx
      .selectFrom('pollCode')
      .select('issuedTo')
      .where('townId', '=', townId)
      .where('pollId', '=', r.pollId)
      .where('used', '=', 0)
      .where('issuedTo', 'is not', null)
      .execute();
    const holders = unused.map((u) => u.issuedTo as string);
    await trx
      .deleteFrom('pollCode')
      .where('townId', '=', townId)
      .where('pollId', '=', r.pollId)
      .where('used', '=', 0)
      .where('issuedTo', 'is not', null)
      .execute();
    const issued = await issueCodes(trx, townId, r.pollId, holders);
    await recordAudit(trx, ctx, {
      entity: 'deputy_review',
      entityId: id,
      action: 'reissue_codes',
      summary: `代表互评补发投票码 ${issued.size} 个（原未使用的码作废）`,
      after: { codesIssuedTo: holders },
    });
    const out = await present(trx, r);
    return { ...out, codes: out.deputies.filter((d) => issued.has(d.id)).map((d) => ({ deputyId: d.id, name: d.name, code: issued.get(d.id) as string })) };
  });
}

export async function closeReview(ctx: Ctx, id: string, version: number) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const r = await mustReview(trx, townId, id);
    if (r.version !== version) throw new ConflictError(STALE, { currentVersion: r.version });
    if (r.status !== 'voting' || !r.pollId) throw new InvalidTransitionError('只有投票中的评议可以结束投票');
    await closePoll(trx, townId, r.pollId);
    await bump(trx, townId, id, version, { status: 'closed' });
    await recordAudit(trx, ctx, {
      entity: 'deputy_review',
      entityId: id,
      action: 'close_voting',
      summary: `${KIND_LABEL[r.kind]} ${r.period} 结束投票`,
      after: { status: 'closed' },
    });
    return present(trx, await mustReview(trx, townId, id));
  });
}

/**
 * Paper ballots, voter review only: a paper peer ballot leaves out a different deputy on each sheet, so its
 * counts could not be checked against the number of sheets (paperProblem) — peer review votes by code.
 */
export async function enterReviewPaper(ctx: Ctx, id: string, input: z.infer<typeof ReviewPaperInput>) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const r = await mustReview(trx, townId, id);
    if (r.kind !== 'voter_review') throw new InvalidTransitionError('代表互评凭投票码投票，不录入纸质票');
    if (r.status !== 'voting' || !r.pollId) throw new InvalidTransitionError('只有投票中的评议可以录入纸质票');
    const poll = await findPoll(trx, townId, r.pollId);
    if (!poll) throw new NotFoundError('投票');
    const rows = input.counts.flatMap((c) =>
      (['satisfied', 'basic', 'dissatisfied'] as const).map((answer) => ({ subjectId: c.deputyId, question: OVERALL, answer, count: c[answer] })),
    );
    await addPaperCounts(trx, townId, poll, input.ballots, rows);
    await recordAudit(trx, ctx, {
      entity: 'deputy_review',
      entityId: id,
      action: 'paper_ballots',
      summary: `选民比评 ${r.period} 录入纸质票 ${input.ballots} 张`,
      after: input,
    });
    return present(trx, await mustReview(trx, townId, id));
  });
}

/** Per deputy: counts, the score on the review's points, and the rank. */
export async function reviewResults(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  const r = await mustReview(ctx.db, townId, id);
  const poll = r.pollId ? await findPoll(ctx.db, townId, r.pollId) : undefined;
  const [counts, status] = poll ? await Promise.all([pollCounts(ctx.db, townId, poll.id), presentStatus(ctx.db, poll)]) : [[], null];
  const subjects = poll ? parseSubjects(poll).map((s) => ({ id: s.key, name: s.label })) : [];
  const points = pointsOf(r);
  const rows = rankByScore(
    subjects.map((s) => {
      const c = countsOf(counts, s.id, OVERALL);
      return { deputyId: s.id, name: s.name, counts: c, valid: validVotes(c), score: reviewScore(c, points) };
    }),
  );
  return { reviewId: r.id, status: r.status, ballots: status?.ballots ?? 0, rows };
}
