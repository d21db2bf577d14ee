import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { MotionStatus, ProposerType } from '../../db/tables/sessions.ts';
import { lockTownCodes, retryOnUniqueViolation } from '../../db/unique.ts';
import { assertVersion } from '../../db/versioned.ts';
import { InvalidTransitionError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { ADMINS, type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { todayInChina } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { loadSettings } from '../suggestions/settings.repo.ts';
import { insertSuggestion } from '../suggestions/suggestions.service.ts';
import {
  type MotionRow,
  type PoolDeputy,
  findMotion,
  itemsOf,
  listMotionRows,
  nextItemSeq,
  nextMotionNumber,
  replaceMotionSponsors,
  sponsorPool,
  sponsorsOf,
  suggestionsOf,
  updateMotionRow,
} from './motions.repo.ts';
import type { MotionDecideInput, MotionInput, MotionUpdate, MotionWithdrawInput } from './motions.schemas.ts';
import { type SessionHead, assertNotClosed, loadSession, lockSession } from './session-state.ts';
import { MOTION_MIN_SPONSORS, type MotionAction, motionActions, motionSponsorsOk, motionTransition } from './sessions.rules.ts';

/*
 * Motions (议案) of a congress session: registered by staff (by 5+ deputies jointly, by the presidium or
 * by the government), decided by the presidium (on the agenda, handled as a suggestion, not accepted),
 * withdrawn before the vote. The vote itself is in votes.service.ts, which moves an agenda motion to
 * passed / failed.
 */

const PROPOSER_LABEL: Record<ProposerType, string> = { deputies: '代表联名', presidium: '主席团', government: '镇人民政府' };
const STATUS_LABEL: Record<MotionStatus, string> = {
  submitted: '已提出',
  on_agenda: '列入议程',
  to_suggestion: '作为建议处理',
  not_accepted: '不予列入',
  withdrawn: '已撤回',
  passed: '已通过',
  failed: '未通过',
};

function canManage(ctx: Ctx, s: SessionHead): boolean {
  return ADMINS.includes(ctx.principal.role) && s.status !== 'closed';
}

type PageAction = 'edit' | Exclude<MotionAction, 'record_result'>;

/** The buttons of a motion: edit while submitted, then the transitions the rules allow (a result comes from a vote). */
function pageActions(status: MotionStatus): PageAction[] {
  const out: PageAction[] = status === 'submitted' ? ['edit'] : [];
  for (const a of motionActions(status)) if (a !== 'record_result') out.push(a);
  return out;
}

type Sponsors = { deputyId: string; role: 'lead' | 'co'; name: string }[];

/**
 * The sponsors named: for a motion by deputies the lead and the co-sponsors, distinct, all on the session's
 * roll (or in office when no roll is taken), together at least 5 (Art.22); none for the presidium or the
 * government.
 */
function checkSponsors(proposer: ProposerType, lead: string | null, coIds: readonly string[], pool: readonly PoolDeputy[]): Sponsors {
  if (proposer !== 'deputies') {
    if (lead) throw ValidationError.field('body.leadDeputyId', `${PROPOSER_LABEL[proposer]}提出的议案不需要代表领衔`);
    if (coIds.length) throw ValidationError.field('body.coSponsorIds', `${PROPOSER_LABEL[proposer]}提出的议案不需要代表联名`);
    return [];
  }
  if (!lead) throw ValidationError.field('body.leadDeputyId', '代表联名提出的议案须有领衔代表');
  const co = [...new Set(coIds)];
  if (co.length !== coIds.length) throw ValidationError.field('body.coSponsorIds', '附议代表有重复');
  if (co.includes(lead)) throw ValidationError.field('body.coSponsorIds', '领衔代表不必再列为附议代表');
  const byId = new Map(pool.map((d) => [d.deputyId, d]));
  const leadD = byId.get(lead);
  if (!leadD) throw ValidationError.field('body.leadDeputyId', '领衔代表不是本次会议的代表');
  const out: Sponsors = [{ deputyId: lead, role: 'lead', name: leadD.name }];
  for (const id of co) {
    const d = byId.get(id);
    if (!d) throw ValidationError.field('body.coSponsorIds', '附议代表中有人不是本次会议的代表');
    out.push({ deputyId: id, role: 'co', name: d.name });
  }
  if (!motionSponsorsOk(proposer, out.length)) {
    throw ValidationError.field('body.coSponsorIds', `议案须由 ${MOTION_MIN_SPONSORS} 名以上代表联名（现有 ${out.length} 名，含领衔代表）`);
  }
  return out;
}

function auditView(
  m: Pick<MotionRow, 'number' | 'proposerType' | 'subject' | 'status' | 'decisionReason'>,
  sponsors?: readonly { name: string; role: string }[],
) {
  return {
    number: m.number,
    proposerType: PROPOSER_LABEL[m.proposerType],
    subject: m.subject,
    status: STATUS_LABEL[m.status],
    decisionReason: m.decisionReason,
    ...(sponsors ? { sponsors: sponsors.map((s) => `${s.name}${s.role === 'lead' ? '（领衔）' : ''}`).join('、') } : {}),
  };
}

async function present(db: Kysely<DB>, ctx: Ctx, townId: string, s: SessionHead, rows: readonly MotionRow[]) {
  const ids = rows.map((r) => r.id);
  const [sponsors, items, suggestions] = await Promise.all([
    sponsorsOf(db, townId, ids),
    itemsOf(
      db,
      townId,
      rows.flatMap((r) => (r.itemId ? [r.itemId] : [])),
    ),
    suggestionsOf(
      db,
      townId,
      rows.flatMap((r) => (r.suggestionId ? [r.suggestionId] : [])),
    ),
  ]);
  const manage = canManage(ctx, s);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    proposerType: r.proposerType,
    subject: r.subject,
    grounds: r.grounds,
    solution: r.solution,
    submittedOn: r.submittedOn,
    status: r.status,
    decisionReason: r.decisionReason,
    decidedAt: r.decidedAt,
    sponsors: (sponsors.get(r.id) ?? []).map(({ motionId: _m, ...sp }) => sp),
    item: r.itemId ? (items.get(r.itemId) ?? null) : null,
    suggestion: r.suggestionId ? (suggestions.get(r.suggestionId) ?? null) : null,
    actions: manage ? pageActions(r.status) : [],
    version: r.version,
  }));
}

export async function listMotions(ctx: Ctx, sessionId: string) {
  const townId = townOf(ctx);
  const s = await loadSession(ctx.db, townId, sessionId);
  const rows = await listMotionRows(ctx.db, townId, s.id);
  return { items: await present(ctx.db, ctx, townId, s, rows), sponsorPool: await sponsorPool(ctx.db, townId, s), minSponsors: MOTION_MIN_SPONSORS };
}

async function getMotion(ctx: Ctx, s: SessionHead, id: string) {
  const townId = townOf(ctx);
  const row = await findMotion(ctx.db, townId, s.id, id);
  if (!row) throw new NotFoundError('议案');
  return (await present(ctx.db, ctx, townId, s, [row]))[0];
}

export async function createMotion(ctx: Ctx, sessionId: string, input: z.infer<typeof MotionInput>, now = new Date()) {
  const townId = townOf(ctx);
  const at = now.toISOString();
  const { s, id } = await retryOnUniqueViolation(() =>
    ctx.db.transaction().execute(async (trx) => {
      await lockTownCodes(trx, townId);
      const s = await lockSession(trx, townId, sessionId);
      assertNotClosed(s);
      const pool = await sponsorPool(trx, townId, s);
      const sponsors = checkSponsors(input.proposerType, input.leadDeputyId ?? null, input.coSponsorIds ?? [], pool);
      const row: MotionRow = {
        id: newId(),
        townId,
        sessionId: s.id,
        number: await nextMotionNumber(trx, townId, s.id),
        proposerType: input.proposerType,
        subject: input.subject,
        grounds: input.grounds ?? '',
        solution: input.solution ?? '',
        submittedOn: input.submittedOn ?? todayInChina(now),
        status: 'submitted',
        decisionReason: '',
        decidedAt: null,
        itemId: null,
        suggestionId: null,
        version: 1,
        createdBy: ctx.principal.userId,
        createdAt: at,
        updatedAt: at,
      };
      await trx.insertInto('motion').values(row).execute();
      await replaceMotionSponsors(trx, townId, row.id, sponsors);
      await recordAudit(trx, ctx, {
        entity: 'motion',
        entityId: row.id,
        action: 'create',
        summary: `${s.shortName}会议登记第 ${row.number} 号议案 ${row.subject}`,
        after: auditView(row, sponsors),
      });
      return { s, id: row.id };
    }),
  );
  return getMotion(ctx, s, id);
}

export async function updateMotion(ctx: Ctx, sessionId: string, id: string, input: z.infer<typeof MotionUpdate>, now = new Date()) {
  const townId = townOf(ctx);
  const at = now.toISOString();
  const s = await ctx.db.transaction().execute(async (trx) => {
    const s = await lockSession(trx, townId, sessionId);
    assertNotClosed(s);
    const before = await findMotion(trx, townId, s.id, id);
    if (!before) throw new NotFoundError('议案');
    if (before.status !== 'submitted') throw new InvalidTransitionError(`议案${STATUS_LABEL[before.status]}，不能再修改`);
    assertVersion(before, input.version);
    const old = (await sponsorsOf(trx, townId, [id])).get(id) ?? [];
    const proposerType = input.proposerType ?? before.proposerType;
    const sponsorsChanged = input.proposerType !== undefined || input.leadDeputyId !== undefined || input.coSponsorIds !== undefined;
    let sponsors = old.map((o) => ({ deputyId: o.deputyId, role: o.role, name: o.name }));
    if (sponsorsChanged) {
      const keepOld = proposerType === 'deputies';
      const lead = input.leadDeputyId === undefined ? (keepOld ? (old.find((o) => o.role === 'lead')?.deputyId ?? null) : null) : input.leadDeputyId || null;
      const co = input.coSponsorIds ?? (keepOld ? old.filter((o) => o.role === 'co' && o.deputyId !== lead).map((o) => o.deputyId) : []);
      sponsors = checkSponsors(proposerType, lead, co, await sponsorPool(trx, townId, s));
    }
    const after: MotionRow = {
      ...before,
      proposerType,
      subject: input.subject ?? before.subject,
      grounds: input.grounds ?? before.grounds,
      solution: input.solution ?? before.solution,
      submittedOn: input.submittedOn ?? before.submittedOn,
      updatedAt: at,
    };
    const { id: _i, townId: _t, sessionId: _s, version: _v, ...patch } = after;
    await updateMotionRow(trx, townId, id, input.version, patch);
    if (sponsorsChanged) await replaceMotionSponsors(trx, townId, id, sponsors);
    await recordAudit(trx, ctx, {
      entity: 'motion',
      entityId: id,
      action: 'update',
      summary: `修改第 ${before.number} 号议案 ${after.subject}`,
      before: auditView(before, old),
      after: auditView(after, sponsors),
    });
    return s;
  });
  return getMotion(ctx, s, id);
}

/** Load the motion for a decision or withdrawal: session open or preparing, motion in the town, version as seen. */
async function loadForAction(trx: Kysely<DB>, townId: string, sessionId: string, id: string, version: number) {
  const s = await lockSession(trx, townId, sessionId);
  assertNotClosed(s);
  const row = await findMotion(trx, townId, s.id, id);
  if (!row) throw new NotFoundError('议案');
  assertVersion(row, version);
  return { s, row };
}

const DECISION_LABEL = { put_on_agenda: '列入会议议程', to_suggestion: '作为建议处理', not_accept: '不予列入议程' } as const;

/**
 * The presidium's decision on a submitted motion. On the agenda: a `motion` item appended after the last
 * one. As a suggestion: a suggestion (source 会议期间, this session, the motion's sponsors) created and
 * submitted in this same transaction. Not accepted: with the reason.
 */
export async function decideMotion(ctx: Ctx, sessionId: string, id: string, input: z.infer<typeof MotionDecideInput>, now = new Date()) {
  const townId = townOf(ctx);
  const at = now.toISOString();
  const reason = input.reason ?? '';
  if (input.decision === 'not_accept' && !reason) throw ValidationError.field('body.reason', '不予列入议程须说明理由');
  const s = await retryOnUniqueViolation(() =>
    ctx.db.transaction().execute(async (trx) => {
      await lockTownCodes(trx, townId);
      const { s, row } = await loadForAction(trx, townId, sessionId, id, input.version);
      const to = motionTransition(row.status, input.decision);
      if (!to) throw new InvalidTransitionError(`议案${STATUS_LABEL[row.status]}，不能${DECISION_LABEL[input.decision]}`);
      const sponsors = (await sponsorsOf(trx, townId, [id])).get(id) ?? [];
      let itemId: string | null = null;
      let suggestionId: string | null = null;
      if (input.decision === 'put_on_agenda') {
        const lead = sponsors.find((sp) => sp.role === 'lead');
        const item = {
          id: newId(),
          townId,
          sessionId: s.id,
          seq: await nextItemSeq(trx, townId, s.id),
          kind: 'motion' as const,
          title: row.subject,
          presenter: row.proposerType === 'deputies' ? (lead?.name ?? '') : PROPOSER_LABEL[row.proposerType],
          createdAt: at,
          updatedAt: at,
        };
        await trx.insertInto('sessionItem').values(item).execute();
        itemId = item.id;
      } else if (input.decision === 'to_suggestion') {
        const settings = await loadSettings(trx, townId);
        const category = input.category || (settings.categories.includes('其他') ? '其他' : settings.categories[0]);
        suggestionId = await insertSuggestion(
          trx,
          ctx,
          {
            kind: 'suggestion',
            title: row.subject,
            content: [row.grounds, row.solution].filter(Boolean).join('\n\n') || row.subject,
            category,
            sourceType: 'session',
            sessionId: s.id,
            leadDeputyId: sponsors.find((sp) => sp.role === 'lead')?.deputyId ?? null,
            coSponsorIds: sponsors.filter((sp) => sp.role === 'co').map((sp) => sp.deputyId),
            submit: true,
          },
          now,
        );
      }
      const after: MotionRow = { ...row, status: to, decisionReason: reason, decidedAt: at, itemId: itemId ?? row.itemId, suggestionId, updatedAt: at };
      await updateMotionRow(trx, townId, id, row.version, {
        status: to,
        decisionReason: reason,
        decidedAt: at,
        itemId: after.itemId,
        suggestionId,
        updatedAt: at,
      });
      await recordAudit(trx, ctx, {
        entity: 'motion',
        entityId: id,
        action: input.decision,
        summary: `第 ${row.number} 号议案${DECISION_LABEL[input.decision]}：${row.subject}`,
        before: auditView(row),
        after: auditView(after),
      });
      return s;
    }),
  );
  return getMotion(ctx, s, id);
}

/** Withdrawn by its proposer before the vote (a tie still allows it; a result does not). */
export async function withdrawMotion(ctx: Ctx, sessionId: string, id: string, input: z.infer<typeof MotionWithdrawInput>, now = new Date()) {
  const townId = townOf(ctx);
  const at = now.toISOString();
  const s = await ctx.db.transaction().execute(async (trx) => {
    const { s, row } = await loadForAction(trx, townId, sessionId, id, input.version);
    const to = motionTransition(row.status, 'withdraw');
    if (!to) throw new InvalidTransitionError(`议案${STATUS_LABEL[row.status]}，不能撤回（议案只能在表决前撤回）`);
    const after: MotionRow = { ...row, status: to, decisionReason: input.reason, decidedAt: at, updatedAt: at };
    await updateMotionRow(trx, townId, id, row.version, { status: to, decisionReason: input.reason, decidedAt: at, updatedAt: at });
    await recordAudit(trx, ctx, {
      entity: 'motion',
      entityId: id,
      action: 'withdraw',
      summary: `第 ${row.number} 号议案撤回：${row.subject}`,
      before: auditView(row),
      after: auditView(after),
    });
    return s;
  });
  return getMotion(ctx, s, id);
}
