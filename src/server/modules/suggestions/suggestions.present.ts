import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { HolidayCalendar } from '../../lib/working-days.ts';
import { dueState, latestExtensionDue, onTime, returnDeadline, returnProblem } from './deadlines.rules.ts';
import type { SuggestionSettings } from './settings.rules.ts';
import { gradeLabel } from './settings.rules.ts';
import type { Machine } from './suggestion.machine.ts';
import { type Actor, type Facts, availableActions } from './suggestions.policy.ts';
import {
  type SponsorView,
  type SuggestionRow,
  type UnitView,
  WITH_OFFICE,
  attachmentsOf,
  codesOf,
  consultationsOf,
  eventsOf,
  mergedInto,
  ratingsOf,
  repliesOf,
  requestsOf,
  sponsorsOf,
  unitsOf,
  villagesIn,
} from './suggestions.repo.ts';
import type { SuggestionDetail, SuggestionItem } from './suggestions.schemas.ts';
import { sourceOf } from './suggestions.sources.ts';
import { sessionsIn } from '../sessions/session-stats.repo.ts';
import { sessionShortName } from '../sessions/sessions.rules.ts';

/*
 * Turning rows into what the API answers. A page of items is presented with one query each for the
 * sponsors, the offices and the villages (`where in`), never one per row.
 */

type Item = z.infer<typeof SuggestionItem>;
type Detail = z.infer<typeof SuggestionDetail>;

export function machineOf(r: Pick<SuggestionRow, 'state' | 'pending' | 'round' | 'followUp'>): Machine {
  return { state: r.state, pending: r.pending, round: r.round === 2 ? 2 : 1, followUp: r.followUp === 1 };
}

export function factsOf(r: SuggestionRow, sponsors: readonly SponsorView[], units: readonly UnitView[]): Facts {
  return {
    ...machineOf(r),
    sourceType: r.sourceType,
    leadDeputyId: sponsors.find((s) => s.role === 'lead')?.deputyId ?? null,
    leadUnitId: units.find((u) => u.role === 'lead')?.unitId ?? null,
    unitIds: units.map((u) => u.unitId),
    keySupervision: r.keySupervision === 1,
    published: r.published === 1,
  };
}

function item(
  r: SuggestionRow,
  sponsors: SponsorView[],
  units: UnitView[],
  village: { id: string; name: string } | null,
  s: SuggestionSettings,
  today: string,
  session: { id: string; shortName: string } | null = null,
): Item {
  const lead = sponsors.find((x) => x.role === 'lead');
  const leadUnit = units.find((u) => u.role === 'lead');
  return {
    id: r.id,
    code: r.code,
    year: r.year,
    kind: r.kind,
    title: r.title,
    category: r.category,
    sourceType: r.sourceType,
    state: r.state,
    pending: r.pending,
    round: r.round,
    followUp: r.followUp === 1,
    keySupervision: r.keySupervision === 1,
    leadDeputy: lead ? { id: lead.deputyId, name: lead.name } : null,
    sponsorCount: sponsors.length,
    village,
    session,
    leadUnit: leadUnit ? { id: leadUnit.unitId, name: leadUnit.name } : null,
    coUnits: units.filter((u) => u.role === 'co').map((u) => ({ id: u.unitId, name: u.name })),
    assignedOn: r.assignedOn,
    dueDate: r.dueDate,
    due: r.dueDate && WITH_OFFICE.includes(r.state) ? dueState(r.dueDate, today, s.dueSoonDays) : null,
    repliedOn: r.repliedOn,
    grade: r.grade,
    rating: r.rating,
    published: r.published === 1,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

/** A page of list items, with three batch queries for the whole page. */
export async function presentItems(db: Kysely<DB>, townId: string, rows: SuggestionRow[], s: SuggestionSettings, today: string): Promise<Item[]> {
  const ids = rows.map((r) => r.id);
  const villageIds = [...new Set(rows.map((r) => r.villageId).filter((v): v is string => !!v))];
  const sessionIds = [...new Set(rows.map((r) => r.sessionId).filter((v): v is string => !!v))];
  const [sponsors, units, villages, sessions] = await Promise.all([
    sponsorsOf(db, townId, ids),
    unitsOf(db, townId, ids),
    villagesIn(db, townId, villageIds),
    sessionsOf(db, townId, sessionIds),
  ]);
  const villageById = new Map(villages.map((v) => [v.id, v]));
  return rows.map((r) =>
    item(r, sponsors.get(r.id) ?? [], units.get(r.id) ?? [], (r.villageId && villageById.get(r.villageId)) || null, s, today, (r.sessionId && sessions.get(r.sessionId)) || null),
  );
}

/** The congress sessions of a page, by id, as `{id, shortName}`. */
async function sessionsOf(db: Kysely<DB>, townId: string, ids: readonly string[]): Promise<Map<string, { id: string; shortName: string }>> {
  const rows = await sessionsIn(db, townId, ids);
  return new Map(rows.map((x) => [x.id, { id: x.id, shortName: sessionShortName(x.termNumber, x.number) }]));
}

function parseData(json: string): Record<string, unknown> {
  try {
    const v = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

/** One item with its whole history and what `actor` may do with it now. */
export async function presentDetail(
  db: Kysely<DB>,
  townId: string,
  r: SuggestionRow,
  actor: Actor,
  s: SuggestionSettings,
  today: string,
  cal: HolidayCalendar,
): Promise<Detail> {
  const [sponsors, units, villages, replies, ratings, requests, consultations, files, events, merged, into, source, sessions] = await Promise.all([
    sponsorsOf(db, townId, [r.id]),
    unitsOf(db, townId, [r.id]),
    villagesIn(db, townId, r.villageId ? [r.villageId] : []),
    repliesOf(db, townId, r.id),
    ratingsOf(db, townId, r.id),
    requestsOf(db, townId, r.id),
    consultationsOf(db, townId, r.id),
    attachmentsOf(db, townId, r.id),
    eventsOf(db, townId, r.id),
    mergedInto(db, townId, r.id),
    codesOf(db, townId, r.mergedIntoId ? [r.mergedIntoId] : []),
    sourceOf(db, townId, r),
    sessionsOf(db, townId, r.sessionId ? [r.sessionId] : []),
  ]);
  const sp = sponsors.get(r.id) ?? [];
  const un = units.get(r.id) ?? [];
  const facts = factsOf(r, sp, un);
  const returnWindowOpen = r.assignedOn !== null && returnProblem(r.assignedOn, today, s, cal) === null;
  return {
    ...item(r, sp, un, villages[0] ?? null, s, today, (r.sessionId && sessions.get(r.sessionId)) || null),
    content: r.content,
    grounds: r.grounds,
    proposal: r.proposal,
    sourceId: r.sourceId,
    source,
    sessionId: r.sessionId,
    notAcceptedReason: r.notAcceptedReason,
    mergedInto: into[0] ? { id: into[0].id, code: into[0].code } : null,
    merged,
    keyNote: r.keyNote,
    publicAnswer: r.publicAnswer,
    sponsors: sp.map((x) => ({ deputyId: x.deputyId, name: x.name, role: x.role })),
    units: un.map((u) => ({ unitId: u.unitId, name: u.name, role: u.role })),
    replies: replies.map((x) => ({
      id: x.id,
      round: x.round,
      unit: { id: x.unitId, name: x.unitName },
      grade: x.grade,
      gradeLabel: gradeLabel(s, x.grade),
      content: x.content,
      file: x.fileId ? { id: x.fileId, name: x.fileName ?? '', size: x.fileSize ?? 0 } : null,
      repliedOn: x.repliedOn,
      dueDate: x.dueDate,
      onTime: onTime(x.repliedOn, x.dueDate),
    })),
    ratings: ratings.map((x) => ({
      round: x.round,
      deputy: x.deputyId ? { id: x.deputyId, name: x.deputyName ?? '' } : null,
      attitude: x.attitude,
      result: x.result,
      comment: x.comment,
      ratedOn: x.ratedOn,
    })),
    requests: requests.map((x) => ({
      id: x.id,
      kind: x.kind,
      unit: { id: x.unitId, name: x.unitName },
      reason: x.reason,
      requestedDue: x.requestedDue,
      requestedAt: x.requestedAt,
      requestedByName: x.requestedByName ?? '',
      decision: x.decision,
      decisionNote: x.decisionNote,
      decidedAt: x.decidedAt,
    })),
    consultations: consultations.map((x) => ({
      id: x.id,
      unit: x.unitId ? { id: x.unitId, name: x.unitName ?? '' } : null,
      heldOn: x.heldOn,
      method: x.method,
      stage: x.stage,
      note: x.note,
      createdByName: x.createdByName ?? '',
    })),
    files,
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      fromState: e.fromState,
      toState: e.toState,
      round: e.round,
      actorName: e.actorName,
      at: e.at,
      data: parseData(e.data),
      note: e.note,
    })),
    returnDeadline: r.assignedOn ? returnDeadline(r.assignedOn, s, cal) : null,
    // The bound of an extension now: in re-handling it runs from the dissatisfied rating, not the assignment.
    latestDueDate: r.assignedOn
      ? latestExtensionDue({ round: r.round, assignedOn: r.assignedOn, dissatisfiedOn: ratings.find((x) => x.round === 1 && x.result === 'dissatisfied')?.ratedOn ?? null })
      : null,
    actions: availableActions(actor, facts, { returnWindowOpen }),
  };
}
