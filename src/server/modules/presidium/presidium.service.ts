import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { currentTermOf } from '../regions/terms.service.ts';
import {
  type MemberRow,
  currentChair,
  deputiesIn,
  findMember,
  findTerm,
  liaisonsOf,
  liaisonsTakenElsewhere,
  memberOfDeputy,
  membersOfTerm,
  replaceLiaisons,
} from './presidium.repo.ts';
import { POSITION_LABEL, comparePresidiumMembers, datesProblem, isCurrentChair } from './presidium.rules.ts';
import type { PresidiumLiaisonsInput, PresidiumMemberInput, PresidiumMemberUpdate, PresidiumQuery } from './presidium.schemas.ts';

type Liaison = { id: string; name: string; code: string };

function present(m: MemberRow, liaisons: Liaison[] | undefined) {
  return {
    id: m.id,
    deputyId: m.deputyId,
    deputyName: m.deputyName,
    position: m.position,
    startDate: m.startDate,
    endDate: m.endDate,
    sortOrder: m.sortOrder,
    liaisonDeputies: (liaisons ?? []).map((d) => ({ id: d.id, name: d.name })),
  };
}

function auditView(m: MemberRow) {
  return { deputy: m.deputyName, position: m.position, startDate: m.startDate, endDate: m.endDate, sortOrder: m.sortOrder };
}

/**
 * The presidium of a term, members in order, with their 包联 deputies. By default the current term, by
 * the rule the terms list uses: a term entered ahead of its start is not current yet.
 */
export async function getPresidium(ctx: Ctx, q: z.infer<typeof PresidiumQuery>) {
  const townId = townOf(ctx);
  let termId: string | null;
  if (q.termId) {
    const term = await findTerm(ctx.db, townId, q.termId);
    if (!term) throw new NotFoundError('届次');
    termId = term.id;
  } else {
    termId = await currentTermOf(ctx.db, townId);
  }
  if (!termId) return { termId: null, members: [] };
  const rows = await membersOfTerm(ctx.db, townId, termId);
  const liaisons = await liaisonsOf(
    ctx.db,
    townId,
    rows.map((m) => m.id),
  );
  return { termId, members: [...rows].sort(comparePresidiumMembers).map((m) => present(m, liaisons.get(m.id))) };
}

async function getMember(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  const m = await findMember(ctx.db, townId, id);
  if (!m) throw new NotFoundError('主席团成员');
  const liaisons = await liaisonsOf(ctx.db, townId, [id]);
  return present(m, liaisons.get(id));
}

/** At most one current chair per term: refuse, naming the chair who holds the post. */
async function assertNoOtherChair(db: Kysely<DB>, townId: string, m: MemberRow): Promise<void> {
  if (!isCurrentChair(m)) return;
  const other = await currentChair(db, townId, m.termId, m.id);
  if (other) {
    const message = `本届已有现任主席 ${other.deputyName}，请先填写其任职结束日期`;
    throw new ConflictError(message, { issues: [{ field: 'body.position', message }] });
  }
}

export async function createMember(ctx: Ctx, input: z.infer<typeof PresidiumMemberInput>) {
  const townId = townOf(ctx);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const term = await findTerm(trx, townId, input.termId);
    if (!term) throw ValidationError.field('body.termId', '届次不存在或不属于本镇');
    const [deputy] = await deputiesIn(trx, townId, [input.deputyId]);
    if (!deputy) throw ValidationError.field('body.deputyId', '所选代表不存在或不属于本镇');
    if (deputy.termId !== term.id) throw ValidationError.field('body.deputyId', `${deputy.name} 不是第${term.number}届代表`);
    if (await memberOfDeputy(trx, townId, term.id, deputy.id)) {
      const message = `${deputy.name} 已是本届主席团成员`;
      throw new ConflictError(message, { issues: [{ field: 'body.deputyId', message }] });
    }
    const m: MemberRow = {
      id: newId(),
      termId: term.id,
      deputyId: deputy.id,
      deputyName: deputy.name,
      position: input.position,
      startDate: input.startDate,
      endDate: null,
      sortOrder: input.sortOrder ?? 0,
    };
    await assertNoOtherChair(trx, townId, m);
    const { deputyName: _n, ...row } = m;
    await trx
      .insertInto('presidiumMember')
      .values({ ...row, townId })
      .execute();
    await recordAudit(trx, ctx, {
      entity: 'presidium_member',
      entityId: m.id,
      action: 'create',
      summary: `新增主席团${POSITION_LABEL[m.position]} ${m.deputyName}`,
      after: auditView(m),
    });
    return m.id;
  });
  return getMember(ctx, id);
}

export async function updateMember(ctx: Ctx, id: string, input: z.infer<typeof PresidiumMemberUpdate>) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findMember(trx, townId, id);
    if (!before) throw new NotFoundError('主席团成员');
    const patch: { position?: MemberRow['position']; startDate?: string; endDate?: string | null; sortOrder?: number } = {};
    if (input.position !== undefined) patch.position = input.position;
    if (input.startDate !== undefined) patch.startDate = input.startDate;
    if (input.endDate !== undefined) patch.endDate = input.endDate;
    if (input.sortOrder !== undefined) patch.sortOrder = input.sortOrder;
    const after: MemberRow = { ...before, ...patch };
    const bad = datesProblem(after.startDate, after.endDate);
    if (bad) throw ValidationError.field(input.endDate !== undefined ? 'body.endDate' : 'body.startDate', bad);
    await assertNoOtherChair(trx, townId, after);
    if (Object.keys(patch).length) {
      await trx.updateTable('presidiumMember').set(patch).where('townId', '=', townId).where('id', '=', id).execute();
    }
    await recordAudit(trx, ctx, {
      entity: 'presidium_member',
      entityId: id,
      action: 'update',
      summary: `修改主席团成员 ${after.deputyName}`,
      before: auditView(before),
      after: auditView(after),
    });
  });
  return getMember(ctx, id);
}

/** 包联: the deputies of the same term this member keeps in touch with; a deputy has one such member per term. */
export async function setLiaisons(ctx: Ctx, id: string, input: z.infer<typeof PresidiumLiaisonsInput>) {
  const townId = townOf(ctx);
  const ids = [...new Set(input.deputyIds)];
  await ctx.db.transaction().execute(async (trx) => {
    const member = await findMember(trx, townId, id);
    if (!member) throw new NotFoundError('主席团成员');
    const found = await deputiesIn(trx, townId, ids);
    const byId = new Map(found.map((d) => [d.id, d]));
    const missing = ids.find((d) => !byId.has(d));
    if (missing) throw ValidationError.field('body.deputyIds', `代表 ${missing} 不存在或不属于本镇`);
    const otherTerm = found.find((d) => d.termId !== member.termId);
    if (otherTerm) throw ValidationError.field('body.deputyIds', `${otherTerm.name} 不是本届代表`);
    if (byId.has(member.deputyId)) throw ValidationError.field('body.deputyIds', `${member.deputyName} 不能联系自己`);
    const taken = await liaisonsTakenElsewhere(trx, townId, member.termId, id, ids);
    if (taken.length) {
      const t = taken[0];
      const message = `${t.deputyName} 已由主席团成员 ${t.memberName} 联系，一名代表在本届只能由一名主席团成员联系`;
      throw new ConflictError(message, { issues: [{ field: 'body.deputyIds', message }] });
    }
    const before = (await liaisonsOf(trx, townId, [id])).get(id) ?? [];
    await replaceLiaisons(trx, townId, id, ids);
    const label = (ds: { code: string; name: string }[]) => [...ds].sort((a, b) => a.code.localeCompare(b.code)).map((d) => `${d.code} ${d.name}`);
    await recordAudit(trx, ctx, {
      entity: 'presidium_member',
      entityId: id,
      action: 'set_liaisons',
      summary: `调整主席团成员 ${member.deputyName} 联系的代表（${ids.length} 名）`,
      before: { liaisonDeputies: label(before) },
      after: { liaisonDeputies: label(found) },
    });
  });
  return getMember(ctx, id);
}
