import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { lockTownCodes, retryOnUniqueViolation } from '../../db/unique.ts';
import { type FieldIssue, ForbiddenError, InvalidTransitionError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { maskPhone } from '../../lib/mask.ts';
import { queryTerms, searchText } from '../../lib/search-text.ts';
import { todayInChina } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import {
  type MatterView,
  type ReceptionRow,
  type ReceptionView,
  activityOfTown,
  deleteReceptionRow,
  deleteUnlinkedMatters,
  deputiesIn,
  deputiesOf,
  findReceptionView,
  isOnDuty,
  listReceptionViews,
  matterTallies,
  mattersOf,
  nextReceptionCode,
  replaceDeputies,
  stationOfTown,
  updateKeptMatter,
  updateReceptionRow,
  villagesIn,
} from './receptions.repo.ts';
import {
  type RoutingCounts,
  type StoredMatter,
  canSeeVisitorPhone,
  canWriteStation,
  emptyRoutingCounts,
  issueMessage,
  matterLine,
  mattersProblems,
  planMatters,
  timesProblems,
} from './receptions.rules.ts';
import type { MatterInput, ReceptionInput, ReceptionQuery, ReceptionUpdate, VersionInput } from './receptions.schemas.ts';

type Input = z.infer<typeof ReceptionInput>;
type MatterIn = z.infer<typeof MatterInput>;

/** A 400 naming every bad field at once, in this module's words (all-or-nothing: nothing was written). */
export function invalid(issues: FieldIssue[]): ValidationError {
  return new ValidationError(issueMessage(issues[0]), issues);
}

// ---- Reading with the caller's rights ----

/** The deputy behind a deputy account; an account not linked to a deputy was on duty nowhere. */
function deputyOf(ctx: Ctx): string {
  const id = ctx.principal.deputyId;
  if (!id) throw new ForbiddenError('当前账号未关联代表');
  return id;
}

/**
 * A reception the caller may read: admins any of the town; a liaison only their station's; a deputy
 * only one they were on duty at. Anything else answers 404, as if it did not exist.
 */
async function readable(ctx: Ctx, db: Kysely<DB>, id: string): Promise<ReceptionView> {
  const townId = townOf(ctx);
  const r = await findReceptionView(db, townId, id);
  if (!r) throw new NotFoundError('接待记录');
  const p = ctx.principal;
  if (p.role === 'liaison' && p.stationId !== r.stationId) throw new NotFoundError('接待记录');
  if (p.role === 'deputy' && !(await isOnDuty(db, townId, id, deputyOf(ctx)))) throw new NotFoundError('接待记录');
  if (p.role === 'handler') throw new NotFoundError('接待记录');
  return r;
}

/** A reception the caller may change: one they may read and whose station they write for. */
async function writable(ctx: Ctx, db: Kysely<DB>, id: string): Promise<ReceptionView> {
  const r = await readable(ctx, db, id);
  if (!canWriteStation(ctx.principal, r.stationId)) throw new ForbiddenError('只有本联络站的联络员或镇人大可以修改接待记录');
  return r;
}

// ---- Presenting ----

function summaries(rows: ReceptionView[], deputies: Map<string, { id: string; name: string }[]>, tallies: Awaited<ReturnType<typeof matterTallies>>) {
  const counts = new Map<string, { matters: number; visitors: number; routing: RoutingCounts }>();
  for (const t of tallies) {
    let c = counts.get(t.receptionId);
    if (!c) counts.set(t.receptionId, (c = { matters: 0, visitors: 0, routing: emptyRoutingCounts() }));
    c.matters += t.matters;
    c.visitors += t.visitors;
    c.routing[t.routing] += t.matters;
  }
  return rows.map((r) => {
    const c = counts.get(r.id);
    return {
      id: r.id,
      code: r.code,
      station: { id: r.stationId, code: r.stationCode, name: r.stationName },
      date: r.date,
      startTime: r.startTime,
      endTime: r.endTime,
      deputies: (deputies.get(r.id) ?? []).map((d) => ({ id: d.id, name: d.name })),
      matterCount: c?.matters ?? 0,
      visitorCount: c?.visitors ?? 0,
      routingCounts: c?.routing ?? emptyRoutingCounts(),
      activityId: r.activityId,
      version: r.version,
    };
  });
}

function presentMatter(m: MatterView, phones: boolean) {
  return {
    id: m.id,
    seq: m.seq,
    visitorName: m.visitorName,
    visitorPhone: phones ? m.visitorPhone : maskPhone(m.visitorPhone),
    visitorCount: m.visitorCount,
    village: m.villageId ? { id: m.villageId, name: m.villageName ?? '' } : null,
    category: m.category,
    content: m.content,
    routing: m.routing,
    routingNote: m.routingNote,
    suggestion: m.suggestionId ? { id: m.suggestionId, code: m.suggestionCode ?? '', state: m.suggestionState ?? '' } : null,
  };
}

/** What the audit log keeps of a reception: names rather than ids, the matters one a line (phones masked). */
function auditView(
  r: Pick<ReceptionRow, 'code' | 'date' | 'startTime' | 'endTime' | 'place' | 'notes'>,
  station: string,
  deputies: string[],
  matters: Parameters<typeof matterLine>[0][],
  activity: string | null,
) {
  return {
    code: r.code,
    station,
    date: r.date,
    startTime: r.startTime,
    endTime: r.endTime,
    place: r.place,
    activity,
    deputies: deputies.join('、'),
    notes: r.notes,
    matters: matters.map((m) => matterLine(m, maskPhone)).join('\n'),
  };
}

// ---- Reads ----

export async function listReceptions(ctx: Ctx, q: z.infer<typeof ReceptionQuery>) {
  const townId = townOf(ctx);
  const p = ctx.principal;
  if (q.from && q.to && q.to < q.from) throw invalid([{ field: 'querystring.to', message: '结束日期不能早于开始日期' }]);
  // A liaison sees their own station's receptions only; asking for another's shows nothing rather than failing.
  let stationId = q.stationId;
  if (p.role === 'liaison') {
    if (!p.stationId || (stationId && stationId !== p.stationId)) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    stationId = p.stationId;
  }
  const text = q.q?.trim() || undefined;
  const { rows, total } = await listReceptionViews(ctx.db, townId, {
    stationId,
    from: q.from,
    to: q.to,
    terms: text ? queryTerms(text) : undefined,
    text,
    deputyId: p.role === 'deputy' ? deputyOf(ctx) : undefined,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const ids = rows.map((r) => r.id);
  const [deputies, tallies] = await Promise.all([deputiesOf(ctx.db, townId, ids), matterTallies(ctx.db, townId, ids)]);
  return { items: summaries(rows, deputies, tallies), total, page: q.page, pageSize: q.pageSize };
}

export async function getReception(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  const r = await readable(ctx, ctx.db, id);
  const [deputies, matters, tallies, activity] = await Promise.all([
    deputiesOf(ctx.db, townId, [id]),
    mattersOf(ctx.db, townId, id),
    matterTallies(ctx.db, townId, [id]),
    r.activityId ? activityOfTown(ctx.db, townId, r.activityId) : Promise.resolve(undefined),
  ]);
  const phones = canSeeVisitorPhone(ctx.principal, r.stationId);
  const write = canWriteStation(ctx.principal, r.stationId);
  return {
    ...summaries([r], deputies, tallies)[0],
    place: r.place,
    notes: r.notes,
    activity: activity ?? null,
    matters: matters.map((m) => presentMatter(m, phones)),
    createdBy: r.createdBy ? { id: r.createdBy, name: r.createdByName ?? '' } : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    phonesVisible: phones,
    can: { edit: write, delete: write && !matters.some((m) => m.suggestionId) },
  };
}

// ---- Writes ----

type Resolved = {
  station: { id: string; code: string; name: string; address: string };
  deputies: { id: string; code: string; name: string }[];
  villages: Map<string, string>;
  activity: { id: string; code: string; title: string } | null;
};

/**
 * Check everything the schema cannot, against the town's records, and collect every problem so the
 * form shows them all at once: the station, the deputies on duty (deputies of the town; a deputy
 * newly put on duty must be serving), the linked activity, each matter's village and routing note.
 */
async function resolve(ctx: Ctx, db: Kysely<DB>, input: Input, keptDeputies: ReadonlySet<string>, now: Date): Promise<Resolved> {
  const townId = townOf(ctx);
  const issues: FieldIssue[] = [...timesProblems(input, todayInChina(now))];
  const deputyIds = [...new Set(input.deputyIds)];
  const villageIds = [...new Set(input.matters.map((m) => m.villageId).filter((v): v is string => !!v))];
  const [station, deputies, villages, activity] = await Promise.all([
    stationOfTown(db, townId, input.stationId),
    deputiesIn(db, townId, deputyIds),
    villagesIn(db, townId, villageIds),
    input.activityId ? activityOfTown(db, townId, input.activityId) : Promise.resolve(undefined),
  ]);
  if (!station) issues.push({ field: 'body.stationId', message: '联络站不存在或不属于本镇' });
  const byId = new Map(deputies.map((d) => [d.id, d]));
  input.deputyIds.forEach((id, i) => {
    const d = byId.get(id);
    if (!d) issues.push({ field: `body.deputyIds[${i}]`, message: '代表不存在或不属于本镇' });
    else if (d.status !== 'serving' && !keptDeputies.has(id)) issues.push({ field: `body.deputyIds[${i}]`, message: `${d.name} 已不在任，不能安排值班` });
  });
  if (input.activityId && !activity) issues.push({ field: 'body.activityId', message: '活动不存在或不属于本镇' });
  const villageName = new Map(villages.map((v) => [v.id, v.name]));
  input.matters.forEach((m, i) => {
    if (m.villageId && !villageName.has(m.villageId)) issues.push({ field: `body.matters[${i}].villageId`, message: '村(社区)不存在或不属于本镇' });
  });
  issues.push(...mattersProblems(input.matters));
  if (issues.length) throw invalid(issues);
  if (!canWriteStation(ctx.principal, input.stationId)) throw new ForbiddenError('联络员只能登记本联络站的接待');
  return {
    station: station as Resolved['station'],
    deputies: deputyIds.map((id) => byId.get(id) as { id: string; code: string; name: string }).sort((a, b) => a.code.localeCompare(b.code)),
    villages: villageName,
    activity: activity ?? null,
  };
}

/** A matter's row as written: defaults filled, text trimmed, the search text made from its words. */
function matterRow(m: MatterIn, seq: number, villages: Map<string, string>) {
  const village = m.villageId ? (villages.get(m.villageId) ?? null) : null;
  return {
    seq,
    visitorName: m.visitorName?.trim() ?? '',
    visitorPhone: m.visitorPhone?.trim() || null,
    visitorCount: m.visitorCount ?? 1,
    villageId: m.villageId || null,
    category: m.category,
    content: m.content,
    routing: m.routing,
    routingNote: m.routingNote?.trim() ?? '',
    searchText: searchText(m.content, m.category, village),
    village,
  };
}

const receptionFields = (input: Input, station: Resolved['station']) => ({
  stationId: input.stationId,
  date: input.date,
  startTime: input.startTime || null,
  endTime: input.endTime || null,
  // Most receptions are held at the station itself: its address unless another place is given.
  place: input.place?.trim() || station.address,
  activityId: input.activityId || null,
  notes: input.notes?.trim() ?? '',
});

/** Record a reception (登记接待): admins for any station, a liaison for their own. */
export async function createReception(ctx: Ctx, input: Input, now = new Date()) {
  const townId = townOf(ctx);
  if (ctx.principal.role === 'liaison' && ctx.principal.stationId !== input.stationId) {
    // Checked before the records, so a liaison learns nothing about another station's ids.
    const s = await stationOfTown(ctx.db, townId, input.stationId);
    if (s) throw new ForbiddenError('联络员只能登记本联络站的接待');
  }
  const id = await retryOnUniqueViolation(() =>
    ctx.db.transaction().execute(async (trx) => {
      await lockTownCodes(trx, townId);
      const res = await resolve(ctx, trx, input, new Set(), now);
      const ts = now.toISOString();
      const row = {
        id: newId(),
        townId,
        code: await nextReceptionCode(trx, townId),
        ...receptionFields(input, res.station),
        version: 1,
        createdBy: ctx.principal.userId,
        createdAt: ts,
        updatedAt: ts,
      };
      await trx.insertInto('reception').values(row).execute();
      await replaceDeputies(
        trx,
        townId,
        row.id,
        res.deputies.map((d) => d.id),
      );
      const matters = input.matters.map((m, i) => matterRow(m, i + 1, res.villages));
      if (matters.length) {
        await trx
          .insertInto('receptionMatter')
          .values(
            matters.map(({ village: _v, ...m }) => ({ ...m, id: newId(), townId, receptionId: row.id, suggestionId: null, createdAt: ts, updatedAt: ts })),
          )
          .execute();
      }
      await recordAudit(trx, ctx, {
        entity: 'reception',
        entityId: row.id,
        action: 'create',
        summary: `登记接待 ${row.code} ${res.station.name} ${row.date}（${matters.length} 项事项）`,
        after: auditView(
          row,
          res.station.name,
          res.deputies.map((d) => d.name),
          matters,
          res.activity ? `${res.activity.code} ${res.activity.title}` : null,
        ),
      });
      return row.id;
    }),
  );
  return getReception(ctx, id);
}

/**
 * Change a reception: its fields, the deputies on duty and the whole list of matters, in one
 * transaction at the version the client saw. Matters that name their id keep it; a matter turned into a
 * suggestion must stay (with its routing). Any problem answers 400 and nothing changes.
 */
export async function updateReception(ctx: Ctx, id: string, input: z.infer<typeof ReceptionUpdate>, now = new Date()) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await writable(ctx, trx, id);
    const [deputiesBefore, mattersBefore, activityBefore] = await Promise.all([
      deputiesOf(trx, townId, [id]),
      mattersOf(trx, townId, id),
      before.activityId ? activityOfTown(trx, townId, before.activityId) : Promise.resolve(undefined),
    ]);
    const onDuty = deputiesBefore.get(id) ?? [];
    const stored: StoredMatter[] = mattersBefore.map((m) => ({
      id: m.id,
      seq: m.seq,
      routing: m.routing,
      suggestionId: m.suggestionId,
      suggestionCode: m.suggestionCode,
    }));
    const plan = planMatters(stored, input.matters);
    let res: Resolved;
    try {
      res = await resolve(ctx, trx, input, new Set(onDuty.map((d) => d.id)), now);
    } catch (e) {
      // Both lists of problems in one answer, so the form marks every field at once.
      if (e instanceof ValidationError && plan.issues.length) throw invalid([...(e.details as { issues: FieldIssue[] }).issues, ...plan.issues]);
      throw e;
    }
    if (plan.issues.length) throw invalid(plan.issues);

    const ts = now.toISOString();
    const fields = receptionFields(input, res.station);
    await updateReceptionRow(trx, townId, id, input.version, { ...fields, updatedAt: ts });
    await replaceDeputies(
      trx,
      townId,
      id,
      res.deputies.map((d) => d.id),
    );
    // Removed and kept matters are written on the condition that their suggestion link is still the one
    // read above: a matter turned into a suggestion meanwhile answers 409 (see linkSource).
    await deleteUnlinkedMatters(trx, townId, id, plan.removed, plan.removed.length);
    const linkOf = new Map(mattersBefore.map((m) => [m.id, m.suggestionId]));
    const matters = input.matters.map((m, i) => matterRow(m, i + 1, res.villages));
    const inserts = [];
    for (const [i, m] of matters.entries()) {
      const { village: _v, ...row } = m;
      const keep = plan.ids[i];
      if (keep) {
        // One UPDATE per kept matter: a reception has a handful; the suggestion link is never touched here.
        await updateKeptMatter(trx, townId, keep, linkOf.get(keep) ?? null, { ...row, updatedAt: ts });
      } else inserts.push({ ...row, id: newId(), townId, receptionId: id, suggestionId: null, createdAt: ts, updatedAt: ts });
    }
    if (inserts.length) await trx.insertInto('receptionMatter').values(inserts).execute();

    const mattersOld = mattersBefore.map((m) => ({ ...m, village: m.villageName }));
    await recordAudit(trx, ctx, {
      entity: 'reception',
      entityId: id,
      action: 'update',
      summary: `修改接待记录 ${before.code} ${res.station.name} ${input.date}`,
      before: auditView(
        before,
        before.stationName,
        onDuty.map((d) => d.name),
        mattersOld,
        activityBefore ? `${activityBefore.code} ${activityBefore.title}` : null,
      ),
      after: auditView(
        { code: before.code, ...fields },
        res.station.name,
        res.deputies.map((d) => d.name),
        matters,
        res.activity ? `${res.activity.code} ${res.activity.title}` : null,
      ),
    });
  });
  return getReception(ctx, id);
}

/** Delete a reception recorded by mistake; refused while a suggestion was made from one of its matters. */
export async function deleteReception(ctx: Ctx, id: string, input: z.infer<typeof VersionInput>) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await writable(ctx, trx, id);
    const [deputies, matters] = await Promise.all([deputiesOf(trx, townId, [id]), mattersOf(trx, townId, id)]);
    const linked = matters.find((m) => m.suggestionId);
    if (linked) throw new InvalidTransitionError(`第 ${linked.seq} 项事项已转为建议 ${linked.suggestionCode ?? ''}，不能删除此接待记录`);
    // Conditional and counted: a matter turned into a suggestion since the check above is not deleted (409).
    await deleteUnlinkedMatters(trx, townId, id, 'all', matters.length);
    await trx.deleteFrom('receptionDeputy').where('townId', '=', townId).where('receptionId', '=', id).execute();
    await deleteReceptionRow(trx, townId, id, input.version);
    await recordAudit(trx, ctx, {
      entity: 'reception',
      entityId: id,
      action: 'delete',
      summary: `删除接待记录 ${before.code} ${before.stationName} ${before.date}`,
      before: auditView(
        before,
        before.stationName,
        (deputies.get(id) ?? []).map((d) => d.name),
        matters.map((m) => ({ ...m, village: m.villageName })),
        null,
      ),
    });
  });
  return { ok: true as const };
}
