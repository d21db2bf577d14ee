import type { z } from 'zod';
import { type Ctx, townOf } from '../../http/principal.ts';
import { todayInChina } from '../../lib/time.ts';
import { type CountsRow, researchStats } from './research.repo.ts';
import type { StatsQuery } from './research.schemas.ts';

const n = (v: unknown) => Number(v ?? 0);

function counts(r: CountsRow) {
  return {
    published: n(r.published),
    open: n(r.open),
    claimed: n(r.claimed),
    submitted: n(r.submitted),
    graded: n(r.graded),
    overdue: n(r.overdue),
    byGrade: { excellent: n(r.excellent), good: n(r.good), pass: n(r.pass), fail: n(r.fail) },
  };
}

/**
 * The year's research figures, as a year-end report quotes them ("认领课题 6 个，完成 5 个，其中优秀 2 个"):
 * published, claimed, reports in, graded (done), by grade, overdue; and the same per station or group.
 * Two aggregate queries whatever the number of topics.
 */
export async function researchStatsUseCase(ctx: Ctx, q: z.infer<typeof StatsQuery>, now = new Date()) {
  const townId = townOf(ctx);
  const s = await researchStats(ctx.db, townId, q.year, todayInChina(now));
  return {
    year: q.year,
    ...counts(s.totals),
    withdrawn: n(s.totals.withdrawn),
    byClaimant: s.byClaimant.map((r) => {
      const { published: _p, open: _o, ...c } = counts(r);
      const station = r.claimantType === 'station';
      return {
        type: r.claimantType ?? 'station',
        id: (station ? r.stationId : r.groupId) ?? '',
        code: (station ? r.stationCode : r.groupCode) ?? '',
        name: (station ? r.stationName : r.groupName) ?? '',
        ...c,
      };
    }),
  };
}
