import type { Kysely } from 'kysely';
import { lockTownCodes, retryOnUniqueViolation } from '../../db/unique.ts';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { ResearchClaimantType } from '../../db/tables/research.ts';
import { ForbiddenError, InvalidTransitionError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { todayInChina } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findFiles } from '../files/files.repo.ts';
import { DOCUMENT_KINDS } from '../files/files.rules.ts';
import { fileMeta, requireFiles } from '../files/files.service.ts';
import {
  type MemberView,
  type TopicRow,
  type TopicView,
  activitiesIn,
  claimantDeputies,
  deputiesIn,
  findTopic,
  findTopicView,
  groupOfTown,
  isMember,
  linkedActivities,
  listTopicViews,
  memberCount,
  membersOf,
  nextTopicCode,
  replaceActivities,
  replaceMembers,
  stationOfTown,
  updateTopicRow,
} from './research.repo.ts';
import {
  GRADE_LABEL,
  STATUS_LABEL,
  canDo,
  canManageClaim,
  dueDateProblem,
  isAdmin,
  isOverdue,
  membersProblem,
  nextStatus,
  reportProblem,
  submittedLate,
} from './research.rules.ts';
import type {
  ActivitiesInput,
  ClaimInput,
  GradeInput,
  MembersInput,
  MineQuery,
  ReportInput,
  ReturnInput,
  TopicInput,
  TopicQuery,
  TopicUpdate,
  VersionInput,
} from './research.schemas.ts';

// ---- Presenting ----

function claimantOf(v: TopicView) {
  if (v.claimantType === 'station' && v.stationId) return { type: 'station' as const, id: v.stationId, code: v.stationCode ?? '', name: v.stationName ?? '' };
  if (v.claimantType === 'group' && v.groupId) return { type: 'group' as const, id: v.groupId, code: v.groupCode ?? '', name: v.groupName ?? '' };
  return null;
}

function presentSummary(v: TopicView, members: MemberView[], today: string) {
  return {
    id: v.id,
    code: v.code,
    year: v.year,
    title: v.title,
    dueDate: v.dueDate,
    status: v.status,
    claimant: claimantOf(v),
    claimedAt: v.claimedAt,
    submittedAt: v.submittedAt,
    grade: v.grade,
    overdue: isOverdue(v, today),
    submittedLate: submittedLate(v),
    memberCount: members.length,
    leadName: members.find((m) => m.role === 'lead')?.name ?? null,
    version: v.version,
  };
}

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

/** The members as one line, lead first then by code, as the page lists them: D001 李明华（牵头）、D002 张秀英. */
function memberLine(members: { code: string; name: string; role: string }[]): string {
  const rank = (m: { role: string }) => (m.role === 'lead' ? 0 : 1);
  return [...members]
    .sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code))
    .map((m) => `${m.code} ${m.name}${m.role === 'lead' ? '（牵头）' : ''}`)
    .join('、');
}

/** What the audit log keeps of a topic: names rather than ids, so an entry reads on its own. */
function auditView(t: TopicRow, claimantName: string | null, members?: { code: string; name: string; role: string }[], reportName?: string | null) {
  return {
    code: t.code,
    year: t.year,
    title: t.title,
    description: t.description,
    dueDate: t.dueDate,
    status: STATUS_LABEL[t.status],
    claimant: claimantName,
    report: reportName ?? null,
    reportSummary: t.reportSummary,
    returnNote: t.returnNote,
    grade: t.grade ? GRADE_LABEL[t.grade] : null,
    gradeComment: t.gradeComment,
    ...(members ? { members: memberLine(members) } : {}),
  };
}

/** A member as written: the row, and the code and name the audit entry shows. */
type NewMember = { deputyId: string; code: string; name: string; role: 'lead' | 'member' };

// ---- Loading with the caller's rights ----

/** A topic of this town: 404 for another town's (never 403, so ids of other towns tell nothing). */
async function topicOfTown(db: Kysely<DB>, townId: string, id: string): Promise<TopicRow> {
  const t = await findTopic(db, townId, id);
  if (!t) throw new NotFoundError('调研课题');
  return t;
}

function assertManage(ctx: Ctx, t: Pick<TopicRow, 'claimantType' | 'stationId'>): void {
  if (!canManageClaim(ctx.principal, t)) throw new ForbiddenError('联络员只能办理本联络站认领的调研课题');
}

function assertAdmin(ctx: Ctx): void {
  // The routes already hold these to admins; this keeps the service safe if a route is ever widened.
  if (!isAdmin(ctx.principal)) throw new ForbiddenError('只有主席团（镇人大）可以办理此事项');
}

function claimantName(t: Pick<TopicView, 'stationName' | 'groupName' | 'claimantType'>): string | null {
  return t.claimantType === 'station' ? t.stationName : t.claimantType === 'group' ? t.groupName : null;
}

// ---- Reads ----

export async function listTopicsUseCase(ctx: Ctx, q: z.infer<typeof TopicQuery>, now = new Date()) {
  const townId = townOf(ctx);
  const today = todayInChina(now);
  if (q.claimantId && !q.claimantType) throw ValidationError.field('querystring.claimantType', '按认领方筛选时请同时选择认领方类型');
  const { rows, total } = await listTopicViews(ctx.db, townId, {
    year: q.year,
    status: q.status,
    grade: q.grade,
    claimantType: q.claimantType,
    claimantId: q.claimantId,
    overdue: q.overdue ? { is: q.overdue === 'true', today } : undefined,
    q: q.q || undefined,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const members = await membersOf(
    ctx.db,
    townId,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => presentSummary(r, members.get(r.id) ?? [], today)), total, page: q.page, pageSize: q.pageSize };
}

/** The deputy behind a deputy account; an account not linked to a deputy has no topics. */
function deputyOf(ctx: Ctx): string {
  const id = ctx.principal.deputyId;
  if (!id) throw new ForbiddenError('当前账号未关联代表');
  return id;
}

/** The calling deputy's own topics, with the part they take. */
export async function listMine(ctx: Ctx, q: z.infer<typeof MineQuery>, now = new Date()) {
  const townId = townOf(ctx);
  const deputyId = deputyOf(ctx);
  const today = todayInChina(now);
  const { rows, total } = await listTopicViews(ctx.db, townId, { year: q.year, deputyId, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const members = await membersOf(
    ctx.db,
    townId,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => {
    const list = members.get(r.id) ?? [];
    return { ...presentSummary(r, list, today), myRole: list.find((m) => m.deputyId === deputyId)?.role ?? ('member' as const) };
  });
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/**
 * One topic. The town's staff read any; a deputy reads only a topic they take part in — any other
 * answers 404 as if it did not exist.
 */
export async function getTopic(ctx: Ctx, id: string, now = new Date()) {
  const townId = townOf(ctx);
  const v = await findTopicView(ctx.db, townId, id);
  if (!v) throw new NotFoundError('调研课题');
  if (ctx.principal.role === 'deputy' && !(await isMember(ctx.db, townId, id, deputyOf(ctx)))) throw new NotFoundError('调研课题');
  const [members, activities, files] = await Promise.all([
    membersOf(ctx.db, townId, [id]),
    linkedActivities(ctx.db, townId, id),
    v.reportFileId ? findFiles(ctx.db, townId, [v.reportFileId]) : Promise.resolve([]),
  ]);
  const list = members.get(id) ?? [];
  const p = ctx.principal;
  const admin = isAdmin(p);
  const manage = p.role !== 'deputy' && canManageClaim(p, v);
  return {
    ...presentSummary(v, list, todayInChina(now)),
    description: v.description,
    claimedBy: person(v.claimedBy, v.claimedByName),
    report: files[0] ? fileMeta(files[0]) : null,
    reportSummary: v.reportSummary,
    submittedBy: person(v.submittedBy, v.submittedByName),
    returnNote: v.returnNote,
    gradeComment: v.gradeComment,
    gradedAt: v.gradedAt,
    gradedBy: person(v.gradedBy, v.gradedByName),
    members: list.map((m) => ({ deputyId: m.deputyId, code: m.code, name: m.name, role: m.role })),
    activities,
    createdAt: v.createdAt,
    can: {
      edit: admin && canDo(v.status, 'edit'),
      claim: canDo(v.status, 'claim') && (admin || (p.role === 'liaison' && p.stationId !== null)),
      release: manage && canDo(v.status, 'release'),
      setMembers: manage && canDo(v.status, 'set_members'),
      submit: manage && canDo(v.status, 'submit'),
      return: admin && canDo(v.status, 'return'),
      grade: admin && canDo(v.status, 'grade'),
      withdraw: admin && canDo(v.status, 'withdraw'),
      reopen: admin && canDo(v.status, 'reopen'),
      setActivities: manage && canDo(v.status, 'set_activities'),
    },
  };
}

/** The deputies the claimant would name: its serving deputies (a station) or its members (a group). */
export async function suggestedMembers(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  const v = await findTopicView(ctx.db, townId, id);
  if (!v) throw new NotFoundError('调研课题');
  assertManage(ctx, v);
  const claimant = claimantOf(v);
  if (!claimant) throw new InvalidTransitionError('课题尚未认领，没有可推荐的代表');
  const deputies = await claimantDeputies(ctx.db, townId, claimant.type, claimant.id);
  return { claimant, deputies };
}

/** The report file, for the town's staff and for the deputies who take part in the topic. */
export async function reportFileRow(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  const t = await topicOfTown(ctx.db, townId, id);
  if (ctx.principal.role === 'deputy' && !(await isMember(ctx.db, townId, id, deputyOf(ctx)))) throw new NotFoundError('调研课题');
  if (!t.reportFileId) throw new NotFoundError('调研报告');
  const [row] = await findFiles(ctx.db, townId, [t.reportFileId]);
  if (!row) throw new NotFoundError('调研报告');
  return row;
}

// ---- Writes ----

/** Publish a topic (发布课题): the town's admins, for a year, with a due date. */
export async function createTopic(ctx: Ctx, input: z.infer<typeof TopicInput>, now = new Date()) {
  assertAdmin(ctx);
  const townId = townOf(ctx);
  const bad = dueDateProblem(input.year, input.dueDate);
  if (bad) throw ValidationError.field('body.dueDate', bad);
  const id = await retryOnUniqueViolation(() =>
    ctx.db.transaction().execute(async (trx) => {
      await lockTownCodes(trx, townId);
      const ts = now.toISOString();
      const row: TopicRow = {
        id: newId(),
        townId,
        code: await nextTopicCode(trx, townId),
        year: input.year,
        title: input.title,
        description: input.description ?? '',
        dueDate: input.dueDate,
        status: 'open',
        claimantType: null,
        stationId: null,
        groupId: null,
        claimedAt: null,
        claimedBy: null,
        reportFileId: null,
        reportSummary: '',
        submittedAt: null,
        submittedBy: null,
        returnNote: '',
        grade: null,
        gradeComment: '',
        gradedAt: null,
        gradedBy: null,
        version: 1,
        createdBy: ctx.principal.userId,
        createdAt: ts,
        updatedAt: ts,
      };
      await trx.insertInto('researchTopic').values(row).execute();
      await recordAudit(trx, ctx, {
        entity: 'research_topic',
        entityId: row.id,
        action: 'create',
        summary: `发布调研课题 ${row.code} ${row.title}`,
        after: auditView(row, null),
      });
      return row.id;
    }),
  );
  return getTopic(ctx, id, now);
}

/**
 * One write of a topic: load it in the transaction (404 for another town's), let `change` check the
 * caller and the rules and say what to write, then write it under the version lock with its audit event.
 */
async function changeTopic(
  ctx: Ctx,
  id: string,
  version: number,
  now: Date,
  change: (
    trx: Kysely<DB>,
    before: TopicView,
  ) => Promise<{ patch: Partial<TopicRow>; action: string; summary: string; claimant?: string | null; members?: NewMember[] }>,
) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findTopicView(trx, townId, id);
    if (!before) throw new NotFoundError('调研课题');
    const { patch, action, summary, claimant, members } = await change(trx, before);
    const after: TopicRow = { ...before, ...patch };
    const names =
      before.reportFileId || after.reportFileId
        ? await findFiles(
            trx,
            townId,
            [before.reportFileId, after.reportFileId].filter((x): x is string => !!x),
          )
        : [];
    const nameOf = (fid: string | null) => names.find((f) => f.id === fid)?.name ?? null;
    await updateTopicRow(trx, townId, id, version, { ...patch, updatedAt: now.toISOString() });
    const beforeMembers = members ? ((await membersOf(trx, townId, [id])).get(id) ?? []) : undefined;
    await recordAudit(trx, ctx, {
      entity: 'research_topic',
      entityId: id,
      action,
      summary: `${summary} ${before.code} ${after.title}`,
      before: auditView(before, claimantName(before), beforeMembers, nameOf(before.reportFileId)),
      after: auditView(after, claimant === undefined ? claimantName(before) : claimant, members, nameOf(after.reportFileId)),
    });
    // Replaced only after the audit has read the members as they were.
    if (members) await replaceMembers(trx, townId, id, members);
  });
  return getTopic(ctx, id, now);
}

export function updateTopic(ctx: Ctx, id: string, input: z.infer<typeof TopicUpdate>, now = new Date()) {
  assertAdmin(ctx);
  return changeTopic(ctx, id, input.version, now, async (_trx, before) => {
    nextStatus(before.status, 'edit');
    const year = input.year ?? before.year;
    const dueDate = input.dueDate ?? before.dueDate;
    const bad = dueDateProblem(year, dueDate);
    if (bad) throw ValidationError.field(input.dueDate !== undefined ? 'body.dueDate' : 'body.year', bad);
    return {
      patch: { year, dueDate, title: input.title ?? before.title, description: input.description ?? before.description },
      action: 'update',
      summary: '修改调研课题',
    };
  });
}

/** Resolve the claimant named in a claim: a station or a group of this town, else 400 naming the field. */
async function resolveClaimant(db: Kysely<DB>, townId: string, type: ResearchClaimantType, id: string) {
  if (type === 'station') {
    const s = await stationOfTown(db, townId, id);
    if (!s) throw ValidationError.field('body.claimantId', '联络站不存在或不属于本镇');
    return { stationId: s.id, groupId: null, name: s.name };
  }
  const g = await groupOfTown(db, townId, id);
  if (!g) throw ValidationError.field('body.claimantId', '代表小组不存在或不属于本镇');
  return { stationId: null, groupId: g.id, name: g.name };
}

/** Claim (认领) an open topic for a station or a group: admins for any, a liaison only for their own station. */
export function claimTopic(ctx: Ctx, id: string, input: z.infer<typeof ClaimInput>, now = new Date()) {
  return changeTopic(ctx, id, input.version, now, async (trx, before) => {
    const target = { claimantType: input.claimantType, stationId: input.claimantType === 'station' ? input.claimantId : null };
    if (!canManageClaim(ctx.principal, target)) throw new ForbiddenError('联络员只能为本联络站认领课题');
    const status = nextStatus(before.status, 'claim');
    const c = await resolveClaimant(trx, townOf(ctx), input.claimantType, input.claimantId);
    return {
      patch: {
        status,
        claimantType: input.claimantType,
        stationId: c.stationId,
        groupId: c.groupId,
        claimedAt: now.toISOString(),
        claimedBy: ctx.principal.userId,
      },
      action: 'claim',
      summary: `${c.name} 认领调研课题`,
      claimant: c.name,
    };
  });
}

/** What a topic holds of its claimant; cleared when the claim is given back or the topic published again. */
const UNCLAIMED = {
  claimantType: null,
  stationId: null,
  groupId: null,
  claimedAt: null,
  claimedBy: null,
  returnNote: '',
  reportFileId: null,
  reportSummary: '',
  submittedAt: null,
  submittedBy: null,
} as const;

/** Give a claimed topic back (退回认领) before any report: it is open again, without claimant or members. */
export function releaseTopic(ctx: Ctx, id: string, input: z.infer<typeof VersionInput>, now = new Date()) {
  return changeTopic(ctx, id, input.version, now, async (trx, before) => {
    assertManage(ctx, before);
    const status = nextStatus(before.status, 'release');
    // The deputies were the claimant's; whoever claims next names their own.
    await replaceActivities(trx, townOf(ctx), id, []);
    return {
      // The report was the claimant's too (a sent-back one may still be attached): it goes with them.
      patch: { status, ...UNCLAIMED },
      action: 'release_claim',
      summary: `${claimantName(before) ?? ''} 放弃认领调研课题`,
      claimant: null,
      members: [],
    };
  });
}

/** The deputies who take part: deputies of the town, no one twice, at most one lead; newly added ones must be serving. */
export function setMembers(ctx: Ctx, id: string, input: z.infer<typeof MembersInput>, now = new Date()) {
  return changeTopic(ctx, id, input.version, now, async (trx, before) => {
    assertManage(ctx, before);
    nextStatus(before.status, 'set_members');
    const problem = membersProblem(input.members);
    if (problem) throw ValidationError.field('body.members', problem);
    const townId = townOf(ctx);
    const ids = input.members.map((m) => m.deputyId);
    const [found, current] = await Promise.all([deputiesIn(trx, townId, ids), membersOf(trx, townId, [id])]);
    const byId = new Map(found.map((d) => [d.id, d]));
    const missing = ids.findIndex((d) => !byId.has(d));
    if (missing >= 0) throw ValidationError.field(`body.members[${missing}].deputyId`, '代表不存在或不属于本镇');
    const kept = new Set((current.get(id) ?? []).map((m) => m.deputyId));
    const notServing = ids.findIndex((d) => !kept.has(d) && byId.get(d)?.status !== 'serving');
    if (notServing >= 0) throw ValidationError.field(`body.members[${notServing}].deputyId`, `${byId.get(ids[notServing])?.name} 已不在任，不能新加入课题`);
    const members = input.members.map((m) => {
      const d = byId.get(m.deputyId) as { code: string; name: string };
      return { deputyId: m.deputyId, code: d.code, name: d.name, role: m.role };
    });
    return { patch: {}, action: 'set_participants', summary: `调整调研课题参与代表（${members.length} 名）`, members };
  });
}

/** Submit the report (提交调研报告): a document uploaded first, and a short summary. Again before grading replaces it. */
export function submitReport(ctx: Ctx, id: string, input: z.infer<typeof ReportInput>, now = new Date()) {
  return changeTopic(ctx, id, input.version, now, async (trx, before) => {
    assertManage(ctx, before);
    const status = nextStatus(before.status, 'submit');
    const problem = reportProblem(await memberCount(trx, townOf(ctx), id));
    if (problem) throw ValidationError.field('body.members', problem);
    await requireFiles({ ...ctx, db: trx }, [input.reportFileId], 'body.reportFileId', DOCUMENT_KINDS);
    return {
      patch: {
        status,
        reportFileId: input.reportFileId,
        reportSummary: input.reportSummary ?? before.reportSummary,
        submittedAt: now.toISOString(),
        submittedBy: ctx.principal.userId,
      },
      action: before.status === 'submitted' ? 'resubmit_report' : 'submit_report',
      summary: before.status === 'submitted' ? '更新调研报告' : '提交调研报告',
    };
  });
}

/** Send a report back for rework (退回修改), saying why; the claimant submits again. */
export function returnReport(ctx: Ctx, id: string, input: z.infer<typeof ReturnInput>, now = new Date()) {
  assertAdmin(ctx);
  return changeTopic(ctx, id, input.version, now, async (_trx, before) => ({
    patch: { status: nextStatus(before.status, 'return'), returnNote: input.returnNote },
    action: 'return_report',
    summary: '退回调研报告',
  }));
}

/** Grade the report (评定等次) — only once it is in; grading again corrects the grade. */
export function gradeTopic(ctx: Ctx, id: string, input: z.infer<typeof GradeInput>, now = new Date()) {
  assertAdmin(ctx);
  return changeTopic(ctx, id, input.version, now, async (_trx, before) => ({
    patch: {
      status: nextStatus(before.status, 'grade'),
      grade: input.grade,
      gradeComment: input.gradeComment ?? (before.status === 'graded' ? before.gradeComment : ''),
      gradedAt: now.toISOString(),
      gradedBy: ctx.principal.userId,
    },
    action: before.status === 'graded' ? 'regrade' : 'grade',
    summary: `评定调研课题为“${GRADE_LABEL[input.grade]}”：`,
  }));
}

/** Withdraw (撤销) a topic nobody has reported on yet. */
export function withdrawTopic(ctx: Ctx, id: string, input: z.infer<typeof VersionInput>, now = new Date()) {
  assertAdmin(ctx);
  return changeTopic(ctx, id, input.version, now, async (_trx, before) => ({
    patch: { status: nextStatus(before.status, 'withdraw') },
    action: 'withdraw_topic',
    summary: '撤销调研课题',
  }));
}

/** Publish a withdrawn topic again: it is open to claim, without the old claimant or members. */
export function reopenTopic(ctx: Ctx, id: string, input: z.infer<typeof VersionInput>, now = new Date()) {
  assertAdmin(ctx);
  return changeTopic(ctx, id, input.version, now, async (trx, before) => {
    const status = nextStatus(before.status, 'reopen');
    await replaceActivities(trx, townOf(ctx), id, []);
    return {
      // The report was the claimant's too (a sent-back one may still be attached): it goes with them.
      patch: { status, ...UNCLAIMED },
      action: 'reopen_topic',
      summary: '重新发布调研课题',
      claimant: null,
      members: [],
    };
  });
}

/** Link the research activities (视察调研 kinds) held for the topic: activities of the town whose kind counts as research. */
export function setActivities(ctx: Ctx, id: string, input: z.infer<typeof ActivitiesInput>, now = new Date()) {
  return changeTopic(ctx, id, input.version, now, async (trx, before) => {
    assertManage(ctx, before);
    nextStatus(before.status, 'set_activities');
    const townId = townOf(ctx);
    const ids = [...new Set(input.activityIds)];
    const found = new Map((await activitiesIn(trx, townId, ids)).map((a) => [a.id, a]));
    const missing = ids.find((a) => !found.has(a));
    if (missing) throw ValidationError.field('body.activityIds', `活动不存在或不属于本镇：${missing}`);
    const other = ids.map((a) => found.get(a)).find((a) => a?.countsAs !== 'research');
    if (other) throw ValidationError.field('body.activityIds', `活动 ${other.code} ${other.title} 不是调研类活动`);
    await replaceActivities(trx, townId, id, ids);
    return { patch: {}, action: 'link_activities', summary: `关联调研活动（${ids.length} 次）` };
  });
}
