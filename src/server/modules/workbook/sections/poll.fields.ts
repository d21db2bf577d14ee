import { randomBytes } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import { newId } from '../../../lib/ids.ts';
import { OVERALL } from '../../polls/polls.rules.ts';
import type { IssueList } from '../workbook.check.ts';
import { sortByKey } from '../workbook.rules.ts';
import { Key, Name } from '../workbook.schemas.ts';
import type { KeyKind, KeyMaps } from '../workbook.types.ts';
import { chunks, deleteChildren, insertMany } from '../workbook.write.ts';
import { UtcTime } from './activity.fields.ts';

/*
 * A one-time-code poll as part of the record that runs it (an appraisal, a duty report, a review). The
 * workbook carries the results only: the counters (how many ballots gave which answer to which question
 * about which subject) and how many codes were issued and used. Never a code, a code's hash, whom a code
 * went to, or anything else that could link a ballot to a voter. Subjects are named by their external key
 * (a unit or deputy code), not by the ids the poll stores.
 *
 * The codes of an imported poll are placeholders (the hash of random bytes, which no code produces): they
 * keep the tally of issued and used codes, and no one can vote with them. An open poll moved to another
 * installation therefore needs fresh codes.
 */

const Count = z.number().int('应为整数').min(0, '不能为负数').max(1_000_000);
const Choice = z.strictObject({ key: Key, label: Name(50) });

export const PollRecord = z
  .strictObject({
    title: Name(200),
    status: z.enum(['draft', 'open', 'closed']).meta({ description: 'draft 草稿 / open 投票中 / closed 已结束' }),
    subjects: z.array(z.strictObject({ key: Key.meta({ description: '评议对象的编码（承办单位或代表）' }), name: Name(100) })),
    dimensions: z.array(Choice).meta({ description: '分项评价（总体评价 overall 总是有）' }),
    scale: z.array(Choice).min(1, '至少需要一个评价选项').meta({ description: '评价选项，如 satisfied 满意 / basic 基本满意 / dissatisfied 不满意' }),
    paperBallots: Count.meta({ description: '录入的纸质票数' }),
    codesIssued: Count.meta({ description: '已生成的投票码个数（投票码本身不随工作簿导出）' }),
    codesUsed: Count.meta({ description: '已使用的投票码个数' }),
    opensAt: UtcTime.nullable(),
    closesAt: UtcTime.nullable(),
    counts: z
      .array(z.strictObject({ subject: Key, question: Key, answer: Key, count: Count.min(1, '为 0 的计数不写出') }))
      .meta({ description: '计票：每个对象、每个问题、每个选项的票数（只列不为 0 的）' }),
  })
  .superRefine((p, ctx) => {
    if (p.codesUsed > p.codesIssued) ctx.addIssue({ code: 'custom', path: ['codesUsed'], message: '已使用的投票码不能多于已生成的' });
  })
  .meta({ title: '投票结果', description: '一次投票的计票结果；不含投票码和投票人' });
export type PollRecord = z.infer<typeof PollRecord>;

const countKey = (c: PollRecord['counts'][number]) => [c.subject, c.question, c.answer] as const;

export function canonicalPoll(p: PollRecord | null): PollRecord | null {
  return p && { ...p, counts: sortByKey(p.counts, countKey) };
}

/** Subjects, questions and answers named by the poll itself; each overall question answered by every ballot. */
export function checkPoll(out: IssueList, known: (kind: KeyKind, key: string) => boolean, kind: KeyKind, p: PollRecord, at: string): void {
  p.subjects.forEach((s, j) => {
    out.ref(known, kind, s.key, `${at}.subjects[${j}].key`);
  });
  out.uniqueList(
    p.subjects.map((s) => s.key),
    `${at}.subjects`,
  );
  out.uniqueList(
    p.dimensions.map((d) => d.key),
    `${at}.dimensions`,
  );
  const subjects = new Set(p.subjects.map((s) => s.key));
  const questions = new Set([OVERALL, ...p.dimensions.map((d) => d.key)]);
  const answers = new Set(p.scale.map((s) => s.key));
  const seen = new Set<string>();
  const sums = new Map<string, number>();
  p.counts.forEach((c, j) => {
    const cat = `${at}.counts[${j}]`;
    if (!subjects.has(c.subject)) out.add(`${cat}.subject`, `“${c.subject}” 不在本次投票的评议对象中`);
    if (!questions.has(c.question)) out.add(`${cat}.question`, `“${c.question}” 不在本次问卷中`);
    if (!answers.has(c.answer)) out.add(`${cat}.answer`, `“${c.answer}” 不是本次问卷的评价选项`);
    const k = countKey(c).join('\u0000');
    if (seen.has(k)) out.add(cat, '同一对象、问题和选项只能出现一次');
    seen.add(k);
    const q = `${c.subject}\u0000${c.question}`;
    sums.set(q, (sums.get(q) ?? 0) + c.count);
  });
  // Every ballot, on the phone or on paper, answers the overall question for every subject; dimensions may be left blank.
  const ballots = p.codesUsed + p.paperBallots;
  for (const s of p.subjects) {
    const n = sums.get(`${s.key}\u0000${OVERALL}`) ?? 0;
    if (n !== ballots) out.add(`${at}.counts`, `${s.key} 的总体评价票数之和（${n}）应等于投票数（已使用投票码 ${p.codesUsed} + 纸质票 ${p.paperBallots}）`);
  }
  for (const [q, n] of sums) if (n > ballots) out.add(`${at}.counts`, `${q.replace('\u0000', ' 的 ')} 票数之和（${n}）超过投票数（${ballots}）`);
}

/** A poll whose codes travel only as tallies cannot have them changed by a workbook. */
export function checkPollChange(out: IssueList, before: PollRecord | null, after: PollRecord | null, at: string): void {
  if (before === null) return;
  if (after === null) out.add(at, '数据库中的投票结果不能通过工作簿删除');
  else if (before.codesIssued !== after.codesIssued || before.codesUsed !== after.codesUsed)
    out.add(`${at}.codesUsed`, `投票码的生成数和使用数不能通过工作簿修改（数据库中为 ${before.codesIssued} / ${before.codesUsed}）`);
}

/** Polls by id in workbook form; `subjectKey` maps the ids a poll stores to external keys. */
export async function loadPolls(db: Kysely<DB>, townId: string, subjectKey: ReadonlyMap<string, string>): Promise<Map<string, PollRecord>> {
  const [polls, counts, codes] = await Promise.all([
    db.selectFrom('poll').selectAll().where('townId', '=', townId).execute(),
    db.selectFrom('pollCount').select(['pollId', 'subjectId', 'question', 'answer', 'count']).where('townId', '=', townId).where('count', '>', 0).execute(),
    // Tallies only: how many codes and how many used, per poll; no row of poll_code leaves this query.
    db
      .selectFrom('pollCode')
      .select((eb) => ['pollId', eb.fn.countAll<number>().as('issued'), eb.fn.sum<number>('used').as('used')])
      .where('townId', '=', townId)
      .groupBy('pollId')
      .execute(),
  ]);
  const key = (id: string) => subjectKey.get(id) ?? id;
  const countsOf = new Map<string, PollRecord['counts']>();
  for (const c of counts)
    countsOf.set(c.pollId, [...(countsOf.get(c.pollId) ?? []), { subject: key(c.subjectId), question: c.question, answer: c.answer, count: Number(c.count) }]);
  const tally = new Map(codes.map((c) => [c.pollId, { issued: Number(c.issued), used: Number(c.used ?? 0) }]));
  const out = new Map<string, PollRecord>();
  for (const p of polls) {
    const q = JSON.parse(p.questionnaire) as { dimensions: { key: string; label: string }[]; scale: { key: string; label: string }[] };
    const t = tally.get(p.id) ?? { issued: 0, used: 0 };
    out.set(p.id, {
      title: p.title,
      status: p.status,
      subjects: (JSON.parse(p.subjects) as { id: string; name: string }[]).map((s) => ({ key: key(s.id), name: s.name })),
      dimensions: q.dimensions.map((d) => ({ key: d.key, label: d.label })),
      scale: q.scale.map((s) => ({ key: s.key, label: s.label })),
      paperBallots: p.paperBallots,
      codesIssued: t.issued,
      codesUsed: t.used,
      opensAt: p.opensAt,
      closesAt: p.closesAt,
      counts: sortByKey(countsOf.get(p.id) ?? [], countKey),
    });
  }
  return out;
}

/** id → code of the town's units and deputies: the subjects of every kind of poll. */
export async function subjectKeys(db: Kysely<DB>, townId: string): Promise<Map<string, string>> {
  const [units, deputies] = await Promise.all([
    db.selectFrom('handlingUnit').select(['id', 'code']).where('townId', '=', townId).execute(),
    db.selectFrom('deputy').select(['id', 'code']).where('townId', '=', townId).execute(),
  ]);
  return new Map([...units, ...deputies].map((r) => [r.id, r.code]));
}

type PollKindName = 'appraisal' | 'duty_report' | 'peer_review' | 'voter_review';

/**
 * Write polls: new ones with every counter (zero ones too, as createPoll does, so casting only updates)
 * and placeholder codes; existing ones get their row and counters rewritten (their codes stay).
 */
export async function writePolls(
  trx: Kysely<DB>,
  townId: string,
  now: string,
  keys: KeyMaps,
  subjectKind: KeyKind,
  kind: PollKindName,
  rows: readonly { pollId: string; poll: PollRecord; isNew: boolean }[],
): Promise<void> {
  if (!rows.length) return;
  const subjectId = (k: string) => keys.id(subjectKind, k);
  const fields = (p: PollRecord) => ({
    title: p.title,
    subjects: JSON.stringify(p.subjects.map((s) => ({ id: subjectId(s.key), name: s.name }))),
    questionnaire: JSON.stringify({ dimensions: p.dimensions, scale: p.scale }),
    status: p.status,
    paperBallots: p.paperBallots,
    opensAt: p.opensAt,
    closesAt: p.closesAt,
  });
  const fresh = rows.filter((r) => r.isNew);
  await insertMany(
    trx,
    'poll',
    fresh.map((r) => ({ id: r.pollId, townId, kind, ...fields(r.poll), createdAt: now, updatedAt: now })),
  );
  for (const r of rows.filter((x) => !x.isNew)) {
    await trx
      .updateTable('poll')
      .set({ ...fields(r.poll), updatedAt: now })
      .where('townId', '=', townId)
      .where('id', '=', r.pollId)
      .execute();
  }
  await deleteChildren(
    trx,
    'pollCount',
    'pollId',
    rows.filter((x) => !x.isNew).map((r) => r.pollId),
    townId,
  );
  const counts: Insertable<DB['pollCount']>[] = [];
  const codes: Insertable<DB['pollCode']>[] = [];
  for (const { pollId, poll: p, isNew } of rows) {
    const given = new Map(p.counts.map((c) => [`${c.subject}\u0000${c.question}\u0000${c.answer}`, c.count]));
    for (const s of p.subjects)
      for (const q of [OVERALL, ...p.dimensions.map((d) => d.key)])
        for (const a of p.scale)
          counts.push({ pollId, townId, subjectId: subjectId(s.key), question: q, answer: a.key, count: given.get(`${s.key}\u0000${q}\u0000${a.key}`) ?? 0 });
    if (isNew)
      for (let i = 0; i < p.codesIssued; i++)
        codes.push({
          id: randomBytes(16).toString('hex'),
          townId,
          pollId,
          codeHash: randomBytes(32).toString('hex'),
          used: i < p.codesUsed ? 1 : 0,
          issuedTo: null,
        });
  }
  await insertMany(trx, 'pollCount', counts);
  for (const part of chunks(codes, 500)) await insertMany(trx, 'pollCode', part);
}

/** Poll ids for records: the one the record has in the database, or a new one. */
export function pollIdFor(existingPollId: string | null | undefined, poll: PollRecord | null): { pollId: string; isNew: boolean } | null {
  if (poll === null) return null;
  return existingPollId ? { pollId: existingPollId, isNew: false } : { pollId: newId(), isNew: true };
}
