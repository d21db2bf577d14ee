import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../src/server/db/schema.ts';
import type { ReceptionMatterTable, ReceptionTable } from '../src/server/db/tables/receptions.ts';
import type { RatingValue, SuggestionTable } from '../src/server/db/tables/suggestions.ts';
import { newId } from '../src/server/lib/ids.ts';
import { searchText } from '../src/server/lib/search-text.ts';
import { nowIso } from '../src/server/lib/time.ts';

/*
 * Suggestions, receptions and their handling rows straight into the tables, for the search, statistics,
 * ledger and reminder tests: they test what is read back, independent of the areas' write services.
 * search_text is made the way the areas make it (lib/search-text.ts).
 */

let seq = 0;

export async function makeSuggestion(db: Kysely<DB>, townId: string, over: Partial<Insertable<SuggestionTable>> = {}) {
  const ts = nowIso();
  seq++;
  const title = over.title ?? `测试建议 ${seq}`;
  const content = over.content ?? '';
  const row: Insertable<SuggestionTable> = {
    id: newId(),
    townId,
    code: `2026-${String(seq).padStart(3, '0')}`,
    year: 2026,
    kind: 'suggestion',
    title,
    content,
    sourceType: 'deputy',
    category: '其他',
    state: 'submitted',
    submittedAt: ts,
    createdAt: ts,
    updatedAt: ts,
    searchText: searchText(title, content, over.grounds, over.proposal),
    ...over,
  };
  await db.insertInto('suggestion').values(row).execute();
  return row as Insertable<SuggestionTable> & { id: string; code: string; title: string };
}

export async function makeSuggestionUnit(db: Kysely<DB>, townId: string, suggestionId: string, unitId: string, role: 'lead' | 'co' = 'lead') {
  await db.insertInto('suggestionUnit').values({ suggestionId, unitId, townId, role }).execute();
}

export async function makeSponsor(db: Kysely<DB>, townId: string, suggestionId: string, deputyId: string, role: 'lead' | 'co' = 'lead') {
  await db.insertInto('suggestionSponsor').values({ suggestionId, deputyId, townId, role }).execute();
}

export async function makeReply(
  db: Kysely<DB>,
  townId: string,
  suggestionId: string,
  unitId: string,
  r: { round?: number; grade?: string; repliedOn: string; dueDate: string },
) {
  await db
    .insertInto('suggestionReply')
    .values({
      id: newId(),
      townId,
      suggestionId,
      unitId,
      round: r.round ?? 1,
      grade: r.grade ?? 'A',
      content: '答复内容',
      repliedOn: r.repliedOn,
      dueDate: r.dueDate,
      createdAt: nowIso(),
    })
    .execute();
}

export async function makeRating(db: Kysely<DB>, townId: string, suggestionId: string, r: { round?: number; result: RatingValue; attitude?: RatingValue }) {
  await db
    .insertInto('suggestionRating')
    .values({
      id: newId(),
      townId,
      suggestionId,
      round: r.round ?? 1,
      attitude: r.attitude ?? r.result,
      result: r.result,
      ratedOn: '2026-06-01',
      createdAt: nowIso(),
    })
    .execute();
}

export type MatterInput = Partial<Insertable<ReceptionMatterTable>> & { content: string };

export async function makeReception(
  db: Kysely<DB>,
  townId: string,
  stationId: string,
  over: Partial<Insertable<ReceptionTable>> = {},
  matters: MatterInput[] = [],
  deputyIds: string[] = [],
) {
  const ts = nowIso();
  seq++;
  const reception = { id: newId(), townId, code: `R${String(seq).padStart(4, '0')}`, stationId, date: '2026-03-09', createdAt: ts, updatedAt: ts, ...over };
  await db.insertInto('reception').values(reception).execute();
  if (deputyIds.length)
    await db
      .insertInto('receptionDeputy')
      .values(deputyIds.map((deputyId) => ({ receptionId: reception.id, deputyId, townId })))
      .execute();
  const rows = matters.map((m, i) => ({
    id: newId(),
    townId,
    receptionId: reception.id,
    seq: i + 1,
    // Every column given: a multi-row insert of rows with different keys fills the gaps with NULL on SQLite.
    visitorName: '',
    visitorPhone: null,
    visitorCount: 1,
    villageId: null,
    category: '其他',
    routing: 'on_spot' as const,
    routingNote: '',
    suggestionId: null,
    createdAt: ts,
    updatedAt: ts,
    searchText: searchText(m.content, m.category ?? '其他'),
    ...m,
  }));
  if (rows.length) await db.insertInto('receptionMatter').values(rows).execute();
  return { ...reception, matters: rows };
}
