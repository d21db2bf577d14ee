import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { chinaDateOf } from '../activities/activities.rules.ts';
import { sessionShortName } from '../sessions/sessions.rules.ts';
import { type RecordKind, parseRecordRef } from './points.catalogue.ts';

/*
 * The records behind a breakdown's points, resolved for links: {kind, id, code, title, date, href}. One
 * query per kind present, whatever the number of records. A record deleted since a publication is left
 * out of the links (the frozen count and ids stay as published).
 */

export type RecordLink = { kind: RecordKind; id: string; code: string; title: string; date: string | null; href: string };

type Resolver = (db: Kysely<DB>, townId: string, ids: string[]) => Promise<RecordLink[]>;

const RESOLVERS: Record<RecordKind, Resolver> = {
  activity: async (db, townId, ids) =>
    (await db.selectFrom('activity').select(['id', 'code', 'title', 'startAt']).where('townId', '=', townId).where('id', 'in', ids).execute()).map((r) => ({
      kind: 'activity',
      id: r.id,
      code: r.code,
      title: r.title,
      date: chinaDateOf(r.startAt),
      href: `/activities/${r.id}`,
    })),
  session: async (db, townId, ids) =>
    (
      await db
        .selectFrom('congressSession as s')
        .innerJoin('term', 'term.id', 's.termId')
        .select(['s.id', 's.code', 's.number', 'term.number as termNumber', 's.startDate'])
        .where('s.townId', '=', townId)
        .where('s.id', 'in', ids)
        .execute()
    ).map((r) => ({
      kind: 'session',
      id: r.id,
      code: r.code,
      title: `${sessionShortName(Number(r.termNumber), Number(r.number))}会议`,
      date: r.startDate,
      href: `/sessions/${r.id}`,
    })),
  suggestion: async (db, townId, ids) =>
    (
      await db
        .selectFrom('suggestion')
        .select(['id', 'code', 'title', 'submittedAt', 'createdAt'])
        .where('townId', '=', townId)
        .where('id', 'in', ids)
        .execute()
    ).map((r) => ({
      kind: 'suggestion',
      id: r.id,
      code: r.code,
      title: r.title,
      date: chinaDateOf(r.submittedAt ?? r.createdAt),
      href: `/suggestions/${r.id}`,
    })),
  reception: async (db, townId, ids) =>
    (
      await db
        .selectFrom('reception as r')
        .innerJoin('station as s', 's.id', 'r.stationId')
        .select(['r.id', 'r.code', 'r.date', 's.name as stationName'])
        .where('r.townId', '=', townId)
        .where('r.id', 'in', ids)
        .execute()
    ).map((r) => ({ kind: 'reception', id: r.id, code: r.code, title: `${r.stationName}接待值班`, date: r.date, href: `/receptions/${r.id}` })),
  research: async (db, townId, ids) =>
    (await db.selectFrom('researchTopic').select(['id', 'code', 'title', 'submittedAt']).where('townId', '=', townId).where('id', 'in', ids).execute()).map(
      (r) => ({
        kind: 'research',
        id: r.id,
        code: r.code,
        title: r.title,
        date: r.submittedAt ? chinaDateOf(r.submittedAt) : null,
        href: `/research/${r.id}`,
      }),
    ),
  duty_report: async (db, townId, ids) =>
    (await db.selectFrom('dutyReport').select(['id', 'code', 'year', 'heldOn']).where('townId', '=', townId).where('id', 'in', ids).execute()).map((r) => ({
      kind: 'duty_report',
      id: r.id,
      code: r.code,
      title: `${r.year} 年度向选民述职`,
      date: r.heldOn,
      href: `/duty-reports/${r.id}`,
    })),
  document: async (db, townId, ids) =>
    (await db.selectFrom('document').select(['id', 'code', 'title', 'sentAt']).where('townId', '=', townId).where('id', 'in', ids).execute()).map((r) => ({
      kind: 'document',
      id: r.id,
      code: r.code,
      title: r.title,
      date: r.sentAt ? chinaDateOf(r.sentAt) : null,
      href: `/documents/${r.id}`,
    })),
  motion: async (db, townId, ids) =>
    (
      await db
        .selectFrom('motion as m')
        .innerJoin('congressSession as s', 's.id', 'm.sessionId')
        .select(['m.id', 'm.number', 'm.subject', 'm.submittedOn', 's.id as sessionId', 's.code as sessionCode'])
        .where('m.townId', '=', townId)
        .where('m.id', 'in', ids)
        .execute()
    ).map((r) => ({
      kind: 'motion',
      id: r.id,
      code: `${r.sessionCode}-${r.number}`,
      title: r.subject,
      date: r.submittedOn,
      href: `/sessions/${r.sessionId}?tab=motions`,
    })),
};

/** Every reference `<kind>:<id>` resolved, keyed by the reference. */
export async function resolveRecords(db: Kysely<DB>, townId: string, refs: readonly string[]): Promise<Map<string, RecordLink>> {
  const byKind = new Map<RecordKind, Set<string>>();
  for (const ref of refs) {
    const p = parseRecordRef(ref);
    if (!p || !(p.kind in RESOLVERS)) continue;
    let set = byKind.get(p.kind);
    if (!set) byKind.set(p.kind, (set = new Set()));
    set.add(p.id);
  }
  const found = await Promise.all([...byKind].map(([kind, ids]) => RESOLVERS[kind](db, townId, [...ids])));
  return new Map(found.flat().map((r) => [`${r.kind}:${r.id}`, r]));
}
