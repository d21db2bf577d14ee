import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { DB } from '../server/db/schema.ts';
import { ValidationError } from '../server/http/errors.ts';
import type { Ctx } from '../server/http/principal.ts';
import { userByUsername } from '../server/modules/accounts/accounts.repo.ts';
import { UserInput } from '../server/modules/accounts/accounts.schemas.ts';
import { ROLE_LABELS, createUser, listUsersInScope, resetPassword } from '../server/modules/accounts/accounts.service.ts';
import { openCliDatabase } from './open-db.ts';

/**
 * The operator at the server's console acts with county-wide rights (they own the database anyway).
 * The audit log names the actor 'cli' so these writes are told apart from any person's.
 */
function operatorCtx(db: Kysely<DB>, countyId: string, townId: string | null): Ctx {
  return {
    db,
    requestId: 'cli',
    ip: '',
    principal: {
      userId: 'cli',
      username: 'cli',
      displayName: 'cli',
      role: 'county_admin',
      countyId,
      townId,
      deputyId: null,
      unitId: null,
      stationId: null,
      sessionId: '',
      csrfToken: '',
      mustChangePassword: false,
    },
  };
}

async function townByCode(db: Kysely<DB>, code: string) {
  const t = await db.selectFrom('town').select(['id', 'countyId', 'name']).where('code', '=', code).executeTakeFirst();
  if (!t) throw ValidationError.field('--town', `没有编码为 ${code} 的乡镇`);
  return t;
}

async function countyByCode(db: Kysely<DB>, code: string) {
  const c = await db.selectFrom('county').select(['id', 'name']).where('code', '=', code).executeTakeFirst();
  if (!c) throw ValidationError.field('--county', `没有编码为 ${code} 的县`);
  return c;
}

async function idByCode(db: Kysely<DB>, table: 'deputy' | 'handlingUnit' | 'station', townId: string, code: string, option: string): Promise<string> {
  const r = await db.selectFrom(table).select('id').where('townId', '=', townId).where('code', '=', code).executeTakeFirst();
  if (!r) throw ValidationError.field(option, `本乡镇没有编码为 ${code} 的记录`);
  return r.id;
}

export type CreateUserOptions = {
  town?: string;
  county?: string;
  role: string;
  username: string;
  password: string;
  displayName?: string;
  phone?: string;
  deputyCode?: string;
  unitCode?: string;
  stationCode?: string;
};

/**
 * `renda user create`: resolves the codes, then goes through the same schema and the same
 * createUser as POST /users, so every account rule (names, password policy, links) is the API's.
 */
export async function cliCreateUser(db: Kysely<DB>, o: CreateUserOptions) {
  let countyId: string;
  let townId: string | null = null;
  if (o.role === 'county_admin') {
    if (o.town || !o.county) throw ValidationError.field('--county', '县级管理员请用 --county 指定所属县（不用 --town）');
    countyId = (await countyByCode(db, o.county)).id;
  } else {
    if (o.county || !o.town) throw ValidationError.field('--town', '乡镇账号请用 --town 指定所属乡镇（不用 --county）');
    const town = await townByCode(db, o.town);
    countyId = town.countyId;
    townId = town.id;
  }
  const raw = {
    username: o.username,
    displayName: o.displayName ?? o.username,
    phone: o.phone,
    role: o.role,
    password: o.password,
    deputyId: townId && o.deputyCode ? await idByCode(db, 'deputy', townId, o.deputyCode, '--deputy-code') : undefined,
    unitId: townId && o.unitCode ? await idByCode(db, 'handlingUnit', townId, o.unitCode, '--unit-code') : undefined,
    stationId: townId && o.stationCode ? await idByCode(db, 'station', townId, o.stationCode, '--station-code') : undefined,
  };
  const parsed = UserInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw ValidationError.field(`body.${issue.path.join('.')}`, issue.message);
  }
  return createUser(operatorCtx(db, countyId, townId), parsed.data);
}

/** `renda user list --town CODE` (the town's accounts) or `--county CODE` (the county admins). */
export async function cliListUsers(db: Kysely<DB>, o: { town?: string; county?: string }) {
  let scope: { countyId: string; townId: string | null; withCountyAdmins: boolean };
  if (o.town) {
    const town = await townByCode(db, o.town);
    scope = { countyId: town.countyId, townId: town.id, withCountyAdmins: false };
  } else if (o.county) {
    scope = { countyId: (await countyByCode(db, o.county)).id, townId: null, withCountyAdmins: true };
  } else {
    throw ValidationError.field('--town', '请用 --town 或 --county 指定范围');
  }
  const all = [];
  for (let page = 1; ; page++) {
    const res = await listUsersInScope(db, scope, { page, pageSize: 200 });
    all.push(...res.items);
    if (all.length >= res.total || res.items.length === 0) return all;
  }
}

/** `renda user reset-password`: same policy and effects as the admin's reset (must change, sessions end). */
export async function cliResetPassword(db: Kysely<DB>, o: { username: string; password: string }): Promise<void> {
  const user = await userByUsername(db, o.username);
  if (!user) throw ValidationError.field('--username', `没有用户名为 ${o.username} 的账号`);
  await resetPassword(operatorCtx(db, user.countyId, user.townId), user.id, o.password);
}

async function withDb<T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  const database = await openCliDatabase();
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('账号管理 manage accounts');

  user
    .command('create')
    .description('新增账号 create an account')
    .option('--town <code>', '所属乡镇编码 town code (town roles)')
    .option('--county <code>', '所属县编码 county code (county_admin only)')
    .requiredOption('--role <role>', 'county_admin | town_admin | liaison | deputy | handler')
    .requiredOption('--username <name>', '用户名 3–32 位字母数字 _ . -，或手机号')
    .requiredOption('--password <password>', '初始密码 initial password (>= 8, two kinds of characters)')
    .option('--display-name <name>', '姓名 display name (default: the username)')
    .option('--phone <mobile>', '手机号 mobile number (also a login name)')
    .option('--deputy-code <code>', '关联代表编码 (role deputy)')
    .option('--unit-code <code>', '承办单位编码 (role handler)')
    .option('--station-code <code>', '联络站编码 (role liaison)')
    .action(async (o: CreateUserOptions) => {
      const u = await withDb((db) => cliCreateUser(db, o));
      console.log(`已创建账号 created: ${u.username}（${ROLE_LABELS[u.role]}）`);
    });

  user
    .command('list')
    .description('列出账号 list accounts of a town (or the county admins with --county)')
    .option('--town <code>', '乡镇编码 town code')
    .option('--county <code>', '县编码 county code: lists the county admins')
    .action(async (o: { town?: string; county?: string }) => {
      const rows = await withDb((db) => cliListUsers(db, o));
      for (const u of rows) {
        const state = u.active ? '' : ' [停用 disabled]';
        console.log(`${u.username.padEnd(24)} ${u.role.padEnd(13)} ${u.displayName}${u.phone ? `  ${u.phone}` : ''}${state}`);
      }
      console.log(`共 ${rows.length} 个账号 (${rows.length} accounts)`);
    });

  user
    .command('reset-password')
    .description('重置密码 set a new password; the user must change it at next login')
    .requiredOption('--username <name>', '用户名 username')
    .requiredOption('--password <password>', '新密码 new password')
    .action(async (o: { username: string; password: string }) => {
      await withDb((db) => cliResetPassword(db, o));
      console.log(`已重置 ${o.username} 的密码，下次登录须修改 (password reset; must change at next login)`);
    });
}
