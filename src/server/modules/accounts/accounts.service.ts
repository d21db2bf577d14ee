import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB, Role } from '../../db/schema.ts';
import { assertVersion, updateVersioned } from '../../db/versioned.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { hashPassword, passwordProblem } from '../../lib/password.ts';
import { nowIso } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { fieldConflict } from '../regions/field-conflict.ts';
import {
  type UserRow,
  type UserScope,
  type UserView,
  accountOfDeputy,
  deputyInTown,
  endSessionsOf,
  findUser,
  findUserView,
  listUsers,
  loginNameTaken,
  stationInTown,
  unitInTown,
} from './accounts.repo.ts';
import { type Links, linksForRole, mayGrantRole, selfChangeProblem } from './accounts.rules.ts';
import type { UserInput, UserQuery, UserUpdate } from './accounts.schemas.ts';

export const ROLE_LABELS: Record<Role, string> = {
  county_admin: '县级管理员',
  town_admin: '乡镇管理员',
  liaison: '联络员',
  deputy: '代表',
  handler: '承办单位人员',
};

/** The accounts a caller manages: their town's, and for a county_admin also the county's admins. */
export function scopeOf(ctx: Ctx): UserScope {
  const p = ctx.principal;
  if (p.role === 'county_admin') return { countyId: p.countyId, townId: p.townId, withCountyAdmins: true };
  return { countyId: p.countyId, townId: townOf(ctx), withCountyAdmins: false };
}

export function presentUser(v: UserView) {
  return { ...v, active: v.active === 1, mustChangePassword: v.mustChangePassword === 1 };
}

function auditView(r: Pick<UserRow, 'username' | 'displayName' | 'phone' | 'role' | 'townId' | 'deputyId' | 'unitId' | 'stationId' | 'active'>) {
  return {
    username: r.username,
    displayName: r.displayName,
    phone: r.phone,
    role: r.role,
    townId: r.townId,
    deputyId: r.deputyId,
    unitId: r.unitId,
    stationId: r.stationId,
    active: r.active === 1,
  };
}

export async function listUsersInScope(db: Kysely<DB>, scope: UserScope, q: z.infer<typeof UserQuery>) {
  const { rows, total } = await listUsers(db, scope, { q: q.q, role: q.role, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map(presentUser), total, page: q.page, pageSize: q.pageSize };
}

export function listUsersUseCase(ctx: Ctx, q: z.infer<typeof UserQuery>) {
  return listUsersInScope(ctx.db, scopeOf(ctx), q);
}

export async function getUser(ctx: Ctx, id: string) {
  const v = await findUserView(ctx.db, scopeOf(ctx), id);
  if (!v) throw new NotFoundError('账号');
  return presentUser(v);
}

/** The role's link must be given; the others are dropped (see linksForRole). */
function requiredLinks(role: Role, links: Links): Links {
  const r = linksForRole(role, links);
  if (!r.ok) throw ValidationError.field(`body.${r.missing}`, `角色为${ROLE_LABELS[role]}时必填`);
  return r.links;
}

/** The linked deputy, unit or station must be of the account's town; a deputy has one account. */
async function assertLinks(db: Kysely<DB>, townId: string | null, links: Links, exceptUserId?: string): Promise<void> {
  if (townId === null) return;
  if (links.deputyId) {
    if (!(await deputyInTown(db, townId, links.deputyId))) throw ValidationError.field('body.deputyId', '本乡镇没有该代表');
    const other = await accountOfDeputy(db, townId, links.deputyId, exceptUserId);
    if (other) throw fieldConflict('body.deputyId', `该代表已有账号 ${other.username}`);
  }
  if (links.unitId && !(await unitInTown(db, townId, links.unitId))) throw ValidationError.field('body.unitId', '本乡镇没有该承办单位');
  if (links.stationId && !(await stationInTown(db, townId, links.stationId))) throw ValidationError.field('body.stationId', '本乡镇没有该联络站');
}

async function assertLoginNameFree(db: Kysely<DB>, field: 'username' | 'phone', value: string, exceptUserId?: string): Promise<void> {
  if (await loginNameTaken(db, value, exceptUserId)) throw fieldConflict(`body.${field}`, `“${value}” 已被其他账号使用`);
}

function passwordRule(field: string, password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw ValidationError.field(field, problem);
}

/**
 * Create an account. The one place the account rules live: the API and `renda user create` both
 * come here. A county_admin account belongs to the county (no town); every other account to the
 * caller's current town.
 */
export async function createUser(ctx: Ctx, input: z.infer<typeof UserInput>) {
  if (!mayGrantRole(ctx.principal.role, input.role)) throw new ForbiddenError('乡镇管理员不能创建县级管理员账号');
  const townId = input.role === 'county_admin' ? null : townOf(ctx);
  passwordRule('body.password', input.password);
  const links = requiredLinks(input.role, { deputyId: input.deputyId ?? null, unitId: input.unitId ?? null, stationId: input.stationId ?? null });
  const phone = input.phone || null;
  const passwordHash = await hashPassword(input.password);
  const id = await ctx.db.transaction().execute(async (trx) => {
    await assertLoginNameFree(trx, 'username', input.username);
    if (phone) await assertLoginNameFree(trx, 'phone', phone);
    await assertLinks(trx, townId, links);
    const ts = nowIso();
    const row: UserRow = {
      id: newId(),
      countyId: ctx.principal.countyId,
      townId,
      email: null,
      username: input.username,
      displayName: input.displayName,
      phone,
      role: input.role,
      ...links,
      passwordHash,
      active: 1,
      // The admin chose this password and knows it: the owner replaces it at first login, as after a reset.
      mustChangePassword: 1,
      lastLoginAt: null,
      version: 1,
      createdAt: ts,
      updatedAt: ts,
    };
    await trx.insertInto('appUser').values(row).execute();
    await recordAudit(trx, ctx, {
      entity: 'user',
      entityId: row.id,
      action: 'create',
      summary: `新增账号 ${row.username}（${ROLE_LABELS[row.role]}）`,
      after: auditView(row),
      townId: townId ?? undefined,
    });
    return row.id;
  });
  return getUser(ctx, id);
}

export async function updateUser(ctx: Ctx, id: string, input: z.infer<typeof UserUpdate>) {
  const scope = scopeOf(ctx);
  const actor = ctx.principal;
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findUser(trx, scope, id);
    if (!before) throw new NotFoundError('账号');
    assertVersion(before, input.version);
    const role = input.role ?? before.role;
    if (role !== before.role && !mayGrantRole(actor.role, role)) throw new ForbiddenError('乡镇管理员不能授予县级管理员角色');
    const self = selfChangeProblem(actor.userId === id, { role: input.role, active: input.active }, before);
    if (self) throw ValidationError.field(self.field, self.message);

    // A county_admin account that becomes a town role joins the town the county_admin is working in.
    const townId = role === 'county_admin' ? null : (before.townId ?? townOf(ctx));
    const pick = (k: keyof Links) => (input[k] === undefined ? before[k] : input[k] || null);
    const links = requiredLinks(role, { deputyId: pick('deputyId'), unitId: pick('unitId'), stationId: pick('stationId') });
    await assertLinks(trx, townId, links, id);
    const phone = input.phone === undefined ? before.phone : input.phone || null;
    if (phone && phone !== before.phone) await assertLoginNameFree(trx, 'phone', phone, id);

    const after: UserRow = {
      ...before,
      displayName: input.displayName ?? before.displayName,
      phone,
      role,
      townId,
      ...links,
      active: input.active === undefined ? before.active : input.active ? 1 : 0,
      version: before.version + 1,
      updatedAt: nowIso(),
    };
    await updateVersioned(trx, 'appUser', { countyId: scope.countyId }, id, input.version, {
      displayName: after.displayName,
      phone: after.phone,
      role: after.role,
      townId: after.townId,
      deputyId: after.deputyId,
      unitId: after.unitId,
      stationId: after.stationId,
      active: after.active,
      updatedAt: after.updatedAt,
    });
    // A disabled account's sessions are already refused; deleting them keeps them dead if it is re-enabled.
    if (after.active === 0 && before.active === 1) await endSessionsOf(trx, id);
    await recordAudit(trx, ctx, {
      entity: 'user',
      entityId: id,
      action: after.active === 0 && before.active === 1 ? 'deactivate' : 'update',
      summary: `修改账号 ${after.username}`,
      before: auditView(before),
      after: auditView(after),
      townId: after.townId ?? before.townId ?? undefined,
    });
  });
  return getUser(ctx, id);
}

/**
 * An admin sets a new password for someone who forgot theirs: the user must change it at next
 * login, and every session of theirs ends. The audit event carries no password, not even hashed.
 */
export async function resetPassword(ctx: Ctx, id: string, newPassword: string): Promise<void> {
  // Resetting skips the current password; for one's own account that would let a borrowed session
  // take the account over, so the owner goes through /auth/password instead.
  if (id === ctx.principal.userId) throw new ForbiddenError('请通过“修改密码”修改本人密码');
  passwordRule('body.newPassword', newPassword);
  const scope = scopeOf(ctx);
  const user = await findUser(ctx.db, scope, id);
  if (!user) throw new NotFoundError('账号');
  const passwordHash = await hashPassword(newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('appUser').set({ passwordHash, mustChangePassword: 1, updatedAt: nowIso() }).where('id', '=', id).execute();
    await endSessionsOf(trx, id);
    await recordAudit(trx, ctx, {
      entity: 'user',
      entityId: id,
      action: 'reset_password',
      summary: `重置账号 ${user.username} 的密码`,
      townId: user.townId ?? undefined,
    });
  });
}
