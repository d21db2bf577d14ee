import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { AppraisalTable } from '../../db/tables/polls.ts';
import { containsCi } from '../../db/sql-helpers.ts';
import { lockTownCodes } from '../../db/unique.ts';
import { ConflictError, InvalidTransitionError, NotFoundError, ValidationError, registerFieldLabels } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso, todayInChina } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findPoll, parseQuestionnaire, pollCounts } from '../polls/polls.repo.ts';
import {
  DEFAULT_DIMENSIONS,
  OVERALL,
  RATING_SCALE,
  approvalShare,
  countsOf,
  overallRating,
  questionsOf,
  rankByApproval,
  validVotes,
} from '../polls/polls.rules.ts';
import type { RatingCounts } from '../polls/polls.rules.ts';
import { addPaperCounts, closePoll, createPoll, presentStatus } from '../polls/polls.service.ts';
import type { AppraisalInput, AppraisalQuery, AppraisalUpdate, IssueInput, IssueUpdate, PaperInput } from './appraisals.schemas.ts';
import { DIMENSION_KEYS } from './appraisals.schemas.ts';

registerFieldLabels({
  unitIds: '被评议单位',
  hearingDate: '述职会日期',
  hearingNotes: '述职与询问情况',
  dimensions: '评议项目',
  previousId: '上一次评议',
  doneOn: '完成日期',
});

type Row = Omit<AppraisalTable, 'hearingNotes' | 'dimensions' | 'status' | 'version'> & {
  hearingNotes: string;
  dimensions: string;
  status: 'draft' | 'voting' | 'closed';
  version: number;
};
type DimKey = (typeof DIMENSION_KEYS)[number];

const STALE = '该记录已被他人修改，请刷新后再编辑';

async function findAppraisal(db: Kysely<DB>, townId: string, id: string): Promise<Row | undefined> {
  return db.selectFrom('appraisal').selectAll().where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}
async function mustAppraisal(db: Kysely<DB>, townId: string, id: string): Promise<Row> {
  const r = await findAppraisal(db, townId, id);
  if (!r) throw new NotFoundError('评议');
  return r;
}

async function unitsOf(db: Kysely<DB>, townId: string, appraisalId: string) {
  return db
    .selectFrom('appraisalUnit as au')
    .innerJoin('handlingUnit as u', 'u.id', 'au.unitId')
    .select(['u.id', 'u.name', 'u.code'])
    .where('au.townId', '=', townId)
    .where('au.appraisalId', '=', appraisalId)
    .orderBy('u.code')
    .execute();
}

/** The ids must be this town's units: another town's id is a bad field, never a link. */
async function checkUnits(db: Kysely<DB>, townId: string, ids: readonly string[]) {
  const uniq = [...new Set(ids)];
  const found = await db.selectFrom('handlingUnit').select(['id', 'name']).where('townId', '=', townId).where('id', 'in', uniq).execute();
  if (found.length !== uniq.length) throw ValidationError.field('body.unitIds', '包含不存在的单位');
  return uniq;
}

async function checkPrevious(db: Kysely<DB>, townId: string, previousId: string | null | undefined, selfId?: string) {
  if (!previousId) return null;
  if (previousId === selfId) throw ValidationError.field('body.previousId', '不能指向本次评议');
  const p = await findAppraisal(db, townId, previousId);
  if (!p) throw ValidationError.field('body.previousId', '上一次评议不存在');
  return p.id;
}

const dimsOf = (r: Row) => JSON.parse(r.dimensions) as DimKey[];

async function present(db: Kysely<DB>, r: Row) {
  const townId = r.townId;
  const [units, issues, prev, follow, poll] = await Promise.all([
    unitsOf(db, townId, r.id),
    db
      .selectFrom('appraisalIssue as i')
      .innerJoin('handlingUnit as u', 'u.id', 'i.unitId')
      .select(['i.id', 'i.unitId', 'u.name as unitName', 'i.description', 'i.deadline', 'i.status', 'i.doneOn', 'i.notes', 'i.version'])
      .where('i.townId', '=', townId)
      .where('i.appraisalId', '=', r.id)
      .orderBy('i.createdAt')
      .execute(),
    r.previousId
      ? db.selectFrom('appraisal').select(['id', 'code', 'title']).where('townId', '=', townId).where('id', '=', r.previousId).executeTakeFirst()
      : undefined,
    db.selectFrom('appraisal').select(['id', 'code', 'title']).where('townId', '=', townId).where('previousId', '=', r.id).orderBy('code').execute(),
    r.pollId ? findPoll(db, townId, r.pollId) : undefined,
  ]);
  const today = todayInChina();
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    year: r.year,
    hearingDate: r.hearingDate,
    status: r.status,
    unitCount: units.length,
    previousId: r.previousId,
    version: r.version,
    hearingNotes: r.hearingNotes,
    dimensions: dimsOf(r),
    units: units.map((u) => ({ id: u.id, name: u.name })),
    poll: poll ? await presentStatus(db, poll) : null,
    previous: prev ?? null,
    followUps: follow,
    issues: issues.map((i) => ({ ...i, status: i.status as 'open' | 'done', overdue: i.status === 'open' && !!i.deadline && today > i.deadline })),
  };
}

export async function listAppraisals(ctx: Ctx, q: z.infer<typeof AppraisalQuery>) {
  const townId = townOf(ctx);
  let base = ctx.db.selectFrom('appraisal as a').where('a.townId', '=', townId);
  if (q.year) base = base.where('a.year', '=', q.year);
  if (q.status) base = base.where('a.status', '=', q.status);
  if (q.q) base = base.where((eb) => eb.or([containsCi('a.title', q.q as string), containsCi('a.code', q.q as string)]));
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select(['a.id', 'a.code', 'a.title', 'a.year', 'a.hearingDate', 'a.status', 'a.previousId', 'a.version'])
    .select((eb) =>
      eb
        .selectFrom('appraisalUnit as au')
        .select((e2) => e2.fn.countAll<number>().as('c'))
        .whereRef('au.appraisalId', '=', 'a.id')
        .as('unitCount'),
    )
    .orderBy('a.year', 'desc')
    .orderBy('a.code', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({ ...r, status: r.status as Row['status'], unitCount: Number(r.unitCount ?? 0) })),
    total: Number(total.n),
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getAppraisal(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  return present(ctx.db, await mustAppraisal(ctx.db, townId, id));
}

async function nextCode(trx: Kysely<DB>, townId: string): Promise<string> {
  const rows = await trx.selectFrom('appraisal').select('code').where('townId', '=', townId).execute();
  const max = rows.reduce((m, r) => Math.max(m, /^A\d+$/.test(r.code) ? Number(r.code.slice(1)) : 0), 0);
  return `A${String(max + 1).padStart(4, '0')}`;
}

export async function createAppraisal(ctx: Ctx, input: z.infer<typeof AppraisalInput>) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await lockTownCodes(trx, townId);
    const unitIds = await checkUnits(trx, townId, input.unitIds);
    const previousId = await checkPrevious(trx, townId, input.previousId);
    const at = nowIso();
    const row = {
      id: newId(),
      townId,
      code: await nextCode(trx, townId),
      title: input.title,
      year: input.year,
      hearingDate: input.hearingDate ?? null,
      hearingNotes: input.hearingNotes ?? '',
      dimensions: JSON.stringify(input.dimensions ?? DIMENSION_KEYS),
      previousId,
      pollId: null,
      status: 'draft' as const,
      version: 1,
      createdBy: ctx.principal.userId,
      createdAt: at,
      updatedAt: at,
    };
    await trx.insertInto('appraisal').values(row).execute();
    await trx
      .insertInto('appraisalUnit')
      .values(unitIds.map((unitId) => ({ appraisalId: row.id, unitId, townId, reportFileId: null })))
      .execute();
    const out = await present(trx, row);
    await recordAudit(trx, ctx, { entity: 'appraisal', entityId: row.id, action: 'create', summary: `新建民主评议 ${row.code} ${row.title}`, after: out });
    return out;
  });
}

async function bumpVersion(trx: Kysely<DB>, townId: string, id: string, version: number, patch: Partial<Omit<Row, 'id' | 'townId' | 'version'>>) {
  const res = await trx
    .updateTable('appraisal')
    .set((eb) => ({ ...patch, updatedAt: nowIso(), version: eb('version', '+', 1) }))
    .where('townId', '=', townId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new ConflictError(STALE);
}

export async function updateAppraisal(ctx: Ctx, id: string, input: z.infer<typeof AppraisalUpdate>) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await mustAppraisal(trx, townId, id);
    if (before.version !== input.version) throw new ConflictError(STALE, { currentVersion: before.version });
    if (before.status !== 'draft' && (input.unitIds !== undefined || input.dimensions !== undefined)) {
      throw new InvalidTransitionError('投票已开始，不能再修改被评议单位或评议项目');
    }
    const shown = await present(trx, before);
    const patch: Partial<Row> = {};
    if (input.title !== undefined) patch.title = input.title;
    if (input.year !== undefined) patch.year = input.year;
    if (input.hearingDate !== undefined) patch.hearingDate = input.hearingDate ?? null;
    if (input.hearingNotes !== undefined) patch.hearingNotes = input.hearingNotes ?? '';
    if (input.dimensions !== undefined) patch.dimensions = JSON.stringify(input.dimensions);
    if (input.previousId !== undefined) patch.previousId = await checkPrevious(trx, townId, input.previousId, id);
    if (input.unitIds !== undefined) {
      const unitIds = await checkUnits(trx, townId, input.unitIds);
      await trx.deleteFrom('appraisalUnit').where('townId', '=', townId).where('appraisalId', '=', id).execute();
      await trx
        .insertInto('appraisalUnit')
        .values(unitIds.map((unitId) => ({ appraisalId: id, unitId, townId, reportFileId: null })))
        .execute();
    }
    await bumpVersion(trx, townId, id, input.version, patch);
    const after = await present(trx, await mustAppraisal(trx, townId, id));
    await recordAudit(trx, ctx, {
      entity: 'appraisal',
      entityId: id,
      action: 'update',
      summary: `修改民主评议 ${after.code} ${after.title}`,
      before: shown,
      after,
    });
    return after;
  });
}

/** Open voting: the poll is made from the offices and the chosen dimensions, its counters at zero. */
export async function openVoting(ctx: Ctx, id: string, version: number) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const a = await mustAppraisal(trx, townId, id);
    if (a.version !== version) throw new ConflictError(STALE, { currentVersion: a.version });
    if (a.status !== 'draft') throw new InvalidTransitionError('只有草稿状态的评议可以开始投票');
    const units = await unitsOf(trx, townId, id);
    const dims = dimsOf(a);
    const pollId = await createPoll(trx, townId, {
      kind: 'appraisal',
      title: a.title,
      subjects: units.map((u) => ({ id: u.id, name: u.name })),
      questionnaire: { dimensions: DEFAULT_DIMENSIONS.filter((d) => dims.includes(d.key as DimKey)), scale: [...RATING_SCALE] },
    });
    await bumpVersion(trx, townId, id, version, { status: 'voting', pollId });
    const after = await present(trx, await mustAppraisal(trx, townId, id));
    await recordAudit(trx, ctx, {
      entity: 'appraisal',
      entityId: id,
      action: 'open_voting',
      summary: `民主评议 ${a.code} 开始投票`,
      after: { status: 'voting', pollId },
    });
    return after;
  });
}

export async function closeVoting(ctx: Ctx, id: string, version: number) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const a = await mustAppraisal(trx, townId, id);
    if (a.version !== version) throw new ConflictError(STALE, { currentVersion: a.version });
    if (a.status !== 'voting' || !a.pollId) throw new InvalidTransitionError('只有投票中的评议可以结束投票');
    await closePoll(trx, townId, a.pollId);
    await bumpVersion(trx, townId, id, version, { status: 'closed' });
    const after = await present(trx, await mustAppraisal(trx, townId, id));
    await recordAudit(trx, ctx, {
      entity: 'appraisal',
      entityId: id,
      action: 'close_voting',
      summary: `民主评议 ${a.code} 结束投票`,
      after: { status: 'closed' },
    });
    return after;
  });
}

/** A batch of paper ballots as counts per office and question; audited as the batch it is. */
export async function enterPaper(ctx: Ctx, id: string, input: z.infer<typeof PaperInput>) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const a = await mustAppraisal(trx, townId, id);
    if (a.status !== 'voting' || !a.pollId) throw new InvalidTransitionError('只有投票中的评议可以录入纸质票');
    const poll = await findPoll(trx, townId, a.pollId);
    if (!poll) throw new NotFoundError('投票');
    const rows = input.counts.flatMap((c) =>
      (['satisfied', 'basic', 'dissatisfied'] as const).map((answer) => ({ subjectId: c.unitId, question: c.question, answer, count: c[answer] })),
    );
    await addPaperCounts(trx, townId, poll, input.ballots, rows);
    await recordAudit(trx, ctx, {
      entity: 'appraisal',
      entityId: id,
      action: 'paper_ballots',
      summary: `民主评议 ${a.code} 录入纸质票 ${input.ballots} 张`,
      after: input,
    });
    return present(trx, await mustAppraisal(trx, townId, id));
  });
}

function line(c: RatingCounts) {
  return { counts: c, valid: validVotes(c), rating: overallRating(c), approvalShare: approvalShare(c) };
}

/** Results per office: overall and per dimension by the published rule, and the ranking by approval share. */
export async function appraisalResults(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  const a = await mustAppraisal(ctx.db, townId, id);
  const units = await unitsOf(ctx.db, townId, id);
  const poll = a.pollId ? await findPoll(ctx.db, townId, a.pollId) : undefined;
  const counts = poll ? await pollCounts(ctx.db, townId, poll.id) : [];
  const dims = poll ? parseQuestionnaire(poll).dimensions : DEFAULT_DIMENSIONS.filter((d) => dimsOf(a).includes(d.key as DimKey));
  const status = poll ? await presentStatus(ctx.db, poll) : null;
  const ranked = rankByApproval(
    units.map((u) => ({
      unitId: u.id,
      name: u.name,
      counts: countsOf(counts, u.id, OVERALL),
      dimensions: dims.map((d) => ({ key: d.key, label: d.label, ...line(countsOf(counts, u.id, d.key)) })),
    })),
  );
  return {
    appraisalId: a.id,
    status: a.status,
    ballots: status?.ballots ?? 0,
    codesUsed: status?.codesUsed ?? 0,
    paperBallots: status?.paperBallots ?? 0,
    questions: questionsOf({ dimensions: dims, scale: [...RATING_SCALE] }),
    units: ranked.map((r) => ({ unitId: r.unitId, name: r.name, rank: r.rank, overall: line(r.counts), dimensions: r.dimensions })),
  };
}

// ---- The issue list (问题清单) ----

export async function addIssue(ctx: Ctx, id: string, input: z.infer<typeof IssueInput>) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const a = await mustAppraisal(trx, townId, id);
    const inIt = await trx
      .selectFrom('appraisalUnit')
      .select('unitId')
      .where('townId', '=', townId)
      .where('appraisalId', '=', id)
      .where('unitId', '=', input.unitId)
      .executeTakeFirst();
    if (!inIt) throw ValidationError.field('body.unitId', '该单位不在本次评议中');
    const at = nowIso();
    const row = {
      id: newId(),
      townId,
      appraisalId: id,
      unitId: input.unitId,
      description: input.description,
      deadline: input.deadline ?? null,
      status: 'open' as const,
      doneOn: null,
      notes: input.notes ?? '',
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await trx.insertInto('appraisalIssue').values(row).execute();
    await recordAudit(trx, ctx, { entity: 'appraisal_issue', entityId: row.id, action: 'create', summary: `民主评议 ${a.code} 新增问题`, after: row });
    return present(trx, a);
  });
}

export async function updateIssue(ctx: Ctx, id: string, issueId: string, input: z.infer<typeof IssueUpdate>) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const a = await mustAppraisal(trx, townId, id);
    const before = await trx
      .selectFrom('appraisalIssue')
      .selectAll()
      .where('townId', '=', townId)
      .where('appraisalId', '=', id)
      .where('id', '=', issueId)
      .executeTakeFirst();
    if (!before) throw new NotFoundError('问题');
    if (before.version !== input.version) throw new ConflictError(STALE, { currentVersion: before.version });
    const status = input.status ?? before.status;
    const doneOn = input.doneOn !== undefined ? input.doneOn : before.doneOn;
    if (status === 'done' && !doneOn) throw ValidationError.field('body.doneOn', '整改完成须填写完成日期');
    const patch = {
      description: input.description ?? before.description,
      deadline: input.deadline !== undefined ? input.deadline : before.deadline,
      status,
      doneOn: status === 'done' ? doneOn : null,
      notes: input.notes !== undefined ? (input.notes ?? '') : before.notes,
    };
    const res = await trx
      .updateTable('appraisalIssue')
      .set((eb) => ({ ...patch, updatedAt: nowIso(), version: eb('version', '+', 1) }))
      .where('townId', '=', townId)
      .where('id', '=', issueId)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new ConflictError(STALE);
    await recordAudit(trx, ctx, {
      entity: 'appraisal_issue',
      entityId: issueId,
      action: 'update',
      summary: `民主评议 ${a.code} 修改问题`,
      before,
      after: patch,
    });
    return present(trx, a);
  });
}
