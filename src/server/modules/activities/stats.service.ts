import type { z } from 'zod';
import { ForbiddenError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { rangeProblem } from '../stations/schedule.rules.ts';
import { stationOfTown } from './activities.repo.ts';
import { attendanceRate, chinaDateRange } from './activities.rules.ts';
import type { StatsQuery } from './activities.schemas.ts';
import { attendanceStats, countsOf } from './stats.repo.ts';
import { attendedOf, byMonth, trainingTopics } from './stats.rules.ts';

const withRate = <T extends object>(row: T & { invited: unknown; present: unknown; late: unknown; onLeave: unknown; absent: unknown }) => {
  const c = countsOf(row);
  return { ...row, ...c, attended: attendedOf(c), rate: attendanceRate(c) };
};

/**
 * The station whose activities the statistics cover: a liaison's own (asking for another is 403, and a
 * liaison without a station sees nothing rather than the whole town), an admin's choice, or none (the town).
 */
async function scopeStation(ctx: Ctx, townId: string, asked: string | undefined): Promise<string | undefined> {
  const p = ctx.principal;
  if (p.role === 'liaison') {
    if (!p.stationId) throw new ForbiddenError('当前联络员账号未关联联络站');
    if (asked && asked !== p.stationId) throw new ForbiddenError('联络员只能查看本联络站组织的活动统计');
    return p.stationId;
  }
  if (asked && !(await stationOfTown(ctx.db, townId, asked))) throw ValidationError.field('querystring.stationId', '联络站不存在或不属于本镇');
  return asked;
}

/**
 * Attendance over China dates `from`..`to` (both included, at most 3 years): totals and rates per
 * activity, per deputy, per station (the deputy's current station), per kind and per month, and the
 * training topics. Only activities that have ended by `now` and were not cancelled count; a rate is
 * null when nobody was expected.
 */
export async function stats(ctx: Ctx, q: z.infer<typeof StatsQuery>, now = new Date()) {
  const townId = townOf(ctx);
  const problem = rangeProblem(q.from, q.to);
  if (problem) throw ValidationError.field(`querystring.${problem.field}`, problem.message);
  const stationId = await scopeStation(ctx, townId, q.stationId);
  const range = chinaDateRange(q.from, q.to);
  const s = await attendanceStats(ctx.db, townId, { ...range, now: now.toISOString(), stationId });
  const byActivity = s.byActivity.map(withRate);
  return {
    from: q.from,
    to: q.to,
    stationId: stationId ?? null,
    totals: { ...withRate(s.totals), activities: Number(s.totals.activities ?? 0) },
    byActivity,
    byDeputy: s.byDeputy.map((r) => withRate({ ...r, deputyId: r.deputyId as string, code: r.code ?? '', name: r.name ?? '' })),
    byStation: s.byStation.map(withRate),
    byKind: s.byKind.map((r) => {
      const { sortOrder: _s, ...rest } = withRate(r);
      return { ...rest, activities: Number(r.activities) };
    }),
    byMonth: byMonth(byActivity, q.from, q.to),
    trainingTopics: trainingTopics(byActivity),
  };
}
