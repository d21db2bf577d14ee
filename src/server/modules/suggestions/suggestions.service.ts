import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { lockTownCodes, retryOnUniqueViolation } from '../../db/unique.ts';
import { assertVersion } from '../../db/versioned.ts';
import type { DB } from '../../db/schema.ts';
import type { SponsorRole, SuggestionSource } from '../../db/tables/suggestions.ts';
import { ForbiddenError, InvalidTransitionError, NotFoundError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { searchText } from '../../lib/search-text.ts';
import { todayInChina } from '../../lib/time.ts';
import { addDays } from '../../lib/working-days.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findFile } from '../files/files.repo.ts';
import { requireAttachableFiles } from '../files/files.service.ts';
import { notifyUsers, townAdminIds } from '../notifications/notify.ts';
import { calendarBetween, loadSettings } from './settings.repo.ts';
import { STATES, type SuggestionState, stateLabel } from './suggestion.machine.ts';
import { badField } from './suggestions.errors.ts';
import { factsOf, presentDetail, presentItems } from './suggestions.present.ts';
import { type Actor, EDITABLE, isAdmin, mayEdit } from './suggestions.policy.ts';
import {
  type SuggestionRow,
  attachmentsOf,
  deputiesIn,
  fileOfSuggestion,
  findSuggestion,
  insertEvent,
  listSuggestions,
  nextSuggestionCode,
  replaceFiles,
  replaceSponsors,
  sponsorsOf,
  unitsOf,
  updateSuggestionRow,
} from './suggestions.repo.ts';
import type { SuggestionInput, SuggestionQuery, SuggestionUpdate } from './suggestions.schemas.ts';
import { mineOf, scopeOf } from './suggestions.scope.ts';
import { checkSource, linkSource } from './suggestions.sources.ts';
import { sessionOfTown } from '../sessions/session-stats.repo.ts';

/*
 * Use cases of a suggestion as a record: create, edit, read, list, the duplicate check and reading an
 * attachment. The lifecycle actions are in suggestions.actions.ts and the files it names.
 */

export function actorOf(ctx: Ctx): Actor {
  const p = ctx.principal;
  return { role: p.role, deputyId: p.deputyId, unitId: p.unitId };
}

/** An item the caller may see, or 404: another town's, and one outside the caller's scope, look the same. */
export async function visibleRow(db: Kysely<DB>, ctx: Ctx, id: string): Promise<SuggestionRow> {
  const townId = townOf(ctx);
  const row = await findSuggestion(db, townId, id, scopeOf(ctx.principal, townId));
  if (!row) throw new NotFoundError('建议');
  return row;
}

/** The detail as this caller sees it, with the deadlines computed on the town's calendar. */
export async function getSuggestion(ctx: Ctx, id: string, now = new Date()) {
  const townId = townOf(ctx);
  const row = await visibleRow(ctx.db, ctx, id);
  const today = todayInChina(now);
  const settings = await loadSettings(ctx.db, townId);
  // The return window is a few weeks at most; 120 days of calendar covers it with room to spare.
  const cal = await calendarBetween(ctx.db, townId, row.assignedOn ?? today, addDays(row.assignedOn ?? today, 120));
  return presentDetail(ctx.db, townId, row, actorOf(ctx), settings, today, cal);
}

// ---- Lists ----

export async function listSuggestionsUseCase(ctx: Ctx, q: z.infer<typeof SuggestionQuery>, now = new Date()) {
  const townId = townOf(ctx);
  const today = todayInChina(now);
  const settings = await loadSettings(ctx.db, townId);
  let states: SuggestionState[] | undefined;
  if (q.states) {
    const list = q.states
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = list.find((s) => !STATES.includes(s as SuggestionState));
    if (bad) throw badField('querystring.states', `未知状态：${bad}`);
    states = list as SuggestionState[];
  }
  // Both given: both hold (a state outside the list finds nothing).
  if (q.state) states = states ? states.filter((s) => s === q.state) : [q.state];
  if (states && states.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  // The handler's workspace is read by due date unless asked otherwise.
  const sort = q.sort ?? (ctx.principal.role === 'handler' ? 'due' : 'updated');
  const order = q.order ?? (sort === 'due' ? 'asc' : 'desc');
  const { rows, total } = await listSuggestions(ctx.db, townId, {
    scope: scopeOf(ctx.principal, townId),
    mine: q.mine === 'true' ? mineOf(ctx.principal) : null,
    q: q.q || undefined,
    states,
    kind: q.kind,
    category: q.category || undefined,
    sourceType: q.sourceType,
    unitId: q.unitId,
    deputyId: q.deputyId ?? (q.sponsorRole && ctx.principal.role === 'deputy' ? (ctx.principal.deputyId ?? undefined) : undefined),
    sponsorRole: q.sponsorRole,
    villageId: q.villageId,
    year: q.year,
    sessionId: q.sessionId,
    key: q.key === undefined ? undefined : q.key === 'true',
    due: q.due ? { kind: q.due, today, soonUntil: addDays(today, settings.dueSoonDays) } : undefined,
    pending: q.pending,
    sort,
    order,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: await presentItems(ctx.db, townId, rows, settings, today), total, page: q.page, pageSize: q.pageSize };
}

/** A file of the item (an attachment or a reply document), for whoever may see the item. */
export async function fileForReading(ctx: Ctx, id: string, fileId: string) {
  const townId = townOf(ctx);
  await visibleRow(ctx.db, ctx, id);
  if (!(await fileOfSuggestion(ctx.db, townId, id, fileId))) throw new NotFoundError('文件');
  const row = await findFile(ctx.db, townId, fileId);
  if (!row) throw new NotFoundError('文件');
  return row;
}

// ---- Writes of the record ----

const DEPUTY_SOURCES: readonly SuggestionSource[] = ['deputy', 'visit', 'session'];

type SponsorPlan = { deputyId: string; role: SponsorRole; name: string }[];

/**
 * The sponsors named on the form: deputies of the town, nobody twice, the lead not also a co-sponsor.
 * Deputies already on the item may stay after leaving office; newly named ones must be serving.
 */
async function resolveSponsors(db: Kysely<DB>, townId: string, lead: string | null, co: readonly string[], kept: ReadonlySet<string>): Promise<SponsorPlan> {
  const coIds = [...new Set(co)];
  if (lead && coIds.includes(lead)) throw badField('body.coSponsorIds', '领衔代表不必再列为附议代表');
  const found = new Map((await deputiesIn(db, townId, lead ? [lead, ...coIds] : coIds)).map((d) => [d.id, d]));
  const check = (id: string, field: string) => {
    const d = found.get(id);
    if (!d) throw badField(field, '代表不存在或不属于本镇');
    if (!kept.has(id) && d.status !== 'serving') throw badField(field, `${d.name} 已不在任`);
    return d;
  };
  const out: SponsorPlan = [];
  if (lead) out.push({ deputyId: lead, role: 'lead', name: check(lead, 'body.leadDeputyId').name });
  for (const id of coIds) out.push({ deputyId: id, role: 'co', name: check(id, 'body.coSponsorIds').name });
  return out;
}

async function checkVillage(db: Kysely<DB>, townId: string, villageId: string | null) {
  if (!villageId) return;
  const v = await db.selectFrom('village').select('id').where('townId', '=', townId).where('id', '=', villageId).executeTakeFirst();
  if (!v) throw badField('body.villageId', '村（社区）不存在或不属于本镇');
}

/** The congress session it was raised at: a session of the town (another town's does not exist). */
async function checkSession(db: Kysely<DB>, townId: string, sessionId: string | null) {
  if (!sessionId) return;
  if (!(await sessionOfTown(db, townId, sessionId))) throw badField('body.sessionId', '会议不存在');
}

export function textOf(r: Pick<SuggestionRow, 'title' | 'content' | 'grounds' | 'proposal' | 'category'>, sponsorNames: readonly string[]): string {
  return searchText(r.title, r.content, r.grounds, r.proposal, r.category, ...sponsorNames);
}

/** What the audit log keeps of an item: names rather than ids, so an entry reads on its own. */
export function auditView(r: SuggestionRow, sponsors?: { name: string; role: SponsorRole }[]) {
  return {
    code: r.code,
    kind: r.kind,
    title: r.title,
    category: r.category,
    state: stateLabel(r.state),
    sourceType: r.sourceType,
    ...(sponsors ? { sponsors: sponsors.map((s) => `${s.name}${s.role === 'lead' ? '（领衔）' : ''}`).join('、') } : {}),
    pending: r.pending,
    dueDate: r.dueDate,
    grade: r.grade,
    rating: r.rating,
    keySupervision: r.keySupervision === 1,
    published: r.published === 1,
  };
}

/** Create an item (draft, or submitted with `submit: true`): admins, liaisons, and a deputy for themselves. */
export async function createSuggestion(ctx: Ctx, input: z.infer<typeof SuggestionInput>, now = new Date()) {
  const id = await retryOnUniqueViolation(() => ctx.db.transaction().execute((trx) => insertSuggestion(trx, ctx, input, now)));
  return getSuggestion(ctx, id, now);
}

/**
 * The write of createSuggestion in the caller's transaction, answering the new id: a session motion
 * handled as a suggestion (motions.service.ts) is created in the transaction of that decision.
 */
export async function insertSuggestion(trx: Kysely<DB>, ctx: Ctx, input: z.infer<typeof SuggestionInput>, now = new Date()): Promise<string> {
  const townId = townOf(ctx);
  const p = ctx.principal;
  let lead = input.leadDeputyId ?? null;
  if (p.role === 'deputy') {
    if (!p.deputyId) throw new ForbiddenError('当前账号未关联代表');
    if (lead && lead !== p.deputyId) throw badField('body.leadDeputyId', '代表只能以本人名义领衔提出建议');
    if (!DEPUTY_SOURCES.includes(input.sourceType)) throw badField('body.sourceType', '代表提出的建议来源只能是代表本人、走访选民或会议期间');
    lead = p.deputyId;
  }
  if (input.sourceType === 'deputy' && !lead) throw badField('body.leadDeputyId', '代表提出的建议须有领衔代表');
  const today = todayInChina(now);
  const year = Number(today.slice(0, 4));
  const at = now.toISOString();
  await lockTownCodes(trx, townId);
  const settings = await loadSettings(trx, townId);
  if (!settings.categories.includes(input.category)) throw badField('body.category', `类别应为：${settings.categories.join('、')}`);
  const sponsors = await resolveSponsors(trx, townId, lead, input.coSponsorIds ?? [], new Set());
  await checkVillage(trx, townId, input.villageId ?? null);
  await checkSession(trx, townId, input.sessionId ?? null);
  const source = await checkSource(trx, p, townId, input.sourceType, input.sourceId);
  const fileIds = [...new Set(input.fileIds ?? [])];
  await requireAttachableFiles({ ...ctx, db: trx }, fileIds, 'body.fileIds');
  const state: SuggestionState = input.submit ? 'submitted' : 'draft';
  const row: SuggestionRow = {
    id: newId(),
    townId,
    code: await nextSuggestionCode(trx, townId, year),
    year,
    kind: input.kind,
    title: input.title,
    content: input.content,
    grounds: input.grounds ?? '',
    proposal: input.proposal ?? '',
    sourceType: input.sourceType,
    sourceId: source.id,
    category: input.category,
    villageId: input.villageId ?? null,
    sessionId: input.sessionId ?? null,
    state,
    pending: null,
    round: 1,
    followUp: 0,
    notAcceptedReason: '',
    mergedIntoId: null,
    keySupervision: 0,
    keyNote: '',
    assignedOn: null,
    dueDate: null,
    submittedAt: input.submit ? at : null,
    registeredAt: null,
    repliedOn: null,
    grade: null,
    rating: null,
    closedAt: null,
    published: 0,
    publicAnswer: '',
    searchText: '',
    version: 1,
    createdBy: p.userId,
    createdAt: at,
    updatedAt: at,
  };
  row.searchText = textOf(
    row,
    sponsors.map((s) => s.name),
  );
  await trx.insertInto('suggestion').values(row).execute();
  await replaceSponsors(trx, townId, row.id, sponsors);
  await replaceFiles(trx, townId, row.id, fileIds);
  await linkSource(trx, townId, source, row.id, p.userId, at);
  await insertEvent(trx, townId, row.id, p, at, {
    type: 'create',
    fromState: null,
    toState: 'draft',
    round: 1,
    data: { sourceType: row.sourceType, sourceId: row.sourceId },
  });
  if (input.submit) {
    await insertEvent(trx, townId, row.id, p, at, { type: 'submit', fromState: 'draft', toState: 'submitted', round: 1 });
    await notifyUsers(trx, townId, await townAdminIds(trx, townId), {
      kind: 'suggestion.submitted',
      title: `新提交的建议 ${row.code}`,
      body: row.title,
      link: `/suggestions/${row.id}`,
      entity: 'suggestion',
      entityId: row.id,
    });
  }
  await recordAudit(trx, ctx, {
    entity: 'suggestion',
    entityId: row.id,
    action: 'create',
    summary: `${input.submit ? '提出并提交' : '新建'}建议 ${row.code} ${row.title}`,
    after: auditView(row, sponsors),
  });
  return row.id;
}

const LINKED: readonly SuggestionSource[] = ['reception', 'portal'];

/**
 * Edit an item before it is assigned: admins while draft, submitted or registered; the lead deputy
 * while it is their draft. Fields left out keep their values; the sponsors and attachments named are
 * the new lists. The source of an item that came from a reception or the portal stays as it is.
 */
export async function updateSuggestion(ctx: Ctx, id: string, input: z.infer<typeof SuggestionUpdate>, now = new Date()) {
  const townId = townOf(ctx);
  const p = ctx.principal;
  const actor = actorOf(ctx);
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleRow(trx, ctx, id);
    const [sponsorMap, unitMap] = await Promise.all([sponsorsOf(trx, townId, [id]), unitsOf(trx, townId, [id])]);
    const oldSponsors = sponsorMap.get(id) ?? [];
    const facts = factsOf(before, oldSponsors, unitMap.get(id) ?? []);
    if (!isAdmin(actor) && !(p.role === 'deputy' && p.deputyId === facts.leadDeputyId)) throw new ForbiddenError('只有领衔代表或镇人大可以修改建议');
    if (!mayEdit(actor, facts)) {
      throw new InvalidTransitionError(
        EDITABLE.includes(before.state) ? '建议已提交，代表不能再修改' : `当前状态为“${stateLabel(before.state)}”，不能修改建议`,
      );
    }
    assertVersion(before, input.version);

    const sourceType = input.sourceType ?? before.sourceType;
    const sourceId = input.sourceId === undefined ? before.sourceId : input.sourceId || null;
    const sourceChanged = sourceType !== before.sourceType || sourceId !== before.sourceId;
    let newSourceId = before.sourceId;
    if (sourceChanged) {
      if (LINKED.includes(before.sourceType) || LINKED.includes(sourceType)) throw badField('body.sourceType', '接待事项或群众意见转来的建议不能更改来源');
      if (p.role === 'deputy' && !DEPUTY_SOURCES.includes(sourceType))
        throw badField('body.sourceType', '代表提出的建议来源只能是代表本人、走访选民或会议期间');
      newSourceId = (await checkSource(trx, p, townId, sourceType, sourceId)).id;
    }

    const oldLead = facts.leadDeputyId;
    const lead = input.leadDeputyId === undefined ? oldLead : input.leadDeputyId || null;
    if (p.role === 'deputy' && lead !== oldLead) throw badField('body.leadDeputyId', '代表不能更换领衔代表');
    if (sourceType === 'deputy' && !lead) throw badField('body.leadDeputyId', '代表提出的建议须有领衔代表');
    const sponsorsChanged = input.leadDeputyId !== undefined || input.coSponsorIds !== undefined;
    let sponsors = oldSponsors.map((s) => ({ deputyId: s.deputyId, role: s.role, name: s.name }));
    if (sponsorsChanged) {
      const co = input.coSponsorIds ?? oldSponsors.filter((s) => s.role === 'co' && s.deputyId !== lead).map((s) => s.deputyId);
      sponsors = await resolveSponsors(trx, townId, lead, co, new Set(oldSponsors.map((s) => s.deputyId)));
    }

    const category = input.category ?? before.category;
    if (input.category !== undefined && input.category !== before.category) {
      const settings = await loadSettings(trx, townId);
      if (!settings.categories.includes(category)) throw badField('body.category', `类别应为：${settings.categories.join('、')}`);
    }
    const villageId = input.villageId === undefined ? before.villageId : input.villageId || null;
    if (villageId !== before.villageId) await checkVillage(trx, townId, villageId);
    const sessionId = input.sessionId === undefined ? before.sessionId : input.sessionId || null;
    if (sessionId !== before.sessionId) await checkSession(trx, townId, sessionId);
    if (input.fileIds) {
      // A deputy may keep the attachments already on their draft, whoever uploaded them.
      const current = new Set((await attachmentsOf(trx, townId, id)).map((f) => f.id));
      await requireAttachableFiles({ ...ctx, db: trx }, input.fileIds, 'body.fileIds', current);
    }

    const after: SuggestionRow = {
      ...before,
      kind: input.kind ?? before.kind,
      title: input.title ?? before.title,
      content: input.content ?? before.content,
      grounds: input.grounds ?? before.grounds,
      proposal: input.proposal ?? before.proposal,
      category,
      villageId,
      sessionId,
      sourceType,
      sourceId: newSourceId,
      updatedAt: at,
    };
    after.searchText = textOf(
      after,
      sponsors.map((s) => s.name),
    );
    const { id: _id, townId: _t, version: _v, ...patch } = after;
    await updateSuggestionRow(trx, townId, id, input.version, patch);
    if (sponsorsChanged) await replaceSponsors(trx, townId, id, sponsors);
    if (input.fileIds) await replaceFiles(trx, townId, id, [...new Set(input.fileIds)]);
    await insertEvent(trx, townId, id, p, at, { type: 'update', fromState: before.state, toState: before.state, round: before.round });
    await recordAudit(trx, ctx, {
      entity: 'suggestion',
      entityId: id,
      action: 'update',
      summary: `修改建议 ${before.code} ${after.title}`,
      before: auditView(before, oldSponsors),
      after: auditView(after, sponsors),
    });
  });
  return getSuggestion(ctx, id, now);
}
