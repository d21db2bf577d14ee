import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { hashToken, newToken } from '../../http/access.plugin.ts';
import { NotFoundError, TooManyRequestsError, UnauthenticatedError, ValidationError } from '../../http/errors.ts';
import type { Ctx, Principal } from '../../http/principal.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../../lib/password.ts';
import { addMinutes, nowIso } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { sitsOnPresidium } from '../presidium-meetings/presidium-meetings.service.ts';
import { THROTTLE, accountThrottleKey, lockMessage, lockedFor } from './auth.rules.ts';
import { clearCounter, countAttempt, readCounter, refundAttempt } from './login-throttle.repo.ts';

// Verifying against a fixed hash when the user does not exist keeps the answer time the same,
// so timing does not tell which usernames exist.
let dummyHash: Promise<string> | null = null;

/**
 * The account a login name reaches: by username, else by phone. Account rules keep a username from
 * equalling another account's phone; if old data has both, the username wins.
 */
async function findLoginUser(db: Kysely<DB>, name: string) {
  const rows = await db
    .selectFrom('appUser')
    .selectAll()
    .where((eb) => eb.or([eb('username', '=', name), eb('phone', '=', name)]))
    .limit(2)
    .execute();
  return rows.find((r) => r.username === name) ?? rows[0];
}

export type LoginResult = { token: string; userId: string };

export async function login(
  deps: { db: Kysely<DB>; config: Config },
  input: { username: string; password: string; ip: string; userAgent: string; requestId: string; oldToken?: string },
): Promise<LoginResult> {
  const { db, config } = deps;
  const now = new Date();
  const user = await findLoginUser(db, input.username);
  // Keyed by the account, not by the name typed: username and phone share one allowance.
  const userKey = accountThrottleKey(user?.username ?? input.username);
  const ipKey = `ip:${input.ip}`;
  const [uc, ic] = await Promise.all([readCounter(db, userKey), readCounter(db, ipKey)]);
  const wait = Math.max(lockedFor(uc, now), lockedFor(ic, now));
  if (wait > 0) throw new TooManyRequestsError(lockMessage(wait), wait);

  // Count the attempt before checking the password: parallel guesses cannot all get in ahead of the count.
  const nu = await countAttempt(db, userKey, now, THROTTLE.maxPerAccount);
  const ni = await countAttempt(db, ipKey, now, THROTTLE.maxPerIp);
  if (nu.failures > THROTTLE.maxPerAccount || ni.failures > THROTTLE.maxPerIp) {
    const w = Math.max(lockedFor(nu, now), lockedFor(ni, now));
    throw new TooManyRequestsError(lockMessage(w), w);
  }

  dummyHash ??= hashPassword('timing-equaliser');
  let ok = false;
  if (user) ok = await verifyPassword(input.password, user.passwordHash);
  else await verifyPassword(input.password, await dummyHash);

  if (!ok || !user?.active) {
    // The attempt stays counted; reaching either limit with it locks now (429 rather than one more 401).
    const w = Math.max(lockedFor(nu, now), lockedFor(ni, now));
    if (w > 0) throw new TooManyRequestsError(lockMessage(w), w);
    const left = THROTTLE.maxPerAccount - nu.failures;
    throw new UnauthenticatedError(user && !user.active && ok ? '该账号已停用，请联系管理员' : `用户名或密码错误（再错 ${left} 次将锁定 ${THROTTLE.lockMinutes} 分钟）`);
  }

  // A county_admin starts in the first town of the county (by code); town users in their own.
  let townId = user.townId;
  if (user.role === 'county_admin') {
    const first = await db.selectFrom('town').select('id').where('countyId', '=', user.countyId).orderBy('code').executeTakeFirst();
    townId = first?.id ?? null;
  }

  const token = newToken();
  const ts = now.toISOString();
  await db.transaction().execute(async (trx) => {
    // A new session id at every login (no fixation): any session the browser came with is dropped.
    if (input.oldToken) await trx.deleteFrom('session').where('id', '=', hashToken(input.oldToken)).execute();
    await clearCounter(trx, userKey);
    await refundAttempt(trx, ipKey, THROTTLE.maxPerIp);
    await trx
      .insertInto('session')
      .values({
        id: hashToken(token),
        userId: user.id,
        townId,
        csrfToken: newToken(),
        createdAt: ts,
        lastSeenAt: ts,
        expiresAt: addMinutes(ts, config.sessionAbsoluteMinutes),
        ip: input.ip,
        userAgent: input.userAgent.slice(0, 300),
      })
      .execute();
    await trx.updateTable('appUser').set({ lastLoginAt: ts }).where('id', '=', user.id).execute();
    const principal: Principal = {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      countyId: user.countyId,
      townId,
      deputyId: user.deputyId,
      unitId: user.unitId,
      stationId: user.stationId,
      sessionId: '',
      csrfToken: '',
      mustChangePassword: user.mustChangePassword === 1,
    };
    await recordAudit(trx, { db: trx, principal, requestId: input.requestId, ip: input.ip }, {
      entity: 'user',
      entityId: user.id,
      action: 'login',
      summary: `登录：${user.displayName}`,
    });
  });
  return { token, userId: user.id };
}

export async function logout(ctx: Ctx): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('session').where('id', '=', ctx.principal.sessionId).execute();
    await recordAudit(trx, ctx, { entity: 'user', entityId: ctx.principal.userId, action: 'logout', summary: `退出：${ctx.principal.displayName}` });
  });
}

export async function me(ctx: Ctx) {
  const p = ctx.principal;
  const county = await ctx.db.selectFrom('county').select(['id', 'code', 'name']).where('id', '=', p.countyId).executeTakeFirstOrThrow();
  let townsQ = ctx.db.selectFrom('town').select(['id', 'code', 'name']).where('countyId', '=', p.countyId).orderBy('code');
  if (p.role !== 'county_admin') townsQ = townsQ.where('id', '=', p.townId ?? '');
  const towns = await townsQ.execute();
  // The web shows the presidium's pages to a deputy only with a seat (the API decides either way).
  const onPresidium = p.role === 'deputy' && p.townId !== null ? await sitsOnPresidium(ctx, p.townId) : false;
  return {
    user: {
      id: p.userId,
      username: p.username,
      displayName: p.displayName,
      role: p.role,
      deputyId: p.deputyId,
      unitId: p.unitId,
      stationId: p.stationId,
      mustChangePassword: p.mustChangePassword,
      onPresidium,
    },
    county,
    town: towns.find((t) => t.id === p.townId) ?? null,
    towns,
    csrfToken: p.csrfToken,
  };
}

export async function changePassword(ctx: Ctx, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const user = await ctx.db.selectFrom('appUser').select(['passwordHash']).where('id', '=', ctx.principal.userId).executeTakeFirstOrThrow();
  // Guessing the current password from an open session (a borrowed phone) is guessing a password:
  // it spends the same per-account allowance as the login, counted before the check.
  const now = new Date();
  const key = accountThrottleKey(ctx.principal.username);
  const wait = lockedFor(await readCounter(ctx.db, key), now);
  if (wait > 0) throw new TooManyRequestsError(lockMessage(wait), wait);
  const counted = await countAttempt(ctx.db, key, now, THROTTLE.maxPerAccount);
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    const w = lockedFor(counted, now);
    if (w > 0) throw new TooManyRequestsError(lockMessage(w), w);
    throw ValidationError.field('body.currentPassword', `当前密码不正确（再错 ${THROTTLE.maxPerAccount - counted.failures} 次将锁定 ${THROTTLE.lockMinutes} 分钟）`);
  }
  await refundAttempt(ctx.db, key, THROTTLE.maxPerAccount);
  const problem = passwordProblem(input.newPassword);
  if (problem) throw ValidationError.field('body.newPassword', problem);
  if (input.newPassword === input.currentPassword) throw ValidationError.field('body.newPassword', '新密码不能与当前密码相同');
  const hash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('appUser').set({ passwordHash: hash, mustChangePassword: 0, updatedAt: nowIso() }).where('id', '=', ctx.principal.userId).execute();
    // Other sessions of this user end: a changed password must lock out whoever knew the old one.
    await trx.deleteFrom('session').where('userId', '=', ctx.principal.userId).where('id', '!=', ctx.principal.sessionId).execute();
    await recordAudit(trx, ctx, { entity: 'user', entityId: ctx.principal.userId, action: 'change_password', summary: '修改本人密码' });
  });
}

export async function switchTown(ctx: Ctx, townId: string): Promise<void> {
  const town = await ctx.db.selectFrom('town').select(['id', 'name']).where('id', '=', townId).where('countyId', '=', ctx.principal.countyId).executeTakeFirst();
  if (!town) throw new NotFoundError('乡镇');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('session').set({ townId }).where('id', '=', ctx.principal.sessionId).execute();
    await recordAudit(trx, ctx, { entity: 'session', entityId: ctx.principal.userId, action: 'switch_town', summary: `切换到 ${town.name}`, townId });
  });
}
