import type { Kysely } from 'kysely';
import { lockTownCodes, retryOnUniqueViolation } from '../../db/unique.ts';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { assertVersion, updateVersioned } from '../../db/versioned.ts';
import { NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { type AuditInput, recordAudit, recordAudits } from '../audit/audit.repo.ts';
import { storedRule } from '../stations/stations.service.ts';
import { type ScheduleRule, describeSchedule, expandSchedule, normalizeRule, rangeProblem } from '../stations/schedule.rules.ts';
import { type ActivityRow, type InviteSpec, resolveInvitees } from './activities.repo.ts';
import { MAX_SERIES_OCCURRENCES, type RegenerationPlan, chinaDayStart, occurrenceTimes, planRegeneration } from './activities.rules.ts';
import type { InviteSelector, SeriesCancelInput, SeriesInput, SeriesUpdate } from './activities.schemas.ts';
import { type Organiser, assertManage, auditView, changedOrganiser, freshCodes, parseSpeakers, resolveOrganiser } from './activities.service.ts';
import { checkSelector, inviteTo } from './invitations.service.ts';
import { nextActivityCodes, nextSeriesCode } from './codes.repo.ts';
import { findKind } from './kinds.repo.ts';
import { usableKind } from './kinds.service.ts';
import {
  type SeriesRow,
  cancelOccurrences,
  deleteActivities,
  engagedActivityIds,
  findSeries,
  insertActivities,
  occurrenceCount,
  rewriteOccurrences,
  seriesOccurrences,
} from './series.repo.ts';

type Regenerated = { created: number; updated: number; removed: number; kept: number };

function parseInvite(json: string | null): z.infer<typeof InviteSelector> | null {
  if (!json) return null;
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

/** The dates a rule gives between two dates, or a 400 naming the field that makes it impossible. */
function datesOf(rule: ScheduleRule, fromDate: string, untilDate: string): string[] {
  const problem = rangeProblem(fromDate, untilDate);
  if (problem) throw ValidationError.field(problem.field === 'from' ? 'body.fromDate' : 'body.untilDate', problem.message);
  const dates = expandSchedule(rule, fromDate, untilDate);
  if (!dates.length) throw ValidationError.field('body.rule', '所选日期范围内没有符合规则的日期');
  if (dates.length > MAX_SERIES_OCCURRENCES) {
    throw ValidationError.field('body.untilDate', `一个系列最多 ${MAX_SERIES_OCCURRENCES} 次活动，当前规则会产生 ${dates.length} 次，请缩短日期范围`);
  }
  return dates;
}

async function organiserOf(db: Kysely<DB>, townId: string, s: SeriesRow): Promise<Organiser> {
  return resolveOrganiser(db, townId, s.organiserType, s.organiserType === 'station' ? s.stationId : s.organiserType === 'group' ? s.groupId : null);
}

function seriesAudit(s: SeriesRow, names: { kindName: string; organiserName: string }) {
  const rule = storedRule(s.rule);
  return {
    title: s.title,
    kind: names.kindName,
    organiser: names.organiserName,
    rule: rule ? describeSchedule(rule) : s.rule,
    startTime: s.startTime,
    durationMinutes: s.durationMinutes,
    fromDate: s.fromDate,
    untilDate: s.untilDate,
    place: s.place,
    content: s.content,
    speakers: parseSpeakers(s.speakers).join('、'),
    invite: s.invite,
  };
}

/** New occurrence rows for the given dates, each with its own sign-in code. */
async function occurrenceRows(trx: Kysely<DB>, ctx: Ctx, s: SeriesRow, dates: string[], now: Date): Promise<ActivityRow[]> {
  const codes = await freshCodes(trx, s.townId, dates.length, now);
  const keys = await nextActivityCodes(trx, s.townId, dates.length);
  const ts = now.toISOString();
  return dates.map((date, i) => ({
    id: newId(),
    townId: s.townId,
    code: keys[i],
    seriesId: s.id,
    seriesDate: date,
    title: s.title,
    kindId: s.kindId,
    organiserType: s.organiserType,
    stationId: s.stationId,
    groupId: s.groupId,
    ...occurrenceTimes(date, s.startTime, s.durationMinutes),
    place: s.place,
    content: s.content,
    speakers: s.speakers,
    outcomes: '',
    status: 'planned' as const,
    moved: 0,
    detached: 0,
    signInCode: codes[i],
    version: 1,
    createdBy: ctx.principal.userId,
    createdAt: ts,
    updatedAt: ts,
  }));
}

async function inviteSpec(trx: Kysely<DB>, townId: string, invite: z.infer<typeof InviteSelector> | null | undefined): Promise<InviteSpec | null> {
  return invite ? checkSelector(trx, townId, invite, 'body.invite') : null;
}

export async function getSeries(ctx: Ctx, id: string, regenerated: Regenerated | null = null) {
  const townId = townOf(ctx);
  const s = await findSeries(ctx.db, townId, id);
  if (!s) throw new NotFoundError('活动系列');
  const [kind, org, count] = await Promise.all([findKind(ctx.db, townId, s.kindId), organiserOf(ctx.db, townId, s), occurrenceCount(ctx.db, townId, id)]);
  const rule = storedRule(s.rule) as ScheduleRule;
  return {
    id: s.id,
    code: s.code,
    title: s.title,
    kindId: s.kindId,
    kindName: kind?.name ?? '',
    organiserType: s.organiserType,
    organiserId: org.stationId ?? org.groupId,
    organiserName: org.organiserName,
    rule,
    ruleText: describeSchedule(rule),
    startTime: s.startTime,
    durationMinutes: s.durationMinutes,
    fromDate: s.fromDate,
    untilDate: s.untilDate,
    place: s.place,
    content: s.content,
    speakers: parseSpeakers(s.speakers),
    invite: parseInvite(s.invite),
    occurrenceCount: count,
    regenerated,
    version: s.version,
  };
}

/**
 * A recurring series and all its occurrences, from `fromDate` (past dates included, so that a year
 * already under way can be recorded) to `untilDate`; the invite selector, if any, invites its deputies
 * to every occurrence.
 */
export async function createSeries(ctx: Ctx, input: z.infer<typeof SeriesInput>, now = new Date()) {
  const townId = townOf(ctx);
  const result = await retryOnUniqueViolation(() =>
    ctx.db.transaction().execute(async (trx) => {
      await lockTownCodes(trx, townId);
      const kind = await usableKind(trx, townId, input.kindId);
      const org = await resolveOrganiser(trx, townId, input.organiserType, input.organiserId);
      assertManage(ctx, org);
      const rule = normalizeRule(input.rule as ScheduleRule);
      const dates = datesOf(rule, input.fromDate, input.untilDate);
      const spec = await inviteSpec(trx, townId, input.invite);
      const ts = now.toISOString();
      const s: SeriesRow = {
        id: newId(),
        townId,
        code: await nextSeriesCode(trx, townId),
        title: input.title,
        kindId: kind.id,
        organiserType: org.organiserType,
        stationId: org.stationId,
        groupId: org.groupId,
        rule: JSON.stringify(rule),
        startTime: input.startTime,
        durationMinutes: input.durationMinutes,
        fromDate: input.fromDate,
        untilDate: input.untilDate,
        place: input.place ?? '',
        content: input.content ?? '',
        speakers: JSON.stringify(input.speakers ?? []),
        invite: input.invite ? JSON.stringify(input.invite) : null,
        version: 1,
        createdBy: ctx.principal.userId,
        createdAt: ts,
        updatedAt: ts,
      };
      await trx.insertInto('activitySeries').values(s).execute();
      const rows = await occurrenceRows(trx, ctx, s, dates, now);
      await insertActivities(trx, rows);
      if (spec)
        await inviteTo(
          trx,
          ctx,
          townId,
          rows.map((r) => r.id),
          await resolveInvitees(trx, townId, spec),
          now,
        );
      const names = { kindName: kind.name, organiserName: org.organiserName };
      await recordAudit(trx, ctx, {
        entity: 'activity_series',
        entityId: s.id,
        action: 'create',
        summary: `新增活动系列 ${s.title}（${rows.length} 次）`,
        after: seriesAudit(s, names),
      });
      await recordAudits(
        trx,
        ctx,
        rows.map((r) => ({
          entity: 'activity',
          entityId: r.id,
          action: 'create',
          summary: `新增活动 ${r.title}（${r.seriesDate}）`,
          after: auditView(r, names),
        })),
      );
      return { id: s.id, regenerated: { created: rows.length, updated: 0, removed: 0, kept: 0 } };
    }),
  );
  return getSeries(ctx, result.id, result.regenerated);
}

/**
 * Edit a series and regenerate its future, untouched occurrences (see planRegeneration): past ones and
 * ones moved, cancelled, edited on their own or already answered by a deputy stay as they are.
 */
export async function updateSeries(ctx: Ctx, id: string, input: z.infer<typeof SeriesUpdate>, now = new Date()) {
  const townId = townOf(ctx);
  const regenerated = await ctx.db.transaction().execute(async (trx): Promise<Regenerated> => {
    const before = await findSeries(trx, townId, id);
    if (!before) throw new NotFoundError('活动系列');
    assertManage(ctx, before);
    assertVersion(before, input.version);
    const beforeOrg = await organiserOf(trx, townId, before);
    const beforeKind = await findKind(trx, townId, before.kindId);
    const org = input.organiserType !== undefined || input.organiserId !== undefined ? await changedOrganiser(trx, townId, beforeOrg, input) : beforeOrg;
    assertManage(ctx, org);
    const kind =
      input.kindId && input.kindId !== before.kindId ? await usableKind(trx, townId, input.kindId) : { id: before.kindId, name: beforeKind?.name ?? '' };
    const rule = input.rule ? normalizeRule(input.rule as ScheduleRule) : (storedRule(before.rule) as ScheduleRule);
    const invite = input.invite === undefined ? parseInvite(before.invite) : input.invite;
    const spec = await inviteSpec(trx, townId, invite);
    const after: SeriesRow = {
      ...before,
      title: input.title ?? before.title,
      kindId: kind.id,
      organiserType: org.organiserType,
      stationId: org.stationId,
      groupId: org.groupId,
      rule: JSON.stringify(rule),
      startTime: input.startTime ?? before.startTime,
      durationMinutes: input.durationMinutes ?? before.durationMinutes,
      fromDate: input.fromDate ?? before.fromDate,
      untilDate: input.untilDate ?? before.untilDate,
      place: input.place ?? before.place,
      content: input.content ?? before.content,
      speakers: input.speakers ? JSON.stringify(input.speakers) : before.speakers,
      invite: invite ? JSON.stringify(invite) : null,
      version: before.version + 1,
      updatedAt: now.toISOString(),
    };
    const dates = datesOf(rule, after.fromDate, after.untilDate);

    const existing = await seriesOccurrences(trx, townId, id);
    const engaged = await engagedActivityIds(
      trx,
      townId,
      existing.map((o) => o.id),
    );
    const plan: RegenerationPlan = planRegeneration(
      existing.map((o) => ({
        id: o.id,
        seriesDate: o.seriesDate ?? '',
        startAt: o.startAt,
        status: o.status,
        moved: o.moved === 1,
        detached: o.detached === 1,
        engaged: engaged.has(o.id),
      })),
      dates,
      (d) => occurrenceTimes(d, after.startTime, after.durationMinutes).startAt,
      now,
    );
    const total = plan.keep.length + plan.update.length + plan.create.length;
    if (total > MAX_SERIES_OCCURRENCES) throw ValidationError.field('body.untilDate', `一个系列最多 ${MAX_SERIES_OCCURRENCES} 次活动，修改后将有 ${total} 次`);

    const { id: _i, townId: _t, version: _v, createdAt: _c, createdBy: _b, ...seriesPatch } = after;
    await updateVersioned(trx, 'activitySeries', { townId }, id, input.version, seriesPatch);

    const byId = new Map(existing.map((o) => [o.id, o]));
    const shared = {
      title: after.title,
      kindId: after.kindId,
      organiserType: after.organiserType,
      stationId: after.stationId,
      groupId: after.groupId,
      place: after.place,
      content: after.content,
      speakers: after.speakers,
      updatedAt: after.updatedAt,
    };
    const times = plan.update.map((u) => ({ id: u.id, ...occurrenceTimes(u.date, after.startTime, after.durationMinutes) }));
    await rewriteOccurrences(trx, townId, times, shared);
    await deleteActivities(trx, townId, plan.remove);
    const created = await occurrenceRows(trx, ctx, after, plan.create, now);
    await insertActivities(trx, created);
    if (spec) {
      const targets = [...plan.update.map((u) => u.id), ...created.map((r) => r.id)];
      await inviteTo(trx, ctx, townId, targets, await resolveInvitees(trx, townId, spec), now);
    }

    const oldNames = { kindName: beforeKind?.name ?? '', organiserName: beforeOrg.organiserName };
    const names = { kindName: kind.name, organiserName: org.organiserName };
    await recordAudit(trx, ctx, {
      entity: 'activity_series',
      entityId: id,
      action: 'update',
      summary: `修改活动系列 ${after.title}：新增 ${created.length} 次，更新 ${plan.update.length} 次，删除 ${plan.remove.length} 次`,
      before: seriesAudit(before, oldNames),
      after: seriesAudit(after, names),
    });
    const audits: AuditInput[] = [
      ...times.map((u) => {
        const o = byId.get(u.id) as ActivityRow;
        return {
          entity: 'activity',
          entityId: u.id,
          action: 'update',
          summary: `随系列修改活动 ${after.title}（${o.seriesDate}）`,
          before: auditView(o, oldNames),
          after: auditView({ ...o, ...shared, startAt: u.startAt, endAt: u.endAt }, names),
        };
      }),
      ...plan.remove.map((rid) => {
        const o = byId.get(rid) as ActivityRow;
        return { entity: 'activity', entityId: rid, action: 'delete', summary: `随系列删除活动 ${o.title}（${o.seriesDate}）`, before: auditView(o, oldNames) };
      }),
      ...created.map((r) => ({
        entity: 'activity',
        entityId: r.id,
        action: 'create',
        summary: `随系列新增活动 ${r.title}（${r.seriesDate}）`,
        after: auditView(r, names),
      })),
    ];
    await recordAudits(trx, ctx, audits);
    return { created: created.length, updated: plan.update.length, removed: plan.remove.length, kept: plan.keep.length };
  });
  return getSeries(ctx, id, regenerated);
}

/** The day before a China date (YYYY-MM-DD). */
function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * Cancel the rest of a series from a China date: every occurrence still planned that starts on that
 * date or later and has not started yet is cancelled (records and invitations kept, as for a single
 * cancellation). Past, held and already cancelled occurrences stay as they are; an occurrence moved
 * before the date stays too. The series ends the day before, when the rule still gives a date up to
 * then (otherwise its dates stay, and the cancelled occurrences hold them, so a later edit of the
 * series does not bring them back).
 */
export async function cancelSeriesFrom(ctx: Ctx, id: string, input: z.infer<typeof SeriesCancelInput>, now = new Date()) {
  const townId = townOf(ctx);
  const cancelled = await ctx.db.transaction().execute(async (trx) => {
    const before = await findSeries(trx, townId, id);
    if (!before) throw new NotFoundError('活动系列');
    assertManage(ctx, before);
    assertVersion(before, input.version);
    if (input.fromDate > before.untilDate) throw ValidationError.field('body.fromDate', `起始日期晚于系列的截止日期 ${before.untilDate}`);
    const from = chinaDayStart(input.fromDate);
    const nowIso = now.toISOString();
    const targets = (await seriesOccurrences(trx, townId, id)).filter((o) => o.status === 'planned' && o.startAt >= from && o.startAt > nowIso);
    const rule = storedRule(before.rule) as ScheduleRule;
    const newUntil = dayBefore(input.fromDate);
    const shortens = newUntil >= before.fromDate && newUntil < before.untilDate && expandSchedule(rule, before.fromDate, newUntil).length > 0;
    const untilDate = shortens ? newUntil : before.untilDate;
    await updateVersioned(trx, 'activitySeries', { townId }, id, input.version, { untilDate, updatedAt: nowIso });
    await cancelOccurrences(
      trx,
      townId,
      targets.map((o) => o.id),
      nowIso,
    );
    const [kind, org] = await Promise.all([findKind(trx, townId, before.kindId), organiserOf(trx, townId, before)]);
    const names = { kindName: kind?.name ?? '', organiserName: org.organiserName };
    await recordAudit(trx, ctx, {
      entity: 'activity_series',
      entityId: id,
      action: 'cancel',
      summary: `取消活动系列 ${before.title} 自 ${input.fromDate} 起的 ${targets.length} 次活动`,
      before: seriesAudit(before, names),
      after: seriesAudit({ ...before, untilDate }, names),
    });
    await recordAudits(
      trx,
      ctx,
      targets.map((o) => ({
        entity: 'activity',
        entityId: o.id,
        action: 'update',
        summary: `随系列取消活动 ${o.title}（${o.seriesDate}）`,
        before: auditView(o, names),
        after: auditView({ ...o, status: 'cancelled' }, names),
      })),
    );
    return targets.length;
  });
  return { ...(await getSeries(ctx, id)), cancelled };
}
