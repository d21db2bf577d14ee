import type { z } from 'zod';
import type { ItemKind, MotionStatus, RollStatus } from '../../db/tables/sessions.ts';
import { ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { todayInChina } from '../../lib/time.ts';
import { loadSession } from './session-state.ts';
import {
  type SessionRow,
  electedPeople,
  heldSessions,
  itemsByKind,
  motionsByStatus,
  rollByStatus,
  sessionOptions,
  suggestionCountsBySession,
} from './session-stats.repo.ts';
import type { SessionStatsOut, SessionStatsQuery } from './session-stats.schemas.ts';
import { COUNTS_PRESENT, sessionName, sessionShortName } from './sessions.rules.ts';

/* 人代会统计: the figures of the sessions held in a period, and the small reads other areas link with. */

const ITEM_KINDS: readonly ItemKind[] = ['work_report', 'written_report', 'motion', 'election', 'decision', 'other'];
const MOTION_STATUSES: readonly MotionStatus[] = ['submitted', 'on_agenda', 'to_suggestion', 'not_accepted', 'withdrawn', 'passed', 'failed'];

type Attendance = z.infer<typeof SessionStatsOut>['attendance'];

function rate(n: number, d: number): number | null {
  return d === 0 ? null : Math.round((n / d) * 10000) / 10000;
}

function attendanceOf(rows: readonly { status: RollStatus; n: number }[]): Attendance {
  const sum = (pred: (s: RollStatus) => boolean) => rows.filter((r) => pred(r.status)).reduce((a, r) => a + r.n, 0);
  const all = sum(() => true);
  const attended = sum((s) => COUNTS_PRESENT.includes(s));
  return {
    all,
    attended,
    late: sum((s) => s === 'late'),
    onLeave: sum((s) => s === 'on_leave'),
    absent: sum((s) => s === 'absent'),
    rate: rate(attended, all),
  };
}

export function namesOf(s: Pick<SessionRow, 'termNumber' | 'number' | 'townName'>) {
  return { name: sessionName(s.termNumber, s.number, s.townName), shortName: sessionShortName(s.termNumber, s.number) };
}

/** GET /sessions/stats: the sessions closed with a start date in [from, to] (default: this China year). */
export async function sessionStats(ctx: Ctx, q: z.infer<typeof SessionStatsQuery>, now = new Date()): Promise<z.infer<typeof SessionStatsOut>> {
  const townId = townOf(ctx);
  const year = todayInChina(now).slice(0, 4);
  const from = q.from ?? (q.to ? `${q.to.slice(0, 4)}-01-01` : `${year}-01-01`);
  const to = q.to ?? (q.from ? `${q.from.slice(0, 4)}-12-31` : `${year}-12-31`);
  if (from > to) throw ValidationError.field('querystring.to', '截止日期不能早于起始日期');
  const range = { from, to };
  const [sessions, roll, items, motions, elected, suggestions] = await Promise.all([
    heldSessions(ctx.db, townId, range),
    rollByStatus(ctx.db, townId, range),
    itemsByKind(ctx.db, townId, range),
    motionsByStatus(ctx.db, townId, range),
    electedPeople(ctx.db, townId, range),
    suggestionCountsBySession(ctx.db, townId, range),
  ]);
  const names = new Map(sessions.map((s) => [s.id, namesOf(s)]));
  const none = { total: 0, replied: 0, closed: 0 };
  const allSuggestions = [...suggestions.values()].reduce(
    (a, c) => ({ total: a.total + c.total, replied: a.replied + c.replied, closed: a.closed + c.closed }),
    none,
  );
  const byStatus = Object.fromEntries(MOTION_STATUSES.map((s) => [s, motions.find((m) => m.status === s)?.n ?? 0])) as Record<MotionStatus, number>;
  return {
    from,
    to,
    sessions: sessions.map((s) => ({
      id: s.id,
      code: s.code,
      ...namesOf(s),
      kind: s.kind,
      startDate: s.startDate,
      endDate: s.endDate,
      attendance: attendanceOf(roll.filter((r) => r.sessionId === s.id)),
      suggestions: suggestions.get(s.id) ?? none,
    })),
    attendance: attendanceOf(roll),
    items: ITEM_KINDS.map((kind) => {
      const of = items.filter((i) => i.kind === kind);
      const n = (st: string) => of.filter((i) => i.status === st).reduce((a, i) => a + i.n, 0);
      return { kind, total: of.reduce((a, i) => a + i.n, 0), reviewed: n('reviewed'), passed: n('passed'), failed: n('failed'), pending: n('pending') };
    }).filter((k) => k.total > 0),
    motions: { total: motions.reduce((a, m) => a + m.n, 0), byStatus },
    elected: elected.map((e) => ({
      sessionId: e.sessionId,
      shortName: names.get(e.sessionId)?.shortName ?? '',
      electionId: e.electionId,
      post: e.post,
      postName: e.postName,
      name: e.candidateName ?? e.writeInName ?? '',
      deputyId: e.deputyId ?? null,
      round: e.round,
      votes: e.forVotes,
    })),
    suggestions: allSuggestions,
  };
}

/** GET /sessions/options: the town's sessions for a picker (the suggestion form's 会议), latest first. */
export async function sessionOptionsUseCase(ctx: Ctx) {
  const rows = await sessionOptions(ctx.db, townOf(ctx), 200);
  return { items: rows.map((s) => ({ id: s.id, code: s.code, ...namesOf(s), startDate: s.startDate, endDate: s.endDate, status: s.status })) };
}

/** GET /sessions/:id/suggestion-counts: the session tab's headline (one grouped query); another town's session → 404. */
export async function sessionSuggestionCounts(ctx: Ctx, sessionId: string) {
  const townId = townOf(ctx);
  await loadSession(ctx.db, townId, sessionId);
  return (await suggestionCountsBySession(ctx.db, townId, [sessionId])).get(sessionId) ?? { total: 0, replied: 0, closed: 0 };
}
