import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { chinaDateOf } from '../activities/activities.rules.ts';
import { dutyRows } from './receptions.repo.ts';

export type ReceptionDutyEntry = {
  source: 'reception';
  id: string;
  code: string;
  /** The China date of the reception. */
  date: string;
  /** How the record names it: 青石镇人大代表联系群众工作室接待值班. */
  title: string;
  station: { id: string; name: string };
  matterCount: number;
  visitorCount: number;
};

/**
 * For a deputy's duty record (履职档案): the receptions the deputy was on duty at, dated by the day
 * they were held, inside the half-open UTC range [start, end) of the record's year. One query; the
 * duty-record module decides how to show them.
 */
export async function receptionDutyEntries(
  db: Kysely<DB>,
  townId: string,
  deputyId: string,
  range: { start: string; end: string },
): Promise<ReceptionDutyEntry[]> {
  // Receptions carry China dates; the range's instants are the China midnights that bound the year.
  const rows = await dutyRows(db, townId, deputyId, chinaDateOf(range.start), chinaDateOf(range.end));
  return rows.map((r) => ({
    source: 'reception' as const,
    id: r.id,
    code: r.code,
    date: r.date,
    title: `${r.stationName}接待值班`,
    station: { id: r.stationId, name: r.stationName },
    matterCount: Number(r.matters ?? 0),
    visitorCount: Number(r.visitors ?? 0),
  }));
}
