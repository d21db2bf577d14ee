import type { z } from 'zod';
import { ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { currentTermOf } from '../regions/terms.service.ts';
import type { AbsenceQuery } from './sessions.schemas.ts';
import { absencesInTerm, findTerm } from './sessions.repo.ts';
import { absenceFlagged, sessionShortName } from './sessions.rules.ts';

/**
 * Deputies absent without leave from closed sessions of a term (the current term when not given).
 * Two such absences are flagged: 代表法 Art.62 ends the mandate of a deputy who twice fails to attend
 * without approval — the page shows it, the standing body decides.
 */
export async function listAbsences(ctx: Ctx, q: z.infer<typeof AbsenceQuery>) {
  const townId = townOf(ctx);
  let termId = q.termId;
  if (termId) {
    if (!(await findTerm(ctx.db, townId, termId))) throw ValidationError.field('query.termId', '届次不存在或不属于本镇');
  } else {
    termId = (await currentTermOf(ctx.db, townId)) ?? undefined;
    if (!termId) return [];
  }
  const rows = await absencesInTerm(ctx.db, townId, termId);
  const byDeputy = new Map<
    string,
    {
      deputy: { id: string; code: string; name: string; status: string; stationName: string | null };
      absences: { sessionId: string; shortName: string; startDate: string }[];
    }
  >();
  for (const r of rows) {
    const e = byDeputy.get(r.deputyId) ?? {
      deputy: { id: r.deputyId, code: r.code, name: r.name, status: r.deputyStatus, stationName: r.stationName },
      absences: [],
    };
    e.absences.push({ sessionId: r.sessionId, shortName: sessionShortName(r.termNumber, r.number), startDate: r.startDate });
    byDeputy.set(r.deputyId, e);
  }
  return [...byDeputy.values()]
    .map((e) => ({ ...e, flagged: absenceFlagged(e.absences.length) }))
    .sort((a, b) => Number(b.flagged) - Number(a.flagged) || b.absences.length - a.absences.length || a.deputy.code.localeCompare(b.deputy.code));
}
