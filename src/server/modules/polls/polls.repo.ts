import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PollTable } from '../../db/tables/polls.ts';
import type { Choice, Questionnaire } from './polls.rules.ts';

/* Queries of polls. Every function takes the town; a cast ballot touches only poll_code.used and poll_count. */

export type PollRow = Omit<PollTable, 'status' | 'paperBallots'> & { status: 'draft' | 'open' | 'closed'; paperBallots: number };

export async function findPoll(db: Kysely<DB>, townId: string, id: string): Promise<PollRow | undefined> {
  return db.selectFrom('poll').selectAll().where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

export function parseSubjects(p: Pick<PollRow, 'subjects'>): Choice[] {
  return (JSON.parse(p.subjects) as { id: string; name: string }[]).map((s) => ({ key: s.id, label: s.name }));
}

export function parseQuestionnaire(p: Pick<PollRow, 'questionnaire'>): Questionnaire {
  return JSON.parse(p.questionnaire) as Questionnaire;
}

export async function codeTally(db: Kysely<DB>, townId: string, pollId: string): Promise<{ issued: number; used: number }> {
  const r = await db
    .selectFrom('pollCode')
    .select((eb) => [eb.fn.countAll<number>().as('issued'), eb.fn.sum<number>('used').as('used')])
    .where('townId', '=', townId)
    .where('pollId', '=', pollId)
    .executeTakeFirstOrThrow();
  return { issued: Number(r.issued), used: Number(r.used ?? 0) };
}

export async function pollCounts(db: Kysely<DB>, townId: string, pollId: string) {
  const rows = await db
    .selectFrom('pollCount')
    .select(['subjectId', 'question', 'answer', 'count'])
    .where('townId', '=', townId)
    .where('pollId', '=', pollId)
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}
