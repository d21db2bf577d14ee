import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { assertUniqueInTown } from '../../db/unique.ts';
import { assertVersion, updateVersioned } from '../../db/versioned.ts';
import { NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import {
  deputiesIn,
  findGroup,
  groupMembers,
  listGroupsWithStation,
  memberStats,
  nextGroupCode,
  replaceGroupMembers,
  stationOfTown,
  type GroupRow,
  type GroupWithStation,
} from './groups.repo.ts';
import { GROUP_ROLE_LABEL, compareMembers, memberIssues } from './groups.rules.ts';
import type { GroupInput, GroupMembersInput, GroupUpdate } from './groups.schemas.ts';

function presentSummary(g: GroupWithStation, s: { count: number; leaderName: string | null } | undefined) {
  return {
    id: g.id,
    code: g.code,
    name: g.name,
    stationId: g.stationId,
    stationName: g.stationName,
    memberCount: s?.count ?? 0,
    leaderName: s?.leaderName ?? null,
  };
}

/** The audit log keeps the station by name so that the entry reads on its own. */
function auditView(g: GroupRow, stationName: string | null) {
  return { code: g.code, name: g.name, station: stationName, description: g.description };
}

export async function listGroups(ctx: Ctx) {
  const townId = townOf(ctx);
  const [rows, stats] = await Promise.all([listGroupsWithStation(ctx.db, townId), memberStats(ctx.db, townId)]);
  return rows.map((g) => presentSummary(g, stats.get(g.id)));
}

export async function getGroup(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  const [g] = await listGroupsWithStation(ctx.db, townId, id);
  if (!g) throw new NotFoundError('代表小组');
  const [stats, members] = await Promise.all([memberStats(ctx.db, townId, id), groupMembers(ctx.db, townId, id)]);
  return {
    ...presentSummary(g, stats.get(id)),
    description: g.description,
    members: [...members].sort(compareMembers).map((m) => ({ deputyId: m.deputyId, name: m.name, role: m.role })),
    version: g.version,
  };
}

/** The station must be one of this town's; returns its name for the audit log. */
async function stationName(db: Kysely<DB>, townId: string, stationId: string | null | undefined): Promise<string | null> {
  if (!stationId) return null;
  const s = await stationOfTown(db, townId, stationId);
  if (!s) throw ValidationError.field('body.stationId', '所选联络站不存在或不属于本镇');
  return s.name;
}

export async function createGroup(ctx: Ctx, input: z.infer<typeof GroupInput>) {
  const townId = townOf(ctx);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const code = input.code || (await nextGroupCode(trx, townId));
    await assertUniqueInTown(trx, 'deputyGroup', townId, { code, name: input.name });
    const sName = await stationName(trx, townId, input.stationId);
    const ts = nowIso();
    const row: GroupRow = {
      id: newId(),
      townId,
      code,
      name: input.name,
      stationId: input.stationId ?? null,
      description: input.description ?? '',
      version: 1,
      createdAt: ts,
      updatedAt: ts,
    };
    await trx.insertInto('deputyGroup').values(row).execute();
    await recordAudit(trx, ctx, {
      entity: 'deputy_group',
      entityId: row.id,
      action: 'create',
      summary: `新增代表小组 ${row.name}`,
      after: auditView(row, sName),
    });
    return row.id;
  });
  return getGroup(ctx, id);
}

export async function updateGroup(ctx: Ctx, id: string, input: z.infer<typeof GroupUpdate>) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const [found] = await listGroupsWithStation(trx, townId, id);
    if (!found) throw new NotFoundError('代表小组');
    assertVersion(found, input.version);
    const { stationName: beforeStation, ...before } = found;
    const patch: Partial<GroupRow> = {};
    if (input.code !== undefined && input.code !== '') patch.code = input.code;
    if (input.name !== undefined) patch.name = input.name;
    if (input.stationId !== undefined) patch.stationId = input.stationId;
    if (input.description !== undefined) patch.description = input.description;
    await assertUniqueInTown(trx, 'deputyGroup', townId, { code: patch.code, name: patch.name }, id);
    const sName = patch.stationId === undefined ? beforeStation : await stationName(trx, townId, patch.stationId);
    const after: GroupRow = { ...before, ...patch, version: before.version + 1, updatedAt: nowIso() };
    await updateVersioned(trx, 'deputyGroup', { townId }, id, input.version, { ...patch, updatedAt: after.updatedAt });
    await recordAudit(trx, ctx, {
      entity: 'deputy_group',
      entityId: id,
      action: 'update',
      summary: `修改代表小组 ${after.name}`,
      before: auditView(before, beforeStation),
      after: auditView(after, sName),
    });
  });
  return getGroup(ctx, id);
}

export async function setGroupMembers(ctx: Ctx, id: string, input: z.infer<typeof GroupMembersInput>) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const group = await findGroup(trx, townId, id);
    if (!group) throw new NotFoundError('代表小组');
    const issues = memberIssues(input.members);
    if (issues.length) throw ValidationError.of(issues);
    const ids = input.members.map((m) => m.deputyId);
    const found = await deputiesIn(trx, townId, ids);
    const byId = new Map(found.map((d) => [d.id, d]));
    const bad = ids.findIndex((d) => !byId.has(d));
    if (bad >= 0) throw ValidationError.field(`body.members[${bad}].deputyId`, `代表 ${ids[bad]} 不存在或不属于本镇`);
    // The member list belongs to the group: changing it moves the group's version on (stale list → 409).
    await updateVersioned(trx, 'deputyGroup', { townId }, id, input.version, { updatedAt: nowIso() });
    const before = await groupMembers(trx, townId, id);
    await replaceGroupMembers(trx, townId, id, input.members);
    const label = (ms: { code: string; name: string; role: keyof typeof GROUP_ROLE_LABEL }[]) =>
      [...ms].sort(compareMembers).map((m) => `${m.code} ${m.name}（${GROUP_ROLE_LABEL[m.role]}）`);
    const after = input.members.map((m) => ({ ...(byId.get(m.deputyId) as { code: string; name: string }), role: m.role }));
    await recordAudit(trx, ctx, {
      entity: 'deputy_group',
      entityId: id,
      action: 'set_members',
      summary: `调整代表小组 ${group.name} 的成员（${after.length} 名）`,
      before: { members: label(before) },
      after: { members: label(after) },
    });
  });
  return getGroup(ctx, id);
}
