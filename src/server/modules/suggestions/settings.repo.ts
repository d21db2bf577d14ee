import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ConflictError } from '../../http/errors.ts';
import { type HolidayCalendar, calendarOf } from '../../lib/working-days.ts';
import { DEFAULT_SETTINGS, type Grade, type HolidayItem, type SuggestionSettings } from './settings.rules.ts';

/** A town's settings and holiday calendar; every query takes the town. */

export type StoredSettings = SuggestionSettings & { version: number };

function parseList<T>(json: string, fallback: T[]): T[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v : fallback;
  } catch {
    return fallback;
  }
}

/** The town's settings, or the defaults with version 0 when none are stored. */
export async function loadSettings(db: Kysely<DB>, townId: string): Promise<StoredSettings> {
  const row = await db.selectFrom('suggestionSettings').selectAll().where('townId', '=', townId).executeTakeFirst();
  if (!row) return { ...DEFAULT_SETTINGS, version: 0 };
  return {
    categories: parseList<string>(row.categories, DEFAULT_SETTINGS.categories),
    grades: parseList<Grade>(row.grades, DEFAULT_SETTINGS.grades),
    replyMonths: row.replyMonths,
    returnWorkingDays: row.returnWorkingDays,
    rehandleDays: row.rehandleDays,
    dueSoonDays: row.dueSoonDays,
    version: row.version,
  };
}

const STALE = '设置已被他人修改，请刷新后再保存';

/**
 * Store the settings under the version the client saw: 0 inserts the town's first row (a second
 * first save at once hits the primary key and answers 409), otherwise the version guards the update.
 */
export async function saveSettings(db: Kysely<DB>, townId: string, version: number, s: SuggestionSettings, at: string): Promise<void> {
  const values = {
    categories: JSON.stringify(s.categories),
    grades: JSON.stringify(s.grades),
    replyMonths: s.replyMonths,
    returnWorkingDays: s.returnWorkingDays,
    rehandleDays: s.rehandleDays,
    dueSoonDays: s.dueSoonDays,
    updatedAt: at,
  };
  if (version === 0) {
    await db
      .insertInto('suggestionSettings')
      .values({ townId, ...values, version: 1 })
      .execute();
    return;
  }
  const res = await db
    .updateTable('suggestionSettings')
    .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
    .where('townId', '=', townId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new ConflictError(STALE);
}

export async function holidaysOfYear(db: Kysely<DB>, townId: string, year: number): Promise<HolidayItem[]> {
  return db
    .selectFrom('townHoliday')
    .select(['date', 'kind', 'name'])
    .where('townId', '=', townId)
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
}

export async function replaceHolidays(db: Kysely<DB>, townId: string, year: number, items: readonly HolidayItem[]): Promise<void> {
  await db.deleteFrom('townHoliday').where('townId', '=', townId).where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
  if (items.length)
    await db
      .insertInto('townHoliday')
      .values(items.map((h) => ({ townId, ...h })))
      .execute();
}

/** The town's calendar between two dates (a working-day window never reaches further than a few weeks). */
export async function calendarBetween(db: Kysely<DB>, townId: string, from: string, to: string): Promise<HolidayCalendar> {
  const rows = await db
    .selectFrom('townHoliday')
    .select(['date', 'kind'])
    .where('townId', '=', townId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
  return calendarOf(
    rows.filter((r) => r.kind === 'holiday').map((r) => r.date),
    rows.filter((r) => r.kind === 'workday').map((r) => r.date),
  );
}
