import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { DutyReportTable } from '../../db/tables/evaluation.ts';
import { containsCi } from '../../db/sql-helpers.ts';
import { lockTownCodes, retryOnUniqueViolation } from '../../db/unique.ts';
import { ConflictError, InvalidTransitionError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { codeCounter } from '../../lib/auto-code.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { requireFiles } from '../files/files.service.ts';
import { DOCUMENT_KINDS } from '../files/files.rules.ts';
import { findPoll, pollCounts } from '../polls/polls.repo.ts';
import { type Band, DEFAULT_DUTY_REPORT_BANDS, OVERALL, RATING_SCALE, approvalShare, bandOf, bandsProblem, countsOf } from '../polls/polls.rules.ts';
import { addPaperCounts, closePoll, createPoll, presentStatus } from '../polls/polls.service.ts';
import type { DutyPaperInput, DutyReportInput, DutyReportQuery, DutyReportUpdate } from './duty-reports.schemas.ts';

/*
 * 述职: a deputy reports to voter representatives, who rate them 满意 / 基本满意 / 不满意 with one-time codes
 * or on paper; on close the approval share decides the band (称职 / 基本称职 / 不称职 by default) stored
 * on the row. Town admins run it, staff read it, and a deputy reads their own (another's answers 404).
 */

type Row = Omit<DutyReportTable, 'place' | 'voterReps' | 'summary' | 'status' | 'notes' | 'version'> & {
  place: string;
  voterReps: number;
  summary: string;
  status: 'draft' | 'voting' | 'closed';
  notes: string;
  version: number;
};

const STALE = '该记录已被他人修改，请刷新后再编辑';
/** One county's rule: at least 50 voter representatives hear a duty report. A warning, not an error. */
export const MIN_VOTER_REPS = 50;

export function dutyReportWarnings(r: Pick<Row, 'voterReps'>): string[] {
  return r.voterReps < MIN_VOTER_REPS ? [`参加述职的选民代表为 ${r.voterReps} 人，少于 ${MIN_VOTER_REPS} 人（本县规定）`] : [];
}

async function findReport(db: Kysely<DB>, townId: string, id: string): Promise<Row | undefined> {
  return db.selectFrom('dutyReport').selectAll().where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

/** The report the caller may see: a deputy only their own, as if others did not exist. */
async function visibleReport(ctx: Ctx, db: Kysely<DB>, id: string): Promise<Row> {
  const r = await findReport(db, townOf(ctx), id);
  if (!r) throw new NotFoundError('述职');
  if (ctx.principal.role === 'deputy' && ctx.principal.deputyId !== r.deputyId) throw new NotFoundError('述职');
  return r;
}

const bandsOf = (r: Pick<Row, 'bands'>) => JSON.parse(r.bands) as Band[];

async function present(db: Kysely<DB>, r: Row) {
  const townId = r.townId;
  const [deputy, station, file, poll] = await Promise.all([
    db.selectFrom('deputy').select(['id', 'code', 'name']).where('townId', '=', townId).where('id', '=', r.deputyId).executeTakeFirstOrThrow(),
    r.stationId ? db.selectFrom('station').select(['id', 'name']).where('townId', '=', townId).where('id', '=', r.stationId).executeTakeFirst() : undefined,
    r.reportFileId
      ? db.selectFrom('storedFile').select(['id', 'name']).where('townId', '=', townId).where('id', '=', r.reportFileId).executeTakeFirst()
      : undefined,
    r.pollId ? findPoll(db, townId, r.pollId) : undefined,
  ]);
  const counts = poll ? countsOf(await pollCounts(db, townId, poll.id), r.deputyId, OVERALL) : null;
  return {
    id: r.id,
    code: r.code,
    deputy,
    year: r.year,
    heldOn: r.heldOn,
    place: r.place,
    voterReps: r.voterReps,
    status: r.status,
    result: r.result,
    approval: r.approval === null ? null : Number(r.approval),
    version: r.version,
    station: station ?? null,
    summary: r.summary,
    notes: r.notes,
    reportFile: file ?? null,
    bands: bandsOf(r),
    poll: poll ? await presentStatus(db, poll) : null,
    counts,
    warnings: dutyReportWarnings(r),
  };
}

export async function listDutyReports(ctx: Ctx, q: z.infer<typeof DutyReportQuery>) {
  const townId = townOf(ctx);
  let base = ctx.db.selectFrom('dutyReport as r').innerJoin('deputy as d', 'd.id', 'r.deputyId').where('r.townId', '=', townId);
  if (ctx.principal.role === 'deputy') base = base.where('r.deputyId', '=', ctx.principal.deputyId ?? '');
  if (q.deputyId) base = base.where('r.deputyId', '=', q.deputyId);
  if (q.year) base = base.where('r.year', '=', q.year);
  if (q.status) base = base.where('r.status', '=', q.status);
  if (q.q) base = base.where((eb) => eb.or([containsCi('d.name', q.q as string), containsCi('r.code', q.q as string), containsCi('r.place', q.q as string)]));
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'r.id',
      'r.code',
      'r.year',
      'r.heldOn',
      'r.place',
      'r.voterReps',
      'r.status',
      'r.result',
      'r.approval',
      'r.version',
      'd.id as deputyId',
      'd.code as deputyCode',
      'd.name as deputyName',
    ])
    .orderBy('r.heldOn', 'desc')
    .orderBy('r.code', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      deputy: { id: r.deputyId, code: r.deputyCode, name: r.deputyName },
      year: r.year,
      heldOn: r.heldOn,
      place: r.place,
      voterReps: r.voterReps,
      status: r.status,
      result: r.result,
      approval: r.approval === null ? null : Number(r.approval),
      version: r.version,
    })),
    total: Number(total.n),
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getDutyReport(ctx: Ctx, id: string) {
  return present(ctx.db, await visibleReport(ctx, ctx.db, id));
}

/** The report document, read through its duty report (so a deputy reads only their own). */
export async function dutyReportFile(ctx: Ctx, id: string) {
  const r = await visibleReport(ctx, ctx.db, id);
  if (!r.reportFileId) throw new NotFoundError('述职报告');
  const [row] = await requireFiles(ctx, [r.reportFileId], 'reportFileId');
  return row;
}

function checkBands(bands: readonly Band[]) {
  const problem = bandsProblem(bands);
  if (problem) throw ValidationError.field('body.bands', problem);
}

async function checkDeputy(db: Kysely<DB>, townId: string, deputyId: string) {
  const d = await db.selectFrom('deputy').select(['id', 'name', 'status']).where('townId', '=', townId).where('id', '=', deputyId).executeTakeFirst();
  if (!d) throw ValidationError.field('body.deputyId', '代表不存在或不属于本镇');
  if (d.status !== 'serving') throw ValidationError.field('body.deputyId', '该代表不在任');
  return d;
}

async function checkStation(db: Kysely<DB>, townId: string, stationId: string | null | undefined) {
  if (!stationId) return null;
  const s = await db.selectFrom('station').select('id').where('townId', '=', townId).where('id', '=', stationId).executeTakeFirst();
  if (!s) throw ValidationError.field('body.stationId', '联络站不存在或不属于本镇');
  return s.id;
}

function checkYear(year: number, heldOn: string) {
  if (Number(heldOn.slice(0, 4)) !== year) throw ValidationError.field('body.heldOn', `述职日期应在 ${year} 年内`);
}

/** SZ00001, SZ00002 … the highest code of the town plus one; no delete exists, so a code is never reused. */
async function nextCode(trx: Kysely<DB>, townId: string): Promise<string> {
  const rows = await trx.selectFrom('dutyReport').select('code').where('townId', '=', townId).execute();
  return codeCounter(
    'SZ',
    5,
    rows.map((r) => r.code),
  )();
}

export async function createDutyReport(ctx: Ctx, input: z.infer<typeof DutyReportInput>) {
  const townId = townOf(ctx);
  const bands = input.bands ?? [...DEFAULT_DUTY_REPORT_BANDS];
  checkBands(bands);
  checkYear(input.year, input.heldOn);
  // Checked before the transaction: requireFiles reads through ctx.db (SQLite has one connection).
  if (input.reportFileId) await requireFiles(ctx, [input.reportFileId], 'body.reportFileId', DOCUMENT_KINDS);
  return retryOnUniqueViolation(() =>
    ctx.db.transaction().execute(async (trx) => {
      await lockTownCodes(trx, townId);
      await checkDeputy(trx, townId, input.deputyId);
      const at = nowIso();
      const row: Row = {
        id: newId(),
        townId,
        code: await nextCode(trx, townId),
        deputyId: input.deputyId,
        year: input.year,
        heldOn: input.heldOn,
        place: input.place ?? '',
        stationId: await checkStation(trx, townId, input.stationId),
        voterReps: input.voterReps,
        summary: input.summary ?? '',
        reportFileId: input.reportFileId ?? null,
        bands: JSON.stringify(bands.map((b) => ({ label: b.label.trim(), minPercent: b.minPercent }))),
        pollId: null,
        status: 'draft',
        result: null,
        approval: null,
        notes: input.notes ?? '',
        version: 1,
        createdBy: ctx.principal.userId,
        createdAt: at,
        updatedAt: at,
      };
      await trx.insertInto('dutyReport').values(row).execute();
      const out = await present(trx, row);
      await recordAudit(trx, ctx, {
        entity: 'duty_report',
        entityId: row.id,
        action: 'create',
        summary: `新建述职 ${row.code} ${out.deputy.name}`,
        after: out,
      });
      return out;
    }),
  );
}

async function bump(trx: Kysely<DB>, townId: string, id: string, version: number, patch: Partial<Row>) {
  const res = await trx
    .updateTable('dutyReport')
    .set((eb) => ({ ...patch, updatedAt: nowIso(), version: eb('version', '+', 1) }))
    .where('townId', '=', townId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new ConflictError(STALE);
}

async function mustReport(db: Kysely<DB>, townId: string, id: string): Promise<Row> {
  const r = await findReport(db, townId, id);
  if (!r) throw new NotFoundError('述职');
  return r;
}

export async function updateDutyReport(ctx: Ctx, id: string, input: z.infer<typeof DutyReportUpdate>) {
  const townId = townOf(ctx);
  if (input.bands) checkBands(input.bands);
  if (input.reportFileId) await requireFiles(ctx, [input.reportFileId], 'body.reportFileId', DOCUMENT_KINDS);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await mustReport(trx, townId, id);
    if (before.version !== input.version) throw new ConflictError(STALE, { currentVersion: before.version });
    // Whom the voters rate and by which bands cannot change once they have started to vote.
    if (before.status !== 'draft' && (input.deputyId !== undefined || input.bands !== undefined)) {
      throw new InvalidTransitionError('投票已开始，不能再修改述职代表或结果档次');
    }
    const shown = await present(trx, before);
    const patch: Partial<Row> = {};
    if (input.deputyId !== undefined) patch.deputyId = (await checkDeputy(trx, townId, input.deputyId)).id;
    if (input.year !== undefined) patch.year = input.year;
    if (input.heldOn !== undefined) patch.heldOn = input.heldOn;
    checkYear(patch.year ?? before.year, patch.heldOn ?? before.heldOn);
    if (input.place !== undefined) patch.place = input.place ?? '';
    if (input.stationId !== undefined) patch.stationId = await checkStation(trx, townId, input.stationId);
    if (input.voterReps !== undefined) patch.voterReps = input.voterReps;
    if (input.summary !== undefined) patch.summary = input.summary ?? '';
    if (input.reportFileId !== undefined) patch.reportFileId = input.reportFileId ?? null;
    if (input.notes !== undefined) patch.notes = input.notes ?? '';
    if (input.bands !== undefined) patch.bands = JSON.stringify(input.bands.map((b) => ({ label: b.label.trim(), minPercent: b.minPercent })));
    await bump(trx, townId, id, input.version, patch);
    const after = await present(trx, await mustReport(trx, townId, id));
    await recordAudit(trx, ctx, { entity: 'duty_report', entityId: id, action: 'update', summary: `修改述职 ${after.code}`, before: shown, after });
    return after;
  });
}

/** Open voting: a poll with the deputy as the one subject, the overall question only. */
export async function openDutyVoting(ctx: Ctx, id: string, version: number) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const r = await mustReport(trx, townId, id);
    if (r.version !== version) throw new ConflictError(STALE, { currentVersion: r.version });
    if (r.status !== 'draft') throw new InvalidTransitionError('只有草稿状态的述职可以开始投票');
    const d = await trx.selectFrom('deputy').select('name').where('townId', '=', townId).where('id', '=', r.deputyId).executeTakeFirstOrThrow();
    const pollId = await createPoll(trx, townId, {
      kind: 'duty_report',
      title: `${d.name}代表${r.year}年度述职测评`,
      subjects: [{ id: r.deputyId, name: d.name }],
      questionnaire: { dimensions: [], scale: [...RATING_SCALE] },
    });
    await bump(trx, townId, id, version, { status: 'voting', pollId });
    await recordAudit(trx, ctx, {
      entity: 'duty_report',
      entityId: id,
      action: 'open_voting',
      summary: `述职 ${r.code} 开始投票`,
      after: { status: 'voting', pollId },
    });
    return present(trx, await mustReport(trx, townId, id));
  });
}

/** Close voting: the band of the approval share, by the bands stored on the report, is its result. */
export async function closeDutyVoting(ctx: Ctx, id: string, version: number) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const r = await mustReport(trx, townId, id);
    if (r.version !== version) throw new ConflictError(STALE, { currentVersion: r.version });
    if (r.status !== 'voting' || !r.pollId) throw new InvalidTransitionError('只有投票中的述职可以结束投票');
    await closePoll(trx, townId, r.pollId);
    const counts = countsOf(await pollCounts(trx, townId, r.pollId), r.deputyId, OVERALL);
    const band = bandOf(bandsOf(r), counts);
    const approval = approvalShare(counts);
    await bump(trx, townId, id, version, { status: 'closed', result: band?.label ?? null, approval });
    await recordAudit(trx, ctx, {
      entity: 'duty_report',
      entityId: id,
      action: 'close_voting',
      summary: `述职 ${r.code} 结束投票${band ? `，结果：${band.label}` : '（无有效票）'}`,
      after: { status: 'closed', counts, result: band?.label ?? null, approval },
    });
    return present(trx, await mustReport(trx, townId, id));
  });
}

export async function enterDutyPaper(ctx: Ctx, id: string, input: z.infer<typeof DutyPaperInput>) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const r = await mustReport(trx, townId, id);
    if (r.status !== 'voting' || !r.pollId) throw new InvalidTransitionError('只有投票中的述职可以录入纸质票');
    const poll = await findPoll(trx, townId, r.pollId);
    if (!poll) throw new NotFoundError('投票');
    const rows = (['satisfied', 'basic', 'dissatisfied'] as const).map((answer) => ({
      subjectId: r.deputyId,
      question: OVERALL,
      answer,
      count: input[answer],
    }));
    await addPaperCounts(trx, townId, poll, input.ballots, rows);
    await recordAudit(trx, ctx, {
      entity: 'duty_report',
      entityId: id,
      action: 'paper_ballots',
      summary: `述职 ${r.code} 录入纸质票 ${input.ballots} 张`,
      after: input,
    });
    return present(trx, await mustReport(trx, townId, id));
  });
}
