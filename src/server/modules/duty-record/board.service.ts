import type { z } from 'zod';
import { ForbiddenError, NotFoundError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { chinaDateOf } from '../activities/activities.rules.ts';
import { boardActivityCount, boardRows, stationOfDeputy, stationOfTown } from './duty-record.repo.ts';
import { compareBoardRows, countsWithRate, monthRange } from './duty-record.rules.ts';
import type { BoardQuery } from './duty-record.schemas.ts';

const num = (v: unknown) => Number(v ?? 0);

/**
 * A station's monthly board (月晒): its deputies side by side for one China month. Staff of the town
 * read any station's (a liaison only their own, else 403); a deputy reads the board of their own
 * station (another station's is 403).
 */
export async function stationBoard(ctx: Ctx, stationId: string, q: z.infer<typeof BoardQuery>, now = new Date()) {
  const townId = townOf(ctx);
  const p = ctx.principal;
  const station = await stationOfTown(ctx.db, townId, stationId);
  if (!station) throw new NotFoundError('联络站');
  if (p.role === 'liaison' && p.stationId !== station.id) throw new ForbiddenError('联络员只能查看本联络站的月晒');
  if (p.role === 'deputy') {
    const own = p.deputyId ? await stationOfDeputy(ctx.db, townId, p.deputyId) : undefined;
    if (own?.stationId !== station.id) throw new ForbiddenError('代表只能查看本人所在联络站的月晒');
  }

  const month = q.month ?? chinaDateOf(now.toISOString()).slice(0, 7);
  const range = { ...monthRange(month), now: now.toISOString() };
  const [raw, activities] = await Promise.all([boardRows(ctx.db, townId, station.id, range), boardActivityCount(ctx.db, townId, station.id, range)]);
  const rows = raw
    .map((r) => {
      const c = {
        invited: num(r.invited),
        present: num(r.present),
        late: num(r.late),
        onLeave: num(r.onLeave),
        absent: num(r.absent),
        pending: num(r.pending),
      };
      return { deputyId: r.deputyId, code: r.code, name: r.name, status: r.status, ...countsWithRate(c), trainings: num(r.trainings) };
    })
    .sort(compareBoardRows);
  const sum = (k: 'invited' | 'present' | 'late' | 'onLeave' | 'absent' | 'pending' | 'trainings') => rows.reduce((n, r) => n + r[k], 0);
  const totals = countsWithRate({
    invited: sum('invited'),
    present: sum('present'),
    late: sum('late'),
    onLeave: sum('onLeave'),
    absent: sum('absent'),
    pending: sum('pending'),
  });
  return { month, station, rows, totals: { ...totals, trainings: sum('trainings'), deputies: rows.length, activities } };
}
