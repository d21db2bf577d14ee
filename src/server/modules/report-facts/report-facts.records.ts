import { type Kysely, sql } from 'kysely';
import { RECORD_KINDS, type RecordKind, recordHref } from '../../../shared/report/facts.ts';
import type { DB } from '../../db/schema.ts';
import { chinaDateOf } from '../activities/activities.rules.ts';
import { sessionName } from '../sessions/sessions.rules.ts';

/*
 * Resolving a fact's record refs ("activity:01J…") to what a person reads in a list: code, title, date and
 * the page to open. One query per kind whatever the number of refs, every one scoped to the town, so a ref
 * of another town (or a deleted record) simply does not come back.
 */

export type RecordOut = { ref: string; kind: RecordKind; id: string; code: string; title: string; date: string | null; href: string | null };
type Row = { id: string; code: string; title: string; date: string | null; href?: string | null };
type Resolver = (db: Kysely<DB>, townId: string, ids: string[]) => Promise<Row[]>;

const MAX_TITLE = 80;
const clip = (s: string) => (s.length > MAX_TITLE ? `${s.slice(0, MAX_TITLE - 1)}…` : s);
const REVIEW_KIND: Record<string, string> = { peer_review: '代表互评', voter_review: '选民比评' };

const RESOLVERS: Record<RecordKind, Resolver> = {
  deputy: async (db, townId, ids) =>
    (await db.selectFrom('deputy').select(['id', 'code', 'name', 'statusDate']).where('townId', '=', townId).where('id', 'in', ids).execute()).map((r) => ({
      id: r.id,
      code: r.code,
      title: r.name,
      date: null,
    })),
  station: async (db, townId, ids) =>
    (await db.selectFrom('station').select(['id', 'code', 'name']).where('townId', '=', townId).where('id', 'in', ids).execute()).map((r) => ({
      id: r.id,
      code: r.code,
      title: r.name,
      date: null,
    })),
  activity: async (db, townId, ids) =>
    (await db.selectFrom('activity').select(['id', 'code', 'title', 'startAt']).where('townId', '=', townId).where('id', 'in', ids).execute()).map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      date: chinaDateOf(r.startAt),
    })),
  reception: async (db, townId, ids) =>
    (
      await db
        .selectFrom('reception as r')
        .innerJoin('station as s', 's.id', 'r.stationId')
        .select(['r.id', 'r.code', 's.name', 'r.date'])
        .where('r.townId', '=', townId)
        .where('r.id', 'in', ids)
        .execute()
    ).map((r) => ({ id: r.id, code: r.code, title: `${r.name}接待群众`, date: r.date })),
  // An opinion is a matter registered at a reception or a portal submission; both in one query. The web app
  // has no page /opinions/:id, so the link goes to the reception or to the portal inbox entry.
  opinion: async (db, townId, ids) => {
    const rows = await db
      .selectFrom('receptionMatter as m')
      .innerJoin('reception as r', 'r.id', 'm.receptionId')
      .select(['m.id', 'r.code', 'm.seq as seq', 'm.category', 'm.content', 'r.date', 'r.id as parentId', sql<string>`'matter'`.as('source')])
      .where('m.townId', '=', townId)
      .where('m.id', 'in', ids)
      .unionAll(
        db
          .selectFrom('portalSubmission as p')
          .select([
            'p.id',
            'p.trackingCode as code',
            sql<number>`0`.as('seq'),
            'p.category',
            'p.content',
            'p.createdAt as date',
            'p.id as parentId',
            sql<string>`'portal'`.as('source'),
          ])
          .where('p.townId', '=', townId)
          .where('p.id', 'in', ids),
      )
      .execute();
    return rows.map((r) => {
      const matter = r.source === 'matter';
      return {
        id: r.id,
        code: matter ? `${r.code}-${r.seq}` : r.code,
        title: clip(`${r.category}：${r.content}`),
        date: matter ? r.date : chinaDateOf(r.date),
        href: matter ? `/receptions/${encodeURIComponent(r.parentId)}` : `/portal-submissions/${encodeURIComponent(r.parentId)}`,
      };
    });
  },
  suggestion: async (db, townId, ids) =>
    (
      await db
        .selectFrom('suggestion')
        .select(['id', 'code', 'title', 'submittedAt', 'createdAt'])
        .where('townId', '=', townId)
        .where('id', 'in', ids)
        .execute()
    ).map((r) => ({ id: r.id, code: r.code, title: r.title, date: chinaDateOf(r.submittedAt ?? r.createdAt) })),
  session: async (db, townId, ids) =>
    (
      await db
        .selectFrom('congressSession as s')
        .innerJoin('term as t', 't.id', 's.termId')
        .select(['s.id', 's.code', 's.number', 't.number as termNumber', 's.startDate'])
        .where('s.townId', '=', townId)
        .where('s.id', 'in', ids)
        .execute()
    ).map((r) => ({ id: r.id, code: r.code, title: sessionName(r.termNumber, r.number), date: r.startDate })),
  motion: async (db, townId, ids) =>
    (
      await db
        .selectFrom('motion as m')
        .innerJoin('congressSession as s', 's.id', 'm.sessionId')
        .select(['m.id', 'm.number', 'm.subject', 'm.submittedOn', 's.code as sessionCode'])
        .where('m.townId', '=', townId)
        .where('m.id', 'in', ids)
        .execute()
    ).map((r) => ({ id: r.id, code: `${r.sessionCode}-议案${r.number}`, title: r.subject, date: r.submittedOn })),
  election: async (db, townId, ids) =>
    (
      await db
        .selectFrom('election as e')
        .innerJoin('congressSession as s', 's.id', 'e.sessionId')
        .select(['e.id', 'e.postName', 's.code as sessionCode', 's.startDate'])
        .where('e.townId', '=', townId)
        .where('e.id', 'in', ids)
        .execute()
    ).map((r) => ({ id: r.id, code: r.sessionCode, title: `选举${r.postName}`, date: r.startDate })),
  research: async (db, townId, ids) =>
    (
      await db
        .selectFrom('researchTopic')
        .select(['id', 'code', 'title', 'submittedAt', 'dueDate'])
        .where('townId', '=', townId)
        .where('id', 'in', ids)
        .execute()
    ).map((r) => ({ id: r.id, code: r.code, title: r.title, date: r.submittedAt ? chinaDateOf(r.submittedAt) : r.dueDate })),
  finding: async (db, townId, ids) =>
    (await db.selectFrom('finding').select(['id', 'code', 'description', 'foundOn']).where('townId', '=', townId).where('id', 'in', ids).execute()).map(
      (r) => ({
        id: r.id,
        code: r.code,
        title: clip(r.description),
        date: r.foundOn,
      }),
    ),
  notice: async (db, townId, ids) =>
    (
      await db.selectFrom('rectificationNotice').select(['id', 'number', 'addressee', 'issuedOn']).where('townId', '=', townId).where('id', 'in', ids).execute()
    ).map((r) => ({ id: r.id, code: r.number, title: `致${r.addressee}的限期整改通知书`, date: r.issuedOn })),
  appraisal: async (db, townId, ids) =>
    (await db.selectFrom('appraisal').select(['id', 'code', 'title', 'hearingDate']).where('townId', '=', townId).where('id', 'in', ids).execute()).map(
      (r) => ({ id: r.id, code: r.code, title: r.title, date: r.hearingDate }),
    ),
  duty_report: async (db, townId, ids) =>
    (
      await db
        .selectFrom('dutyReport as r')
        .innerJoin('deputy as d', 'd.id', 'r.deputyId')
        .select(['r.id', 'r.code', 'd.name', 'r.heldOn'])
        .where('r.townId', '=', townId)
        .where('r.id', 'in', ids)
        .execute()
    ).map((r) => ({ id: r.id, code: r.code, title: `${r.name}代表述职`, date: r.heldOn })),
  review: async (db, townId, ids) =>
    (
      await db
        .selectFrom('deputyReview as r')
        .innerJoin('station as s', 's.id', 'r.stationId')
        .select(['r.id', 'r.kind', 'r.period', 's.name', 'r.createdAt'])
        .where('r.townId', '=', townId)
        .where('r.id', 'in', ids)
        .execute()
    ).map((r) => ({ id: r.id, code: r.period, title: `${r.name}${REVIEW_KIND[r.kind] ?? ''}（${r.period}）`, date: chinaDateOf(r.createdAt) })),
  points_scheme: async (db, townId, ids) =>
    (await db.selectFrom('pointsScheme').select(['id', 'year', 'name']).where('townId', '=', townId).where('id', 'in', ids).execute()).map((r) => ({
      id: r.id,
      code: String(r.year),
      title: r.name,
      date: null,
    })),
  presidium_meeting: async (db, townId, ids) =>
    (await db.selectFrom('presidiumMeeting').select(['id', 'code', 'title', 'date']).where('townId', '=', townId).where('id', 'in', ids).execute()).map(
      (r) => ({ id: r.id, code: r.code, title: r.title, date: r.date }),
    ),
  document: async (db, townId, ids) =>
    (await db.selectFrom('document').select(['id', 'code', 'title', 'sentAt', 'issueDate']).where('townId', '=', townId).where('id', 'in', ids).execute()).map(
      (r) => ({ id: r.id, code: r.code, title: r.title, date: r.sentAt ? chinaDateOf(r.sentAt) : r.issueDate }),
    ),
  achievement: async (db, townId, ids) =>
    (await db.selectFrom('achievement').select(['id', 'code', 'title', 'date']).where('townId', '=', townId).where('id', 'in', ids).execute()).map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      date: r.date,
    })),
};

const KINDS: ReadonlySet<string> = new Set(RECORD_KINDS);

/** Refs grouped by kind; malformed refs and unknown kinds are dropped (they name nothing to show). */
export function refsByKind(refs: readonly string[]): Map<RecordKind, string[]> {
  const out = new Map<RecordKind, string[]>();
  for (const r of new Set(refs)) {
    const i = r.indexOf(':');
    if (i <= 0 || i === r.length - 1) continue;
    const kind = r.slice(0, i);
    if (!KINDS.has(kind)) continue;
    const list = out.get(kind as RecordKind) ?? [];
    list.push(r.slice(i + 1));
    out.set(kind as RecordKind, list);
  }
  return out;
}

/** Records first by date (undated last), then by kind and code, so a list reads in the order things happened. */
export function byDate(a: RecordOut, b: RecordOut): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? -1 : 1;
  }
  return a.kind.localeCompare(b.kind) || a.code.localeCompare(b.code) || a.id.localeCompare(b.id);
}

/** The town's records named by `refs`, resolved with one query per kind, ordered by date. */
export async function resolveRecords(db: Kysely<DB>, townId: string, refs: readonly string[]): Promise<RecordOut[]> {
  const groups = [...refsByKind(refs)];
  const parts = await Promise.all(
    groups.map(async ([kind, ids]) =>
      (await RESOLVERS[kind](db, townId, ids)).map(
        (r): RecordOut => ({
          ref: `${kind}:${r.id}`,
          kind,
          id: r.id,
          code: r.code,
          title: r.title,
          date: r.date,
          href: r.href !== undefined ? r.href : recordHref(`${kind}:${r.id}`),
        }),
      ),
    ),
  );
  return parts.flat().sort(byDate);
}
