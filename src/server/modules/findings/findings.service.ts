import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { lockTownCodes, retryOnUniqueViolation } from '../../db/unique.ts';
import { ConflictError, type FieldIssue, ForbiddenError, InvalidTransitionError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { queryTerms, searchText } from '../../lib/search-text.ts';
import { todayInChina } from '../../lib/time.ts';
import { canManageActivity } from '../activities/activities.rules.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { IMAGE_KINDS } from '../files/files.rules.ts';
import { requireFiles } from '../files/files.service.ts';
import {
  type FindingView,
  type NoticeOfFinding,
  activityForFinding,
  deputiesIn,
  findFindingView,
  findNotice,
  findingViewsIn,
  listFindingViews,
  nextFindingCode,
  noticeFindingIds,
  noticeNumbers,
  noticesOf,
  photosOf,
  reinspectionsOf,
  replacePhotos,
  totalsFacts,
  unitsIn,
  villageIn,
} from './findings.repo.ts';
import {
  type FindingAction,
  type FindingFacts,
  type FindingStatus,
  findingActions,
  findingActivityAllowed,
  findingTotals,
  findingTransition,
  isOverdue,
  suggestNoticeNumber,
} from './findings.rules.ts';
import type { CloseInput, FindingInput, FindingQuery, FindingUpdate, NoticeInput, ReinspectionInput, ReopenInput, VersionInput } from './findings.schemas.ts';

/*
 * Findings and rectification. Who: town and county admins for every activity of the town; a liaison for
 * the activities their station organised (the activities area's own rule, canManageActivity) — they read
 * and write those findings only. Deputies and handlers have no access (staff-only, decided for this first
 * slice: a deputy sees the inspection itself in the activities area). Another town's record is 404.
 */

const STALE = '该问题已被他人修改，请刷新后再操作';
const SEVERITY_LABEL = { minor: '一般', general: '较重', major: '重大' } as const;
const STATUS_LABEL: Record<FindingStatus, string> = { open: '待整改', rectifying: '整改中', reinspected: '已复查', closed: '已销号' };

type Actor = Ctx['principal'];
const activityOf = (f: FindingView) => ({ organiserType: f.activityOrganiserType, stationId: f.activityStationId });

/** A finding the caller may read and write: 404 for another town's, or (a liaison) another station's activity. */
async function visible(ctx: Ctx, db: Kysely<DB>, id: string): Promise<FindingView> {
  const f = await findFindingView(db, townOf(ctx), id);
  if (!f || !canManageActivity(ctx.principal, activityOf(f))) throw new NotFoundError('问题');
  return f;
}

function responsibleOf(f: FindingView): string {
  if (f.responsibleType === 'unit') return f.responsibleUnitName ?? '';
  if (f.responsibleType === 'village') return f.responsibleVillageName ?? '';
  return f.responsibleName;
}

function lastNotice(notices: readonly NoticeOfFinding[]): NoticeOfFinding | null {
  return notices.length ? notices[notices.length - 1] : null;
}

function present(f: FindingView, notices: readonly NoticeOfFinding[], today: string) {
  const n = lastNotice(notices);
  return {
    id: f.id,
    code: f.code,
    activity: { id: f.activityId, title: f.activityTitle, startAt: f.activityStartAt },
    foundOn: f.foundOn,
    description: f.description,
    place: f.place,
    responsibleType: f.responsibleType,
    responsibleUnit: f.responsibleUnitId ? { id: f.responsibleUnitId, name: f.responsibleUnitName ?? '' } : null,
    responsibleVillage: f.responsibleVillageId ? { id: f.responsibleVillageId, name: f.responsibleVillageName ?? '' } : null,
    responsibleName: f.responsibleName,
    responsible: responsibleOf(f),
    severity: f.severity,
    status: f.status,
    notice: n ? { id: n.id, number: n.number, issuedOn: n.issuedOn, deadline: n.deadline } : null,
    overdue: isOverdue(f.status, n?.deadline ?? null, today),
    closedOn: f.closedOn,
    version: f.version,
  };
}

async function presentMany(db: Kysely<DB>, townId: string, rows: FindingView[], today: string) {
  const notices = await noticesOf(
    db,
    townId,
    rows.map((r) => r.id),
  );
  const by = new Map<string, NoticeOfFinding[]>();
  for (const n of notices) by.set(n.findingId, [...(by.get(n.findingId) ?? []), n]);
  return rows.map((r) => present(r, by.get(r.id) ?? [], today));
}

function auditView(f: Pick<FindingView, 'code' | 'foundOn' | 'description' | 'place' | 'severity' | 'status'> & { responsible: string }) {
  return {
    code: f.code,
    foundOn: f.foundOn,
    description: f.description,
    place: f.place,
    responsible: f.responsible,
    severity: SEVERITY_LABEL[f.severity],
    status: STATUS_LABEL[f.status],
  };
}

// ---- Reads ----

export async function listFindings(ctx: Ctx, q: z.infer<typeof FindingQuery>, now = new Date()) {
  const townId = townOf(ctx);
  const p = ctx.principal;
  if (q.from && q.to && q.to < q.from) throw ValidationError.field('querystring.to', '结束日期不能早于开始日期');
  if (p.role === 'liaison' && !p.stationId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const today = todayInChina(now);
  const text = q.q?.trim() || undefined;
  const { rows, total } = await listFindingViews(ctx.db, townId, {
    status: q.status,
    overdueOn: q.overdue === '1' ? today : undefined,
    activityId: q.activityId,
    unitId: q.unitId,
    villageId: q.villageId,
    severity: q.severity,
    terms: text ? queryTerms(text) : undefined,
    text,
    from: q.from,
    to: q.to,
    stationId: p.role === 'liaison' ? (p.stationId ?? undefined) : undefined,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: await presentMany(ctx.db, townId, rows, today), total, page: q.page, pageSize: q.pageSize };
}

export async function getFinding(ctx: Ctx, id: string, now = new Date()) {
  const townId = townOf(ctx);
  const f = await visible(ctx, ctx.db, id);
  const [notices, photos, re] = await Promise.all([noticesOf(ctx.db, townId, [id]), photosOf(ctx.db, townId, id), reinspectionsOf(ctx.db, townId, [id])]);
  const hasNotice = notices.length > 0;
  return {
    ...present(f, notices, todayInChina(now)),
    closeReason: f.closeReason,
    photos: photos.map((ph) => ({ id: ph.id, name: ph.name, url: `/api/v1/findings/${id}/files/${ph.id}` })),
    notices: notices.map((n) => ({ id: n.id, number: n.number, issuedOn: n.issuedOn, deadline: n.deadline })),
    reinspections: re.rows.map((r) => ({
      id: r.id,
      date: r.date,
      result: r.result,
      notes: r.notes,
      deputies: re.deputies.filter((d) => d.reinspectionId === r.id).map((d) => ({ id: d.id, name: d.name })),
      noticeId: r.noticeId,
      recordedAt: r.recordedAt,
    })),
    actions: findingActions(f.status),
    can: { edit: true, delete: f.status === 'open' && !hasNotice },
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
  };
}

/** A photo of a finding the caller may read. */
export async function findingPhoto(ctx: Ctx, id: string, fileId: string) {
  const townId = townOf(ctx);
  await visible(ctx, ctx.db, id);
  const photos = await photosOf(ctx.db, townId, id);
  if (!photos.some((p) => p.id === fileId)) throw new NotFoundError('照片');
  const [row] = await requireFiles(ctx, [fileId], 'fileId');
  return row;
}

// ---- Writing findings ----

type Fields = Pick<z.infer<typeof FindingInput>, 'responsibleType' | 'responsibleUnitId' | 'responsibleVillageId' | 'responsibleName'>;

/** The responsible party: a unit or village of the town by id, an enterprise or other by name. */
async function resolveResponsible(db: Kysely<DB>, townId: string, r: Fields) {
  if (r.responsibleType === 'unit') {
    if (!r.responsibleUnitId) throw ValidationError.field('body.responsibleUnitId', '请选择责任单位');
    const u = await unitsIn(db, townId, r.responsibleUnitId);
    if (!u) throw ValidationError.field('body.responsibleUnitId', '单位不存在或不属于本镇');
    return { responsibleUnitId: u.id, responsibleVillageId: null, responsibleName: '', name: u.name };
  }
  if (r.responsibleType === 'village') {
    if (!r.responsibleVillageId) throw ValidationError.field('body.responsibleVillageId', '请选择责任村(社区)');
    const v = await villageIn(db, townId, r.responsibleVillageId);
    if (!v) throw ValidationError.field('body.responsibleVillageId', '村(社区)不存在或不属于本镇');
    return { responsibleUnitId: null, responsibleVillageId: v.id, responsibleName: '', name: v.name };
  }
  const name = r.responsibleName?.trim() ?? '';
  if (!name) throw ValidationError.field('body.responsibleName', r.responsibleType === 'enterprise' ? '请填写企业名称' : '请填写责任方名称');
  return { responsibleUnitId: null, responsibleVillageId: null, responsibleName: name, name };
}

function assertFoundOn(foundOn: string, today: string) {
  if (foundOn > today) throw ValidationError.field('body.foundOn', '发现日期不能晚于今天');
}

/** Record a finding at an inspection or check (登记问题). */
export async function createFinding(ctx: Ctx, input: z.infer<typeof FindingInput>, now = new Date()) {
  const townId = townOf(ctx);
  const today = todayInChina(now);
  // Checked before the transaction: requireFiles reads through ctx.db, which SQLite's one connection would
  // make wait for the transaction that holds it.
  const fileIds = [...new Set(input.fileIds ?? [])];
  await requireFiles(ctx, fileIds, 'body.fileIds', IMAGE_KINDS);
  const id = await retryOnUniqueViolation(() =>
    ctx.db.transaction().execute(async (trx) => {
      await lockTownCodes(trx, townId);
      const a = await activityForFinding(trx, townId, input.activityId);
      if (!a) throw ValidationError.field('body.activityId', '活动不存在或不属于本镇');
      if (!canManageActivity(ctx.principal, a)) throw new ForbiddenError('联络员只能为本联络站组织的活动登记问题');
      if (!findingActivityAllowed(a.countsAs)) throw ValidationError.field('body.activityId', '只有视察、检查、调研类活动可以登记问题');
      assertFoundOn(input.foundOn, today);
      const resp = await resolveResponsible(trx, townId, input);
      const ts = now.toISOString();
      const row = {
        id: newId(),
        townId,
        code: await nextFindingCode(trx, townId),
        activityId: a.id,
        foundOn: input.foundOn,
        description: input.description,
        place: input.place?.trim() ?? '',
        responsibleType: input.responsibleType,
        responsibleUnitId: resp.responsibleUnitId,
        responsibleVillageId: resp.responsibleVillageId,
        responsibleName: resp.responsibleName,
        severity: input.severity,
        status: 'open' as const,
        closedOn: null,
        closeReason: '',
        searchText: searchText(input.description, input.place, resp.name),
        version: 1,
        createdBy: ctx.principal.userId,
        createdAt: ts,
        updatedAt: ts,
      };
      await trx.insertInto('finding').values(row).execute();
      await replacePhotos(trx, townId, row.id, fileIds);
      await recordAudit(trx, ctx, {
        entity: 'finding',
        entityId: row.id,
        action: 'create',
        summary: `登记问题 ${row.code}（${a.title}）`,
        after: { ...auditView({ ...row, responsible: resp.name }), activity: a.title, photos: fileIds.length },
      });
      return row.id;
    }),
  );
  return getFinding(ctx, id, now);
}

async function bumpVersion(trx: Kysely<DB>, townId: string, id: string, version: number, patch: Record<string, unknown>) {
  const res = await trx
    .updateTable('finding')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('townId', '=', townId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new ConflictError(STALE);
}

export async function updateFinding(ctx: Ctx, id: string, input: z.infer<typeof FindingUpdate>, now = new Date()) {
  const townId = townOf(ctx);
  let photos: string[] | null = null;
  if (input.fileIds !== undefined && input.fileIds !== null) {
    photos = [...new Set(input.fileIds)];
    await visible(ctx, ctx.db, id);
    const current = new Set((await photosOf(ctx.db, townId, id)).map((p) => p.id));
    // Photos already on the finding stay acceptable; new ones must be images. Checked before the
    // transaction (requireFiles reads through ctx.db).
    await requireFiles(
      ctx,
      photos.filter((p) => !current.has(p)),
      'body.fileIds',
      IMAGE_KINDS,
    );
  }
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visible(ctx, trx, id);
    if (before.version !== input.version) throw new ConflictError(STALE, { currentVersion: before.version });
    if (input.foundOn) assertFoundOn(input.foundOn, todayInChina(now));
    const respIn = {
      responsibleType: input.responsibleType ?? before.responsibleType,
      responsibleUnitId: input.responsibleUnitId !== undefined ? input.responsibleUnitId : before.responsibleUnitId,
      responsibleVillageId: input.responsibleVillageId !== undefined ? input.responsibleVillageId : before.responsibleVillageId,
      responsibleName: input.responsibleName !== undefined ? input.responsibleName : before.responsibleName,
    };
    const resp = await resolveResponsible(trx, townId, respIn);
    const after = {
      foundOn: input.foundOn ?? before.foundOn,
      description: input.description ?? before.description,
      place: input.place !== undefined ? (input.place?.trim() ?? '') : before.place,
      responsibleType: respIn.responsibleType,
      responsibleUnitId: resp.responsibleUnitId,
      responsibleVillageId: resp.responsibleVillageId,
      responsibleName: resp.responsibleName,
      severity: input.severity ?? before.severity,
    };
    await bumpVersion(trx, townId, id, input.version, {
      ...after,
      searchText: searchText(after.description, after.place, resp.name),
      updatedAt: now.toISOString(),
    });
    if (photos) await replacePhotos(trx, townId, id, photos);
    await recordAudit(trx, ctx, {
      entity: 'finding',
      entityId: id,
      action: 'update',
      summary: `修改问题 ${before.code}`,
      before: auditView({ ...before, responsible: responsibleOf(before) }),
      after: auditView({ ...before, ...after, responsible: resp.name }),
    });
  });
  return getFinding(ctx, id, now);
}

/** Delete a finding recorded by mistake: only while open and never covered by a notice. */
export async function deleteFinding(ctx: Ctx, id: string, input: z.infer<typeof VersionInput>) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const f = await visible(ctx, trx, id);
    if (f.version !== input.version) throw new ConflictError(STALE, { currentVersion: f.version });
    const notices = await noticesOf(trx, townId, [id]);
    if (f.status !== 'open' || notices.length) throw new InvalidTransitionError('已下发整改通知的问题不能删除，可销号');
    await trx.deleteFrom('findingFile').where('townId', '=', townId).where('findingId', '=', id).execute();
    await trx.deleteFrom('finding').where('townId', '=', townId).where('id', '=', id).execute();
    await recordAudit(trx, ctx, {
      entity: 'finding',
      entityId: id,
      action: 'delete',
      summary: `删除问题 ${f.code}`,
      before: auditView({ ...f, responsible: responsibleOf(f) }),
    });
  });
  return { ok: true as const };
}

// ---- Lifecycle ----

function transition(f: FindingView, action: FindingAction): FindingStatus {
  const next = findingTransition(f.status, action);
  const words: Record<FindingAction, string> = {
    issue_notice: '下发整改通知',
    reinspect_fixed: '复查',
    reinspect_not_fixed: '复查',
    close: '销号',
    reopen: '重新打开',
  };
  if (!next) throw new InvalidTransitionError(`问题 ${f.code} 当前为“${STATUS_LABEL[f.status]}”，不能${words[action]}`);
  return next;
}

/** Suggested next notice number (the office's own numbering carried on). */
export async function nextNoticeNumber(ctx: Ctx, year: number | undefined, now = new Date()) {
  const y = year ?? Number(todayInChina(now).slice(0, 4));
  return { number: suggestNoticeNumber(await noticeNumbers(ctx.db, townOf(ctx)), y) };
}

/** Issue a rectification notice (下发限期整改通知书) for one or more findings: open → rectifying. */
export async function issueNotice(ctx: Ctx, input: z.infer<typeof NoticeInput>, now = new Date()) {
  const townId = townOf(ctx);
  const issues: FieldIssue[] = [];
  if (input.deadline < input.issuedOn) issues.push({ field: 'body.deadline', message: '整改期限不能早于签发日期' });
  if (issues.length) throw ValidationError.of(issues);
  const ids = [...new Set(input.findingIds)];
  const noticeId = await ctx.db.transaction().execute(async (trx) => {
    const rows = await findingViewsIn(trx, townId, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    input.findingIds.forEach((fid, i) => {
      const f = byId.get(fid);
      if (!f || !canManageActivity(ctx.principal, activityOf(f))) issues.push({ field: `body.findingIds[${i}]`, message: '问题不存在或不属于本镇' });
    });
    if (issues.length) throw ValidationError.of(issues);
    const existing = await noticesOf(trx, townId, ids);
    const re = await reinspectionsOf(trx, townId, ids);
    for (const f of rows) {
      transition(f, 'issue_notice');
      if (f.status === 'rectifying') {
        // A finding has one notice in force: a new one only after a re-inspection found it not fixed.
        const current = lastNotice(existing.filter((n) => n.findingId === f.id));
        const lastRe = re.rows.filter((r) => r.findingId === f.id).at(-1);
        if (current && !(lastRe && lastRe.result === 'not_fixed' && lastRe.recordedAt >= current.createdAt)) {
          throw new InvalidTransitionError(`问题 ${f.code} 已有在期的整改通知（${current.number}），复查未整改后才能重新下发`);
        }
      }
    }
    const dup = await trx.selectFrom('rectificationNotice').select('id').where('townId', '=', townId).where('number', '=', input.number).executeTakeFirst();
    if (dup) throw new ConflictError(`通知书文号“${input.number}”已存在`, { issues: [{ field: 'body.number', message: '已存在' }] });
    const ts = now.toISOString();
    const notice = {
      id: newId(),
      townId,
      number: input.number,
      issuedOn: input.issuedOn,
      deadline: input.deadline,
      addressee: input.addressee,
      content: input.content?.trim() ?? '',
      fileId: null,
      createdBy: ctx.principal.userId,
      createdAt: ts,
    };
    await trx.insertInto('rectificationNotice').values(notice).execute();
    await trx
      .insertInto('noticeFinding')
      .values(rows.map((f) => ({ noticeId: notice.id, findingId: f.id, townId })))
      .execute();
    for (const f of rows) await bumpVersion(trx, townId, f.id, f.version, { status: 'rectifying', updatedAt: ts });
    await recordAudit(trx, ctx, {
      entity: 'rectification_notice',
      entityId: notice.id,
      action: 'create',
      summary: `下发整改通知书 ${notice.number}（${rows.map((r) => r.code).join('、')}）`,
      after: {
        number: notice.number,
        issuedOn: notice.issuedOn,
        deadline: notice.deadline,
        addressee: notice.addressee,
        findings: rows.map((r) => r.code).join('、'),
      },
    });
    return notice.id;
  });
  return getNotice(ctx, noticeId, now);
}

export async function getNotice(ctx: Ctx, id: string, now = new Date()) {
  const townId = townOf(ctx);
  const n = await findNotice(ctx.db, townId, id);
  if (!n) throw new NotFoundError('整改通知书');
  const rows = await findingViewsIn(ctx.db, townId, await noticeFindingIds(ctx.db, townId, id));
  // A liaison reads the notices of their station's findings only.
  if (!rows.some((f) => canManageActivity(ctx.principal, activityOf(f)))) throw new NotFoundError('整改通知书');
  const town = await ctx.db.selectFrom('town').select('name').where('id', '=', townId).executeTakeFirstOrThrow();
  return {
    id: n.id,
    number: n.number,
    issuedOn: n.issuedOn,
    deadline: n.deadline,
    addressee: n.addressee,
    content: n.content,
    townName: town.name,
    findings: await presentMany(ctx.db, townId, rows, todayInChina(now)),
    createdAt: n.createdAt,
  };
}

/** Record a re-inspection (复查): fixed → reinspected; not fixed → stays rectifying. */
export async function recordReinspection(ctx: Ctx, id: string, input: z.infer<typeof ReinspectionInput>, now = new Date()) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const f = await visible(ctx, trx, id);
    if (f.version !== input.version) throw new ConflictError(STALE, { currentVersion: f.version });
    const next = transition(f, input.result === 'fixed' ? 'reinspect_fixed' : 'reinspect_not_fixed');
    const notice = lastNotice(await noticesOf(trx, townId, [id]));
    if (input.date > todayInChina(now)) throw ValidationError.field('body.date', '复查日期不能晚于今天');
    if (notice && input.date < notice.issuedOn) throw ValidationError.field('body.date', '复查日期不能早于整改通知的签发日期');
    const deputyIds = [...new Set(input.deputyIds ?? [])];
    const deputies = await deputiesIn(trx, townId, deputyIds);
    const known = new Set(deputies.map((d) => d.id));
    const bad = (input.deputyIds ?? []).findIndex((d) => !known.has(d));
    if (bad >= 0) throw ValidationError.field(`body.deputyIds[${bad}]`, '代表不存在或不属于本镇');
    const ts = now.toISOString();
    const row = {
      id: newId(),
      townId,
      findingId: id,
      noticeId: notice?.id ?? null,
      date: input.date,
      result: input.result,
      notes: input.notes?.trim() ?? '',
      recordedBy: ctx.principal.userId,
      recordedAt: ts,
    };
    await trx.insertInto('reinspection').values(row).execute();
    if (deputyIds.length)
      await trx
        .insertInto('reinspectionDeputy')
        .values(deputyIds.map((deputyId) => ({ reinspectionId: row.id, deputyId, townId })))
        .execute();
    await bumpVersion(trx, townId, id, f.version, { status: next, updatedAt: ts });
    await recordAudit(trx, ctx, {
      entity: 'finding',
      entityId: id,
      action: 'reinspect',
      summary: `复查问题 ${f.code}：${input.result === 'fixed' ? '已整改' : '未整改'}`,
      before: { status: STATUS_LABEL[f.status] },
      after: { status: STATUS_LABEL[next], date: row.date, notes: row.notes, deputies: deputies.map((d) => d.name).join('、') },
    });
  });
  return getFinding(ctx, id, now);
}

/** Close (销号): from reinspected, or from open with a reason (e.g. fixed on the spot). */
export async function closeFinding(ctx: Ctx, id: string, input: z.infer<typeof CloseInput>, now = new Date()) {
  const townId = townOf(ctx);
  const today = todayInChina(now);
  await ctx.db.transaction().execute(async (trx) => {
    const f = await visible(ctx, trx, id);
    if (f.version !== input.version) throw new ConflictError(STALE, { currentVersion: f.version });
    const next = transition(f, 'close');
    const reason = input.reason?.trim() ?? '';
    if (f.status === 'open' && !reason) throw ValidationError.field('body.reason', '未经复查销号时请填写理由（如当场整改）');
    const closedOn = input.closedOn ?? today;
    if (closedOn > today) throw ValidationError.field('body.closedOn', '销号日期不能晚于今天');
    if (closedOn < f.foundOn) throw ValidationError.field('body.closedOn', '销号日期不能早于发现日期');
    await bumpVersion(trx, townId, id, f.version, { status: next, closedOn, closeReason: reason, updatedAt: now.toISOString() });
    await recordAudit(trx, ctx, {
      entity: 'finding',
      entityId: id,
      action: 'close',
      summary: `问题 ${f.code} 销号`,
      before: { status: STATUS_LABEL[f.status] },
      after: { status: STATUS_LABEL[next], closedOn, reason },
    });
  });
  return getFinding(ctx, id, now);
}

/** Reopen: closed → open, reinspected → rectifying (a re-inspection was recorded wrongly, or the problem came back). */
export async function reopenFinding(ctx: Ctx, id: string, input: z.infer<typeof ReopenInput>, now = new Date()) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const f = await visible(ctx, trx, id);
    if (f.version !== input.version) throw new ConflictError(STALE, { currentVersion: f.version });
    const next = transition(f, 'reopen');
    await bumpVersion(trx, townId, id, f.version, { status: next, closedOn: null, closeReason: '', updatedAt: now.toISOString() });
    await recordAudit(trx, ctx, {
      entity: 'finding',
      entityId: id,
      action: 'reopen',
      summary: `重新打开问题 ${f.code}`,
      before: { status: STATUS_LABEL[f.status], closedOn: f.closedOn, reason: f.closeReason },
      after: { status: STATUS_LABEL[next], reason: input.reason?.trim() ?? '' },
    });
  });
  return getFinding(ctx, id, now);
}

// ---- Totals ----

/** Period totals with the ids each figure counts (findingTotals over the town's records). */
export async function findingTotalsFor(ctx: Ctx, from: string, to: string) {
  if (to < from) throw ValidationError.field('querystring.to', '结束日期不能早于开始日期');
  const townId = townOf(ctx);
  if (ctx.principal.role === 'liaison') throw new ForbiddenError('问题整改统计仅供镇人大查看');
  const { findings, notices, fixes } = await totalsFacts(ctx.db, townId, to);
  const noticesBy = new Map<string, { id: string; issuedOn: string; deadline: string }[]>();
  for (const n of notices) noticesBy.set(n.findingId, [...(noticesBy.get(n.findingId) ?? []), n]);
  const fixedBy = new Map<string, string>();
  for (const r of fixes) fixedBy.set(r.findingId, r.date); // ordered by date: the last one wins
  const facts: FindingFacts[] = findings.map((f) => {
    const ns = noticesBy.get(f.id) ?? [];
    const fixedRe = fixedBy.get(f.id) ?? null;
    let fixedOn: string | null = null;
    if (f.status === 'reinspected') fixedOn = fixedRe;
    else if (f.status === 'closed') fixedOn = fixedRe ?? f.closedOn;
    return {
      id: f.id,
      foundOn: f.foundOn,
      status: f.status,
      deadline: ns.length ? ns[ns.length - 1].deadline : null,
      fixedOn,
      notices: ns.map((n) => ({ id: n.id, issuedOn: n.issuedOn })),
    };
  });
  return { from, to, ...findingTotals(facts, from, to) };
}

export type { Actor };
