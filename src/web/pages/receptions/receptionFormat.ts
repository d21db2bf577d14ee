import type { Matter, Reception, ReceptionInput, Routing, RoutingCounts } from '../../api/receptions.ts';
import { ROUTINGS } from '../../api/receptions.ts';

/* Pure helpers of the reception pages (unit-tested in receptionFormat.test.ts). */

/** The routings that occurred, most first, as label·count pairs: 当场答复 2 · 转为建议 1. */
export function routingSummary(counts: RoutingCounts, label: (r: Routing) => string): string {
  return ROUTINGS.filter((r) => counts[r] > 0)
    .sort((a, b) => counts[b] - counts[a] || ROUTINGS.indexOf(a) - ROUTINGS.indexOf(b))
    .map((r) => `${label(r)} ${counts[r]}`)
    .join(' · ');
}

/** The first `n` characters (not UTF-16 units: a Han character is one) of a text on one line. */
export function firstChars(text: string, n: number): string {
  return [...text.replace(/\s+/g, ' ').trim()].slice(0, n).join('');
}

/**
 * Where "转为建议" goes: the suggestion form with this matter as its source, its words filled in. The
 * suggestions server links the matter when the suggestion is saved (sourceType 'reception').
 */
export function suggestionLink(m: Pick<Matter, 'id' | 'content' | 'category' | 'village'>): string {
  const q = new URLSearchParams({ sourceType: 'reception', sourceId: m.id, title: firstChars(m.content, 30), content: m.content, category: m.category });
  if (m.village) q.set('villageId', m.village.id);
  return `/suggestions/new?${q.toString()}`;
}

/** A matter that may still be turned into a suggestion: routed there and without one yet. */
export const awaitsSuggestion = (m: Pick<Matter, 'routing' | 'suggestion'>) => m.routing === 'suggestion' && m.suggestion === null;

/**
 * The date a new reception is recorded for: the station's latest reception day up to today (it is
 * recorded after it was held, and the server refuses a future date), or today when the station has
 * none in the window or no schedule.
 */
export function defaultReceptionDate(days: readonly string[], today: string): string {
  const past = days.filter((d) => d <= today).sort();
  return past.length ? past[past.length - 1] : today;
}

/** What the form edits: the reception's fields with a matter's village as its id. */
export type MatterValues = {
  id?: string | null;
  visitorName?: string;
  visitorPhone?: string;
  visitorCount?: number | null;
  villageId?: string | null;
  category?: string;
  content?: string;
  routing?: Routing;
  routingNote?: string;
  /** Shown, not sent: the suggestion made from this matter. */
  suggestion?: Matter['suggestion'];
};

export function matterValues(m: Matter): MatterValues {
  return {
    id: m.id,
    visitorName: m.visitorName,
    visitorPhone: m.visitorPhone ?? '',
    visitorCount: m.visitorCount,
    villageId: m.village?.id ?? null,
    category: m.category,
    content: m.content,
    routing: m.routing,
    routingNote: m.routingNote,
    suggestion: m.suggestion,
  };
}

/** The body the server takes: text trimmed, empty optional fields left out, the version on an update. */
export function receptionBody(v: {
  stationId: string;
  date: string;
  startTime?: string | null;
  endTime?: string | null;
  place?: string;
  notes?: string;
  activityId?: string | null;
  deputyIds: string[];
  matters: MatterValues[];
}): ReceptionInput {
  const text = (s: string | null | undefined) => (s ?? '').trim();
  return {
    stationId: v.stationId,
    date: v.date,
    startTime: v.startTime || null,
    endTime: v.endTime || null,
    place: text(v.place) || null,
    activityId: v.activityId ?? null,
    deputyIds: v.deputyIds,
    notes: text(v.notes),
    matters: v.matters.map((m) => ({
      id: m.id ?? null,
      visitorName: text(m.visitorName),
      visitorPhone: text(m.visitorPhone) || null,
      visitorCount: m.visitorCount ?? 1,
      villageId: m.villageId ?? null,
      category: text(m.category),
      content: text(m.content),
      routing: m.routing ?? 'on_spot',
      routingNote: text(m.routingNote),
    })),
  };
}

/** The time range as people write it: 09:00–11:30, or one end, or nothing. */
export function timeRange(r: Pick<Reception, 'startTime' | 'endTime'>): string {
  if (r.startTime && r.endTime) return `${r.startTime}–${r.endTime}`;
  return r.startTime ?? r.endTime ?? '';
}
