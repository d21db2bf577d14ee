import type { Kysely } from 'kysely';
import { lockTownCodes, retryOnUniqueViolation } from '../../db/unique.ts';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { DecisionOwnerType, DecisionStatus } from '../../db/tables/presidium-meetings.ts';
import { assertVersion, updateVersioned } from '../../db/versioned.ts';
import { ConflictError, ForbiddenError, InvalidTransitionError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso, todayInChina } from '../../lib/time.ts';
import { findActivityView, invitationStates } from '../activities/activities.repo.ts';
import { createActivity } from '../activities/activities.service.ts';
import { findKind } from '../activities/kinds.repo.ts';
import { listKindsUseCase } from '../activities/kinds.service.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findFile } from '../files/files.repo.ts';
import { fileMeta, requireFiles } from '../files/files.service.ts';
import { currentTermOf } from '../regions/terms.service.ts';
import {
  type DecisionView,
  type MeetingCounts,
  type MeetingRow,
  type ProgressRow,
  agendaOf,
  decisionSummary,
  decisionsOfMeeting,
  deputyOfTown,
  findDecision,
  findMeeting,
  findTerm,
  insertDecision,
  listDecisions,
  listMeetings,
  meetingCounts,
  meetingOfActivity,
  nextDecisionSeq,
  nextMeetingCode,
  ordinalsInTerm,
  progressOf,
  replaceAgenda,
  seatsOf,
  unitOfTown,
} from './presidium-meetings.repo.ts';
import {
  DECISION_STATUS_LABEL,
  activityTimes,
  closingProblem,
  daysOverdue,
  decisionCode,
  decisionMeetingProblem,
  decisionMoveProblem,
  dueDateProblem,
  isOverdue,
  isPresidiumKind,
  meetingStatusProblem,
  nextMeetingNumber,
  progressDateProblem,
  progressStatusProblem,
  sitsOn,
  statusAfterProgress,
  timesProblem,
} from './presidium-meetings.rules.ts';
import type {
  AgendaInput,
  CreateActivityInput,
  DecisionInput,
  DecisionQuery,
  DecisionUpdate,
  MeetingInput,
  MeetingQuery,
  MeetingUpdate,
  ProgressInput,
} from './presidium-meetings.schemas.ts';

// ---- Who may do what ----

const isAdmin = (ctx: Ctx) => ctx.principal.role === 'town_admin' || ctx.principal.role === 'county_admin';

/**
 * Readers: the town's staff, and a deputy who sits on the presidium of the current term today. The
 * routes already keep handlers out; any other deputy is refused here. Returns whether the caller edits.
 */
async function assertReader(ctx: Ctx, townId: string): Promise<{ canEdit: boolean }> {
  const role = ctx.principal.role;
  if (role !== 'deputy') return { canEdit: isAdmin(ctx) };
  if (!(await sitsOnPresidium(ctx, townId))) throw new ForbiddenError('只有现任主席团成员可以查看主席团会议');
  return { canEdit: false };
}

/** Whether the caller is a serving deputy with a current presidium seat (in the town's current term). */
export async function sitsOnPresidium(ctx: Ctx, townId: string): Promise<boolean> {
  const deputyId = ctx.principal.deputyId;
  if (!deputyId) return false;
  const termId = await currentTermOf(ctx.db, townId);
  if (!termId) return false;
  const today = todayInChina();
  return (await seatsOf(ctx.db, townId, termId, deputyId)).some((s) => sitsOn(s, today));
}

// ---- Presenting ----

function presentSummary(m: MeetingRow, c: MeetingCounts) {
  return {
    id: m.id,
    code: m.code,
    termId: m.termId,
    termNumber: m.termNumber,
    ordinal: m.number,
    title: m.title,
    date: m.date,
    startTime: m.startTime,
    endTime: m.endTime,
    place: m.place,
    status: m.status,
    activityId: m.activityId,
    hasMinutes: m.minutes.trim() !== '' || m.minutesFileId !== null,
    agendaCount: c.agenda,
    decisionCount: c.decisions,
    openDecisionCount: c.open,
    overdueDecisionCount: c.overdue,
  };
}

function ownerNameOf(d: DecisionView): string {
  if (d.ownerType === 'deputy') return d.deputyName ?? '';
  if (d.ownerType === 'unit') return d.unitName ?? '';
  return d.ownerName;
}

function presentProgress(p: ProgressRow) {
  return { id: p.id, date: p.date, detail: p.note, authorName: p.authorName, createdAt: p.createdAt };
}

function presentDecision(d: DecisionView, progress: ProgressRow[], today: string) {
  const last = progress.at(-1);
  return {
    id: d.id,
    code: decisionCode(d.meetingCode, d.seq),
    meetingId: d.meetingId,
    meetingCode: d.meetingCode,
    meetingTitle: d.meetingTitle,
    meetingDate: d.meetingDate,
    seq: d.seq,
    content: d.content,
    ownerType: d.ownerType,
    ownerId: d.ownerDeputyId ?? d.ownerUnitId,
    ownerName: ownerNameOf(d),
    dueDate: d.dueDate,
    status: d.status,
    doneDate: d.doneDate,
    result: d.result,
    overdue: isOverdue(d, today),
    daysOverdue: daysOverdue(d, today),
    progressCount: progress.length,
    lastProgress: last ? presentProgress(last) : null,
    version: d.version,
  };
}

/** What the audit log keeps of a meeting: codes and names rather than ids. */
function meetingAudit(m: MeetingRow, extra: { activityCode: string | null; minutesFileName: string | null }) {
  return {
    code: m.code,
    term: m.termNumber,
    ordinal: m.number,
    title: m.title,
    date: m.date,
    startTime: m.startTime,
    endTime: m.endTime,
    place: m.place,
    presider: m.presider,
    attendees: m.attendees,
    status: m.status,
    minutes: m.minutes,
    minutesFile: extra.minutesFileName,
    activity: extra.activityCode,
  };
}

function decisionAudit(d: DecisionView) {
  return {
    code: decisionCode(d.meetingCode, d.seq),
    content: d.content,
    ownerType: d.ownerType,
    owner: ownerNameOf(d),
    dueDate: d.dueDate,
    status: d.status,
    doneDate: d.doneDate,
    result: d.result,
  };
}

async function auditExtras(db: Kysely<DB>, townId: string, m: { activityId: string | null; minutesFileId: string | null }) {
  const [a, f] = await Promise.all([
    m.activityId ? findActivityView(db, townId, m.activityId) : undefined,
    m.minutesFileId ? findFile(db, townId, m.minutesFileId) : undefined,
  ]);
  return { activityCode: a?.code ?? null, minutesFileName: f?.name ?? null };
}

// ---- Meetings: reads ----

export async function listMeetingsUseCase(ctx: Ctx, q: z.infer<typeof MeetingQuery>) {
  const townId = townOf(ctx);
  await assertReader(ctx, townId);
  const { rows, total } = await listMeetings(ctx.db, townId, {
    termId: q.termId,
    status: q.status,
    year: q.year,
    q: q.q || undefined,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const counts = await meetingCounts(
    ctx.db,
    townId,
    rows.map((r) => r.id),
    todayInChina(),
  );
  return { items: rows.map((r) => presentSummary(r, counts.get(r.id) as MeetingCounts)), total, page: q.page, pageSize: q.pageSize };
}

export async function getMeeting(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  const { canEdit } = await assertReader(ctx, townId);
  const m = await findMeeting(ctx.db, townId, id);
  if (!m) throw new NotFoundError('主席团会议');
  const today = todayInChina();
  const [agenda, decisions, file, activity, states] = await Promise.all([
    agendaOf(ctx.db, townId, id),
    decisionsOfMeeting(ctx.db, townId, id),
    m.minutesFileId ? findFile(ctx.db, townId, m.minutesFileId) : undefined,
    m.activityId ? findActivityView(ctx.db, townId, m.activityId) : undefined,
    m.activityId ? invitationStates(ctx.db, townId, m.activityId) : [],
  ]);
  const progress = await progressOf(
    ctx.db,
    townId,
    decisions.map((d) => d.id),
  );
  const open = decisions.filter((d) => d.status === 'open' || d.status === 'in_progress');
  const counts: MeetingCounts = {
    agenda: agenda.length,
    decisions: decisions.length,
    open: open.length,
    overdue: open.filter((d) => d.dueDate < today).length,
  };
  return {
    ...presentSummary(m, counts),
    presider: m.presider,
    attendees: m.attendees,
    minutes: m.minutes,
    minutesFile: file ? fileMeta(file) : null,
    activity: activity
      ? {
          id: activity.id,
          code: activity.code,
          title: activity.title,
          startAt: activity.startAt,
          status: activity.status,
          invited: states.length,
          signedIn: states.filter((s) => s.signedInAt !== null).length,
        }
      : null,
    agenda,
    decisions: decisions.map((d) => presentDecision(d, progress.get(d.id) ?? [], today)),
    canEdit,
    version: m.version,
  };
}

/** The minutes file of a meeting, for whoever may read the meeting (presidium deputies included). */
export async function minutesFileOf(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  await assertReader(ctx, townId);
  const m = await findMeeting(ctx.db, townId, id);
  if (!m) throw new NotFoundError('主席团会议');
  const file = m.minutesFileId ? await findFile(ctx.db, townId, m.minutesFileId) : undefined;
  if (!file) throw new NotFoundError('会议纪要附件');
  return file;
}

// ---- Meetings: writes ----

/**
 * An activity a meeting may be linked to: of this town, not cancelled, of the presidium-meeting kind,
 * and not already another meeting's.
 */
async function assertLinkable(db: Kysely<DB>, townId: string, activityId: string, meetingId: string | null): Promise<void> {
  const a = await findActivityView(db, townId, activityId);
  if (!a) throw ValidationError.field('body.activityId', '活动不存在或不属于本镇');
  if (a.status === 'cancelled') throw ValidationError.field('body.activityId', `活动 ${a.code} 已取消`);
  const kind = await findKind(db, townId, a.kindId);
  if (!kind || !isPresidiumKind(kind)) throw ValidationError.field('body.activityId', `活动 ${a.code} 的类型是“${a.kindName}”，不是主席团会议`);
  const other = await meetingOfActivity(db, townId, activityId);
  if (other && other.id !== meetingId) {
    const message = `活动 ${a.code} 已关联会议 ${other.code}`;
    throw new ConflictError(message, { issues: [{ field: 'body.activityId', message }] });
  }
}

async function assertOrdinalFree(db: Kysely<DB>, townId: string, termId: string, ordinal: number): Promise<void> {
  if ((await ordinalsInTerm(db, townId, termId)).includes(ordinal)) {
    const message = `本届已有第 ${ordinal} 次主席团会议`;
    throw new ConflictError(message, { issues: [{ field: 'body.ordinal', message }] });
  }
}

export async function createMeeting(ctx: Ctx, input: z.infer<typeof MeetingInput>) {
  const townId = townOf(ctx);
  const today = todayInChina();
  const startTime = input.startTime ?? null;
  const endTime = input.endTime ?? null;
  const badTimes = timesProblem(startTime, endTime);
  if (badTimes) throw ValidationError.field('body.endTime', badTimes);
  const status = input.status ?? 'planned';
  const badStatus = meetingStatusProblem('planned', status, { date: input.date, decisionCount: 0 }, today);
  if (badStatus) throw ValidationError.field('body.status', badStatus);

  const id = await retryOnUniqueViolation(() =>
    ctx.db.transaction().execute(async (trx) => {
      await lockTownCodes(trx, townId);
      let termId = input.termId;
      if (termId) {
        if (!(await findTerm(trx, townId, termId))) throw ValidationError.field('body.termId', '届次不存在或不属于本镇');
      } else {
        termId = (await currentTermOf(trx, townId)) ?? undefined;
        if (!termId) throw ValidationError.field('body.termId', '本镇还没有当前届次，请选择届次');
      }
      const ordinal = input.ordinal ?? nextMeetingNumber(await ordinalsInTerm(trx, townId, termId));
      if (input.ordinal !== undefined) await assertOrdinalFree(trx, townId, termId, ordinal);
      if (input.minutesFileId) await requireFiles({ ...ctx, db: trx }, [input.minutesFileId], 'body.minutesFileId');
      if (input.activityId) await assertLinkable(trx, townId, input.activityId, null);
      const ts = nowIso();
      const row = {
        id: newId(),
        townId,
        code: await nextMeetingCode(trx, townId),
        termId,
        number: ordinal,
        title: input.title,
        date: input.date,
        startTime,
        endTime,
        place: input.place ?? '',
        presider: input.presider ?? '',
        attendees: input.attendees ?? '',
        activityId: input.activityId ?? null,
        status,
        minutes: input.minutes ?? '',
        minutesFileId: input.minutesFileId ?? null,
        version: 1,
        createdBy: ctx.principal.userId,
        createdAt: ts,
        updatedAt: ts,
      };
      await trx.insertInto('presidiumMeeting').values(row).execute();
      const saved = (await findMeeting(trx, townId, row.id)) as MeetingRow;
      await recordAudit(trx, ctx, {
        entity: 'presidium_meeting',
        entityId: row.id,
        action: 'create',
        summary: `新增主席团会议 ${row.code} ${row.title}`,
        after: meetingAudit(saved, await auditExtras(trx, townId, saved)),
      });
      return row.id;
    }),
  );
  return getMeeting(ctx, id);
}

export async function updateMeeting(ctx: Ctx, id: string, input: z.infer<typeof MeetingUpdate>) {
  const townId = townOf(ctx);
  const today = todayInChina();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findMeeting(trx, townId, id);
    if (!before) throw new NotFoundError('主席团会议');
    assertVersion(before, input.version);
    const decisions = await decisionsOfMeeting(trx, townId, id);
    const after: MeetingRow = {
      ...before,
      number: input.ordinal ?? before.number,
      title: input.title ?? before.title,
      date: input.date ?? before.date,
      startTime: input.startTime === undefined ? before.startTime : input.startTime,
      endTime: input.endTime === undefined ? before.endTime : input.endTime,
      place: input.place ?? before.place,
      presider: input.presider ?? before.presider,
      attendees: input.attendees ?? before.attendees,
      status: input.status ?? before.status,
      minutes: input.minutes ?? before.minutes,
      minutesFileId: input.minutesFileId === undefined ? before.minutesFileId : input.minutesFileId,
      activityId: input.activityId === undefined ? before.activityId : input.activityId,
    };
    const badTimes = timesProblem(after.startTime, after.endTime);
    if (badTimes) throw ValidationError.field('body.endTime', badTimes);
    const badStatus = meetingStatusProblem(before.status, after.status, { date: after.date, decisionCount: decisions.length }, today);
    if (badStatus) throw ValidationError.field('body.status', badStatus);
    // A held meeting cannot be moved into the future; decisions cannot fall due before their meeting.
    if (after.status === 'held' && after.date > today) throw ValidationError.field('body.date', '已召开的会议日期不能晚于今天');
    const early = decisions.find((d) => d.dueDate < after.date);
    if (early) throw ValidationError.field('body.date', `决议 ${decisionCode(before.code, early.seq)} 的截止日期 ${early.dueDate} 早于该日期`);
    if (after.number !== before.number) await assertOrdinalFree(trx, townId, before.termId, after.number);
    if (after.minutesFileId && after.minutesFileId !== before.minutesFileId)
      await requireFiles({ ...ctx, db: trx }, [after.minutesFileId], 'body.minutesFileId');
    if (after.activityId && after.activityId !== before.activityId) await assertLinkable(trx, townId, after.activityId, id);

    const { id: _i, townId: _t, termId: _tm, termNumber: _tn, code: _c, version: _v, createdBy: _cb, createdAt: _ca, ...patch } = after;
    await updateVersioned(trx, 'presidiumMeeting', { townId }, id, input.version, { ...patch, updatedAt: nowIso() });
    const action =
      after.status !== before.status
        ? after.status === 'held'
          ? 'hold'
          : 'reopen'
        : after.minutes !== before.minutes || after.minutesFileId !== before.minutesFileId
          ? 'minutes'
          : after.activityId !== before.activityId
            ? after.activityId
              ? 'link_activity'
              : 'unlink_activity'
            : 'update';
    const label = {
      hold: `标记已召开`,
      reopen: '改回计划召开',
      minutes: '更新会议纪要',
      link_activity: '关联活动',
      unlink_activity: '取消关联活动',
      update: '修改',
    }[action];
    await recordAudit(trx, ctx, {
      entity: 'presidium_meeting',
      entityId: id,
      action,
      summary: `主席团会议 ${before.code} ${label}`,
      before: meetingAudit(before, await auditExtras(trx, townId, before)),
      after: meetingAudit(after, await auditExtras(trx, townId, after)),
    });
  });
  return getMeeting(ctx, id);
}

/** A meeting entered by mistake goes, with its agenda; one with decisions stays (they are being followed). */
export async function deleteMeeting(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const m = await findMeeting(trx, townId, id);
    if (!m) throw new NotFoundError('主席团会议');
    const decisions = await decisionsOfMeeting(trx, townId, id);
    if (decisions.length) throw new ConflictError(`会议 ${m.code} 已有 ${decisions.length} 项决议，不能删除`);
    await trx.deleteFrom('presidiumAgendaItem').where('townId', '=', townId).where('meetingId', '=', id).execute();
    await trx.deleteFrom('presidiumMeeting').where('townId', '=', townId).where('id', '=', id).execute();
    await recordAudit(trx, ctx, {
      entity: 'presidium_meeting',
      entityId: id,
      action: 'delete',
      summary: `删除主席团会议 ${m.code} ${m.title}`,
      before: meetingAudit(m, await auditExtras(trx, townId, m)),
    });
  });
  return { ok: true as const };
}

/** The agenda is saved as a whole, in the order given; the meeting's version guards it like any edit. */
export async function setAgenda(ctx: Ctx, id: string, input: z.infer<typeof AgendaInput>) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const m = await findMeeting(trx, townId, id);
    if (!m) throw new NotFoundError('主席团会议');
    assertVersion(m, input.version);
    const before = await agendaOf(trx, townId, id);
    const items = input.items.map((it) => ({ id: newId(), title: it.title, presenter: it.presenter ?? '', notes: it.notes ?? '' }));
    await replaceAgenda(trx, townId, id, items);
    await updateVersioned(trx, 'presidiumMeeting', { townId }, id, input.version, { updatedAt: nowIso() });
    const lines = (xs: { title: string; presenter: string; notes: string }[]) =>
      xs.map((x, i) => `${i + 1}. ${x.title}${x.presenter ? `（${x.presenter}）` : ''}${x.notes ? `：${x.notes}` : ''}`);
    await recordAudit(trx, ctx, {
      entity: 'presidium_meeting',
      entityId: id,
      action: 'set_agenda',
      summary: `主席团会议 ${m.code} 更新议程（${items.length} 项）`,
      before: { agenda: lines(before) },
      after: { agenda: lines(items) },
    });
  });
  return getMeeting(ctx, id);
}

/**
 * Make the activity that carries the meeting's invitations and attendance, and link it. The activity
 * is created through the activities service (its own transaction: codes, sign-in code, audit); the
 * link follows in a second one. Should the link fail (someone linked another activity meanwhile),
 * the new activity stays in the calendar, where staff can cancel it.
 */
export async function createMeetingActivity(ctx: Ctx, id: string, input: z.infer<typeof CreateActivityInput>) {
  const townId = townOf(ctx);
  const m = await findMeeting(ctx.db, townId, id);
  if (!m) throw new NotFoundError('主席团会议');
  assertVersion(m, input.version);
  if (m.activityId) throw new ConflictError(`会议 ${m.code} 已关联活动`);
  const kinds = await listKindsUseCase(ctx, { page: 1, pageSize: 200, active: 'true' });
  const kind = kinds.items.find(isPresidiumKind);
  if (!kind) throw new ConflictError('本镇没有启用的“主席团会议”活动类型，请先在活动类型中添加');
  const agenda = await agendaOf(ctx.db, townId, id);
  const { startAt, endAt } = activityTimes(m.date, m.startTime, m.endTime);
  const activity = await createActivity(ctx, {
    title: `第${m.termNumber}届主席团第${m.number}次会议：${m.title}`.slice(0, 100),
    kindId: kind.id,
    organiserType: 'town',
    startAt,
    endAt,
    place: m.place,
    content: agenda.map((a, i) => `${i + 1}. ${a.title}`).join('\n'),
    status: m.status === 'held' && Date.parse(startAt) <= Date.now() ? 'held' : 'planned',
  });
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('presidiumMeeting')
      .set((eb) => ({ activityId: activity.id, version: eb('version', '+', 1), updatedAt: nowIso() }))
      .where('townId', '=', townId)
      .where('id', '=', id)
      .where('version', '=', input.version)
      .where('activityId', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1)
      throw new ConflictError(`会议 ${m.code} 已被他人修改，活动 ${activity.code} 已创建但未关联，请在会议中关联或在活动日历中取消`);
    await recordAudit(trx, ctx, {
      entity: 'presidium_meeting',
      entityId: id,
      action: 'link_activity',
      summary: `主席团会议 ${m.code} 创建并关联活动 ${activity.code}`,
      before: { activity: null },
      after: { activity: activity.code },
    });
  });
  return getMeeting(ctx, id);
}

// ---- Decisions ----

type Owner = { ownerType: DecisionOwnerType; ownerDeputyId: string | null; ownerUnitId: string | null; ownerName: string };

/** The owner named by type and id (a deputy or handling unit of this town) or by name (anyone else). */
async function resolveOwner(
  db: Kysely<DB>,
  townId: string,
  type: DecisionOwnerType,
  id: string | null | undefined,
  name: string | null | undefined,
): Promise<Owner> {
  if (type === 'other') {
    if (!name?.trim()) throw ValidationError.field('body.ownerName', '请填写责任方名称');
    return { ownerType: 'other', ownerDeputyId: null, ownerUnitId: null, ownerName: name.trim() };
  }
  if (!id) throw ValidationError.field('body.ownerId', type === 'deputy' ? '请选择负责的代表' : '请选择负责的承办单位');
  if (type === 'deputy') {
    const d = await deputyOfTown(db, townId, id);
    if (!d) throw ValidationError.field('body.ownerId', '代表不存在或不属于本镇');
    if (d.status !== 'serving') throw ValidationError.field('body.ownerId', `${d.name} 已不在任`);
    return { ownerType: 'deputy', ownerDeputyId: d.id, ownerUnitId: null, ownerName: '' };
  }
  const u = await unitOfTown(db, townId, id);
  if (!u) throw ValidationError.field('body.ownerId', '承办单位不存在或不属于本镇');
  if (u.active !== 1) throw ValidationError.field('body.ownerId', `${u.name} 已停用`);
  return { ownerType: 'unit', ownerDeputyId: null, ownerUnitId: u.id, ownerName: '' };
}

async function presentOneDecision(ctx: Ctx, townId: string, id: string) {
  const d = await findDecision(ctx.db, townId, id);
  if (!d) throw new NotFoundError('决议');
  const progress = (await progressOf(ctx.db, townId, [id])).get(id) ?? [];
  return { ...presentDecision(d, progress, todayInChina()), progress: progress.map(presentProgress) };
}

export async function listDecisionsUseCase(ctx: Ctx, q: z.infer<typeof DecisionQuery>) {
  const townId = townOf(ctx);
  await assertReader(ctx, townId);
  const today = todayInChina();
  const filter = {
    status: q.status,
    overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
    meetingId: q.meetingId,
    ownerType: q.ownerType,
    ownerId: q.ownerId,
    owner: q.owner || undefined,
    today,
  };
  const [{ rows, total }, summary] = await Promise.all([
    listDecisions(ctx.db, townId, { ...filter, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    decisionSummary(ctx.db, townId, today, q.meetingId),
  ]);
  const progress = await progressOf(
    ctx.db,
    townId,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => presentDecision(r, progress.get(r.id) ?? [], today)), total, page: q.page, pageSize: q.pageSize, summary };
}

export async function getDecision(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  await assertReader(ctx, townId);
  return presentOneDecision(ctx, townId, id);
}

export async function createDecision(ctx: Ctx, meetingId: string, input: z.infer<typeof DecisionInput>) {
  const townId = townOf(ctx);
  const id = await retryOnUniqueViolation(() =>
    ctx.db.transaction().execute(async (trx) => {
      await lockTownCodes(trx, townId);
      const m = await findMeeting(trx, townId, meetingId);
      if (!m) throw new NotFoundError('主席团会议');
      const notHeld = decisionMeetingProblem(m.status);
      if (notHeld) throw new InvalidTransitionError(notHeld);
      const badDue = dueDateProblem(input.dueDate, m.date);
      if (badDue) throw ValidationError.field('body.dueDate', badDue);
      const owner = await resolveOwner(trx, townId, input.ownerType, input.ownerId, input.ownerName);
      const ts = nowIso();
      const row = {
        id: newId(),
        townId,
        meetingId,
        seq: await nextDecisionSeq(trx, townId, meetingId),
        content: input.content,
        ...owner,
        dueDate: input.dueDate,
        status: 'open' as DecisionStatus,
        doneDate: null,
        result: '',
        version: 1,
        createdBy: ctx.principal.userId,
        createdAt: ts,
        updatedAt: ts,
      };
      await insertDecision(trx, row);
      const saved = (await findDecision(trx, townId, row.id)) as DecisionView;
      await recordAudit(trx, ctx, {
        entity: 'presidium_decision',
        entityId: row.id,
        action: 'create',
        summary: `登记主席团会议决议 ${decisionCode(m.code, row.seq)}`,
        after: decisionAudit(saved),
      });
      return row.id;
    }),
  );
  return presentOneDecision(ctx, townId, id);
}

export async function updateDecision(ctx: Ctx, id: string, input: z.infer<typeof DecisionUpdate>) {
  const townId = townOf(ctx);
  const today = todayInChina();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findDecision(trx, townId, id);
    if (!before) throw new NotFoundError('决议');
    assertVersion(before, input.version);
    const status = input.status ?? before.status;
    const move = decisionMoveProblem(before.status, status);
    if (move) throw new InvalidTransitionError(move);
    // The owner is checked again only when it changes: a decision whose deputy has since left office
    // can still get a new due date or be marked done.
    const currentOwnerId = before.ownerDeputyId ?? before.ownerUnitId;
    const ownerChanged =
      (input.ownerType !== undefined && input.ownerType !== before.ownerType) ||
      (input.ownerId !== undefined && input.ownerId !== currentOwnerId) ||
      (input.ownerName !== undefined && input.ownerName !== before.ownerName);
    const owner: Owner = ownerChanged
      ? await resolveOwner(
          trx,
          townId,
          input.ownerType ?? before.ownerType,
          input.ownerId === undefined
            ? input.ownerType && input.ownerType !== before.ownerType
              ? null
              : (before.ownerDeputyId ?? before.ownerUnitId)
            : input.ownerId,
          input.ownerName === undefined ? before.ownerName : input.ownerName,
        )
      : { ownerType: before.ownerType, ownerDeputyId: before.ownerDeputyId, ownerUnitId: before.ownerUnitId, ownerName: before.ownerName };
    const dueDate = input.dueDate ?? before.dueDate;
    const badDue = dueDateProblem(dueDate, before.meetingDate);
    if (badDue) throw ValidationError.field('body.dueDate', badDue);
    // Done keeps the day it was done (today unless given); any other status has none.
    const doneDate = status === 'done' ? (input.doneDate === undefined || input.doneDate === null ? (before.doneDate ?? today) : input.doneDate) : null;
    const after: DecisionView = {
      ...before,
      ...owner,
      content: input.content ?? before.content,
      dueDate,
      status,
      doneDate,
      result: input.result ?? before.result,
      deputyName: owner.ownerDeputyId ? ((await deputyOfTown(trx, townId, owner.ownerDeputyId))?.name ?? null) : null,
      unitName: owner.ownerUnitId ? ((await unitOfTown(trx, townId, owner.ownerUnitId))?.name ?? null) : null,
    };
    const closing = closingProblem(after, before.meetingDate, today);
    if (closing) throw ValidationError.field(`body.${closing.field}`, closing.message);
    await updateVersioned(trx, 'presidiumDecision', { townId }, id, input.version, {
      ...owner,
      content: after.content,
      dueDate,
      status,
      doneDate,
      result: after.result,
      updatedAt: nowIso(),
    });
    const code = decisionCode(before.meetingCode, before.seq);
    const action = status === before.status ? 'update' : { done: 'complete', cancelled: 'cancel', in_progress: 'reopen', open: 'reopen' }[status];
    await recordAudit(trx, ctx, {
      entity: 'presidium_decision',
      entityId: id,
      action,
      summary:
        status === before.status
          ? `修改主席团会议决议 ${code}`
          : `主席团会议决议 ${code} ${DECISION_STATUS_LABEL[before.status]} → ${DECISION_STATUS_LABEL[status]}`,
      before: decisionAudit(before),
      after: decisionAudit(after),
    });
  });
  return presentOneDecision(ctx, townId, id);
}

/**
 * A dated progress note (the decision is "followed until done"). Administrators write them, and so
 * does a deputy on the presidium: members follow the decisions they are given. The first note
 * starts the work (未开始 → 落实中).
 */
export async function addProgress(ctx: Ctx, id: string, input: z.infer<typeof ProgressInput>) {
  const townId = townOf(ctx);
  if (!isAdmin(ctx)) await assertReader(ctx, townId);
  const today = todayInChina();
  await ctx.db.transaction().execute(async (trx) => {
    const d = await findDecision(trx, townId, id);
    if (!d) throw new NotFoundError('决议');
    const closed = progressStatusProblem(d.status);
    if (closed) throw new InvalidTransitionError(closed);
    const badDate = progressDateProblem(input.date, d.meetingDate, today);
    if (badDate) throw ValidationError.field('body.date', badDate);
    const noteId = newId();
    await trx
      .insertInto('presidiumDecisionProgress')
      .values({
        id: noteId,
        townId,
        decisionId: id,
        date: input.date,
        note: input.detail,
        authorUserId: ctx.principal.userId,
        authorName: ctx.principal.displayName,
        createdAt: nowIso(),
      })
      .execute();
    const status = statusAfterProgress(d.status);
    // The version read above: a status change committed meanwhile (done, cancelled) is not overwritten (409).
    if (status !== d.status) await updateVersioned(trx, 'presidiumDecision', { townId }, id, d.version, { status, updatedAt: nowIso() });
    await recordAudit(trx, ctx, {
      entity: 'presidium_decision',
      entityId: id,
      action: 'progress',
      summary: `主席团会议决议 ${decisionCode(d.meetingCode, d.seq)} 记录进展（${input.date}）`,
      before: status !== d.status ? { status: d.status } : undefined,
      after: { ...(status !== d.status ? { status } : {}), progress: `${input.date} ${input.detail}` },
    });
  });
  return presentOneDecision(ctx, townId, id);
}
